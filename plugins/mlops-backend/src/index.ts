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
