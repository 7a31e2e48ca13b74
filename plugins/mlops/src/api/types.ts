import { Entity } from '@backstage/catalog-model';
import type {
  ChecklistItem,
  CheckState,
  EffectiveReviewStatus,
  ManualAttestation,
  MLModelRiskTier,
  ReadinessReview,
  RecordedCheckResult,
  ReviewAuditEvent,
  ReviewSummary,
} from '@mlops-portal/plugin-mlops-common';

/**
 * An error the catalog recorded while processing an entity, serialised with
 * `serializeError` from `@backstage/errors`.
 */
export interface UnprocessedEntityError {
  name: string;
  message: string;
  cause?: { name?: string; message?: string };
}

/**
 * A row of `GET /api/catalog/entities/unprocessed/failed`, served by
 * `@backstage/plugin-catalog-backend-module-unprocessed`. Only the fields
 * this plugin reads are listed.
 */
export interface UnprocessedEntity {
  entity_id: string;
  entity_ref: string;
  unprocessed_entity: Entity;
  errors?: UnprocessedEntityError[];
  location_key?: string;
}

/** The body of the failed-entities endpoint. */
export interface UnprocessedEntitiesResponse {
  type?: 'failed' | 'pending';
  entities: UnprocessedEntity[];
}

/** One problem that stopped an MLModel from entering the catalog. */
export interface FailedModelIssue {
  /** The field, e.g. `spec.riskTier`, when the message names one. */
  path?: string;
  message: string;
}

/** An MLModel that the catalog refused, with what is wrong with it. @public */
export interface FailedMLModel {
  /** `mlmodel:namespace/name` as the catalog stores it. */
  entityRef: string;
  name: string;
  namespace: string;
  title?: string;
  /** `spec.owner` as written in the YAML, if any. */
  owner?: string;
  /** `spec.owner` normalised to `kind:namespace/name`, lower case. */
  ownerRef?: string;
  /** Where the YAML lives (the `backstage.io/managed-by-origin-location` target). */
  location?: string;
  issues: FailedModelIssue[];
}

/*
 * Readiness reviews as the mlops backend serves them (plugins/mlops-backend,
 * `src/service/reviewViews.ts` and `ReadinessReviewService.ts`). The engine's
 * own types come from mlops-common; these are the HTTP views around them,
 * repeated here because a frontend package must not depend on a backend one.
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
 * about one review in one file. Only the envelope is typed; the rest is
 * passed through to the downloaded file untouched.
 * @public
 */
export interface ReadinessEvidenceDocument {
  kind: 'mlops-portal.io/readiness-review-evidence';
  formatVersion: number;
  generatedAt: string;
  generatedBy: string;
  model: { ref: string; title?: string; [key: string]: unknown };
  review: { id: string; version: string; [key: string]: unknown };
  [key: string]: unknown;
}

/** `GET /gate/:namespace/:name/:version`. @public */
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

/** The body of `POST /reviews/:id/attest`. @public */
export interface AttestCheckRequest {
  checkId: string;
  /** Absolute http(s) URL of the proof. */
  evidenceUrl: string;
  /** What the evidence shows. */
  comment: string;
}
