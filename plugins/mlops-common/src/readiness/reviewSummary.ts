import { MLModelRiskTier } from '../kinds/MLModelEntityV1alpha1';
import { ReadinessPolicy } from './policy';
import { EffectiveReviewStatus, ReadinessReview } from './review';
import {
  ReviewCheckState,
  approvalExpiresAt,
  approvalProgress,
  describeStaleness,
  effectiveStatus,
  formatReviewDate,
  reviewCheckStates,
} from './reviewStatus';

/** Everything a review card shows, computed at `now`. @public */
export interface ReviewSummary {
  reviewId: string;
  modelRef: string;
  version: string;
  tier: MLModelRiskTier;
  status: EffectiveReviewStatus;
  checks: {
    total: number;
    passed: number;
    failed: number;
    pending: number;
    notApplicable: number;
    items: ReviewCheckState[];
  };
  approvals: {
    count: number;
    required: number;
    approvers: string[];
    securityGroup?: string;
    missingSecurityApproval: boolean;
  };
  stale: boolean;
  expired: boolean;
  /** ISO 8601, when approved. */
  approvedAt?: string;
  /** ISO 8601, when approved. */
  expiresAt?: string;
  /** Why the review does not (or no longer) allow a deployment, as sentences; empty when it does. */
  blockingReasons: string[];
}

function checkLabel(state: ReviewCheckState): string {
  return `Check ${state.check.id} (${state.check.title})`;
}

/** What stands between a review and an allowed deployment, in sentences. */
function blockingReasons(
  review: ReadinessReview,
  expiresAt: Date | undefined,
  now: Date,
): string[] {
  if (review.withdrawal) {
    const { by, at, reason } = review.withdrawal;
    return [
      `Withdrawn by ${by} on ${formatReviewDate(at)}${
        reason ? `: ${reason}` : '.'
      }`,
    ];
  }
  const reasons: string[] = [];
  if (review.approval && review.stale) {
    reasons.push(
      `Approved on ${formatReviewDate(
        review.approval.at,
      )}, but stale: ${describeStaleness(review.stale.changes)}.`,
    );
  }
  if (review.approval && expiresAt && now >= expiresAt) {
    reasons.push(
      `The approval of ${formatReviewDate(
        review.approval.at,
      )} expired on ${formatReviewDate(expiresAt)}.`,
    );
  }
  if (review.approval) return reasons;

  for (const decision of review.decisions) {
    if (decision.decision === 'changes-requested' && !decision.addressedAt) {
      reasons.push(
        `${decision.reviewer} requested changes: ${decision.comment}`,
      );
    }
  }
  for (const state of reviewCheckStates(review)) {
    if (!state.check.required) continue;
    if (state.state === 'failed') {
      reasons.push(`${checkLabel(state)} failed: ${state.summary}`);
    } else if (state.state === 'pending') {
      reasons.push(
        state.check.kind === 'manual'
          ? `${checkLabel(state)} has not been attested.`
          : `${checkLabel(state)} has not been evaluated yet.`,
      );
    }
  }
  const progress = approvalProgress(review);
  if (progress.approvers.length < progress.required) {
    reasons.push(
      `Has ${progress.approvers.length} of ${progress.required} required approvals.`,
    );
  }
  if (!progress.securitySatisfied) {
    reasons.push(
      `Needs an approval from a member of ${progress.securityGroup}.`,
    );
  }
  return reasons;
}

/**
 * A card-ready summary of a review at `now`: check counts, approvals x of y,
 * the missing security approval, stale and expired flags and the blocking
 * reasons as sentences.
 * @public
 */
export function summarizeReview(
  review: ReadinessReview,
  now: Date,
  policy: ReadinessPolicy,
): ReviewSummary {
  const status = effectiveStatus(review, now, policy);
  const items = reviewCheckStates(review);
  const count = (state: ReviewCheckState['state']) =>
    items.filter(item => item.state === state).length;
  const progress = approvalProgress(review);
  const expiresAt = approvalExpiresAt(review, policy);
  return {
    reviewId: review.id,
    modelRef: review.modelRef,
    version: review.version,
    tier: review.tier,
    status,
    checks: {
      total: items.length,
      passed: count('passed'),
      failed: count('failed'),
      pending: count('pending'),
      notApplicable: count('not-applicable'),
      items,
    },
    approvals: {
      count: progress.approvers.length,
      required: progress.required,
      approvers: progress.approvers,
      ...(progress.securityGroup
        ? { securityGroup: progress.securityGroup }
        : {}),
      missingSecurityApproval: !progress.securitySatisfied,
    },
    stale: !!review.stale,
    expired: !!expiresAt && now >= expiresAt,
    ...(review.approval
      ? { approvedAt: review.approval.at, expiresAt: expiresAt!.toISOString() }
      : {}),
    blockingReasons: blockingReasons(review, expiresAt, now),
  };
}
