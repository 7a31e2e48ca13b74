/**
 * ModelOps Portal frontend: the Models page, the MLModel entity cards and
 * the readiness review pages.
 *
 * @packageDocumentation
 */
export {
  mlopsPlugin,
  MLModelsPage,
  EntityMLModelAboutCard,
  EntityMLModelVersionsCard,
  EntityMLModelDataCard,
  EntityMLModelLineageCard,
  EntityMLModelUnresolvedRefsWarning,
  EntityMLModelReadinessCard,
  MLOpsReviewsPage,
} from './plugin';
export { mlopsApiRef, MLOpsClient } from './api';
export type {
  MLOpsApi,
  MLModelRef,
  FailedMLModel,
  FailedModelIssue,
  AttestCheckRequest,
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
} from './api';
export { hasMLModelUnresolvedRefs } from './refs/modelRefs';
export { isMLModelEntity } from '@mlops-portal/plugin-mlops-common';
export type {
  MLModelAboutCardProps,
  MLModelVersionsCardProps,
  MLModelDataCardProps,
  MLModelLineageCardProps,
  MLModelReadinessCardProps,
  ReadinessReviewsRouterProps,
} from './components';
