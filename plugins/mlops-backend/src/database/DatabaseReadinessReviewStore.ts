import {
  DatabaseService,
  resolvePackagePath,
} from '@backstage/backend-plugin-api';
import { ConflictError, NotFoundError } from '@backstage/errors';
import {
  applyReviewCommand,
  EffectiveReviewStatus,
  ReadinessReview,
  ReviewAuditEvent,
  ReviewCommandContext,
  ReviewStatus,
} from '@mlops-portal/plugin-mlops-common';
import { Knex } from 'knex';
import { canonicalEntityRef } from '../catalog/canonicalEntityRef';
import {
  ApplyCommandOptions,
  ExistingReviewCommand,
  OpenReviewInput,
  ReadinessReviewStore,
  ReviewAuditRecord,
  ReviewWithHistory,
  StoreCommandOutcome,
  StoredReadinessReview,
} from './ReadinessReviewStore';

const migrationsDir = resolvePackagePath(
  '@mlops-portal/plugin-mlops-backend',
  'migrations',
);

const REVIEWS_TABLE = 'readiness_reviews';
const AUDIT_TABLE = 'readiness_review_audit_log';

/**
 * How often a command is re-applied after another writer changed the review
 * between our read and our write. Each retry re-reads the winner's state, so
 * a handful of reviewers acting within the same few milliseconds all get
 * through; a review that keeps changing for longer than this is reported as
 * a conflict rather than retried forever.
 */
const MAX_COMMAND_ATTEMPTS = 10;

/** SQLite keeps a statement's bound values well below this; PostgreSQL allows 65535. */
const REFS_PER_QUERY = 500;

/** A row of `readiness_reviews`. */
type ReviewRow = {
  id: string;
  model_ref: string;
  version: string;
  status: string;
  review: string;
  revision: number | string;
  created_at: Date | string;
  updated_at: Date | string;
};

/** A row of `readiness_review_audit_log`. */
type AuditRow = {
  id: number | string;
  review_id: string;
  model_ref: string;
  version: string;
  action: string;
  actor: string;
  occurred_at: Date | string;
  before_status: string | null;
  after_status: string;
  details: string;
};

const LOST_RACE = Symbol('lost-race');

/** PostgreSQL returns Date objects, SQLite the ISO text the store wrote. */
function toIsoString(value: Date | string | number): string {
  return new Date(value).toISOString();
}

function parseReview(row: ReviewRow): ReadinessReview {
  return JSON.parse(row.review) as ReadinessReview;
}

function isPostgres(db: Knex): boolean {
  return ['pg', 'postgres', 'postgresql'].includes(
    String(db.client.config.client),
  );
}

function delay(ms: number) {
  return new Promise(resolve => setTimeout(resolve, ms));
}

function chunks<T>(items: T[], size: number): T[][] {
  const result: T[][] = [];
  for (let i = 0; i < items.length; i += size) {
    result.push(items.slice(i, i + size));
  }
  return result;
}

/**
 * The {@link ReadinessReviewStore} on the plugin's database (SQLite or
 * PostgreSQL).
 *
 * Concurrency: a command reads the review and its `revision`, applies the
 * engine, and updates the row only if the revision is still the one it read.
 * When another writer got there first, the whole transaction is retried on
 * the winner's state, so that simultaneous sign-offs all count exactly once.
 * Opening a review takes a per-model lock on PostgreSQL (SQLite runs one
 * transaction at a time anyway), so that two people opening the same version
 * at once cannot both succeed.
 *
 * @public
 */
export class DatabaseReadinessReviewStore implements ReadinessReviewStore {
  static async create(options: {
    database: DatabaseService;
  }): Promise<DatabaseReadinessReviewStore> {
    const { database } = options;
    const client = await database.getClient();
    if (!database.migrations?.skip) {
      await client.migrate.latest({ directory: migrationsDir });
    }
    return new DatabaseReadinessReviewStore(client);
  }

  private constructor(private readonly db: Knex) {}

  async openReview(input: OpenReviewInput): Promise<StoreCommandOutcome> {
    const { context } = input;
    const modelRef = canonicalEntityRef(context.model.ref);
    return this.db.transaction(async tx => {
      await this.lockModel(tx, modelRef);
      const existing = await tx<ReviewRow>(REVIEWS_TABLE)
        .where({ model_ref: modelRef })
        .select();
      const opened = applyReviewCommand(
        undefined,
        {
          type: 'open',
          reviewId: input.reviewId,
          version: input.version,
          existingReviews: existing.map(parseReview),
        },
        context,
      );
      if (!opened.ok) return opened;
      let review = opened.review;
      const events = [...opened.events];
      if (input.automaticResults) {
        const recorded = applyReviewCommand(
          review,
          { type: 'recordAutomaticResults', results: input.automaticResults },
          context,
        );
        if (!recorded.ok) return recorded;
        review = recorded.review;
        events.push(...recorded.events);
      }
      await tx<ReviewRow>(REVIEWS_TABLE).insert(this.toRow(review, 1));
      await this.insertAuditEvents(tx, events);
      return { ok: true, review, revision: 1, events };
    });
  }

  async applyCommand(
    reviewId: string,
    command: ExistingReviewCommand,
    context: ReviewCommandContext,
    options: ApplyCommandOptions = {},
  ): Promise<StoreCommandOutcome> {
    for (let attempt = 1; attempt <= MAX_COMMAND_ATTEMPTS; attempt++) {
      const outcome = await this.db.transaction(async tx => {
        const row = await tx<ReviewRow>(REVIEWS_TABLE)
          .where({ id: reviewId })
          .first();
        if (!row) {
          throw new NotFoundError(`No readiness review with id ${reviewId}`);
        }
        const revision = Number(row.revision);
        const result = applyReviewCommand(parseReview(row), command, context);
        if (!result.ok) return result;

        const updated = await tx<ReviewRow>(REVIEWS_TABLE)
          .where({ id: reviewId, revision })
          .update({
            status: result.review.status,
            review: JSON.stringify(result.review),
            revision: revision + 1,
            updated_at: toIsoString(result.review.updatedAt),
          });
        if (updated !== 1) return LOST_RACE;

        const events = options.auditActor
          ? result.events.map(e => ({ ...e, actor: options.auditActor! }))
          : result.events;
        await this.insertAuditEvents(tx, events);
        return {
          ok: true as const,
          review: result.review,
          revision: revision + 1,
          events,
        };
      });
      if (outcome !== LOST_RACE) return outcome;
      // Jitter, so that writers who lost together do not collide again.
      await delay(Math.floor(Math.random() * 10 * attempt));
    }
    throw new ConflictError(
      `Readiness review ${reviewId} kept changing while "${command.type}" was applied; try again.`,
    );
  }

  async getReview(
    reviewId: string,
  ): Promise<StoredReadinessReview | undefined> {
    const row = await this.db<ReviewRow>(REVIEWS_TABLE)
      .where({ id: reviewId })
      .first();
    return row
      ? { review: parseReview(row), revision: Number(row.revision) }
      : undefined;
  }

  async listModelReviews(modelRef: string): Promise<ReadinessReview[]> {
    const rows = await this.db<ReviewRow>(REVIEWS_TABLE)
      .where({ model_ref: canonicalEntityRef(modelRef) })
      .orderBy([
        { column: 'created_at', order: 'desc' },
        { column: 'id', order: 'desc' },
      ]);
    return rows.map(parseReview);
  }

  async listReviewsByStatus(
    statuses: ReviewStatus[],
  ): Promise<ReadinessReview[]> {
    if (statuses.length === 0) return [];
    const rows = await this.db<ReviewRow>(REVIEWS_TABLE)
      .whereIn('status', statuses)
      .orderBy([
        { column: 'created_at', order: 'desc' },
        { column: 'id', order: 'desc' },
      ]);
    return rows.map(parseReview);
  }

  async getLatestReviews(
    modelRefs: string[],
  ): Promise<Map<string, ReadinessReview>> {
    const refs = [...new Set(modelRefs.map(ref => canonicalEntityRef(ref)))];
    const latest = new Map<string, ReadinessReview>();
    for (const batch of chunks(refs, REFS_PER_QUERY)) {
      // One indexed lookup per batch; the window function keeps only the
      // newest review of each model, so older review documents never leave
      // the database.
      const ranked = this.db<ReviewRow>(REVIEWS_TABLE)
        .select(
          '*',
          this.db.raw(
            'row_number() over (partition by model_ref order by created_at desc, id desc) as rank_in_model',
          ),
        )
        .whereIn('model_ref', batch)
        .as('ranked');
      const rows: ReviewRow[] = await this.db
        .select('*')
        .from(ranked)
        .where('rank_in_model', 1);
      for (const row of rows) latest.set(row.model_ref, parseReview(row));
    }
    return latest;
  }

  async listAuditRecords(reviewId: string): Promise<ReviewAuditRecord[]> {
    const rows = await this.db<AuditRow>(AUDIT_TABLE)
      .where({ review_id: reviewId })
      .orderBy('id', 'asc');
    return rows.map(row => ({
      sequence: Number(row.id),
      reviewId: row.review_id,
      modelRef: row.model_ref,
      version: row.version,
      action: row.action,
      actor: row.actor,
      occurredAt: toIsoString(row.occurred_at),
      before: row.before_status as EffectiveReviewStatus | null,
      after: row.after_status as EffectiveReviewStatus,
      details: JSON.parse(row.details),
    }));
  }

  async importIntoEmptyStore(entries: ReviewWithHistory[]): Promise<boolean> {
    return this.db.transaction(async tx => {
      await this.lockModel(tx, 'import');
      const [{ count }] = await tx(REVIEWS_TABLE).count({ count: '*' });
      if (Number(count) > 0) return false;
      for (const { review, events } of entries) {
        await tx<ReviewRow>(REVIEWS_TABLE).insert(
          this.toRow(review, Math.max(1, events.length)),
        );
        await this.insertAuditEvents(tx, events);
      }
      return true;
    });
  }

  private toRow(review: ReadinessReview, revision: number): ReviewRow {
    return {
      id: review.id,
      model_ref: canonicalEntityRef(review.modelRef),
      version: review.version,
      status: review.status,
      review: JSON.stringify(review),
      revision,
      created_at: toIsoString(review.openedAt),
      updated_at: toIsoString(review.updatedAt),
    };
  }

  private async insertAuditEvents(tx: Knex, events: ReviewAuditEvent[]) {
    if (events.length === 0) return;
    await tx<AuditRow>(AUDIT_TABLE).insert(
      events.map(event => ({
        review_id: event.reviewId,
        model_ref: event.modelRef,
        version: event.version,
        action: event.action,
        actor: event.actor,
        occurred_at: toIsoString(event.at),
        before_status: event.before,
        after_status: event.after,
        details: JSON.stringify(event.details ?? {}),
      })),
    );
  }

  /**
   * Serialises transactions about the same key until they commit. Only
   * PostgreSQL needs it: Backstage's SQLite client runs one transaction at a
   * time.
   */
  private async lockModel(tx: Knex.Transaction, key: string) {
    if (isPostgres(this.db)) {
      await tx.raw('select pg_advisory_xact_lock(hashtext(?))', [
        `mlops-readiness:${key}`,
      ]);
    }
  }
}
