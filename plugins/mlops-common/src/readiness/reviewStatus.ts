import { ChecklistItem } from './checklist';
import { containsRef } from './entityRefs';
import { ReadinessPolicy } from './policy';
import {
  CheckStatusChange,
  EffectiveReviewStatus,
  ReadinessReview,
  ReviewStatus,
} from './review';

/** Where one checklist item stands on a review. @public */
export type CheckState = 'passed' | 'failed' | 'pending' | 'not-applicable';

/** @public */
export interface ReviewCheckState {
  check: ChecklistItem;
  state: CheckState;
  /** The automatic result's sentence, or the attestation's comment. */
  summary?: string;
}

/** @public */
export interface ApprovalProgress {
  /** Reviewers whose current decision is an approval. */
  approvers: string[];
  required: number;
  /** The group a security approval must come from, when the tier needs one. */
  securityGroup?: string;
  /** Approvers who are members of `securityGroup`. */
  securityApprovers: string[];
  /** True when no security approval is needed or one is in. */
  securitySatisfied: boolean;
  /** Enough approvals, including the security approval when needed. */
  complete: boolean;
}

/** Where each checklist item of a review stands. @public */
export function reviewCheckStates(review: ReadinessReview): ReviewCheckState[] {
  return review.checklist.map(check => {
    if (check.kind === 'manual') {
      const attestation = review.attestations[check.id];
      return attestation
        ? { check, state: 'passed', summary: attestation.comment }
        : { check, state: 'pending' };
    }
    const result = review.automaticResults[check.id];
    return result
      ? { check, state: result.status, summary: result.summary }
      : { check, state: 'pending' };
  });
}

/** Required checks that are not passed (a not-applicable check counts as met). @public */
export function unmetRequiredChecks(
  review: ReadinessReview,
): ReviewCheckState[] {
  return reviewCheckStates(review).filter(
    s =>
      s.check.required && s.state !== 'passed' && s.state !== 'not-applicable',
  );
}

/** Who has approved, against what the review's tier requires. @public */
export function approvalProgress(review: ReadinessReview): ApprovalProgress {
  const approvals = review.decisions.filter(d => d.decision === 'approved');
  const { count, securityGroup } = review.approvalRequirement;
  const securityApprovers = securityGroup
    ? approvals
        .filter(d => containsRef(d.ownershipRefs, securityGroup))
        .map(d => d.reviewer)
    : [];
  const securitySatisfied = !securityGroup || securityApprovers.length > 0;
  return {
    approvers: approvals.map(d => d.reviewer),
    required: count,
    ...(securityGroup ? { securityGroup } : {}),
    securityApprovers,
    securitySatisfied,
    complete: approvals.length >= count && securitySatisfied,
  };
}

/**
 * The status a review's data implies, independent of the clock: withdrawn
 * and stale are final; once approved a review stays approved (staleness and
 * expiry are tracked separately); an unaddressed change request wins over
 * readiness; otherwise it is approved when every required check is met and
 * the approvals are in.
 * @public
 */
export function deriveReviewStatus(review: ReadinessReview): ReviewStatus {
  if (review.withdrawal) return 'withdrawn';
  if (review.approval) return review.stale ? 'stale' : 'approved';
  if (
    review.decisions.some(
      d => d.decision === 'changes-requested' && !d.addressedAt,
    )
  ) {
    return 'changes-requested';
  }
  return unmetRequiredChecks(review).length === 0 &&
    approvalProgress(review).complete
    ? 'approved'
    : 'open';
}

/** When an approved review's approval runs out. @public */
export function approvalExpiresAt(
  review: ReadinessReview,
  policy: ReadinessPolicy,
): Date | undefined {
  if (!review.approval) return undefined;
  return new Date(Date.parse(review.approval.at) + policy.approvalValidityMs);
}

/** The status at `now`: an approval older than the validity period is `expired`. @public */
export function effectiveStatus(
  review: ReadinessReview,
  now: Date,
  policy: ReadinessPolicy,
): EffectiveReviewStatus {
  const status = deriveReviewStatus(review);
  const expiresAt = approvalExpiresAt(review, policy);
  return status === 'approved' && expiresAt && now >= expiresAt
    ? 'expired'
    : status;
}

/** `2026-05-01`: the UTC calendar date, so that every reader sees the same day. @public */
export function formatReviewDate(date: Date | string): string {
  return new Date(date).toISOString().slice(0, 10);
}

/** "check slos-defined changed from passed to failed after approval". @public */
export function describeStaleness(changes: CheckStatusChange[]): string {
  return `${changes
    .map(c => `check ${c.checkId} changed from ${c.from} to ${c.to}`)
    .join(', ')} after approval`;
}
