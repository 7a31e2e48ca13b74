/**
 * The JSON bodies of the readiness API built from a stored review: the
 * backend answers with them, and the frontend's dev harness and test
 * fixtures build the same bodies the same way.
 */
import { MLModelEntityV1alpha1 } from '../kinds/MLModelEntityV1alpha1';
import { ReadinessPolicy, riskTierOf } from './policy';
import { ReadinessReview } from './review';
import { effectiveStatus, reviewCheckStates } from './reviewStatus';
import { summarizeReview } from './reviewSummary';
import {
  ChecklistEntry,
  ReadinessEvidenceDocument,
  ReviewAuditEntry,
  ReviewOverview,
  ReviewView,
} from './reviewViews';

/** @public */
export function checklistEntries(review: ReadinessReview): ChecklistEntry[] {
  return reviewCheckStates(review).map(({ check, state, summary }) => {
    const result = review.automaticResults[check.id];
    const attestation = review.attestations[check.id];
    return {
      ...check,
      state,
      ...(summary !== undefined ? { summary } : {}),
      ...(check.kind === 'automatic' && result ? { result } : {}),
      ...(check.kind === 'manual' && attestation ? { attestation } : {}),
    };
  });
}

/** @public */
export function reviewView(
  review: ReadinessReview,
  revision: number,
  now: Date,
  policy: ReadinessPolicy,
): ReviewView {
  return {
    review,
    revision,
    status: effectiveStatus(review, now, policy),
    summary: summarizeReview(review, now, policy),
    checklist: checklistEntries(review),
  };
}

/** @public */
export function reviewOverview(
  review: ReadinessReview,
  now: Date,
  policy: ReadinessPolicy,
): ReviewOverview {
  const { checks, ...summary } = summarizeReview(review, now, policy);
  const { items: _items, ...counts } = checks;
  return {
    id: review.id,
    modelRef: review.modelRef,
    version: review.version,
    tier: review.tier,
    status: summary.status,
    author: review.author,
    openedAt: review.openedAt,
    updatedAt: review.updatedAt,
    checks: counts,
    approvals: summary.approvals,
    stale: summary.stale,
    expired: summary.expired,
    ...(summary.approvedAt ? { approvedAt: summary.approvedAt } : {}),
    ...(summary.expiresAt ? { expiresAt: summary.expiresAt } : {}),
    blockingReasons: summary.blockingReasons,
  };
}

/** @public */
export function evidenceDocument(options: {
  review: ReadinessReview;
  model: MLModelEntityV1alpha1;
  auditTrail: ReviewAuditEntry[];
  generatedBy: string;
  now: Date;
  policy: ReadinessPolicy;
}): ReadinessEvidenceDocument {
  const { review, model, auditTrail, generatedBy, now, policy } = options;
  const spec = (model.spec ?? {}) as Partial<MLModelEntityV1alpha1['spec']>;
  return {
    kind: 'mlops-portal.io/readiness-review-evidence',
    formatVersion: 1,
    generatedAt: now.toISOString(),
    generatedBy,
    model: {
      ref: review.modelRef,
      ...(model.metadata.title ? { title: model.metadata.title } : {}),
      ...(typeof spec.owner === 'string' ? { owner: spec.owner } : {}),
      currentTier: riskTierOf(model, policy),
      ...(typeof spec.lifecycle === 'string'
        ? { lifecycle: spec.lifecycle }
        : {}),
    },
    review: {
      id: review.id,
      version: review.version,
      tier: review.tier,
      author: review.author,
      openedAt: review.openedAt,
      updatedAt: review.updatedAt,
      storedStatus: review.status,
      status: effectiveStatus(review, now, policy),
      approvalRequirement: review.approvalRequirement,
      approval: review.approval ?? null,
      stale: review.stale ?? null,
      withdrawal: review.withdrawal ?? null,
    },
    summary: reviewOverview(review, now, policy),
    checklist: checklistEntries(review),
    decisions: review.decisions,
    auditTrail,
  };
}
