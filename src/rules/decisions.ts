import { z } from 'zod';
import { BUCKETS, CLASSIFICATIONS, LIFECYCLE_STATES, type Bucket, type Classification, type LifecycleState } from './vocabulary';

/**
 * What a rule may decide: the `event.type` of a rule and the shape of its `event.params`.
 * - `bucket`: the DPD bucket (P-LC-2). The highest-priority matching rule decides.
 * - `classificationFloor`: the loan is classified no better than this (P-CL-2, P-CL-3). The worst
 *   matching floor decides.
 * - `transition`: ask the lifecycle statechart to move to a state (P-LC-1, P-LC-3, P-LC-4, P-LC-8).
 *   The statechart refuses moves it does not allow.
 */
export const DECISION_PARAMS = {
  bucket: z.strictObject({ bucket: z.enum(BUCKETS) }),
  classificationFloor: z.strictObject({ classification: z.enum(CLASSIFICATIONS) }),
  transition: z.strictObject({ to: z.enum(LIFECYCLE_STATES) }),
} as const;

export type DecisionType = keyof typeof DECISION_PARAMS;
export const DECISION_TYPES = Object.keys(DECISION_PARAMS) as DecisionType[];

export const DECISION_DESCRIPTIONS: Record<DecisionType, string> = {
  bucket: 'Sets the DPD bucket (M0 … M6+). The matching rule with the highest priority wins.',
  classificationFloor: 'The loan is classified no better than this tier. The worst matching floor wins.',
  transition: 'Moves the lifecycle state, if the statechart allows the move from the current state.',
};

/** A rule's decision after validation. */
export type Decision =
  | { readonly type: 'bucket'; readonly bucket: Bucket }
  | { readonly type: 'classificationFloor'; readonly classification: Classification }
  | { readonly type: 'transition'; readonly to: LifecycleState };
