import { Entity } from '@backstage/catalog-model';
import {
  ML_MODEL_RISK_TIERS,
  MLModelCard,
  MLModelRiskTier,
} from '../kinds/MLModelEntityV1alpha1';
import { ReadinessCheck } from './checklist';
import {
  DEFAULT_APPROVALS,
  DEFAULT_APPROVAL_VALIDITY,
  DEFAULT_MODEL_CARD_SECTIONS,
  DEFAULT_READINESS_CHECKS,
  DEFAULT_SECURITY_GROUP,
} from './defaultChecklist';
import { parseReadinessDuration } from './duration';

/** The sections of `spec.modelCard`, in the order the card shows them. @public */
export const MODEL_CARD_SECTIONS: ReadonlyArray<keyof MLModelCard> = [
  'summary',
  'intendedUse',
  'outOfScopeUse',
  'limitations',
  'ethicalConsiderations',
  'trainingData',
  'evaluation',
  'caveats',
];

/** How many sign-offs a tier needs, and from whom. @public */
export interface ApprovalRequirement {
  /** Distinct approvers needed (never the author of the review). */
  count: number;
  /** When set, at least one approver must be a member of this group. */
  securityGroup?: string;
}

/**
 * Everything the readiness engine decides with, resolved from defaults and
 * the `mlops.readiness` configuration by `readReadinessConfig`.
 * @public
 */
export interface ReadinessPolicy {
  /** Enabled checks (built-in and configured), overrides applied, in display order. */
  checks: ReadinessCheck[];
  approvals: Record<MLModelRiskTier, ApprovalRequirement>;
  /** The validity as configured, e.g. `90d`. */
  approvalValidity: string;
  approvalValidityMs: number;
  /** Model card sections the `model-card` check requires, per tier. */
  modelCardSections: Record<MLModelRiskTier, Array<keyof MLModelCard>>;
  /** The tier assumed for a model without `spec.riskTier`. */
  defaultTier: MLModelRiskTier;
}

/** The policy when nothing is configured. @public */
export const DEFAULT_READINESS_POLICY: ReadinessPolicy = {
  checks: DEFAULT_READINESS_CHECKS,
  approvals: {
    low: { count: DEFAULT_APPROVALS.low.count },
    medium: { count: DEFAULT_APPROVALS.medium.count },
    high: { count: DEFAULT_APPROVALS.high.count },
    critical: {
      count: DEFAULT_APPROVALS.critical.count,
      securityGroup: DEFAULT_SECURITY_GROUP,
    },
  },
  approvalValidity: DEFAULT_APPROVAL_VALIDITY,
  approvalValidityMs: parseReadinessDuration(DEFAULT_APPROVAL_VALIDITY)!,
  modelCardSections: DEFAULT_MODEL_CARD_SECTIONS,
  // An unclassified model is not assumed harmless; medium asks for the
  // operational basics without the high-tier reviews.
  defaultTier: 'medium',
};

/** The risk tier a model is reviewed at: `spec.riskTier`, else the policy default. @public */
export function riskTierOf(
  entity: Entity,
  policy: ReadinessPolicy = DEFAULT_READINESS_POLICY,
): MLModelRiskTier {
  const tier = (entity.spec as { riskTier?: unknown } | undefined)?.riskTier;
  return (ML_MODEL_RISK_TIERS as readonly unknown[]).includes(tier)
    ? (tier as MLModelRiskTier)
    : policy.defaultTier;
}
