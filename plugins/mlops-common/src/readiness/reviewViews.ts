import { ChecklistItem } from './checklist';
import {
  EffectiveReviewStatus,
  ManualAttestation,
  ReadinessReview,
  RecordedCheckResult,
  ReviewAuditEvent,
  ReviewDecision,
} from './review';
import { CheckState } from './reviewStatus';
import { ReviewSummary } from './reviewSummary';
import { MLModelRiskTier } from '../kinds/MLModelEntityV1alpha1';

/*
 * The readiness API's JSON bodies (`/api/mlops/reviews`, `/readiness`,
 * `/gate`). They live here rather than in the backend so that the backend
 * that builds them and the frontend that reads them cannot drift apart.
 * Every date is already an ISO 8601 string, so these are the wire form as is.
 */

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

/** A review after a command, with the audit events the command recorded. @public */
export type ReviewCommandResponse = ReviewView & {
  events: ReviewAuditEvent[];
};

/** A review in lists: the summary without per-check detail. @public */
export interface ReviewOverview {
  id: string;
  /** Canonical MLModel entity ref, lower case. */
  modelRef: string;
  version: string;
  tier: MLModelRiskTier;
  status: EffectiveReviewStatus;
  /** User entity ref. */
  author: string;
  /** ISO 8601. */
  openedAt: string;
  /** ISO 8601. */
  updatedAt: string;
  checks: Omit<ReviewSummary['checks'], 'items'>;
  approvals: ReviewSummary['approvals'];
  stale: boolean;
  expired: boolean;
  approvedAt?: string;
  expiresAt?: string;
  blockingReasons: string[];
}

/** `GET /models/:namespace/:name/reviews`: newest first. @public */
export interface ModelReviewsResponse {
  modelRef: string;
  items: ReviewOverview[];
}

/** `GET /reviews?awaiting=me`: the longest waiting first. @public */
export interface AwaitingReviewsResponse {
  items: ReviewOverview[];
}

/** One row of `POST /readiness/summary`. @public */
export interface ModelReadinessSummary {
  entityRef: string;
  /** The model's newest review, or null when it has none (or may not be read). */
  review: ReviewOverview | null;
}

/** `POST /readiness/summary`, in the order asked. @public */
export interface ReadinessSummaryResponse {
  items: ModelReadinessSummary[];
}

/** One entry of a review's audit timeline (a row of the append-only log). @public */
export interface ReviewAuditEntry {
  /** Increases with every recorded event. */
  sequence: number;
  reviewId: string;
  modelRef: string;
  version: string;
  /** e.g. `review.approve`. */
  action: string;
  /** User entity ref, or a service such as `plugin:mlops`. */
  actor: string;
  /** ISO 8601. */
  occurredAt: string;
  before: EffectiveReviewStatus | null;
  after: EffectiveReviewStatus;
  details: Record<string, unknown>;
}

/** `GET /reviews/:id/audit`: oldest first. @public */
export interface ReviewAuditTrailResponse {
  reviewId: string;
  items: ReviewAuditEntry[];
}

/**
 * `GET /reviews/:id/audit?format=evidence`: everything an auditor needs
 * about one review in one file: the review, the checklist with the evidence
 * each result rests on, the decisions, and the full audit trail.
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

/** `GET /gate/:namespace/:name/:version`: whether a model version may be deployed now. @public */
export interface DeployGateResponse {
  modelRef: string;
  version: string;
  allowed: boolean;
  /** Why the deployment is blocked; empty when it is allowed. */
  reasons: string[];
  reviewId: string | null;
  expiresAt: string | null;
  /** ISO 8601. */
  evaluatedAt: string;
}
