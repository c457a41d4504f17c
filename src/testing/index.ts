/**
 * Helpers for test suites that replay loan histories: fixtures of the form
 * `{ history, asOf, expected }` (like xstate's SCXML conformance fixtures), partial matching with
 * readable differences, and the exact JSON the CLI prints.
 */
import { unwrap } from '../errors/PostloanError';
import { replay } from '../engine/replay';
import type { ReplayOutput } from '../engine/output';
import { parseHistoryValue } from '../history/parseHistory';
import { cnDefaultPack } from '../rules/defaultPack';
import type { CompiledPack } from '../rules/loadPack';
import { day } from '../time/day';

/**
 * A replay scenario: a history file's content, an as-of date and the expected (partial) output.
 * `timelineKinds`, when given, keeps only those kinds of timeline entries before comparing, so a
 * scenario about the lifecycle need not list every task entry.
 */
export interface ReplayScenario {
  readonly history: unknown;
  readonly asOf: string;
  readonly expected: unknown;
  readonly timelineKinds?: readonly string[];
}

/**
 * Replays a history given as parsed JSON (the content of a history file).
 *
 * @example
 * ```ts
 * const out = replayHistory(JSON.parse(text), { asOf: '2026-04-20' });
 * ```
 */
export function replayHistory(history: unknown, options: { readonly asOf: string; readonly pack?: CompiledPack; readonly file?: string }): ReplayOutput {
  const parsed = unwrap(parseHistoryValue(history, options.file ?? 'history.json'));
  return replay(parsed, options.pack ?? cnDefaultPack(), { asOf: day(options.asOf) });
}

/** The output exactly as `postloan replay` prints it, for byte-for-byte comparisons. */
export function toReplayJson(output: ReplayOutput): string {
  return `${JSON.stringify(output, null, 2)}\n`;
}

/**
 * Differences between an actual value and an expected partial value: every key of `expected` must
 * match; arrays must match element by element and in length. Returns human-readable lines, empty when
 * they match.
 *
 * @example
 * ```ts
 * matchPartial({ state: 'normal', dpd: 0 }, { state: 'overdueM1' }); // ['state: expected "overdueM1", got "normal"']
 * ```
 */
export function matchPartial(actual: unknown, expected: unknown, path = ''): string[] {
  const at = path === '' ? '(root)' : path;
  if (Array.isArray(expected)) {
    if (!Array.isArray(actual)) return [`${at}: expected a list, got ${JSON.stringify(actual)}`];
    const out: string[] = [];
    if (actual.length !== expected.length) out.push(`${at}: expected ${expected.length} items, got ${actual.length}`);
    expected.forEach((e, i) => out.push(...matchPartial(actual[i], e, `${path}[${i}]`)));
    return out;
  }
  if (expected !== null && typeof expected === 'object') {
    if (actual === null || typeof actual !== 'object') return [`${at}: expected an object, got ${JSON.stringify(actual)}`];
    return Object.entries(expected).flatMap(([k, v]) => matchPartial((actual as Record<string, unknown>)[k], v, path === '' ? k : `${path}.${k}`));
  }
  return Object.is(actual, expected) ? [] : [`${at}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`];
}

/** Replays a scenario and returns the differences from its expected output (empty when it passes). */
export function checkScenario(scenario: ReplayScenario, pack?: CompiledPack): string[] {
  const out = replayHistory(scenario.history, { asOf: scenario.asOf, ...(pack === undefined ? {} : { pack }) });
  const kinds = scenario.timelineKinds;
  const shown = kinds === undefined ? out : { ...out, timeline: out.timeline.filter((e) => kinds.includes(e.kind)) };
  return matchPartial(shown, scenario.expected);
}
