// The JSON bodies and their builders are shared with the frontend through
// mlops-common.
export type {
  ChecklistEntry,
  ReadinessEvidenceDocument,
  ReviewAuditEntry,
  ReviewOverview,
  ReviewView,
} from '@mlops-portal/plugin-mlops-common';
export {
  checklistEntries,
  evidenceDocument,
  reviewOverview,
  reviewView,
} from '@mlops-portal/plugin-mlops-common';
