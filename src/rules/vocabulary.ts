/**
 * The closed vocabularies of the public contract: lifecycle states, DPD buckets and the five tiers.
 * Order matters: buckets and tiers are listed from best to worst.
 */
export const LIFECYCLE_STATES = [
  'normal',
  'overdueM1',
  'overdueM2M3',
  'outsourced',
  'litigation',
  'writtenOff',
  'settled',
] as const;
export type LifecycleState = (typeof LIFECYCLE_STATES)[number];

export const BUCKETS = ['M0', 'M1', 'M2', 'M3', 'M4', 'M5', 'M6', 'M6+'] as const;
export type Bucket = (typeof BUCKETS)[number];

export const CLASSIFICATIONS = ['pass', 'specialMention', 'substandard', 'doubtful', 'loss'] as const;
export type Classification = (typeof CLASSIFICATIONS)[number];

/** Substandard, doubtful and loss are non-performing (不良), P-CL-1. */
export function isNonPerforming(c: Classification): boolean {
  return c === 'substandard' || c === 'doubtful' || c === 'loss';
}

/** Rank of a tier, 0 = pass … 4 = loss; a higher rank is a worse tier. */
export function classificationRank(c: Classification): number {
  return CLASSIFICATIONS.indexOf(c);
}

/** The worse of two tiers. */
export function worseOf(a: Classification, b: Classification): Classification {
  return classificationRank(a) >= classificationRank(b) ? a : b;
}

export const REPAYMENT_METHODS = ['equalInstallment', 'equalPrincipal', 'interestOnly', 'bullet', 'explicit'] as const;
export const BORROWER_KINDS = ['retail', 'corporate'] as const;
export const ALLOCATION_COMPONENTS = ['penalty', 'interest', 'principal'] as const;
export type AllocationComponent = (typeof ALLOCATION_COMPONENTS)[number];

/** Management mode (P-IN-3): regular (常规) or key (重点). */
export const MANAGEMENT_MODES = ['regular', 'key'] as const;
export type ManagementMode = (typeof MANAGEMENT_MODES)[number];

/** Risk level (P-EW-2), lowest first. */
export const RISK_LEVELS = ['low', 'medium', 'high'] as const;
export type RiskLevel = (typeof RISK_LEVELS)[number];

/**
 * Collection segments by ability × willingness (P-CS-9); `none` while the loan is not being collected.
 * Unable and unwilling borrowers have no strategy of their own in the policy: packs treat them as unwilling.
 */
export const COLLECTION_SEGMENTS = ['none', 'ableWilling', 'ableUnwilling', 'unableWilling', 'lostContact'] as const;
export type CollectionSegment = (typeof COLLECTION_SEGMENTS)[number];

