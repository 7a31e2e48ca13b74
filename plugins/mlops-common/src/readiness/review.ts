import { MLModelRiskTier } from '../kinds/MLModelEntityV1alpha1';
import { ChecklistItem } from './checklist';
import { AutomaticCheckResult, AutomaticCheckStatus } from './evaluateChecks';
import { ApprovalRequirement, ReadinessPolicy } from './policy';

/**
 * The status stored with a review. `expired` is not stored: it depends on the
 * current time and is computed by `effectiveStatus`.
 * @public
 */
export const REVIEW_STATUSES = [
  'open',
  'changes-requested',
  'approved',
  'stale',
  'withdrawn',
] as const;
/** @public */
export type ReviewStatus = (typeof REVIEW_STATUSES)[number];
/** A review's status at a point in time. @public */
export type EffectiveReviewStatus = ReviewStatus | 'expired';

/** A person's statement that a manual check is met, with a link to the proof. @public */
export interface ManualAttestation {
  checkId: string;
  /** User entity ref. */
  by: string;
  /** ISO 8601. */
  at: string;
  evidenceUrl: string;
  comment: string;
}

/** A reviewer's current decision; each reviewer has at most one. @public */
export interface ReviewDecision {
  /** User entity ref. */
  reviewer: string;
  decision: 'approved' | 'changes-requested';
  comment: string;
  /** ISO 8601. */
  at: string;
  /** The reviewer's ownership refs when deciding; security approval is judged on them. */
  ownershipRefs: string[];
  /** Set when the author responded to a change request (attest or reopen). */
  addressedAt?: string;
}

/** An automatic result as stored on a review. @public */
export type RecordedCheckResult = AutomaticCheckResult & {
  /** ISO 8601. */
  evaluatedAt: string;
};

/** A change in an automatic check's status. @public */
export interface CheckStatusChange {
  checkId: string;
  from: AutomaticCheckStatus | 'pending';
  to: AutomaticCheckStatus;
}

/**
 * A readiness review of one model version. Plain JSON, so that a store can
 * keep it as a document; the checklist and the approval requirement are
 * copied in when the review opens, so that later configuration changes
 * neither approve nor un-approve it behind the reviewers' backs.
 * @public
 */
export interface ReadinessReview {
  id: string;
  /** Canonical MLModel entity ref. */
  modelRef: string;
  version: string;
  tier: MLModelRiskTier;
  /** User entity ref of whoever opened the review. */
  author: string;
  /** ISO 8601. */
  openedAt: string;
  /** ISO 8601. */
  updatedAt: string;
  /** Always equal to `deriveReviewStatus(review)`; stored so that a database can index it. */
  status: ReviewStatus;
  checklist: ChecklistItem[];
  approvalRequirement: ApprovalRequirement;
  /** Latest result per automatic check id. */
  automaticResults: Record<string, RecordedCheckResult>;
  /** Latest attestation per manual check id. */
  attestations: Record<string, ManualAttestation>;
  decisions: ReviewDecision[];
  /** Set when the review became approved. */
  approval?: {
    at: string;
    approvers: string[];
    /** Status of each required automatic check at approval, to detect staleness. */
    checkStatuses: Record<string, AutomaticCheckStatus>;
  };
  /** Set (for good) when a required automatic check changed after approval. */
  stale?: { at: string; changes: CheckStatusChange[] };
  withdrawal?: { at: string; by: string; reason?: string };
}

/** @public */
export type ReviewCommand =
  | {
      type: 'open';
      /** Assigned by the store. */
      reviewId: string;
      version: string;
      /** Every stored review of the model, to refuse a second active review of a version. */
      existingReviews: ReadinessReview[];
    }
  | { type: 'recordAutomaticResults'; results: AutomaticCheckResult[] }
  | { type: 'attest'; checkId: string; evidenceUrl: string; comment: string }
  | { type: 'approve'; comment?: string }
  | { type: 'requestChanges'; comment: string }
  | { type: 'reopen'; comment?: string }
  | { type: 'withdraw'; reason?: string };

/** Who issues a command. @public */
export interface ReviewActor {
  /** User entity ref. */
  userRef: string;
  /** The user's ownership entity refs (the user and their groups), as the auth service reports them. */
  ownershipRefs: string[];
  /**
   * Whether the permission policy allows this user `mlops.review.signoff` on
   * the model. Approving and requesting changes need it; it also lets
   * reviewers outside the owning team attest checks.
   */
  canSignOff?: boolean;
}

/** What the caller knows when it applies a command. @public */
export interface ReviewCommandContext {
  now: Date;
  actor: ReviewActor;
  policy: ReadinessPolicy;
  model: {
    /** MLModel entity ref. */
    ref: string;
    /** `spec.owner`. */
    ownerRef: string;
    /** Current risk tier (see `riskTierOf`). */
    tier: MLModelRiskTier;
    /** Versions declared in `spec.versions`. */
    versions: string[];
  };
}

/** Recorded for every successful command. @public */
export interface ReviewAuditEvent {
  /** e.g. `review.approve`. */
  action: string;
  reviewId: string;
  modelRef: string;
  version: string;
  /** User entity ref. */
  actor: string;
  /** ISO 8601. */
  at: string;
  /** `null` when the command opened the review. */
  before: EffectiveReviewStatus | null;
  after: EffectiveReviewStatus;
  details: Record<string, unknown>;
}

/** Why a command was refused: `forbidden` (who), `conflict` (state), `invalid` (input). @public */
export type ReviewRefusalCode = 'forbidden' | 'conflict' | 'invalid';

/** @public */
export type ReviewCommandResult =
  | { ok: true; review: ReadinessReview; events: ReviewAuditEvent[] }
  | { ok: false; code: ReviewRefusalCode; reason: string };
