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

/**
 * Labels for the drawing, e.g. a locale's words; each returns `undefined` to keep the machine's own name.
 * State ids never change: a labelled state is declared `state "label" as id`.
 */
export interface MermaidLabels {
  readonly state?: (key: string) => string | undefined;
  readonly event?: (type: string) => string | undefined;
  readonly guard?: (name: string, params: Readonly<Record<string, unknown>>) => string | undefined;
  readonly action?: (name: string) => string | undefined;
  /** The comment line under `stateDiagram-v2`, given the machine's id and version. */
  readonly header?: (machine: string) => string;
}

function valueText(value: unknown): string {
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/** A guard or action's name and params as written in the definition. */
function partsOf(item: unknown): { readonly name: string; readonly params: Readonly<Record<string, unknown>> } {
  if (typeof item === 'object' && item !== null && typeof (item as { type?: unknown }).type === 'string') {
    const { type, params } = item as { type: string; params?: unknown };
    return { name: type, params: typeof params === 'object' && params !== null ? (params as Record<string, unknown>) : {} };
  }
  return { name: nameOf(item), params: {} };
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
function transitionLabel(event: string, t: AnyTransitionDefinition, labels: MermaidLabels): string {
  const guardText = (g: unknown): string => {
    const { name, params } = partsOf(g);
    return labels.guard?.(name, params) ?? nameOf(g);
  };
  const actionText = (a: unknown): string => labels.action?.(partsOf(a).name) ?? nameOf(a);
  const guard = t.guard === undefined ? '' : ` [${guardText(t.guard)}]`;
  const actions = t.actions.length === 0 ? '' : ` / ${t.actions.map(actionText).join(', ')}`;
  return label(`${labels.event?.(event) ?? event}${guard}${actions}`);
}

function edges(node: AnyStateNode, indent: string, labels: MermaidLabels): string[] {
  const from = mermaidId(node);
  const out: string[] = [];
  const all: [string, readonly AnyTransitionDefinition[]][] = [...node.transitions.entries()];
  if (node.always !== undefined) all.push(['always', node.always]);
  for (const [event, list] of all) {
    for (const t of list) {
      // A transition without a target is taken without leaving the state: drawn as a loop.
      const targets = t.target === undefined || t.target.length === 0 ? [node] : t.target;
      for (const target of targets) out.push(`${indent}${from} --> ${mermaidId(target)} : ${transitionLabel(event, t, labels)}`);
    }
  }
  if (node.type === 'final') out.push(`${indent}${from} --> [*]`);
  return out;
}

/** The body of a compound or parallel node (or the machine): its children, then their transitions. */
function body(node: AnyStateNode, indent: string, labels: MermaidLabels): string[] {
  const children = Object.values(node.states);
  const lines: string[] = [];
  if (node.type === 'parallel') {
    // Regions of a parallel state are separated by `--`.
    children.forEach((child, i) => {
      if (i > 0) lines.push(`${indent}--`);
      lines.push(...declaration(child, indent, labels), ...edges(child, indent, labels));
    });
    return lines;
  }
  const initial = node.initial.target[0];
  if (initial !== undefined) lines.push(`${indent}[*] --> ${mermaidId(initial)}`);
  for (const child of children) lines.push(...declaration(child, indent, labels));
  for (const child of children) lines.push(...edges(child, indent, labels));
  return lines;
}

function declaration(node: AnyStateNode, indent: string, labels: MermaidLabels): string[] {
  const id = mermaidId(node);
  const key = labels.state?.(node.key) ?? node.key;
  const name = node.type === 'history' ? `${key} (${node.history === 'deep' ? 'deep ' : ''}history)` : key;
  // A description ends at its closing quote and at a line break: neither may come from a label.
  const alias = id === name ? undefined : `"${name.replace(/"/g, "'").replace(/\s+/g, ' ')}"`;
  if (node.type === 'compound' || node.type === 'parallel') {
    return [`${indent}state ${alias === undefined ? '' : `${alias} as `}${id} {`, ...body(node, `${indent}  `, labels), `${indent}}`];
  }
  return [alias === undefined ? `${indent}${id}` : `${indent}state ${alias} as ${id}`];
}

/**
 * Draws an XState v5 machine as a Mermaid `stateDiagram-v2`, read from the machine itself so the
 * drawing cannot drift from what runs: `[*] -->` its initial state, one edge per transition labelled
 * `EVENT [guard(params)] / actions`, a loop for a transition that keeps the state, `--> [*]` from each
 * final state. Compound and parallel states become nested blocks. Deterministic: same machine, same text
 * (no trailing newline). `labels` (a locale's words) replace the names in the drawing, never the state ids.
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
export function toMermaid(machine: AnyStateMachine, labels: MermaidLabels = {}): string {
  const version = machine.version === undefined ? '' : ` ${machine.version}`;
  const name = `${label(machine.id)}${version}`;
  const header = `  %% ${labels.header === undefined ? `${name}: generated from the statechart definition; do not edit by hand` : label(labels.header(name))}`;
  return ['stateDiagram-v2', header, ...body(machine.root, '  ', labels)].join('\n');
}
