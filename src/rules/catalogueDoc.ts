import { DECISION_DESCRIPTIONS, DECISION_PARAMS, DECISION_TYPES } from './decisions';
import { FACT_CATALOGUE, FACT_NAMES } from './facts';
import { DECORATOR_NAMES, OPERATOR_NAMES } from './operators';
import { ENGINE_PARAMETERS, MATERIALITY_PARAMETERS } from './parameters';
import { describeParam } from './describeParam';
import type { z } from 'zod';

const EVOLVES: Record<string, string> = {
  dpd: 'grows daily while overdue — the engine wakes the loan on the exact day a threshold is crossed',
  sinceDisbursement: 'grows daily — the engine wakes the loan on the exact day a threshold is crossed',
  materialDpd: 'grows daily while a material arrear lasts — the engine wakes the loan on the exact day a threshold is crossed, and looks on a due date and the day after when that instalment is not fully paid',
  sinceMaterialArrears: 'grows daily while no material arrear lasts — the engine wakes the loan on the exact day a threshold is crossed, and looks on a due date and the day after when that instalment is not fully paid',
  sinceRestructuring: 'grows daily from the latest restructuring — the engine wakes the loan on the exact day a threshold is crossed',
  sinceMaterialEvent: 'grows daily while no material event is open — the engine wakes the loan on the exact day a threshold is crossed',
  dueDates:
    'changes on due dates — the engine looks on a due date and the day after when that instalment is not fully paid; paid ahead, it looks only where the fact can still change (onTimeSinceCure on the due date while cured, consecutiveMissed the day after one that follows a missed instalment)',
  scheduled: 'changes on dates known from past events — the engine wakes the loan on them',
  daily: 'may change any day — a rule on it makes the engine look at the loan every day (slower)',
  events: 'changes only with events and decisions',
};

/**
 * The reference page for policy teams: every fact a rule may use, every operator and every kind of
 * decision, generated from the code so it cannot drift (`docs/rule-reference.md`).
 */
export function renderRuleReference(): string {
  const lines: string[] = [
    '# Rule reference',
    '',
    '<!-- Generated from src/rules (facts.ts, decisions.ts, operators.ts, parameters.ts) by `npm run docs`; a test fails when it drifts. Do not edit by hand. -->',
    '',
    'Everything a rule file may name. A rule that names anything else is refused when the pack is loaded, with the nearest valid name.',
    '',
    '## Facts',
    '',
    'Money facts are compared with amounts written as strings with two decimals (`"50000.00"`).',
    '',
    '| fact | type | meaning | over time |',
    '|---|---|---|---|',
  ];
  for (const name of FACT_NAMES) {
    const spec = FACT_CATALOGUE[name];
    const type = spec.type === 'enum' ? `one of ${(spec as { values: readonly string[] }).values.map((v) => `\`${v}\``).join(', ')}` : spec.type;
    lines.push(`| \`${name}\` | ${type} | ${spec.description} | ${EVOLVES[spec.evolves] ?? spec.evolves} |`);
  }
  lines.push(
    '',
    '## Operators',
    '',
    `json-rules-engine's operators: ${OPERATOR_NAMES.map((o) => `\`${o}\``).join(', ')}.`,
    `Decorators go in front, separated by a colon (\`not:equal\`, \`someValue:greaterThan\`): ${DECORATOR_NAMES.map((o) => `\`${o}\``).join(', ')}.`,
    'Facts here are single values, so `contains`, `doesNotContain`, `someFact`, `everyFact` and `swap` are refused with a suggestion.',
    'An empty `all` or `any` is refused: json-rules-engine treats both as true, which is almost never what was meant.',
    '',
    '## Data facts: `attributes` and `observations`',
    '',
    'The type `data` marks a fact holding data the lender supplies: the contract\'s `loan.attributes` (free JSON) and the latest value of each `observation` event by name. A condition on one names what it reads with `path`, in a subset of JSONPath: `$` then `.name` and `[index]` steps (at most 8), e.g. `{ "fact": "attributes", "path": "$.dealer.id", "operator": "equal", "value": "W-1" }` or `{ "fact": "observations", "path": "$.bureauScore", "operator": "lessThan", "value": 550 }`. Filters, wildcards, `..`, quoted names and the names `__proto__`, `constructor` and `prototype` are refused. A missing value reads as undefined, as in json-rules-engine: `equal`, `in` and the order operators are false, `notEqual` and `notIn` true.',
    '',
    'A pack may declare the names its rules read, with their types, in `pack.json`: `"attributes": { "product": "string", "dealer": "object" }` (string, number, boolean, object, array) and `"observations": { "bureauScore": "number" }` (string, number, boolean). With a declaration, a rule reading another name is refused with the nearest declared one, and values and operators are checked against the type; without one, any name is read.',
    '',
    '## Custom operators',
    '',
    'A host program may register operators in code (`loadPack(files, { operators })`, `loadPackDir(dir, { operators })`). A pack that uses one lists it in `pack.json`: `"requires": { "operators": ["startsWith"] }`; loaded without it, the pack is refused naming the missing operator. A rule may use an operator only if it is built in or required; a host operator may not take the name of a built-in one. It receives the fact value (at the condition\'s path) and the condition\'s value as written, and holds only when it returns `true`.',
    '',
    '## Dimensions: `scales.dimensions`',
    '',
    'A pack may declare further ordered scales besides the classification, e.g. an IFRS 9 stage: `"scales": { "dimensions": { "stage": { "values": ["stage1", "stage2", "stage3"], "sticky": ["stage3"], "description": "IFRS 9 impairment stage" } } }`. Values are listed best to worst; the first is the value of a new loan. Rules set a dimension with the decision `floor` (`{ "type": "floor", "params": { "dimension": "stage", "value": "stage2" } }`): its value is the worst floor that holds, the first value when none holds, except that a current value listed in `sticky` is kept until a rule `{ "type": "permit", "params": { "action": "upgrade", "dimension": "stage" } }` holds (the classification\'s non-performing tiers and its upgrade permit work the same way). Rules read the current value as a fact of the dimension\'s name (`{ "fact": "stage", "operator": "equal", "value": "stage3" }`), checked against its values. The classification and the dimensions are decided together: while one changes, the others are decided again the same day, so a floor reading another scale sees its value of that day. A change is a timeline entry `dimensionChanged` (`dimension`, `from`, `to`, `ruleIds`, `rules`, `inputs`), and the replay output has `"dimensions": { "stage": "stage2" }` when the pack declares any. A dimension may not be named like a built-in fact; at most 16 dimensions of at most 32 values. A pack that extends another inherits its dimensions and may add its own (a dimension of the same name replaces the inherited one where it stood).',
    '',
    '## Values',
    '',
    '- A literal of the fact\'s type: a whole number, `"123.45"` for money, `true`/`false`, or one of the fact\'s names.',
    '- A list for `in`, `notIn`, `someValue:` and `everyValue:`.',
    '- `{ "param": "name" }`: a parameter of `pack.json`, checked against the fact\'s type.',
    '- `{ "fact": "name" }`: another fact of the same type.',
    '',
    '## Decisions (`event.type`)',
    '',
    '| type | params | meaning |',
    '|---|---|---|',
  );
  for (const t of DECISION_TYPES) {
    const shape = DECISION_PARAMS[t].shape as Record<string, z.ZodType>;
    const params = Object.entries(shape)
      .map(([k, v]) => `\`${k}\`: ${describeParam(v)}`)
      .join('; ');
    lines.push(`| \`${t}\` | ${params} | ${DECISION_DESCRIPTIONS[t]} |`);
  }
  lines.push('', '## Parameters the engine reads', '', 'Every pack must set these in `pack.json` → `parameters`; rules may read any other parameter by name.', '', '| parameter | meaning |', '|---|---|');
  for (const [name, def] of Object.entries(ENGINE_PARAMETERS)) lines.push(`| \`${name}\` | ${def.description} |`);
  lines.push(
    '',
    '## Materiality threshold parameters',
    '',
    'Optional, both or neither: a pack whose rules read `materialPastDue`, `materialDpd` or `daysWithoutMaterialArrears` must set both. With them the engine also looks at each loan on every due date and the day after, where an arrear may become material.',
    '',
    '| parameter | meaning | example |',
    '|---|---|---|',
  );
  for (const [name, def] of Object.entries(MATERIALITY_PARAMETERS)) lines.push(`| \`${name}\` | ${def.description} | \`${JSON.stringify(def.example)}\` |`);
  lines.push('');
  return lines.join('\n');
}
