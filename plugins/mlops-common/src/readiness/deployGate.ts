import {
  ML_MODEL_RISK_TIERS,
  MLModelRiskTier,
} from '../kinds/MLModelEntityV1alpha1';
import { ReadinessPolicy } from './policy';
import { ReadinessReview } from './review';
import {
  approvalExpiresAt,
  describeStaleness,
  effectiveStatus,
  formatReviewDate,
} from './reviewStatus';
import { summarizeReview } from './reviewSummary';

/** @public */
export interface DeployGateInput {
  /** The model's reviews, any version, any status. */
  reviews: ReadinessReview[];
  /** The version about to be deployed. */
  version: string;
  now: Date;
  policy: ReadinessPolicy;
  /** The model's current risk tier; an approval given at a lower tier does not count. */
  tier?: MLModelRiskTier;
}

/** @public */
export interface DeployGateDecision {
  allowed: boolean;
  /** Why the deployment is blocked; empty when it is allowed. */
  reasons: string[];
  /** The approved review that allows it, or the review the reasons are about. */
  reviewId?: string;
  /** ISO 8601: when the allowing approval expires. */
  expiresAt?: string;
}

const rank = (tier: MLModelRiskTier) => ML_MODEL_RISK_TIERS.indexOf(tier);

function newestFirst(a: ReadinessReview, b: ReadinessReview): number {
  return (
    Date.parse(b.openedAt) - Date.parse(a.openedAt) ||
    b.id.localeCompare(a.id, 'en', { numeric: true })
  );
}

/**
 * Whether a model version may be deployed: only with an approved review of
 * exactly that version that is neither stale nor expired (and, when `tier` is
 * given, was approved at that tier or a stricter one).
 * @public
 */
export function evaluateDeployGate(input: DeployGateInput): DeployGateDecision {
  const { version, now, policy, tier } = input;
  const reviews = input.reviews
    .filter(r => r.version === version)
    .sort(newestFirst);

  if (reviews.length === 0) {
    const approvedElsewhere = [
      ...new Set(
        input.reviews
          .filter(r => effectiveStatus(r, now, policy) === 'approved')
          .map(r => r.version),
      ),
    ];
    return {
      allowed: false,
      reasons: [
        `No readiness review for version ${version}`,
        ...(approvedElsewhere.length > 0
          ? [
              `Approved reviews of ${approvedElsewhere.join(
                ', ',
              )} do not carry over: every version needs its own review`,
            ]
          : []),
      ],
    };
  }

  const reasons: string[] = [];
  for (const review of reviews) {
    if (effectiveStatus(review, now, policy) !== 'approved') continue;
    if (tier && rank(tier) > rank(review.tier)) {
      reasons.push(
        `Review ${review.id} was approved for the ${review.tier} tier, but the model is now ${tier}`,
      );
      continue;
    }
    return {
      allowed: true,
      reasons: [],
      reviewId: review.id,
      expiresAt: approvalExpiresAt(review, policy)!.toISOString(),
    };
  }
  if (reasons.length > 0) {
    return { allowed: false, reasons, reviewId: reviews[0].id };
  }

  const relevant = reviews.find(r => !r.withdrawal) ?? reviews[0];
  const status = effectiveStatus(relevant, now, policy);
  const id = relevant.id;
  switch (status) {
    case 'stale':
      reasons.push(
        `Review ${id} is approved but stale: ${describeStaleness(
          relevant.stale!.changes,
        )}`,
      );
      break;
    case 'expired':
      reasons.push(
        `Review ${id}'s approval expired on ${formatReviewDate(
          approvalExpiresAt(relevant, policy)!,
        )}`,
      );
      break;
    case 'withdrawn':
      reasons.push(
        `Review ${id} of version ${version} was withdrawn; open a new review`,
      );
      break;
    default:
      reasons.push(
        `Review ${id} is ${status}, not approved`,
        ...summarizeReview(relevant, now, policy).blockingReasons,
      );
  }
  return { allowed: false, reasons, reviewId: id };
}
