import type { ReplayOutput, TaskOutput, TimelineRecord } from '../../src/engine/output';
import { timelineEntryIds } from '../../src/engine/timelineEntryIds';
import type { Bucket, Classification, LifecycleState } from '../../src/rules/vocabulary';
import type { LoanProfile } from '../../src/portfolio/report';

const PROVISION_RATES: Readonly<Record<Classification, string>> = { pass: '0.015', specialMention: '0.03', substandard: '0.30', doubtful: '0.60', loss: '1.00' };

/** What a hand-written replay output needs; everything else gets a neutral default. */
export interface OutputSpec {
  readonly loanId: string;
  readonly asOf: string;
  readonly state?: LifecycleState;
  readonly bucket?: Bucket;
  readonly dpd?: number;
  readonly classification?: Classification;
  /** Outstanding principal. */
  readonly principal: string;
  /** Outstanding total; defaults to the principal. */
  readonly total?: string;
  readonly overduePrincipal?: string;
  /** Provision amount; defaults to 0.00 (set it when a test checks provisioning). */
  readonly provision?: string;
  /** Timeline entries without their ids: they get the engine's. */
  readonly timeline?: readonly TimelineRecord[];
  readonly tasks?: readonly TaskOutput[];
}

/** A replay output as the engine would print it, with only the fields a portfolio report reads set by hand. */
export function output(spec: OutputSpec): ReplayOutput {
  const classification = spec.classification ?? 'pass';
  return {
    loanId: spec.loanId,
    asOf: spec.asOf,
    pack: { id: 'cn-default', version: '1.0.0', hash: 'sha256:test' },
    state: spec.state ?? 'normal',
    bucket: spec.bucket ?? 'M0',
    dpd: spec.dpd ?? 0,
    classification,
    riskLevel: 'low',
    managementMode: 'regular',
    segment: 'none',
    outstanding: { principal: spec.principal, interest: '0.00', penalty: '0.00', total: spec.total ?? spec.principal },
    overdue: { principal: spec.overduePrincipal ?? '0.00', interest: '0.00', penalty: '0.00', total: spec.overduePrincipal ?? '0.00' },
    missedInstalments: { consecutive: 0, cumulative: 0 },
    provision: { rate: PROVISION_RATES[classification], amount: spec.provision ?? '0.00', ruleIds: ['P-CL-5'] },
    limitationExpiresOn: null,
    nextReviewOn: null,
    timeline: timelineEntryIds(spec.loanId, spec.timeline ?? []),
    tasks: spec.tasks ?? [],
  };
}

/** A profile with no visits or calls unless given. */
export function profile(loanId: string, borrowerId: string, extra: Partial<LoanProfile> = {}): LoanProfile {
  return { loanId, borrowerId, borrowerKind: 'retail', disbursedOn: '2025-01-15', secured: false, guaranteed: false, fieldVisits: [], contactAttempts: [], ...extra };
}
