import type { PostloanIssue } from '../errors/PostloanIssue';
import { nearest } from '../errors/suggest';
import type { LoanEvent } from './events';
import { replayText } from '../engine/replayMessages';
import { issueFrom } from '../errors/issueText';

/** The event types whose `kind` is a word of the pack's vocabulary rather than free text. */
const KIND_EVENTS = ['inspection', 'noticeSent'] as const;

/** What `eventKindIssues` needs of a pack: the task kinds' closing events and the task rules' anchors. */
export interface KindVocabularySource {
  readonly taskKinds: Readonly<Record<string, { readonly closedBy: readonly { readonly event: string; readonly match?: Readonly<Record<string, unknown>> | undefined }[] }>>;
  readonly rules: readonly { readonly decision: { readonly type: string; readonly event?: string | undefined; readonly match?: Readonly<Record<string, unknown>> | undefined } }[];
}

function addKinds(into: Map<string, Set<string>>, event: string | undefined, match: Readonly<Record<string, unknown>> | undefined): void {
  if (event === undefined || match === undefined || !(KIND_EVENTS as readonly string[]).includes(event)) return;
  const want = match['kind'];
  const set = into.get(event) ?? new Set<string>();
  for (const k of Array.isArray(want) ? want : [want]) if (typeof k === 'string') set.add(k);
  into.set(event, set);
}

/** Each pack's vocabulary, built on first use. */
const vocabularies = new WeakMap<KindVocabularySource, ReadonlyMap<string, ReadonlySet<string>>>();

/**
 * The kinds of `inspection` and `noticeSent` events a pack knows: every `match.kind` of its task
 * kinds' closing events and of its task rules anchored on such an event. An event type the pack names
 * no kind for is absent (its kinds are not checked).
 *
 * @example
 * ```ts
 * kindVocabulary(pack).get('inspection'); // Set { 'annualReport', 'onSite', … }
 * ```
 */
export function kindVocabulary(pack: KindVocabularySource): ReadonlyMap<string, ReadonlySet<string>> {
  // A compiled pack does not change: its vocabulary is built once (a batch checks every loan against it).
  let out = vocabularies.get(pack);
  if (out === undefined) {
    out = buildVocabulary(pack);
    vocabularies.set(pack, out);
  }
  return out;
}

function buildVocabulary(pack: KindVocabularySource): ReadonlyMap<string, ReadonlySet<string>> {
  const out = new Map<string, Set<string>>();
  for (const def of Object.values(pack.taskKinds)) for (const c of def.closedBy) addKinds(out, c.event, c.match);
  for (const r of pack.rules) if (r.decision.type === 'task') addKinds(out, r.decision.event, r.decision.match);
  for (const [event, kinds] of out) if (kinds.size === 0) out.delete(event);
  return out;
}

/**
 * An `inspection` or `noticeSent` whose `kind` the pack does not know can do no task and trigger no
 * rule: a typo (`anualReport`) would leave the task open without a word. The history is parsed before
 * the pack is known, so this check runs when both meet (replay): one issue per such event, at its
 * position in the history file, with the nearest known kind.
 *
 * @example
 * ```ts
 * eventKindIssues(history.events, pack, 'history.json');
 * // [{ code: 'event.unknownKind', path: 'events[4].kind', message: 'Unknown inspection kind "anualReport"', hint: 'did you mean "annualReport"? …' }]
 * ```
 */
export function eventKindIssues(events: readonly LoanEvent[], pack: KindVocabularySource, file?: string): PostloanIssue[] {
  // Built only for a history with such an event: a nightly resume usually has no event at all.
  let vocabulary: ReadonlyMap<string, ReadonlySet<string>> | undefined;
  const issues: PostloanIssue[] = [];
  for (const e of events) {
    if (e.type !== 'inspection' && e.type !== 'noticeSent') continue;
    vocabulary ??= kindVocabulary(pack);
    const known = vocabulary.get(e.type);
    if (known === undefined || known.has(e.kind)) continue;
    const names = [...known].sort();
    const near = nearest(e.kind, names);
    issues.push(issueFrom({ code: 'event.unknownKind', ...(file === undefined ? {} : { file }), path: `events[${e.seq}].kind` }, replayText.unknownKind(e.type, e.kind, e.id, near, names)));
  }
  return issues;
}
