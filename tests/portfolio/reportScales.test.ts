import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readPackDir } from '../../src/cli/files';
import { casePage } from '../../src/casePage/casePage';
import { replay } from '../../src/engine/replay';
import { unwrap } from '../../src/errors/PostloanError';
import { parseHistoryValue } from '../../src/history/parseHistory';
import { loanProfile } from '../../src/portfolio/loanProfile';
import { portfolioReport } from '../../src/portfolio/report';
import { cnDefaultPack } from '../../src/rules/defaultPack';
import { loadPack } from '../../src/rules/loadPack';
import { day } from '../../src/time/day';

const DIR = 'tests/fixtures/packs/scaled';
const pack = unwrap(loadPack(readPackDir(DIR), { dir: `${DIR}/` }));
const history = unwrap(parseHistoryValue(JSON.parse(readFileSync('tests/fixtures/staged-cure.history.json', 'utf8')) as unknown, 'staged-cure.history.json'));

// The loan of tests/fixtures/staged-cure.history.json: 12,000.00 in instalments of 1,000.00 from
// 2025-02-10, nothing paid before 2025-06-05. On 2025-04-30 DPD is 79 (bucket "late", 30–89, of the test
// pack; cn-default: M3); on 2025-05-20 DPD is 99 ("default", 90+; cn-default: M4) and the class is
// substandard (since 2025-05-12), which the test pack does not count as non-performing.
function book(p: typeof pack) {
  const start = replay(history, p, { asOf: day('2025-04-30') });
  const end = replay(history, p, { asOf: day('2025-05-20') });
  return [{ profile: loanProfile(history), start, end }];
}
const options = { from: '2025-04-30', to: '2025-05-20', seed: 'scales', spotCheckRate: '0.10' };

describe('portfolio report and case page on the pack\'s scales', () => {
  it('matrices, distributions and provisions list the pack\'s buckets and tiers', () => {
    const report = portfolioReport(book(pack), { ...options, scales: pack.scales });
    expect(report.migration.buckets.keys).toEqual(['current', 'early', 'late', 'default', 'settled', 'writtenOff']);
    const late = report.migration.buckets.rows.find((r) => (r.from as string) === 'late');
    expect(late?.cells.find((c) => (c.to as string) === 'default')).toMatchObject({ count: 1, startBalance: '12000.00', endBalance: '12000.00' });
    expect(report.distribution.buckets.map((b) => `${b.key} ${b.loans}`)).toEqual(['current 0', 'early 0', 'late 0', 'default 1']);
    expect(report.distribution.classes.find((c) => c.key === 'substandard')?.loans).toBe(1);
  });

  it('non-performing follows the pack: substandard is not, so the NPL ratio is 0 (cn-default: the whole 12,000.00)', () => {
    const own = portfolioReport(book(pack), { ...options, scales: pack.scales });
    expect([own.quality.end.nplLoans, own.quality.end.nplBalance]).toEqual([0, '0.00']);
    const cn = portfolioReport(book(cnDefaultPack()), options);
    expect([cn.quality.end.nplLoans, cn.quality.end.nplBalance]).toEqual([1, '12000.00']);
    expect(cn.migration.buckets.keys.slice(0, 3)).toEqual(['M0', 'M1', 'M2']);
  });

  it('without scales a report keeps cn-default\'s buckets, so a book replayed with another pack lands in no row', () => {
    const report = portfolioReport(book(pack), options);
    expect(report.distribution.buckets.every((b) => b.loans === 0)).toBe(true);
  });

  it('the case page draws the pack\'s bucket bands', () => {
    const output = replay(history, pack, { asOf: day('2025-05-20') });
    const html = casePage({ output, dpd: [{ on: '2025-05-20', dpd: output.dpd }], events: history.events, statechart: pack.statechart, buckets: pack.scales.buckets }, 'en');
    const bands = [...html.matchAll(/class="bucket-band" data-bucket="([^"]+)"/g)].map((m) => m[1]);
    expect(bands).toEqual(['current', 'early', 'late', 'default']);
    const cn = casePage({ output, dpd: [{ on: '2025-05-20', dpd: output.dpd }], events: history.events }, 'en');
    expect([...cn.matchAll(/class="bucket-band" data-bucket="([^"]+)"/g)].map((m) => m[1])).toEqual(['M0', 'M1', 'M2', 'M3', 'M4']);
  });
});
