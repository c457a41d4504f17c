import type { AnyStateMachine, AnyStateNode, AnyTransitionDefinition } from 'xstate';

/** Words Mermaid's state-diagram lexer reads as keywords; a state with such a key gets an alias. */
const RESERVED = new Set(['state', 'note', 'end', 'default', 'class', 'classdef', 'style', 'direction', 'scale', 'hide', 'click', 'acctitle', 'accdescr']);

/** Mermaid ends a label at `:`, `;` or a line break, and reads `#…;` as an entity: write those as entities. */
function label(text: string): string {
  return text.replace(/[#:;]/g, (c) => `#${c.charCodeAt(0)};`).replace(/\s+/g, ' ');
}

/** A Mermaid id for a state node: its key when that is a plain word, else a word made from its path. */
function mermaidId(node: AnyStateNode): string {
  const plain = (s: string): boolean => /^[A-Za-z][A-Za-z0-9_]*$/.test(s) && !RESERVED.has(s.toLowerCase());
  if (node.path.length === 1 && plain(node.key)) return node.key;
  const joined = node.path.map((p) => p.replace(/[^A-Za-z0-9_]/g, '_')).join('__');
  return plain(joined) ? joined : `s_${joined}`;
}

function valueText(value: unknown): string {
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/** A guard or action as written in the definition: its name and, if any, its params (`decidedTo(to=overdueM1)`). */
function nameOf(item: unknown): string {
  if (typeof item === 'string') return item;
  if (typeof item === 'function') {
    const type: unknown = (item as { type?: unknown }).type;
    return typeof type === 'string' ? type : item.name === '' ? 'inline' : item.name;
  }
  if (typeof item === 'object' && item !== null) {
    const { type, params } = item as { type?: unknown; params?: unknown };
    const name = typeof type === 'string' ? type : 'inline';
    if (typeof params !== 'object' || params === null) return name;
    const args = Object.entries(params).map(([k, v]) => `${k}=${valueText(v)}`);
    return args.length === 0 ? name : `${name}(${args.join(', ')})`;
  }
  return 'inline';
}

/** UML's transition label: `EVENT [guard] / action, action`. */
function transitionLabel(event: string, t: AnyTransitionDefinition): string {
  const guard = t.guard === undefined ? '' : ` [${nameOf(t.guard)}]`;
  const actions = t.actions.length === 0 ? '' : ` / ${t.actions.map(nameOf).join(', ')}`;
  return label(`${event}${guard}${actions}`);
}

function edges(node: AnyStateNode, indent: string): string[] {
  const from = mermaidId(node);
  const out: string[] = [];
  const all: [string, readonly AnyTransitionDefinition[]][] = [...node.transitions.entries()];
  if (node.always !== undefined) all.push(['always', node.always]);
  for (const [event, list] of all) {
    for (const t of list) {
      // A transition without a target is taken without leaving the state: drawn as a loop.
      const targets = t.target === undefined || t.target.length === 0 ? [node] : t.target;
      for (const target of targets) out.push(`${indent}${from} --> ${mermaidId(target)} : ${transitionLabel(event, t)}`);
    }
  }
  if (node.type === 'final') out.push(`${indent}${from} --> [*]`);
  return out;
}

/** The body of a compound or parallel node (or the machine): its children, then their transitions. */
function body(node: AnyStateNode, indent: string): string[] {
  const children = Object.values(node.states);
  const lines: string[] = [];
  if (node.type === 'parallel') {
    // Regions of a parallel state are separated by `--`.
    children.forEach((child, i) => {
      if (i > 0) lines.push(`${indent}--`);
      lines.push(...declaration(child, indent), ...edges(child, indent));
    });
    return lines;
  }
  const initial = node.initial.target[0];
  if (initial !== undefined) lines.push(`${indent}[*] --> ${mermaidId(initial)}`);
  for (const child of children) lines.push(...declaration(child, indent));
  for (const child of children) lines.push(...edges(child, indent));
  return lines;
}

function declaration(node: AnyStateNode, indent: string): string[] {
  const id = mermaidId(node);
  const name = node.type === 'history' ? `${node.key} (${node.history === 'deep' ? 'deep ' : ''}history)` : node.key;
  const alias = id === name ? undefined : `"${name.replace(/"/g, "'")}"`;
  if (node.type === 'compound' || node.type === 'parallel') {
    return [`${indent}state ${alias === undefined ? '' : `${alias} as `}${id} {`, ...body(node, `${indent}  `), `${indent}}`];
  }
  return [alias === undefined ? `${indent}${id}` : `${indent}state ${alias} as ${id}`];
}

/**
 * Draws an XState v5 machine as a Mermaid `stateDiagram-v2`, read from the machine itself so the
 * drawing cannot drift from what runs: `[*] -->` its initial state, one edge per transition labelled
 * `EVENT [guard(params)] / actions`, a loop for a transition that keeps the state, `--> [*]` from each
 * final state. Compound and parallel states become nested blocks. Deterministic: same machine, same text
 * (no trailing newline).
 *
 * @example
 * ```ts
 * toMermaid(lifecycleMachine);
 * // stateDiagram-v2
 * //   %% loanLifecycle 1.0.0 …
 * //   [*] --> normal
 * //   …
 * //   normal --> overdueM1 : DECIDE [decidedTo(to=overdueM1)]
 * ```
 */
export function toMermaid(machine: AnyStateMachine): string {
  const version = machine.version === undefined ? '' : ` ${machine.version}`;
  const header = `  %% ${label(machine.id)}${version}: generated from the statechart definition; do not edit by hand`;
  return ['stateDiagram-v2', header, ...body(machine.root, '  ')].join('\n');
}
