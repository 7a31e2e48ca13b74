export { mlopsApiRef } from './MLOpsApi';
export type { MLOpsApi, MLModelRef } from './MLOpsApi';
export { MLOpsClient } from './MLOpsClient';
export { serverErrorMessage } from './serverErrorMessage';
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
