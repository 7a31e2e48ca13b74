import { MLModelRiskTier } from '../kinds/MLModelEntityV1alpha1';
import type { ReadinessPolicy } from './policy';

/** What area of production readiness a check covers. @public */
export const READINESS_CATEGORIES = [
  'reliability',
  'monitoring',
  'governance',
  'security',
  'documentation',
] as const;
/** @public */
export type ReadinessCategory = (typeof READINESS_CATEGORIES)[number];

/**
 * `automatic` checks are judged by the portal from the entity and platform
 * facts; `manual` checks are attested by a person with a link to evidence.
 * @public
 */
export const READINESS_CHECK_KINDS = ['automatic', 'manual'] as const;
/** @public */
export type ReadinessCheckKind = (typeof READINESS_CHECK_KINDS)[number];

/** One item of a readiness checklist, as defined or configured. @public */
export interface ReadinessCheck {
  /** Stable kebab-case id, e.g. `runbook-link`. */
  id: string;
  title: string;
  /** Why the check matters, shown next to it so that nobody ticks boxes blindly. */
  why: string;
  category: ReadinessCategory;
  kind: ReadinessCheckKind;
  /** The risk tiers whose checklist contains this check. */
  tiers: MLModelRiskTier[];
  /** Whether the check blocks approval. Defaults to true. */
  required?: boolean;
}

/** A check as it appears in one tier's checklist: `required` is resolved. @public */
export type ChecklistItem = Omit<ReadinessCheck, 'required'> & {
  required: boolean;
};

/**
 * The checklist a model of the given risk tier is reviewed against, in the
 * policy's order.
 * @public
 */
export function checklistFor(
  tier: MLModelRiskTier,
  policy: ReadinessPolicy,
): ChecklistItem[] {
  return policy.checks
    .filter(check => check.tiers.includes(tier))
    .map(check => ({
      ...check,
      tiers: [...check.tiers],
      required: check.required ?? true,
    }));
}
