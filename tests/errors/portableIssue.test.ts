import { describe, expect, it } from 'vitest';
import { issueFrom, textRefOf } from '../../src/errors/issueText';
import { fromPortable, toPortable } from '../../src/errors/portableIssue';
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
