import { schemaPhrase } from '../errors/schemaPhrases';
import { z } from 'zod';
import { nonNegativeMoney } from '../contract/primitives';
import { ALLOCATION_COMPONENTS, BORROWER_KINDS } from './vocabulary';

const rateText = z.string().regex(/^(0|[1-9]\d{0,2})(\.\d{1,10})?$/, 'must be a decimal rate string such as "0.03"');

/**
 * Parameters the engine itself reads (rules may read any parameter through `{ "param": "name" }`;
 * those are typed by the fact they are compared with). Every engine parameter must be set by the pack:
 * thresholds live in the pack, never in TypeScript.
 */
export const ENGINE_PARAMETERS = {
  allocationOrder: {
    description:
      'Order in which a payment pays the components of an instalment, oldest instalment first (P-LC-8). Default pack: penalty → interest → principal.',
    example: ['penalty', 'interest', 'principal'],
    schema: z
      .array(z.enum(ALLOCATION_COMPONENTS))
      .length(3, { message: schemaPhrase.threeComponents })
      .refine((a) => new Set(a).size === 3, { message: schemaPhrase.threeComponents }),
  },
  contactConduct: {
    description: 'Contact conduct (P-CS-11): no collection contact between quietFrom and quietTo local time; at most maxCallsPerNumberPerDay calls a day to one number.',
    example: { quietFrom: '22:00', quietTo: '08:00', maxCallsPerNumberPerDay: 6 },
    schema: z.strictObject({
      quietFrom: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, { message: schemaPhrase.quietFrom }),
      quietTo: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, { message: schemaPhrase.quietTo }),
      maxCallsPerNumberPerDay: z.number().int().min(1).max(100),
    }),
  },
  limitationYears: {
    description: 'Statute of limitations (诉讼时效) in years, from the last instalment\'s due date or the last interruption (P-NT-7).',
    example: 3,
    schema: z.number().int().min(1).max(30),
  },
  provisionRates: {
    description: "Provisioning (拨备) rate per tier of the classification scale (P-CL-5; cn-default's five tiers unless the pack declares scales.classification), as decimal strings.",
    example: { pass: '0.015', specialMention: '0.03', substandard: '0.30', doubtful: '0.60', loss: '1.00' },
    // Keyed by the pack's tiers: which ones is checked against its classification scale where it is loaded.
    schema: z.record(z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_.+-]{0,31}$/), rateText),
  },
} as const;

export type EngineParameterName = keyof typeof ENGINE_PARAMETERS;

/** Any value a pack parameter may hold (plain JSON, bounded by the pack schema). */
export type ParameterValue = number | string | boolean | readonly ParameterValue[] | { readonly [k: string]: ParameterValue };

/**
 * Pack parameters read by library functions that work on many loans at once rather than by a replay:
 * the caller passes them in (`applyContagion(loans, { threshold: pack.parameters['contagionThreshold'] })`).
 * A pack may leave them out; `lintPack` does not report them as unused.
 *
 * @example
 * ```ts
 * Object.keys(PORTFOLIO_PARAMETERS); // ['contagionThreshold', 'spotCheckRate']
 * ```
 */
export const PORTFOLIO_PARAMETERS = {
  contagionThreshold: 'the threshold of applyContagion: share of a corporate borrower\'s balance that is non-performing above which all its loans are (P-CL-8)',
  spotCheckRate: 'the rate of spotCheckSample: share of last month\'s new loans checked on site (P-IN-8)',
} as const;

/**
 * Parameters of the materiality threshold of past-due amounts (Delegated Regulation (EU) 2018/171),
 * read by the engine for the facts `materialPastDue`, `materialDpd` and `daysWithoutMaterialArrears`.
 * Optional for a pack, both or neither: a pack whose rules read those facts must set both; a pack
 * without them never computes the threshold (cn-default).
 *
 * @example
 * ```ts
 * MATERIALITY_PARAMETERS.materialityRelative.example; // '0.01'
 * ```
 */
export const MATERIALITY_PARAMETERS = {
  materialityAbsolute: {
    description:
      'Absolute component of the materiality threshold, per borrower kind, as money strings in the loan\'s currency: an arrear is material only when the past-due amount (principal and interest, no penalty) exceeds it. EU: at most 100.00 EUR retail, 500.00 EUR non-retail (Delegated Regulation (EU) 2018/171 Art. 1(2), 2(2)).',
    example: { retail: '100.00', corporate: '500.00' },
    schema: z.strictObject(
      Object.fromEntries(BORROWER_KINDS.map((k) => [k, nonNegativeMoney])) as Record<(typeof BORROWER_KINDS)[number], typeof nonNegativeMoney>,
    ),
  },
  materialityRelative: {
    description:
      'Relative component of the materiality threshold, a decimal string: an arrear is material only when the past-due amount also exceeds this share of the exposure (outstanding principal + interest due and unpaid). EU: between 0 and 0.025, normally 0.01 (Delegated Regulation (EU) 2018/171 Art. 1(2)).',
    example: '0.01',
    schema: rateText,
  },
} as const;

/** Names of {@link MATERIALITY_PARAMETERS}. */
export type MaterialityParameterName = keyof typeof MATERIALITY_PARAMETERS;
