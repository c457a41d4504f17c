/**
 * Every user-facing sentence about a pack's lifecycle statechart (`parseStatechart`), in one place.
 */
import type { IssueText } from '../contract/messages';
import { textModule } from '../errors/issueText';
import { didYouMean } from '../errors/suggest';

/**
 * The texts of problems in a lifecycle statechart.
 *
 * @example
 * ```ts
 * statechartText.unknownTarget('litigaton', ['litigation']).hint; // 'did you mean "litigation"?'
 * ```
 */
export const statechartText = textModule('statechart', {
  unknownTarget: (target: string, states: readonly string[]): IssueText => ({
    message: `Unknown state "${target}"`,
    hint: didYouMean(target, states),
  }),
  decideGuard: (target: string): IssueText => ({
    message: 'A DECIDE transition must be guarded by decidedTo naming its own target',
    hint: `write "guard": { "type": "decidedTo", "params": { "to": "${target}" } }`,
  }),
  decidedToOutsideDecide: (event: string): IssueText => ({
    message: `The guard decidedTo only answers DECIDE, not ${event}`,
    hint: 'guard an event of the history with "permitted" (a rule permit) or leave it unguarded',
  }),
  unreachable: (state: string, initial: string): IssueText => ({
    message: `State "${state}" cannot be reached from the initial state "${initial}"`,
    hint: `add a transition into "${state}" from a reachable state, or remove the state`,
  }),
  roleMissing: (role: string, why: string): IssueText => ({
    message: `No state carries the role "${role}", which the engine needs: ${why}`,
    hint: `add "${role}" to the "tags" of the state that plays it`,
  }),
  initialRole: (initial: string): IssueText => ({
    message: `The initial state "${initial}" must carry the role "performing": a loan starts performing on its disbursement day`,
    hint: `add "performing" to the "tags" of "${initial}"`,
  }),
  terminalNeeded: (state: string, role: string): IssueText => ({
    message: `State "${state}" has the role "${role}" but not "terminal": a ${role === 'settled' ? 'settled' : 'written-off'} loan makes no further move`,
    hint: `add "terminal" to the "tags" of "${state}"`,
  }),
  terminalMoves: (state: string, event: string): IssueText => ({
    message: `State "${state}" is terminal but moves on ${event}`,
    hint: `remove the ${event} transition, or the role "terminal"`,
  }),
  exclusiveRoles: (state: string, a: string, b: string): IssueText => ({
    message: `State "${state}" carries both "${a}" and "${b}", which exclude each other`,
    hint: 'give the state one of them',
  }),
});
