import { Entity } from '@backstage/catalog-model';

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
 * Readiness reviews as the mlops backend serves them: the backend builds
 * them from these mlops-common types, whose dates are already strings, so
 * they are the wire form as is.
 */
export type {
  AwaitingReviewsResponse,
  ChecklistEntry,
  DeployGateResponse,
  ModelReadinessSummary,
  ModelReviewsResponse,
  ReadinessEvidenceDocument,
  ReadinessSummaryResponse,
  ReviewAuditEntry,
  ReviewAuditTrailResponse,
  ReviewCommandResponse,
  ReviewOverview,
  ReviewView,
} from '@mlops-portal/plugin-mlops-common';

/** The body of `POST /reviews/:id/attest`. @public */
export interface AttestCheckRequest {
  checkId: string;
  /** Absolute http(s) URL of the proof. */
  evidenceUrl: string;
  /** What the evidence shows. */
  comment: string;
}
