import { lifecycleMachine } from '../workflow/lifecycle';
import { toMermaid } from '../workflow/mermaid';

/**
 * `postloan diagram`: the loan lifecycle statechart (`workflows/lifecycle.json`) as a Mermaid
 * `stateDiagram-v2`, ending with a newline. The README embeds the same text; a test keeps them equal.
 */
export function runDiagram(): string {
  return `${toMermaid(lifecycleMachine)}\n`;
}
