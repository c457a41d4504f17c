import type { PostloanIssue } from '../errors/PostloanIssue';
import { issueFrom } from '../errors/issueText';
import type { ContactLimits } from '../engine/contacts';
import { EVENT_TYPES } from '../history/events';
import type { Decision } from './decisions';
import { packText } from './packMessages';
import type { PackScales } from './scales';
import type { TaskKinds } from './taskKinds';

/*
 * The checks of a decision's params against the rest of the pack, which the params' own schema cannot
 * make: the task kinds and anchor events, the pack's scales and dimensions, the contact-conduct limits.
 * Each appends its problems to `issues`, with the rule file and the JSON path of the param.
 */

/**
 * A task rule must name a kind the pack defines, and an anchor event that exists. `home` is where an
 * unknown kind belongs: the task-kinds file (if any) and pack.json of the pack the rule file is in.
 */
export function checkTaskDecision(
  d: Extract<Decision, { type: 'task' }>,
  kinds: TaskKinds,
  home: { readonly kindsFile: string | undefined; readonly manifestFile: string },
  file: string,
  at: string,
  issues: PostloanIssue[],
): void {
  if (!Object.prototype.hasOwnProperty.call(kinds, d.kind)) {
    issues.push(issueFrom({ code: 'pack.unknownTaskKind', file, path: `${at}.kind` }, packText.unknownTaskKind(d.kind, home.kindsFile, Object.keys(kinds), home.manifestFile)));
  }
  if (d.event !== undefined && !(EVENT_TYPES as readonly string[]).includes(d.event)) {
    issues.push(issueFrom({ code: 'pack.invalid', file, path: `${at}.event` }, packText.unknownEventType(d.event, EVENT_TYPES)));
  } else if (d.event === 'reversal') {
    // A reversal only takes its event back (the replay is that of the history without it): it anchors no task.
    issues.push(issueFrom({ code: 'pack.invalid', file, path: `${at}.event` }, packText.reversalAnchor()));
  }
}

/** A bucket rule names a bucket of the pack's scale, a classification floor one of its tiers. */
export function checkScaleDecision(d: Extract<Decision, { type: 'bucket' | 'classificationFloor' }>, scales: PackScales, file: string, at: string, issues: PostloanIssue[]): void {
  const [key, given, values] = d.type === 'bucket' ? ['bucket', d.bucket, scales.buckets.map((b) => b.name)] : ['classification', d.classification, scales.classification.tiers];
  if (!values.includes(given)) issues.push(issueFrom({ code: 'pack.invalid', file, path: `${at}.${key}` }, packText.unknownParamValue(key, given, values)));
}

/** A floor names a dimension of the pack and one of its values; a permit names a dimension only to upgrade it. */
export function checkDimensionDecision(d: Extract<Decision, { type: 'floor' | 'permit' }>, scales: PackScales, file: string, at: string, issues: PostloanIssue[]): void {
  if (d.dimension === undefined) return;
  if (d.type === 'permit' && d.action !== 'upgrade') {
    issues.push(issueFrom({ code: 'pack.invalid', file, path: `${at}.dimension` }, packText.dimensionOnlyForUpgrade(d.action)));
    return;
  }
  const dimension = scales.dimensions.find((x) => x.name === d.dimension);
  const names = scales.dimensions.map((x) => x.name);
  if (dimension === undefined) issues.push(issueFrom({ code: 'pack.invalid', file, path: `${at}.dimension` }, packText.unknownDimension(d.dimension, names)));
  else if (d.type === 'floor' && !dimension.values.includes(d.value)) {
    issues.push(issueFrom({ code: 'pack.invalid', file, path: `${at}.value` }, packText.notADimensionValue(d.dimension, d.value, dimension.values)));
  }
}

/**
 * A planned cadence never schedules a breach (P-CS-11): a task done by calls that needs more calls in
 * its window than the conduct rules allow to one number is refused. Windows in calendar days only; a
 * working-day window cannot be sized before the dates are known.
 */
export function checkCadence(
  d: Extract<Decision, { type: 'task' }>,
  kinds: TaskKinds,
  limits: ContactLimits | undefined,
  file: string,
  at: string,
  issues: PostloanIssue[],
): void {
  const times = d.times ?? 1;
  const kind = Object.prototype.hasOwnProperty.call(kinds, d.kind) ? kinds[d.kind] : undefined;
  if (times <= 1 || limits === undefined || kind === undefined || !kind.closedBy.some((c) => c.event === 'contactAttempt')) return;
  if (!('days' in d.due)) return;
  let opens: number;
  if (d.opens === undefined) opens = d.anchor.startsWith('eachMissed') ? 1 : Math.min(0, d.due.days);
  else if (d.opens !== 'periodStart' && 'days' in d.opens) opens = d.opens.days;
  else return;
  const days = d.due.days - opens + 1;
  if (days >= 1 && times > limits.maxCallsPerNumberPerDay * days) {
    issues.push(issueFrom({ code: 'pack.cadenceBreach', file, path: `${at}.times` }, packText.cadenceBreach(times, days, limits.maxCallsPerNumberPerDay)));
  }
}
