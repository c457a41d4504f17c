import type { Catalogue } from '../i18n/catalogue';
import { catalogueFor } from '../i18n/catalogueFor';
import type { Locale } from '../i18n/locale';
import { parseArgs } from 'node:util';
import { unwrap } from '../errors/PostloanError';
import { withStateLabels } from '../i18n/withStateLabels';
import { loadPack } from '../rules/loadPack';
import { DEFAULT_STATECHART } from '../workflow/lifecycle';
import { toMermaid, type MermaidLabels } from '../workflow/mermaid';
import type { Statechart } from '../workflow/statechart';
import { cliText, usageErrorOf } from './cliMessages';
import { readPackDir } from './files';

/** The word of a closed table for an id, `undefined` for an id the table does not have. */
function wordOf(table: Readonly<Record<string, string>>, id: unknown): string | undefined {
  return typeof id === 'string' && Object.hasOwn(table, id) ? table[id] : undefined;
}

/** A locale's words for the lifecycle statechart; none where the catalogue keeps the machine's names. */
function lifecycleLabels(cat: Catalogue): MermaidLabels {
  const d = cat.diagram;
  if (d === undefined) return {};
  return {
    state: (key) => wordOf(cat.state, key),
    event: (type) => wordOf(d.event, type),
    guard: (name, params) => {
      if (name === 'decidedTo') {
        const to = wordOf(cat.state, params['to']);
        return to === undefined ? undefined : d.decidedTo(to);
      }
      return name === 'permitted' ? wordOf(d.permitted, params['action']) : undefined;
    },
    action: (name) => wordOf(d.action, name),
    header: d.header,
  };
}

/** `postloan diagram [--pack <dir>]`: the pack whose statechart to draw (none: the default statechart). */
export interface DiagramCommand {
  readonly packDir?: string;
}

/**
 * Reads `postloan diagram`'s arguments.
 *
 * @example
 * ```ts
 * parseDiagramArgs(['--pack', 'examples/extending/dealer-pack']); // { packDir: 'examples/extending/dealer-pack' }
 * ```
 */
export function parseDiagramArgs(args: readonly string[]): DiagramCommand | 'help' {
  let parsed;
  try {
    parsed = parseArgs({ args: [...args], allowPositionals: true, options: { pack: { type: 'string' }, help: { type: 'boolean', short: 'h' } } });
  } catch (e) {
    throw usageErrorOf(cliText.badArguments((e as Error).message, ''));
  }
  if (parsed.values.help === true) return 'help';
  if (parsed.positionals.length > 0) throw usageErrorOf(cliText.diagramArgs(parsed.positionals.join(' ')));
  return parsed.values.pack === undefined ? {} : { packDir: parsed.values.pack };
}

/**
 * `postloan diagram`: a lifecycle statechart as a Mermaid `stateDiagram-v2`, ending with a newline: the
 * default one (`workflows/lifecycle.json`), or with `--pack <dir>` the pack's own (an invalid pack is
 * reported, exit 1). In English it is drawn with the statechart's own names (the README embeds that text;
 * a test keeps them equal); in zh-CN states and transitions are labelled in Chinese (a pack's own state
 * by its `meta.label`) and the state ids stay.
 */
export function runDiagram(locale: Locale = 'en', cmd: DiagramCommand = {}): string {
  let chart: Statechart = DEFAULT_STATECHART;
  if (cmd.packDir !== undefined) {
    // Only the statechart is drawn: operators the host program would provide are not needed.
    chart = unwrap(loadPack(readPackDir(cmd.packDir), { dir: `${cmd.packDir.replace(/\/+$/, '')}/`, assumeRequiredOperators: true })).statechart;
  }
  const cat = chart === DEFAULT_STATECHART ? catalogueFor(locale) : withStateLabels(catalogueFor(locale), chart, locale);
  return `${toMermaid(chart.machine, lifecycleLabels(cat))}\n`;
}
