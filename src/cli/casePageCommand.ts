import { casePage } from '../casePage/casePage';
import { dpdSeries } from '../casePage/dpdSeries';
import { replay, replayVersions } from '../engine/replay';
import type { Locale } from '../i18n/locale';
import type { CompiledPack } from '../rules/loadPack';
import { prepareReplay, type ReplayCommand } from './replayCommand';

/**
 * `postloan replay --format html`: the loan's case page in `locale`. The DPD curve replays the loan to
 * each of its points under the pack in force at the as-of date (with several versions, the last one).
 */
export function replayCasePage(cmd: ReplayCommand, locale: Locale): string {
  const { history, packs, asOf } = prepareReplay(cmd);
  const output = packs.length === 1 ? replay(history, packs[0] as CompiledPack, { asOf }) : replayVersions(history, packs, { asOf });
  const dpd = packs.length === 1 ? dpdSeries(history, packs[0] as CompiledPack, output) : [];
  return casePage({ output, dpd, events: history.events, statechart: (packs[packs.length - 1] as CompiledPack).statechart, buckets: (packs[packs.length - 1] as CompiledPack).scales.buckets }, locale);
}
