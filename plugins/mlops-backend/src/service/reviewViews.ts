import {
  ChecklistItem,
  CheckState,
  effectiveStatus,
  EffectiveReviewStatus,
  ManualAttestation,
  MLModelEntityV1alpha1,
  MLModelRiskTier,
  ReadinessPolicy,
  ReadinessReview,
  RecordedCheckResult,
  reviewCheckStates,
  ReviewDecision,
  ReviewSummary,
  riskTierOf,
  summarizeReview,
} from '@mlops-portal/plugin-mlops-common';
import { ReviewAuditRecord } from '../database/ReadinessReviewStore';

/** A checklist item with where it stands and what it rests on. @public */
export type ChecklistEntry = ChecklistItem & {
  state: CheckState;
  /** The automatic result's sentence, or the attestation's comment. */
  summary?: string;
  /** The latest automatic result with its evidence (automatic checks). */
  result?: RecordedCheckResult;
  /** The latest attestation with its evidence URL (manual checks). */
  attestation?: ManualAttestation;
};

/** A review as `GET /reviews/:id` returns it. @public */
export interface ReviewView {
  review: ReadinessReview;
  /** Guards the stored review; changes with every write. */
  revision: number;
  /** The status now (`expired` when the approval ran out). */
  status: EffectiveReviewStatus;
  summary: ReviewSummary;
  checklist: ChecklistEntry[];
}

/** A review in lists: the summary without per-check detail. @public */
export interface ReviewOverview {
  id: string;
  modelRef: string;
  version: string;
  tier: MLModelRiskTier;
  status: EffectiveReviewStatus;
  author: string;
  openedAt: string;
  updatedAt: string;
  checks: Omit<ReviewSummary['checks'], 'items'>;
  approvals: ReviewSummary['approvals'];
  stale: boolean;
  expired: boolean;
  approvedAt?: string;
  expiresAt?: string;
  blockingReasons: string[];
}

/** One entry of a review's audit timeline. @public */
export type ReviewAuditEntry = ReviewAuditRecord;

/**
 * Everything an auditor needs about one review in one file: the review, the
 * checklist with the evidence each result rests on, the decisions, and the
 * full audit trail.
 * @public
 */
export interface ReadinessEvidenceDocument {
  kind: 'mlops-portal.io/readiness-review-evidence';
  formatVersion: 1;
  /** ISO 8601. */
  generatedAt: string;
  /** Who exported it: a user entity ref or a service subject. */
  generatedBy: string;
  model: {
    ref: string;
    title?: string;
    owner?: string;
    /** The model's risk tier at export time (the review keeps the tier it opened at). */
    currentTier: MLModelRiskTier;
    lifecycle?: string;
  };
  review: {
    id: string;
    version: string;
    tier: MLModelRiskTier;
    author: string;
    openedAt: string;
    updatedAt: string;
    storedStatus: ReadinessReview['status'];
    status: EffectiveReviewStatus;
    approvalRequirement: ReadinessReview['approvalRequirement'];
    approval: ReadinessReview['approval'] | null;
    stale: ReadinessReview['stale'] | null;
    withdrawal: ReadinessReview['withdrawal'] | null;
  };
  summary: ReviewOverview;
  checklist: ChecklistEntry[];
  decisions: ReviewDecision[];
  auditTrail: ReviewAuditEntry[];
}

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

export function evidenceDocument(options: {
  review: ReadinessReview;
  model: MLModelEntityV1alpha1;
  auditTrail: ReviewAuditRecord[];
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
