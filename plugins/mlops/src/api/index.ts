export { mlopsApiRef } from './MLOpsApi';
export type { MLOpsApi, MLModelRef } from './MLOpsApi';
export { MLOpsClient } from './MLOpsClient';
export type { Jsonified } from './Jsonified';
export type {
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
} from './types';
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
} from './rolloutTypes';
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
} from './driftTypes';
export type {
  ModelSloStatusResponse,
  ModelSloSummary,
  SloStatusView,
  SloSummaryItemView,
  SloSummaryResponse,
} from './sloTypes';
