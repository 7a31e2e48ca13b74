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
  EntityMLModelCanaryPanel,
  EntityMLModelDriftCard,
  MLOpsReviewsPage,
  EntityMLModelSloCard,
  MLOpsSlosPage,
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
  MLModelCanaryPanelProps,
  MLModelDriftCardProps,
  MLModelSloCardProps,
  ReadinessReviewsRouterProps,
} from './components';
export type {
  CanaryComparison,
  CanaryMetrics,
  RolloutActionRecord,
  RolloutActionRequest,
  RolloutActionResponse,
  RolloutActionView,
  RolloutDeployment,
  RolloutGateCheck,
  RolloutGateDecision,
  RolloutSummaryResponse,
  RolloutView,
} from './api';
export type {
  DatasetDriftView,
  DriftFeatureBins,
  DriftReferenceView,
  DriftReportResponse,
  DriftSummaryResponse,
  DriftTestName,
  DriftTrendResponse,
  DriftWindowSummaryView,
  DriftWindowView,
  FeatureDriftView,
  ModelDriftResponse,
  ModelDriftSummary,
} from './api';
export type {
  ModelSloStatusResponse,
  ModelSloSummary,
  SloStatusView,
  SloSummaryItemView,
  SloSummaryResponse,
} from './api';
