import { CompoundEntityRef } from '@backstage/catalog-model';
import { createApiRef } from '@backstage/frontend-plugin-api';
import {
  AttestCheckRequest,
  AwaitingReviewsResponse,
  DeployGateResponse,
  FailedMLModel,
  ModelReviewsResponse,
  ReadinessEvidenceDocument,
  ReadinessSummaryResponse,
  ReviewAuditTrailResponse,
  ReviewCommandResponse,
  ReviewView,
} from './types';
import {
  DriftReportResponse,
  DriftSummaryResponse,
  DriftTrendResponse,
  ModelDriftResponse,
} from './driftTypes';
import { ModelSloStatusResponse, SloSummaryResponse } from './sloTypes';
import {
  RolloutActionRequest,
  RolloutActionResponse,
  RolloutSummaryResponse,
  RolloutView,
} from './rolloutTypes';

/**
 * An MLModel, as an entity ref string (`mlmodel:default/fraud-detector`,
 * kind and namespace optional) or as its parts.
 * @public
 */
export type MLModelRef = string | CompoundEntityRef;

/**
 * What the ModelOps frontend asks of the backend. Every method rejects with
 * a `ResponseError` on a non-2xx answer; `error.cause.message` is the
 * server's sentence (e.g. 409 "You opened this review, so you cannot
 * approve it.").
 * @public
 */
export interface MLOpsApi {
  /**
   * MLModel entities the catalog could not process (for example because
   * they failed validation), each with its problems. Served by the
   * catalog's unprocessed-entities module; rejects with a `ResponseError`
   * (403 without the `catalog.entities.unprocessed.read` permission, 404
   * when the module is not installed).
   */
  getFailedModels(): Promise<FailedMLModel[]>;

  /** The readiness reviews of one model, newest first. */
  getModelReviews(model: MLModelRef): Promise<ModelReviewsResponse>;

  /** Opens a readiness review of one version of a model. */
  openReview(
    model: MLModelRef,
    request: { version: string },
  ): Promise<ReviewCommandResponse>;

  /** One review with its summary and its checklist with evidence. */
  getReview(reviewId: string): Promise<ReviewView>;

  /** Open reviews the signed-in user may sign off and has not approved. */
  getReviewsAwaitingMe(): Promise<AwaitingReviewsResponse>;

  /** Attests a manual check with a link to the evidence. */
  attestCheck(
    reviewId: string,
    request: AttestCheckRequest,
  ): Promise<ReviewCommandResponse>;

  /** Approves a review (readiness reviewers; never its author). */
  approveReview(
    reviewId: string,
    request?: { comment?: string },
  ): Promise<ReviewCommandResponse>;

  /** Asks the author for changes (readiness reviewers; never its author). */
  requestReviewChanges(
    reviewId: string,
    request: { comment: string },
  ): Promise<ReviewCommandResponse>;

  /** Reopens a review whose changes were addressed. */
  reopenReview(
    reviewId: string,
    request?: { comment?: string },
  ): Promise<ReviewCommandResponse>;

  /** Withdraws a review that is no longer wanted. */
  withdrawReview(
    reviewId: string,
    request?: { reason?: string },
  ): Promise<ReviewCommandResponse>;

  /** Re-evaluates the automatic checks of a review now. */
  refreshReview(reviewId: string): Promise<ReviewCommandResponse>;

  /** The audit timeline of a review, oldest first. */
  getReviewAuditTrail(reviewId: string): Promise<ReviewAuditTrailResponse>;

  /** The evidence document of a review, for auditors. */
  getReviewEvidence(reviewId: string): Promise<ReadinessEvidenceDocument>;

  /**
   * The newest review of each model, in the order asked: one request for a
   * page of models (at most 500 refs).
   */
  getReadinessSummary(entityRefs: string[]): Promise<ReadinessSummaryResponse>;

  /** Whether a model version may be deployed now. */
  getDeployGate(
    model: MLModelRef,
    version: string,
  ): Promise<DeployGateResponse>;

  /** A model's canary: state, legal and permitted actions, gate, metrics. */
  getRollout(model: MLModelRef): Promise<RolloutView>;

  /**
   * Acts on a model's canary; rejects with 409 when the rollout changed
   * since `expectedResourceVersion`, 403 when not permitted or gated.
   */
  runRolloutAction(
    model: MLModelRef,
    request: RolloutActionRequest,
  ): Promise<RolloutActionResponse>;

  /** The rollout of each model, in the order asked: one request per page. */
  getRolloutSummary(entityRefs: string[]): Promise<RolloutSummaryResponse>;

  /** Drift of a model: versions with a reference, and the report of the production version. */
  getModelDrift(model: MLModelRef): Promise<ModelDriftResponse>;

  /** The reference and the latest window of one version. */
  getDriftReport(
    model: MLModelRef,
    version: string,
  ): Promise<DriftReportResponse>;

  /** The verdicts of the latest windows of one version, oldest first. */
  getDriftTrend(
    model: MLModelRef,
    version: string,
    options?: { limit?: number },
  ): Promise<DriftTrendResponse>;

  /** Drift status of the production version of each model: one request for a page of models. */
  getDriftSummary(entityRefs: string[]): Promise<DriftSummaryResponse>;

  /** Every SLO of a model with its numbers, alert state and chart series. */
  getModelSlos(model: MLModelRef): Promise<ModelSloStatusResponse>;

  /**
   * The cached SLO state of each model, in the order asked (at most 500 refs
   * per call): one request for a page of models, never a provider query.
   */
  getSloSummary(entityRefs: string[]): Promise<SloSummaryResponse>;
}

/**
 * The {@link MLOpsApi} reference.
 * @public
 */
export const mlopsApiRef = createApiRef<MLOpsApi>().with({
  id: 'plugin.mlops.service',
  pluginId: 'mlops',
});
