import type { Catalogue } from '../i18n/catalogue';
import { catalogueFor } from '../i18n/catalogueFor';
import type { Locale } from '../i18n/locale';
import { lifecycleMachine } from '../workflow/lifecycle';
import { toMermaid, type MermaidLabels } from '../workflow/mermaid';

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

/**
 * `postloan diagram`: the loan lifecycle statechart (`workflows/lifecycle.json`) as a Mermaid
 * `stateDiagram-v2`, ending with a newline. In English it is drawn with the statechart's own names (the
 * README embeds that text; a test keeps them equal); in zh-CN states and transitions are labelled in
 * Chinese and the state ids stay.
 */
export function runDiagram(locale: Locale = 'en'): string {
  return `${toMermaid(lifecycleMachine, lifecycleLabels(catalogueFor(locale)))}\n`;
}
