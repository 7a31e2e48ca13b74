/**
 * ModelOps Portal backend plugin: production-readiness reviews of model
 * versions, their append-only audit trail, and the deploy gate.
 *
 * @packageDocumentation
 */
export { mlopsPlugin as default } from './plugin';
export {
  createMLOpsConditionalDecision,
  isModelOwner,
  mlopsConditions,
  mlopsModelPermissionResourceRef,
  mlopsModelPermissionRules,
} from './permissions/rules';
export type { IsModelOwnerParams, MLOpsModelFilter } from './permissions/rules';
export { DatabaseReadinessReviewStore } from './database/DatabaseReadinessReviewStore';
export type {
  ApplyCommandOptions,
  ExistingReviewCommand,
  OpenReviewInput,
  ReadinessReviewStore,
  ReviewAuditRecord,
  ReviewWithHistory,
  StoreCommandOutcome,
  StoredReadinessReview,
} from './database/ReadinessReviewStore';
export type {
  ChecklistEntry,
  ReadinessEvidenceDocument,
  ReviewAuditEntry,
  ReviewOverview,
  ReviewView,
} from './service/reviewViews';
export type {
  DeployGateResponse,
  ModelReadinessSummary,
  ReviewCommandResponse,
  ReviewerCommand,
} from './service/ReadinessReviewService';
export { DriftStatusReader } from './drift/DriftStatusReader';
export type { DriftStatus } from './drift/DriftStatusReader';
export { DatabaseDriftStore } from './drift/DatabaseDriftStore';
export type { DriftStore } from './drift/DriftStore';
export { SloStatusService } from './slo/SloStatusService';
export { DatabaseSloStore } from './slo/DatabaseSloStore';
export type {
  ModelSloStatus,
  ModelSloSummary,
  SloStatusReader,
  SloSummaryItem,
} from './slo/types';
export type {
  DriftFlagSource,
  RolloutGateCheck,
  RolloutGateDecision,
  SloBudgetSource,
} from './rollout/rolloutGate';
export { AnalysisRunCanaryMetricsSource } from './rollout/CanaryMetricsSource';
export type {
  CanaryComparison,
  CanaryMetrics,
  CanaryMetricsSource,
} from './rollout/CanaryMetricsSource';
export type {
  ModelRolloutSummary,
  RolloutActionCommand,
  RolloutActionResponse,
  RolloutActionView,
  RolloutView,
} from './rollout/RolloutService';
export type { RolloutActionRecord } from './rollout/RolloutActionStore';
export type { RolloutWorkloadRef } from './rollout/KubernetesRolloutClient';
