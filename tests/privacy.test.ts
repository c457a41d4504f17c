/**
 * P-CT-3: personal data (phone numbers, id numbers, addresses) never appears in logs or traces
 * unmasked. The CLI's stdout (the replay output: timeline, tasks, reasons) and stderr (error
 * messages) are the logs and traces postloan produces, so both are scanned here.
 */
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { maskPersonalData } from '../src/errors/maskPersonalData';
import { mainAsync } from '../src/cli/main';
import { runCli } from './cli/run';

const AS_OF = '2026-04-20';

/** What P-CT-3 calls personal data, as patterns. Digit lookarounds: an 11-digit run inside a longer number is not a phone. */
const PII_PATTERNS: readonly { readonly kind: string; readonly pattern: RegExp }[] = [
  { kind: 'mobile number', pattern: /(?<!\d)1[3-9]\d{9}(?!\d)/g },
  // Written with separators or a country prefix: 138 1234 5678, 138-1234-5678, +86 138…, 0086…
  { kind: 'mobile number', pattern: /(?<![\d*])1[3-9]\d[ -]\d{4}[ -]\d{4}(?!\d)|(?:\+|00)86[ -]?1[3-9]\d[ -]?\d{4}[ -]?\d{4}(?!\d)/g },
  { kind: 'resident id number', pattern: /(?<!\d)\d{17}[\dXx](?!\d)/g },
  { kind: 'resident id number', pattern: /(?<!\d)\d{15}(?!\d)/g },
  // Two or more Chinese characters ending in a street word, or followed by a house / room number.
  { kind: 'street address', pattern: /[\u4e00-\u9fa5]{2,}(?:路|街|大道|巷|弄|小区|[\d-]*(?:号|室|栋|幢|楼))/g },
];

/** Hex digests (the pack hash) are not personal data, but long digit runs in them could look like it. */
const DIGEST = /sha256:[0-9a-f]{64}/g;

/**
 * Every piece of personal data found in `text`: matches of {@link PII_PATTERNS}, plus every string of
 * `known` (the exact PII a test planted) that appears verbatim. Returns `kind: match` lines, empty
 * when the text is clean. Reusable for any log or trace.
 *
 * @example
 * ```ts
 * expect(findPii(stdout, ['13812345678'])).toEqual([]);
 * ```
 */
export function findPii(text: string, known: readonly string[] = []): string[] {
  const scanned = text.replace(DIGEST, 'sha256:<digest>');
  const found: string[] = [];
  for (const { kind, pattern } of PII_PATTERNS) {
    for (const m of scanned.matchAll(pattern)) found.push(`${kind}: ${m[0]}`);
  }
  for (const pii of known) if (scanned.includes(pii)) found.push(`planted: ${pii}`);
  return found;
}

// The personal data planted in the history. Fictitious, but of the real shapes.
const PHONE = '13812345678';
const PHONE_2 = '13912345678';
const PHONE_3 = '15912345678';
const ID_NUMBER = '110101199003074512';
const ID_NUMBER_X = '44030419851231002X';
const ADDRESS = '北京市朝阳区建国路88号院3号楼1201室';
const ADDRESS_2 = '上海市浦东新区世纪大道100号';
const ADDRESS_3 = '广州市天河区天河路385号';
const PLANTED = [PHONE, PHONE_2, PHONE_3, ID_NUMBER, ID_NUMBER_X, ADDRESS, ADDRESS_2, ADDRESS_3];

/** JSON values the tests edit; every call of `piiHistory` builds a fresh copy. */
type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

/**
 * A retail loan that rolls to `outsourced` on 2026-04-11 (as examples/rolls-to-outsourced.json), with
 * personal data in every free-text field a history allows: `note` on every event, the contact-attempt
 * `number`, the material event `description`, the risk signal `value`
 * (string and number), the agency recall `reason` (the case is outsourced, so the recall is accepted),
 * the rating, the actors of restructure, extension and write-off, the contact `relation` and the
 * collateral `kind`. Ids stay ids: they are references the output must echo. Notice and inspection
 * kinds are words of the pack's vocabulary (an unknown one is refused), so they hold none here; the
 * refusal of one that holds personal data is tested below.
 */
function piiHistory(): JsonObject {
  const events: JsonObject[] = [
    { id: 'p1', type: 'payment', on: '2025-11-10', amount: '2800.00', note: `转账人手机 ${PHONE}` },
    { id: 'p2', type: 'payment', on: '2025-12-10', amount: '2787.50', note: `身份证 ${ID_NUMBER}` },
    {
      id: 'c1',
      type: 'contactAttempt',
      on: '2026-01-12',
      at: '2026-01-12T09:30:00+08:00',
      party: 'borrower',
      channel: 'phone',
      outcome: 'noAnswer',
      number: PHONE,
      note: `拨打 ${PHONE}，无人接听`,
    },
    {
      id: 'c2',
      type: 'contactAttempt',
      on: '2026-01-13',
      at: '2026-01-13T10:00:00+08:00',
      party: 'contact',
      partyId: 'k1',
      channel: 'sms',
      outcome: 'reached',
      number: PHONE_2,
      note: `配偶 ${PHONE_2}`,
    },
    { id: 'v1', type: 'fieldVisit', on: '2026-01-20', found: false, photos: 2, note: `上门 ${ADDRESS}，未见借款人` },
    { id: 'i1', type: 'inspection', on: '2026-01-21', kind: 'onSite', note: `现场检查 ${ADDRESS}` },
    {
      id: 'n1',
      type: 'noticeSent',
      on: '2026-01-25',
      kind: 'collectionNotice',
      receiptSigned: false,
      party: 'borrower',
      note: `挂号信寄往${ADDRESS_2}`,
    },
    {
      id: 'm1',
      type: 'materialEvent',
      on: '2026-02-01',
      description: `借款人（身份证号${ID_NUMBER}）住址${ADDRESS}已被查封，新联系电话${PHONE_3}`,
      note: `担保人身份证 ${ID_NUMBER_X}`,
    },
    { id: 'r1', type: 'riskSignal', on: '2026-02-02', indicator: 'phoneChanged', value: `新手机号${PHONE_3}`, note: `旧号 ${PHONE}` },
    { id: 'r2', type: 'riskSignal', on: '2026-02-02', indicator: 'contactNumber', value: Number(PHONE), note: `住址 ${ADDRESS_3}` },
    { id: 'r3', type: 'riskSignal', on: '2026-02-03', indicator: 'idOnFile', value: ID_NUMBER_X },
    { id: 'g1', type: 'ratingChange', on: '2026-02-05', rating: `C（身份证${ID_NUMBER}）`, note: `评级下调，电话${PHONE}` },
    { id: 'p3', type: 'payment', on: '2026-02-20', amount: '1000.00', note: `代还人 ${PHONE_2}，${ADDRESS_3}` },
    { id: 'x1', type: 'extension', on: '2026-03-01', newMaturity: '2028-10-10', requestedBy: `借款人 ${PHONE}`, approvedBy: `支行 ${ADDRESS_2}`, note: `展期申请 ${ID_NUMBER}` },
    { id: 'rs1', type: 'restructure', on: '2026-04-17', termMonths: 36, requestedBy: `借款人 ${ID_NUMBER}`, approvedBy: `审批人 ${PHONE_2}`, note: `重组 ${ADDRESS}` },
    { id: 'a1', type: 'agencyPlacement', on: '2026-04-12', agencyId: 'A-7', note: `委外，借款人住址${ADDRESS}` },
    { id: 'a2', type: 'agencyRecall', on: '2026-04-14', reason: `借款人已搬至${ADDRESS_3}，新电话${PHONE_3}`, note: `召回 ${PHONE}` },
    { id: 'w1', type: 'writeOffRequest', on: '2026-04-15', by: `催收员 ${PHONE}`, note: `核销申请 ${ID_NUMBER}` },
    { id: 'w2', type: 'writeOffApproval', on: '2026-04-16', by: `审批 ${PHONE_2}`, note: `核销审批 ${ADDRESS_2}` },
  ];
  return {
    loan: {
      id: 'L-2025-0420',
      borrower: { id: 'B-77', kind: 'retail', contacts: [{ id: 'k1', relation: `配偶 ${PHONE_2} ${ADDRESS_3}` }], riskRating: `B ${ID_NUMBER}` },
      principal: '60000.00',
      annualRate: '0.0600',
      disbursedOn: '2025-10-10',
      termMonths: 24,
      repayment: 'equalPrincipal',
      penaltyRate: '0.0900',
      guarantors: [{ id: 'G-1' }],
      collateral: [{ id: 'C-1', kind: `住房 ${ADDRESS}`, value: '300000.00', valuedOn: '2025-10-01' }],
    },
    events,
  };
}

const dir = mkdtempSync(join(tmpdir(), 'postloan-privacy-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let files = 0;

/** Writes a history (an object, or raw text for syntax errors) and replays it through the CLI. */
function replayHistory(history: JsonObject | string): { code: number; stdout: string; stderr: string } {
  const path = join(dir, `history-${++files}.json`);
  writeFileSync(path, typeof history === 'string' ? history : JSON.stringify(history, null, 2));
  return runCli('replay', path, '--as-of', AS_OF);
}

/** The base history with one event (found by id) changed by `edit`. */
function withEvent(id: string, edit: (event: JsonObject) => void): JsonObject {
  const history = piiHistory();
  const event = (history.events as JsonObject[]).find((e) => e.id === id);
  if (event === undefined) throw new Error(`no event ${id}`);
  edit(event);
  return history;
}

describe('findPii', () => {
  it('finds phones, id numbers and addresses, and nothing in ordinary output', () => {
    expect(findPii(`call ${PHONE} or ${ID_NUMBER_X} at ${ADDRESS_2}`)).toEqual([
      `mobile number: ${PHONE}`,
      `resident id number: ${ID_NUMBER_X}`,
      `street address: ${ADDRESS_2}`,
    ]);
    expect(findPii(ADDRESS)).toEqual(['street address: 北京市朝阳区建国路88号', 'street address: 号楼1201室']);
    expect(findPii('138****5678, 110101********4512, "amount": "10237.19", "on": "2026-04-20"')).toEqual([]);
    expect(findPii('"hash": "sha256:13812345678901234567890123456789012345678901234567890123456789ab"')).toEqual([]);
    expect(findPii('x', ['x'])).toEqual(['planted: x']);
  });
});

describe('P-CT-3: replay output of the shipped examples', () => {
  const examples = readdirSync('examples').filter((f) => f.endsWith('.json'));

  it('has examples to scan', () => {
    expect(examples.length).toBeGreaterThan(0);
  });

  it.each(examples)('examples/%s prints no personal data', (file) => {
    const { code, stdout, stderr } = runCli('replay', `examples/${file}`, '--as-of', AS_OF);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(findPii(stdout)).toEqual([]);
  });
});

describe('P-CT-3: a history with personal data in every free-text field', () => {
  it('replays (the history is valid)', () => {
    const { code, stderr, stdout } = replayHistory(piiHistory());
    expect(stderr).toBe('');
    expect(code).toBe(0);
    // The case is outsourced by 2026-04-12, so the recall (and its reason) is accepted, not rejected.
    const out = JSON.parse(stdout) as { timeline: { kind: string; eventId?: string }[] };
    expect(out.timeline).toContainEqual(expect.objectContaining({ kind: 'agencyRecalled', eventId: 'a2' }));
  });

  // Regression, fixed by maskPersonalData at the boundary (src/errors/formatIssues.ts, PostloanError, replay): (src/engine/replay.ts, applyEventEffects case 'agencyRecall'): the accepted recall's timeline
  // entry `{ kind: 'agencyRecalled', reason: e.reason }` copies the history's agencyRecall.reason verbatim
  // into stdout, so "借款人已搬至广州市天河区天河路385号，新电话15912345678" is printed unmasked.
  it('prints none of it in the replay output', () => {
    const { stdout } = replayHistory(piiHistory());
    expect(findPii(stdout, PLANTED)).toEqual([]);
  });

  it('prints none of it apart from the agency recall reason', () => {
    const history = withEvent('a2', (e) => {
      e.reason = 'no progress';
    });
    const { code, stdout } = replayHistory(history);
    expect(code).toBe(0);
    expect(findPii(stdout, PLANTED)).toEqual([]);
  });
});

describe('P-CT-3: error output for the same history with an invalid field next to the personal data', () => {
  /** Replays an invalid history: it must fail with a message, and the message must not echo PII. */
  function expectCleanError(history: JsonObject | string, path: string): void {
    const { code, stdout, stderr } = replayHistory(history);
    expect(code).toBe(1);
    expect(stdout).toBe('');
    expect(stderr).toContain(path);
    expect(findPii(stderr, PLANTED)).toEqual([]);
  }

  it('contactAttempt.number as a JSON number', () => {
    expectCleanError(
      withEvent('c1', (e) => {
        e.number = Number(PHONE);
      }),
      'events[2].number',
    );
  });

  it('a bad date on the material event whose description holds an id number, address and phone', () => {
    expectCleanError(
      withEvent('m1', (e) => {
        e.on = '2026-02-30';
      }),
      'events[7].on',
    );
  });

  it('a bad receiptSigned next to a notice kind with an address and phone', () => {
    expectCleanError(
      withEvent('n1', (e) => {
        e.receiptSigned = 'yes';
      }),
      'events[6].receiptSigned',
    );
  });

  it('a payment amount as a JSON number next to a note with a phone', () => {
    expectCleanError(
      withEvent('p1', (e) => {
        e.amount = 2800;
      }),
      'events[0].amount',
    );
  });

  it('an empty risk-signal indicator next to a value with a phone', () => {
    expectCleanError(
      withEvent('r1', (e) => {
        e.indicator = ' ';
      }),
      'events[8].indicator',
    );
  });

  it('a risk-signal value that is an object holding a phone and an id number', () => {
    expectCleanError(
      withEvent('r1', (e) => {
        e.value = { phone: PHONE, id: ID_NUMBER };
      }),
      'events[8].value',
    );
  });

  // An inspection or notice kind is a word of the pack's vocabulary: one that is free text with
  // personal data in it is refused, and the refusal must not echo it.
  it('an inspection kind holding an address', () => {
    expectCleanError(
      withEvent('i1', (e) => {
        e.kind = `onSite ${ADDRESS}`;
      }),
      'events[5].kind',
    );
  });

  it('a notice kind holding an address and a phone', () => {
    expectCleanError(
      withEvent('n1', (e) => {
        e.kind = `催收通知书 寄往${ADDRESS_2} 电话${PHONE_3}`;
      }),
      'events[6].kind',
    );
  });

  it('a misspelt key next to an agency recall reason with an address', () => {
    expectCleanError(
      withEvent('a2', (e) => {
        e.reasn = 'typo';
      }),
      'events[16].reasn',
    );
  });

  it('a bad contact-attempt timestamp next to the number', () => {
    expectCleanError(
      withEvent('c2', (e) => {
        e.at = '2026-01-13 10:00';
      }),
      'events[3].at',
    );
  });

  it('a field visit with found as a string next to a note with an address', () => {
    expectCleanError(
      withEvent('v1', (e) => {
        e.found = 'no';
      }),
      'events[4].found',
    );
  });

  it('a collateral value as a number next to a collateral kind with an address', () => {
    const history = piiHistory();
    ((history.loan as JsonObject).collateral as JsonObject[])[0]!.value = 300000;
    expectCleanError(history, 'loan.collateral[0].value');
  });

  it('an event id used twice with different content (both holding PII)', () => {
    expectCleanError(
      withEvent('p2', (e) => {
        e.id = 'p1';
      }),
      'events[1].id',
    );
  });

  it('a write-off request with a bad date next to a requester holding a phone', () => {
    expectCleanError(
      withEvent('w1', (e) => {
        e.on = '2026/04/15';
      }),
      'events[17].on',
    );
  });

  // The cases below put the personal data itself into a checked field (a column mix-up in an export).

  // Regression, fixed by maskPersonalData at the boundary (src/errors/formatIssues.ts, PostloanError, replay): (src/contract/primitives.ts oneOf → src/contract/messages.ts contractText.notOneOf): the
  // message `Expected one of "phone", …, got "13812345678"` echoes the rejected value into stderr.
  it('a phone number typed into contactAttempt.channel', () => {
    expectCleanError(
      withEvent('c1', (e) => {
        e.channel = PHONE;
      }),
      'events[2].channel',
    );
  });

  // Regression, fixed by maskPersonalData at the boundary (src/errors/formatIssues.ts, PostloanError, replay): (src/contract/primitives.ts isoDay → src/contract/messages.ts contractText.dateFormat): the
  // message `A date must be a string "YYYY-MM-DD", got "110101199003074512"` echoes the value into stderr.
  it('an id number typed into a date field', () => {
    expectCleanError(
      withEvent('m1', (e) => {
        e.on = ID_NUMBER;
      }),
      'events[7].on',
    );
  });

  // Regression, fixed by maskPersonalData at the boundary (src/errors/formatIssues.ts, PostloanError, replay): (src/history/timestamp.ts → src/history/messages.ts historyText.timestampFormat): the message
  // `A timestamp must be ISO 8601 with a UTC offset, got "13812345678"` echoes the value into stderr.
  it('a phone number typed into contactAttempt.at', () => {
    expectCleanError(
      withEvent('c1', (e) => {
        e.at = PHONE;
      }),
      'events[2].at',
    );
  });

  // Regression, fixed by maskPersonalData at the boundary (src/errors/formatIssues.ts, PostloanError, replay): (src/contract/primitives.ts money → src/contract/messages.ts contractText.moneyFormat): the
  // message `… got "13812345678"` and the hint `write "13812345678.00"` both echo the value into stderr.
  it('a phone number typed into a payment amount', () => {
    expectCleanError(
      withEvent('p1', (e) => {
        e.amount = PHONE;
      }),
      'events[0].amount',
    );
  });

  // Regression, fixed by maskPersonalData at the boundary (src/errors/formatIssues.ts, PostloanError, replay): (src/history/parseHistory.ts → src/history/messages.ts historyText.eventNotObject, via
  // describeValue): an event that is a bare string is echoed whole: `An event must be a JSON object, got "…"`.
  it('an event that is a bare string of free text', () => {
    const history = piiHistory();
    (history.events as Json[]).push(`借款人电话${PHONE}，住址${ADDRESS}`);
    expectCleanError(history, 'events[19]');
  });

  // Regression, fixed by maskPersonalData at the boundary (src/errors/formatIssues.ts, PostloanError, replay): (src/errors/parseJson.ts): the syntax-error message keeps V8's source excerpt ("Unexpected
  // token '北', ..."ription": 北京市朝阳区建国路8"... is not valid JSON"), echoing up to 10 characters
  // either side of the error — here the address the user forgot to quote — into stderr.
  it('a description written without quotes (JSON syntax error)', () => {
    const text = JSON.stringify(piiHistory(), null, 2).replace(`"description": "借款人（身份证号${ID_NUMBER}）住址${ADDRESS}`, `"description": ${ADDRESS}"`);
    expect(text).toContain(`"description": ${ADDRESS}"`);
    expectCleanError(text, 'not valid JSON');
  });
});

// Personal data as people write it: with separators, a country prefix, the older 15-digit id number.
const WRITTEN = ['+8613812345678', '+86 138 1234 5678', '0086 13812345678', '008613812345678', '138-1234-5678', '138 1234 5678', '(+86)13812345678', '110101900307451', '44030419851231002X'];

describe('P-CT-3: maskPersonalData masks every way a number is written', () => {
  // Regression: the masker matched only 11 bare digits and 18-digit ids, so each of these was printed raw.
  it.each(WRITTEN)('%s', (pii) => {
    const masked = maskPersonalData(`电话 ${pii}，谢谢`);
    expect(masked).not.toContain(pii);
    expect(findPii(masked)).toEqual([]);
  });
});

/** Runs a streaming command (batch, report) the way the binary does. */
async function runCliAsync(...argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await mainAsync(argv, { out: (s) => (stdout += s), err: (s) => (stderr += s) });
  return { code, stdout, stderr };
}

describe('P-CT-3: error lines of batch, report and diff', () => {
  /** A JSONL book: one good history, and one bad per planted value, the value in a checked field. */
  function book(): string {
    const lines = [JSON.stringify(piiHistory())];
    WRITTEN.forEach((pii, i) => {
      const h = withEvent('c1', (e) => {
        e.channel = pii;
      });
      (h.loan as JsonObject).id = `L-BAD-${i}`;
      const p1 = (h.events as JsonObject[])[0] as JsonObject;
      p1.amount = pii;
      p1.on = pii;
      lines.push(JSON.stringify(h));
    });
    return `${lines.join('\n')}\n`;
  }

  // Regression: batch error lines carried the issues of parseHistoryValue unmasked.
  it('batch error lines', async () => {
    const path = join(dir, 'book-batch.jsonl');
    writeFileSync(path, book());
    const { code, stdout, stderr } = await runCliAsync('batch', path, '--as-of', AS_OF, '--workers', '1');
    expect(code).toBe(1);
    expect(stdout).toContain('"error"');
    expect(findPii(stdout + stderr, [...PLANTED, ...WRITTEN])).toEqual([]);
  });

  // Regression: report errors (JSON, CSV, HTML) were printed unmasked.
  it.each(['json', 'csv', 'html'])('report --format %s errors', async (format) => {
    const path = join(dir, `book-report-${format}.jsonl`);
    writeFileSync(path, book());
    const { code, stdout, stderr } = await runCliAsync('report', path, '--from', '2026-01-01', '--to', AS_OF, '--format', format);
    expect(code).toBe(0);
    expect(stdout).toContain('L-BAD-0');
    expect(findPii(stdout + stderr, [...PLANTED, ...WRITTEN])).toEqual([]);
  });

  // Regression: `diff --json` printed the errors of bad histories unmasked.
  it('diff --json errors', () => {
    const path = join(dir, 'book-diff.jsonl');
    writeFileSync(path, book());
    const { stdout, stderr } = runCli('diff', 'rules/cn-default', 'rules/cn-default', path, '--as-of', AS_OF, '--json');
    expect(stdout).toContain('L-BAD-0');
    expect(findPii(stdout + stderr, [...PLANTED, ...WRITTEN])).toEqual([]);
  });
});
