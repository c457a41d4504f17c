/**
 * Issues as plain data that survive structured cloning (`postMessage` to and from a worker thread).
 *
 * An issue's text reference is a non-enumerable symbol property (see `issueText.ts`), which structured
 * cloning drops: an issue that crossed a worker thread would print in English whatever the reader's
 * locale. {@link toPortable} spells the reference out as ordinary fields and {@link fromPortable} puts
 * it back, so the rebuilt issue is localised like the original.
 */
import type { IssueText } from '../contract/messages';
import type { PostloanIssue } from './PostloanIssue';
import { textRefOf, withTextRef, type TextModuleId, type TextRef } from './issueText';

/** A text reference as fields: an argument that is itself a text (a sentence quoted inside another) keeps its own reference. */
export interface PortableRef {
  readonly module: TextModuleId;
  readonly key: string;
  readonly args: readonly PortableArg[];
}

/** One argument of a text builder: a plain value, or a text with its reference. */
export type PortableArg = { readonly value: unknown } | { readonly text: IssueText; readonly ref: PortableRef };

/** An issue and, when it has one, its text reference, as structured-cloneable data. */
export interface PortableIssue {
  readonly issue: PostloanIssue;
  readonly ref?: PortableRef;
}

function portableRef(ref: TextRef): PortableRef {
  return {
    module: ref.module,
    key: ref.key,
    args: ref.args.map((a): PortableArg => {
      const inner = typeof a === 'object' && a !== null ? textRefOf(a) : undefined;
      return inner === undefined ? { value: a } : { text: { ...(a as IssueText) }, ref: portableRef(inner) };
    }),
  };
}

function restoredRef(ref: PortableRef): TextRef {
  return { module: ref.module, key: ref.key, args: ref.args.map((a) => ('ref' in a ? withTextRef({ ...a.text }, restoredRef(a.ref)) : a.value)) };
}

/**
 * `issue` as data a worker thread can send or receive, its text reference spelled out. A reference whose
 * arguments cannot be cloned is left out: the issue then prints in English, as it says.
 *
 * @example
 * ```ts
 * const sent = toPortable(issueFrom({ code: 'input.invalid', path: 'loan' }, historyText.loanMissing()));
 * textRefOf(fromPortable(structuredClone(sent))); // { module: 'history', key: 'loanMissing', args: [] }
 * ```
 */
export function toPortable(issue: PostloanIssue): PortableIssue {
  const ref = textRefOf(issue);
  const plain = { ...issue };
  if (ref === undefined) return { issue: plain };
  const portable = portableRef(ref);
  try {
    // Builder arguments are data (values, names, lists, texts); should one ever not be, the issue still goes.
    structuredClone(portable.args);
  } catch {
    return { issue: plain };
  }
  return { issue: plain, ref: portable };
}

/**
 * The issue {@link toPortable} described, with its text reference again.
 *
 * @example
 * ```ts
 * const issue = fromPortable(message.problem);
 * localizeIssue(issue, 'zh-CN').message; // the Chinese sentence
 * ```
 */
export function fromPortable(portable: PortableIssue): PostloanIssue {
  return portable.ref === undefined ? { ...portable.issue } : withTextRef({ ...portable.issue }, restoredRef(portable.ref));
}
