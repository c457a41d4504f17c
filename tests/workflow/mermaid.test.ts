import { readFileSync } from 'node:fs';
import { assign, createMachine } from 'xstate';
import { describe, expect, it } from 'vitest';
import { lifecycleMachine } from '../../src/workflow/lifecycle';
import { toMermaid } from '../../src/workflow/mermaid';

interface TransitionJson {
  target?: string;
  guard?: { type: string; params?: Record<string, string> };
  actions?: string;
}
interface MachineJson {
  initial: string;
  states: Record<string, { type?: string; on?: Record<string, TransitionJson | TransitionJson[]> }>;
}

const machineJson = JSON.parse(readFileSync('workflows/lifecycle.json', 'utf8')) as MachineJson;
const diagram = toMermaid(lifecycleMachine);
const lines = diagram.split('\n').map((l) => l.trim());

describe('toMermaid(lifecycleMachine)', () => {
  it('is a stateDiagram-v2 that starts in the initial state and ends in the final one', () => {
    expect(lines[0]).toBe('stateDiagram-v2');
    expect(lines).toContain(`[*] --> ${machineJson.initial}`);
    const finals = Object.entries(machineJson.states).filter(([, s]) => s.type === 'final').map(([name]) => name);
    expect(finals).toEqual(['settled']);
    expect(lines.filter((l) => l.endsWith('--> [*]'))).toEqual(finals.map((f) => `${f} --> [*]`));
  });

  it('declares every state of workflows/lifecycle.json, a state without transitions (writtenOff) included', () => {
    for (const state of Object.keys(machineJson.states)) expect(lines).toContain(state);
  });

  it('has one edge per transition of workflows/lifecycle.json, labelled with its event, guard and actions', () => {
    const expected = Object.entries(machineJson.states).flatMap(([state, def]) =>
      Object.entries(def.on ?? {}).flatMap(([event, ts]) =>
        (Array.isArray(ts) ? ts : [ts]).map((t) => {
          const guard = t.guard === undefined ? '' : ` [${t.guard.type}(${Object.entries(t.guard.params ?? {}).map(([k, v]) => `${k}=${v}`).join(', ')})]`;
          const actions = t.actions === undefined ? '' : ` / ${t.actions}`;
          return `${state} --> ${t.target ?? state} : ${event}${guard}${actions}`;
        }),
      ),
    );
    const edges = lines.filter((l) => l.includes(' --> ') && !l.includes('[*]'));
    expect(edges).toEqual(expected);
    expect(edges).toContain('overdueM1 --> outsourced : AGENCY_PLACEMENT [permitted(action=earlyOutsourcing)]');
    expect(edges).toContain('outsourced --> outsourced : AGENCY_PLACEMENT / assignAgency');
  });

  it('names the machine and its version in a comment', () => {
    expect(lines[1]).toBe('%% loanLifecycle 1.0.0: generated from the statechart definition; do not edit by hand');
  });

  it('is the same text every time', () => {
    expect(toMermaid(lifecycleMachine)).toBe(diagram);
  });
});

describe('toMermaid on other machines', () => {
  it('draws compound, parallel, history and final states, delayed and eventless transitions', () => {
    const machine = createMachine({
      id: 'demo',
      initial: 'idle',
      states: {
        idle: { on: { START: 'busy' }, always: { target: 'done', guard: 'nothingToDo' } },
        busy: {
          type: 'parallel',
          states: {
            upload: { initial: 'sending', states: { sending: { after: { 500: 'sent' } }, sent: { type: 'final' } } },
            log: { initial: 'on', states: { on: { on: { MUTE: 'off' } }, off: {}, back: { type: 'history', history: 'deep' } } },
          },
          on: { CANCEL: { target: 'idle', actions: [{ type: 'notify', params: { who: 'ops' } }] } },
        },
        done: { type: 'final' },
      },
    });
    expect(toMermaid(machine)).toMatchInlineSnapshot(`
      "stateDiagram-v2
        %% demo: generated from the statechart definition; do not edit by hand
        [*] --> idle
        idle
        state busy {
          state "upload" as busy__upload {
            [*] --> busy__upload__sending
            state "sending" as busy__upload__sending
            state "sent" as busy__upload__sent
            busy__upload__sending --> busy__upload__sent : xstate.after.500.demo.busy.upload.sending
            busy__upload__sent --> [*]
          }
          --
          state "log" as busy__log {
            [*] --> busy__log__on
            state "on" as busy__log__on
            state "off" as busy__log__off
            state "back (deep history)" as busy__log__back
            busy__log__on --> busy__log__off : MUTE
          }
        }
        done
        idle --> busy : START
        idle --> done : always [nothingToDo]
        busy --> idle : CANCEL / notify(who=ops)
        done --> [*]"
    `);
  });

  it('writes characters that would end a Mermaid label as entities, and aliases keywords and odd keys', () => {
    const machine = createMachine({
      id: 'odd',
      initial: 'end',
      states: {
        end: { on: { 'a:b;c#d': { target: 'two words', actions: assign({}) } } },
        'two words': {},
      },
    });
    const text = toMermaid(machine);
    expect(text).toContain('state "end" as s_end');
    expect(text).toContain('state "two words" as two_words');
    expect(text).toContain('s_end --> two_words : a#58;b#59;c#35;d / xstate.assign');
    for (const line of text.split('\n').filter((l) => l.includes(' --> '))) expect(line.split(':').length).toBeLessThanOrEqual(2);
  });

  it('labels states, events, guards and actions when given labels; the ids and the shape stay', () => {
    const labelled = toMermaid(lifecycleMachine, {
      state: (key) => (key === 'normal' ? '正常 "A"\nB' : undefined),
      event: (type) => (type === 'DECIDE' ? '规则判定: x;y' : undefined),
      guard: (name, params) => (name === 'decidedTo' ? `判定为 ${String(params['to'])}` : undefined),
      action: (name) => (name === 'assignAgency' ? '登记受托机构' : undefined),
      header: (machine) => `${machine}：由状态图定义生成`,
    });
    const rows = labelled.split('\n').map((l) => l.trim());
    // A quote or a line break in a label cannot end the description; `:` and `;` become entities.
    expect(rows).toContain(`state "正常 'A' B" as normal`);
    expect(rows).toContain('normal --> overdueM1 : 规则判定#58; x#59;y [判定为 overdueM1]');
    expect(rows).toContain('outsourced --> outsourced : AGENCY_PLACEMENT / 登记受托机构');
    expect(rows).toContain('overdueM1 --> writtenOff : WRITE_OFF [permitted(action=writeOff)]');
    expect(rows[1]).toBe('%% loanLifecycle 1.0.0：由状态图定义生成');
    // The same edges between the same ids as the unlabelled drawing.
    const ends = (text: string): string[] => text.split('\n').filter((l) => l.includes(' --> ')).map((l) => l.split(' : ')[0] as string);
    expect(ends(labelled)).toEqual(ends(diagram));
  });
});

describe('README.md', () => {
  it('embeds the lifecycle diagram `postloan diagram` prints (copy its output into the ```mermaid block)', () => {
    const readme = readFileSync('README.md', 'utf8');
    const block = /```mermaid\n([\s\S]*?)\n```/.exec(readme);
    expect(block?.[1], 'README.md has no ```mermaid block').toBeDefined();
    expect(block?.[1]).toBe(diagram);
  });
});
