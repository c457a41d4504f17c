// Test helper: a format-5 engine state written out the way format 4 did (every rule's cursor as three
// numbers, `lastDone` as entries, every attempt count and call map of a contact slot, every ledger list,
// every field of a task),
// for tests that build snapshots of older formats from a current one.

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

export function format4State(state: Json, rules: number, disbursedOn: number, loanId: string): Json {
  const t = state['tasks'];
  const cursors: number[] = [];
  for (let r = 0; r < rules; r++) cursors.push(0, 0, disbursedOn);
  for (let i = 0; i < t.cursors.length; i += 3) {
    const r = t.cursors[i] >> 1;
    cursors[3 * r] = t.cursors[i + 1];
    cursors[3 * r + 1] = t.cursors[i] & 1;
    cursors[3 * r + 2] = t.cursors[i + 2];
  }
  const lastDone: [string, number][] = [];
  for (let i = 0; i < t.lastDone.length; i += 2) lastDone.push([t.lastDone[i], t.lastDone[i + 1]]);
  const slots = state['contacts'].slots.map((s: Json | null) => {
    if (s === null) return null;
    const attempts = new Array<number>(15).fill(0);
    for (let i = 0; i < s['attempts'].length; i += 2) attempts[s['attempts'][i]] = s['attempts'][i + 1];
    return { attempts, byParty: s['byParty'] ?? [], calls: s['calls'] ?? [], day: s['day'], numberless: s['numberless'] ?? [] };
  });
  const n = state['ledger'].clearedOn.length;
  const zeros = (): number[] => new Array<number>(n).fill(0);
  const ledger = { ...state['ledger'] };
  for (const key of ['paidInterest', 'paidPenalty', 'paidPrincipal', 'penaltyClosed', 'waivedInterest']) ledger[key] ??= zeros();
  const cut = loanId.length + 1;
  const tasks = t.tasks.map((k: Json) => ({ ...k, breachRecorded: k['breachRecorded'] ?? false, kind: k['kind'] ?? k['id'].slice(cut, k['id'].indexOf('/', cut)), party: k['party'] ?? k['id'].slice(k['id'].lastIndexOf('/') + 1), progress: k['progress'] ?? 0 }));
  return { ...state, contacts: { ...state['contacts'], slots }, ledger, tasks: { ...t, cursors, lastDone, tasks } };
}
