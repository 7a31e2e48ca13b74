import {
  AutomaticCheckResult,
  ReadinessReview,
  ReviewAuditEntry,
  ReviewAuditEvent,
  ReviewCommand,
  ReviewCommandContext,
  ReviewRefusalCode,
  ReviewStatus,
} from '@mlops-portal/plugin-mlops-common';

/** A review as stored, with the revision that guards its next write. @public */
export interface StoredReadinessReview {
  review: ReadinessReview;
  revision: number;
}

/** One row of the append-only audit log, as the audit trail serves it. @public */
export type ReviewAuditRecord = ReviewAuditEntry;

/**
 * What a write produced: the stored review and the audit events it recorded,
 * or the engine's reason for refusing the command (nothing is written then).
 * @public
 */
export type StoreCommandOutcome =
  | {
      ok: true;
      review: ReadinessReview;
      revision: number;
      events: ReviewAuditEvent[];
    }
  | { ok: false; code: ReviewRefusalCode; reason: string };

/** Any command except `open`, which has its own store method. @public */
export type ExistingReviewCommand = Exclude<ReviewCommand, { type: 'open' }>;

/** @public */
export interface OpenReviewInput {
  reviewId: string;
  version: string;
  context: ReviewCommandContext;
  /** Recorded in the same transaction, so a new review never lacks its first results. */
  automaticResults?: AutomaticCheckResult[];
}

/** @public */
export interface ApplyCommandOptions {
  /**
   * Recorded as the actor of the audit events instead of the engine's
   * user ref, for commands issued by a service (e.g. `plugin:mlops`).
   */
  auditActor?: string;
}

/** A review with the audit events that produced it, for bulk import. @public */
export interface ReviewWithHistory {
  review: ReadinessReview;
  events: ReviewAuditEvent[];
}

/**
 * Persistence of readiness reviews. Every write applies the pure readiness
 * engine (`applyReviewCommand`) inside one transaction and records the
 * engine's audit events with it, so that a review and its audit log never
 * disagree.
 * @public
 */
export interface ReadinessReviewStore {
  /** Opens a review of a model version (refused while another is in progress or approved). */
  openReview(input: OpenReviewInput): Promise<StoreCommandOutcome>;

  /**
   * Applies a command to a stored review. Throws `NotFoundError` for an
   * unknown review id, and `ConflictError` when concurrent writers kept
   * winning the race for longer than the retry budget.
   */
  applyCommand(
    reviewId: string,
    command: ExistingReviewCommand,
    context: ReviewCommandContext,
    options?: ApplyCommandOptions,
  ): Promise<StoreCommandOutcome>;

  getReview(reviewId: string): Promise<StoredReadinessReview | undefined>;

  /** Every review of one model, newest first. */
  listModelReviews(modelRef: string): Promise<ReadinessReview[]>;

  /** Reviews whose stored status is one of `statuses`, newest first. */
  listReviewsByStatus(statuses: ReviewStatus[]): Promise<ReadinessReview[]>;

  /** The newest review of each of the given models; models without reviews are absent. */
  getLatestReviews(modelRefs: string[]): Promise<Map<string, ReadinessReview>>;

  /** The audit log of one review, oldest first. */
  listAuditRecords(reviewId: string): Promise<ReviewAuditRecord[]>;

  /**
   * Stores finished reviews with their history, all or nothing, but only
   * into an empty store. Resolves `false` (and writes nothing) when the store
   * already holds reviews.
   */
  importIntoEmptyStore(entries: ReviewWithHistory[]): Promise<boolean>;
}
