import type { PostloanIssue } from '../errors/PostloanIssue';
import { textRefOf } from '../errors/issueText';
import { maskPersonalData } from '../errors/maskPersonalData';
import { escapeUnsafe } from '../errors/unsafeText';
import { catalogueFor } from '../i18n/catalogueFor';
import { localizeIssue } from '../i18n/issueTexts/localizeIssue';
import type { Locale } from '../i18n/locale';

/** Kinds listed under a batch's summary; the rest are counted on one line. */
const SHOWN = 10;

interface Kind {
  count: number;
  readonly first: PostloanIssue;
}

/**
 * The problems of a batch's failed histories, by kind: one kind per sentence (its text key, or its code
 * when it has none), however many histories it hit, so memory does not grow with the book. Each kind is
 * shown by its first occurrence, in the reader's language.
 *
 * @example
 * ```ts
 * const kinds = new ProblemKinds();
 * kinds.add(issue);
 * kinds.lines('zh-CN'); // '  2 × 金额不能写成 JSON 数字（首例：book.jsonl:4: loan.principal）\n'
 * ```
 */
export class ProblemKinds {
  private readonly kinds = new Map<string, Kind>();

  /** Counts `problem` under its kind. */
  add(problem: PostloanIssue): void {
    const ref = textRefOf(problem);
    const key = ref === undefined ? problem.code : `${ref.module}.${ref.key}`;
    const kind = this.kinds.get(key);
    if (kind === undefined) this.kinds.set(key, { count: 1, first: problem });
    else kind.count++;
  }

  /** One line per kind, most frequent first (first seen first among equals), at most ten; '' when none. */
  lines(locale: Locale): string {
    const text = catalogueFor(locale).progress;
    const sorted = [...this.kinds.values()].sort((a, b) => b.count - a.count);
    const shown = sorted.slice(0, SHOWN).map(({ count, first }) => {
      const where = [first.file, first.path === '' ? undefined : first.path].filter((s): s is string => s !== undefined).join(': ');
      // The sentence may quote the rejected value: escaped and masked as formatIssues does (P-CT-3).
      return `${maskPersonalData(text.batchFailureKind(count, escapeUnsafe(localizeIssue(first, locale).message), escapeUnsafe(where)))}\n`;
    });
    if (sorted.length > SHOWN) shown.push(`${text.batchMoreKinds(sorted.length - SHOWN)}\n`);
    return shown.join('');
  }
}
