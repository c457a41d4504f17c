import { describe, expect, it } from 'vitest';
import { issueFrom, textRefOf } from '../../src/errors/issueText';
import { fromPortable, toJsonPortable, toPortable } from '../../src/errors/portableIssue';
import { storeText } from '../../src/errors/storeMessages';
import { historyText } from '../../src/history/messages';
import { localizeIssue } from '../../src/i18n/issueTexts/localizeIssue';
import { packText } from '../../src/rules/packMessages';

describe('portable issues (across worker threads)', () => {
  const issue = issueFrom({ code: 'input.invalid', file: 'h.json', path: 'loan' }, historyText.loanMissing());

  it('regression: structured cloning drops the text key, so the issue printed in English under zh-CN', () => {
    const cloned = structuredClone(issue);
    expect(textRefOf(cloned)).toBeUndefined();
    expect(localizeIssue(cloned, 'zh-CN').message).toBe(issue.message);
    const crossed = fromPortable(structuredClone(toPortable(issue)));
    expect(crossed).toEqual(issue);
    expect(textRefOf(crossed)).toEqual(textRefOf(issue));
    expect(localizeIssue(crossed, 'zh-CN')).toEqual(localizeIssue(issue, 'zh-CN'));
    expect(localizeIssue(crossed, 'zh-CN').message).not.toBe(issue.message);
  });

  it('a sentence quoted inside another keeps its own key', () => {
    const outer = issueFrom({ code: 'pack.paramType', path: 'parameters.graceDays' }, packText.badParam('graceDays', historyText.loanMissing(), 3));
    const crossed = fromPortable(structuredClone(toPortable(outer)));
    expect(localizeIssue(crossed, 'zh-CN')).toEqual(localizeIssue(outer, 'zh-CN'));
    expect(localizeIssue(crossed, 'zh-CN').message).toContain(localizeIssue(issue, 'zh-CN').message);
  });

  it('an issue without a key, or with arguments that cannot be cloned, still crosses, in English', () => {
    const plain = { code: 'input.invalid' as const, path: '', message: 'as the caller wrote it' };
    expect(fromPortable(structuredClone(toPortable(plain)))).toEqual(plain);
    const odd = issueFrom({ code: 'input.invalid', path: '' }, packText.badParam('x', historyText.loanMissing(), () => 1));
    const crossed = fromPortable(structuredClone(toPortable(odd)));
    expect(crossed).toEqual(odd);
    expect(textRefOf(crossed)).toBeUndefined();
  });
});

describe('JSON-portable issues (a job result in Redis)', () => {
  const viaJson = <T>(v: T): T => JSON.parse(JSON.stringify(v)) as T;

  it('regression: a failed loan of the end of day, read back from Redis, printed in English under zh-CN', () => {
    const notInStore = issueFrom({ code: 'input.invalid', path: 'loanIds' }, storeText.notInStore('L-1'));
    expect(localizeIssue(viaJson(notInStore), 'zh-CN').message).toBe('Loan L-1 is not in the store');
    const crossed = fromPortable(viaJson(toJsonPortable(notInStore)));
    expect(crossed).toEqual(notInStore);
    expect(localizeIssue(crossed, 'zh-CN').message).toBe('库中没有贷款 L-1');
  });

  it('an argument left out (undefined) comes back left out; a quoted sentence keeps its key', () => {
    const outer = issueFrom({ code: 'pack.paramType', path: 'parameters.graceDays' }, packText.badParam('graceDays', historyText.loanMissing(), undefined));
    const crossed = fromPortable(viaJson(toJsonPortable(outer)));
    expect(textRefOf(crossed)).toEqual(textRefOf(outer));
    expect(localizeIssue(crossed, 'zh-CN')).toEqual(localizeIssue(outer, 'zh-CN'));
  });

  it('a reference JSON would change (a Date, NaN, an undefined in a list) is left out: the issue crosses in English', () => {
    for (const odd of [new Date(0), Number.NaN, [1, undefined], { at: new Map() }]) {
      const issue = issueFrom({ code: 'input.invalid', path: '' }, packText.badParam('x', historyText.loanMissing(), odd));
      const portable = toJsonPortable(issue);
      expect(portable.ref).toBeUndefined();
      expect(fromPortable(viaJson(portable))).toEqual(viaJson({ ...issue }));
    }
    // structuredClone keeps a Date, so the thread form keeps that reference.
    expect(toPortable(issueFrom({ code: 'input.invalid', path: '' }, packText.badParam('x', historyText.loanMissing(), new Date(0)))).ref).toBeDefined();
  });
});
