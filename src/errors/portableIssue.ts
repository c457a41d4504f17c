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

/** True when `v` comes back from `JSON.stringify` and `JSON.parse` as it went: null, booleans, finite numbers, strings, and arrays and plain objects of those. */
function isJsonData(v: unknown, depth: number): boolean {
  if (depth > 32) return false;
  if (v === null || typeof v === 'string' || typeof v === 'boolean') return true;
  if (typeof v === 'number') return Number.isFinite(v) && !Object.is(v, -0);
  if (Array.isArray(v)) return v.every((x) => isJsonData(x, depth + 1));
  if (typeof v !== 'object' || Object.getPrototypeOf(v) !== Object.prototype) return false;
  return Object.values(v).every((x) => isJsonData(x, depth + 1));
}

// An argument left out (`undefined`) travels as `{}` and comes back as `{ value: undefined }`'s reading: undefined.
const jsonRef = (ref: PortableRef, depth: number): boolean =>
  depth <= 8 && ref.args.every((a) => ('ref' in a ? jsonRef(a.ref, depth + 1) : a.value === undefined || isJsonData(a.value, 0)));

/**
 * `issue` as data that survives JSON (a job's result in Redis, a row, a message to another host), its text
 * reference spelled out as {@link toPortable} does; a reference with an argument JSON would change (an
 * `undefined` inside a list, a `Date`, a `NaN`) is left out, and the issue then prints in English.
 *
 * @example
 * ```ts
 * const sent = JSON.stringify(toJsonPortable(issueFrom({ code: 'store.conflict', path: 'loans.L-1' }, storeText.notInStore('L-1'))));
 * localizeIssue(fromPortable(JSON.parse(sent)), 'zh-CN').message; // the Chinese sentence
 * ```
 */
export function toJsonPortable(issue: PostloanIssue): PortableIssue {
  const portable = toPortable(issue);
  return portable.ref === undefined || jsonRef(portable.ref, 0) ? portable : { issue: portable.issue };
}
