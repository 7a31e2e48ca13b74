import {
  AuthService,
  BackstageCredentials,
  UserInfoService,
} from '@backstage/backend-plugin-api';
import {
  CompoundEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { InputError, NotAllowedError, NotFoundError } from '@backstage/errors';
import {
  AutomaticCheckResult,
  AwaitingReviewsResponse,
  DeployGateDecision,
  DeployGateResponse,
  effectiveStatus,
  evaluateAutomaticChecks,
  evaluateDeployGate,
  MLModelEntityV1alpha1,
  mlopsReviewCreatePermission,
  mlopsReviewReadPermission,
  mlopsReviewSignoffPermission,
  ModelReviewsResponse,
  ReadinessFacts,
  ReadinessPolicy,
  ReadinessReview,
  ReadinessSummaryResponse,
  ReviewActor,
  ReviewAuditEvent,
  ReviewAuditTrailResponse,
  ReviewCommandContext,
  ReviewCommandResponse,
  riskTierOf,
} from '@mlops-portal/plugin-mlops-common';
import { randomUUID } from 'node:crypto';
import { canonicalEntityRef } from '../catalog/canonicalEntityRef';
import { ModelCatalog } from '../catalog/ModelCatalog';
import {
  ReadinessReviewStore,
  StoredReadinessReview,
} from '../database/ReadinessReviewStore';
import { ModelPermissionChecker } from '../permissions/ModelPermissionChecker';
import { refusalToError } from './refusalToError';
import {
  evidenceDocument,
  ReadinessEvidenceDocument,
  reviewOverview,
  reviewView,
  ReviewView,
} from './reviewViews';

export type {
  DeployGateResponse,
  ModelReadinessSummary,
  ReviewCommandResponse,
} from '@mlops-portal/plugin-mlops-common';

/** The commands people issue on an existing review. @public */
export type ReviewerCommand =
  | { type: 'attest'; checkId: string; evidenceUrl: string; comment: string }
  | { type: 'approve'; comment?: string }
  | { type: 'requestChanges'; comment: string }
  | { type: 'reopen'; comment?: string }
  | { type: 'withdraw'; reason?: string };

/** What one run of the periodic refresh did. */
export interface ActiveReviewsRefresh {
  checked: number;
  recorded: Array<{ review: ReadinessReview; events: ReviewAuditEvent[] }>;
  skipped: Array<{ reviewId: string; reason: string }>;
}

/** The audit actor of the periodic refresh. */
export const SCHEDULED_REFRESH_ACTOR = 'plugin:mlops';

const SIGN_OFF_COMMANDS: ReadonlyArray<ReviewerCommand['type']> = [
  'approve',
  'requestChanges',
];

/** Whether recording `results` would change what a review shows. */
function resultsDiffer(
  review: ReadinessReview,
  results: AutomaticCheckResult[],
): boolean {
  return review.checklist
    .filter(check => check.kind === 'automatic')
    .some(check => {
      const next = results.find(r => r.checkId === check.id);
      const current = review.automaticResults[check.id];
      if (!next) return false;
      return (
        !current ||
        current.status !== next.status ||
        current.summary !== next.summary
      );
    });
}

function versionsOf(model: MLModelEntityV1alpha1): string[] {
  const versions = (model.spec as { versions?: unknown }).versions;
  return Array.isArray(versions)
    ? versions
        .map(v => (v as { version?: unknown } | null)?.version)
        .filter((v): v is string => typeof v === 'string')
    : [];
}

/**
 * Readiness reviews as the REST API offers them: loads the model from the
 * catalog, checks the caller's permissions on it, gathers platform facts,
 * and applies commands through the store. Every method takes the caller's
 * credentials; nothing here knows about HTTP.
 */
export class ReadinessReviewService {
  readonly #store: ReadinessReviewStore;
  readonly #models: ModelCatalog;
  readonly #permissions: ModelPermissionChecker;
  readonly #auth: AuthService;
  readonly #userInfo: UserInfoService;
  readonly #policy: ReadinessPolicy;
  readonly #clock: () => Date;
  readonly #newReviewId: () => string;

  constructor(options: {
    store: ReadinessReviewStore;
    models: ModelCatalog;
    permissions: ModelPermissionChecker;
    auth: AuthService;
    userInfo: UserInfoService;
    policy: ReadinessPolicy;
    clock?: () => Date;
    newReviewId?: () => string;
  }) {
    this.#store = options.store;
    this.#models = options.models;
    this.#permissions = options.permissions;
    this.#auth = options.auth;
    this.#userInfo = options.userInfo;
    this.#policy = options.policy;
    this.#clock = options.clock ?? (() => new Date());
    this.#newReviewId = options.newReviewId ?? randomUUID;
  }

  get policy(): ReadinessPolicy {
    return this.#policy;
  }

  /** Reviews of one model, newest first. */
  async listModelReviews(
    credentials: BackstageCredentials,
    modelRef: CompoundEntityRef,
  ): Promise<ModelReviewsResponse> {
    const model = await this.#models.getModel(modelRef, credentials);
    await this.#require(credentials, model, 'read');
    const ref = canonicalEntityRef(model);
    const now = this.#clock();
    const reviews = await this.#store.listModelReviews(ref);
    return {
      modelRef: ref,
      items: reviews.map(r => reviewOverview(r, now, this.#policy)),
    };
  }

  /** Opens a review of a model version and records its first automatic results. */
  async openReview(
    credentials: BackstageCredentials,
    modelRef: CompoundEntityRef,
    input: { version: string },
  ): Promise<ReviewCommandResponse> {
    const actor = await this.#actor(credentials, false);
    const model = await this.#models.getModel(modelRef, credentials);
    await this.#require(credentials, model, 'create');
    const now = this.#clock();
    const results = await this.#evaluate(model, input.version);
    const outcome = await this.#store.openReview({
      reviewId: this.#newReviewId(),
      version: input.version,
      context: this.#context(model, actor, now),
      automaticResults: results,
    });
    if (!outcome.ok) throw refusalToError(outcome);
    return this.#response(outcome, now);
  }

  /** The review, its summary and its checklist with evidence. */
  async getReview(
    credentials: BackstageCredentials,
    reviewId: string,
  ): Promise<ReviewView> {
    const { stored, model } = await this.#load(credentials, reviewId);
    await this.#require(credentials, model, 'read');
    return reviewView(
      stored.review,
      stored.revision,
      this.#clock(),
      this.#policy,
    );
  }

  /** Attest, approve, request changes, reopen or withdraw. */
  async runCommand(
    credentials: BackstageCredentials,
    reviewId: string,
    command: ReviewerCommand,
  ): Promise<ReviewCommandResponse> {
    const userRef = this.#requireUser(credentials);
    const { stored, model } = await this.#load(credentials, reviewId);
    let canSignOff = false;
    switch (command.type) {
      case 'approve':
      case 'requestChanges':
        await this.#require(credentials, model, 'signoff');
        canSignOff = true;
        break;
      case 'attest': {
        // The engine lets the owning team and reviewers attest; the
        // permission follows: either right is enough.
        const [create, signoff] = await this.#permissions.check(
          credentials,
          [mlopsReviewCreatePermission, mlopsReviewSignoffPermission],
          model,
        );
        if (!create && !signoff) {
          throw new NotAllowedError(
            `You may not attest checks on readiness reviews of ${canonicalEntityRef(
              model,
            )}`,
          );
        }
        canSignOff = signoff;
        break;
      }
      default:
        await this.#require(credentials, model, 'create');
    }
    const actor = await this.#actor(credentials, canSignOff);
    const now = this.#clock();
    const outcome = await this.#store.applyCommand(
      reviewId,
      command,
      this.#context(model, actor, now),
    );
    if (!outcome.ok) {
      throw refusalToError(outcome, {
        selfSignOff:
          SIGN_OFF_COMMANDS.includes(command.type) &&
          canonicalEntityRef(userRef, 'user') === stored.review.author,
      });
    }
    return this.#response(outcome, now);
  }

  /** Re-evaluates the automatic checks of a review now. */
  async refreshReview(
    credentials: BackstageCredentials,
    reviewId: string,
  ): Promise<ReviewCommandResponse> {
    const { stored, model } = await this.#load(credentials, reviewId);
    await this.#require(credentials, model, 'read');
    const now = this.#clock();
    const results = await this.#evaluate(
      model,
      stored.review.version,
      stored.review,
    );
    const principal = this.#principalName(credentials);
    const isUser = this.#auth.isPrincipal(credentials, 'user');
    const actor: ReviewActor = isUser
      ? await this.#actor(credentials, false)
      : { userRef: principal, ownershipRefs: [] };
    const outcome = await this.#store.applyCommand(
      reviewId,
      { type: 'recordAutomaticResults', results },
      this.#context(model, actor, now),
      isUser ? {} : { auditActor: principal },
    );
    if (!outcome.ok) throw refusalToError(outcome);
    return this.#response(outcome, now);
  }

  /** The audit timeline of a review, oldest first. */
  async getAuditTrail(
    credentials: BackstageCredentials,
    reviewId: string,
  ): Promise<ReviewAuditTrailResponse> {
    const { model } = await this.#load(credentials, reviewId);
    await this.#require(credentials, model, 'read');
    return {
      reviewId,
      items: await this.#store.listAuditRecords(reviewId),
    };
  }

  /** The review with checklist evidence, decisions and audit trail, for auditors. */
  async getEvidenceDocument(
    credentials: BackstageCredentials,
    reviewId: string,
  ): Promise<ReadinessEvidenceDocument> {
    const { stored, model } = await this.#load(credentials, reviewId);
    await this.#require(credentials, model, 'read');
    return evidenceDocument({
      review: stored.review,
      model,
      auditTrail: await this.#store.listAuditRecords(reviewId),
      generatedBy: this.#principalName(credentials),
      now: this.#clock(),
      policy: this.#policy,
    });
  }

  /**
   * Open reviews that the caller may sign off and has not approved yet,
   * leaving out reviews they opened; the longest-waiting first.
   */
  async listAwaitingReviews(
    credentials: BackstageCredentials,
  ): Promise<AwaitingReviewsResponse> {
    if (!this.#auth.isPrincipal(credentials, 'user')) {
      throw new InputError(
        'awaiting=me needs a signed-in user; a service token has no reviews waiting for it',
      );
    }
    const me = canonicalEntityRef(credentials.principal.userEntityRef, 'user');
    const now = this.#clock();
    const candidates = (await this.#store.listReviewsByStatus(['open'])).filter(
      review =>
        review.author !== me &&
        !review.decisions.some(
          d => d.reviewer === me && d.decision === 'approved',
        ) &&
        effectiveStatus(review, now, this.#policy) === 'open',
    );
    if (candidates.length === 0) return { items: [] };

    // The caller's credentials: models hidden from them drop out here.
    const modelRefs = [...new Set(candidates.map(r => r.modelRef))];
    const models = (
      await this.#models.getModels(modelRefs, credentials)
    ).filter((m): m is MLModelEntityV1alpha1 => !!m);
    const allowed = new Set(
      (
        await this.#permissions.filter(
          credentials,
          [mlopsReviewReadPermission, mlopsReviewSignoffPermission],
          models,
        )
      ).map(model => canonicalEntityRef(model)),
    );
    return {
      items: candidates
        .filter(review => allowed.has(review.modelRef))
        .sort(
          (a, b) =>
            Date.parse(a.openedAt) - Date.parse(b.openedAt) ||
            a.id.localeCompare(b.id),
        )
        .map(review => reviewOverview(review, now, this.#policy)),
    };
  }

  /** The newest review of each model, for a readiness column. */
  async summarizeModels(
    credentials: BackstageCredentials,
    entityRefs: string[],
  ): Promise<ReadinessSummaryResponse> {
    const refs = entityRefs.map((ref, index) => {
      try {
        return canonicalEntityRef(ref, 'mlmodel');
      } catch {
        throw new InputError(
          `entityRefs[${index}] is not an entity ref (got ${JSON.stringify(
            ref,
          )})`,
        );
      }
    });
    const unique = [...new Set(refs)];
    let readable: Set<string>;
    const decision = await this.#permissions.unconditional(
      credentials,
      mlopsReviewReadPermission,
    );
    if (decision === false) {
      throw new NotAllowedError('You may not read readiness reviews');
    } else if (decision === true) {
      readable = new Set(unique);
    } else {
      // Conditional: judge each model; one catalog request for the page.
      const models = (await this.#models.getModels(unique, credentials)).filter(
        (m): m is MLModelEntityV1alpha1 => !!m,
      );
      readable = new Set(
        (
          await this.#permissions.filter(
            credentials,
            [mlopsReviewReadPermission],
            models,
          )
        ).map(model => canonicalEntityRef(model)),
      );
    }
    const latest = await this.#store.getLatestReviews([...readable]);
    const now = this.#clock();
    return {
      items: refs.map(entityRef => {
        const review = readable.has(entityRef)
          ? latest.get(entityRef)
          : undefined;
        return {
          entityRef,
          review: review ? reviewOverview(review, now, this.#policy) : null,
        };
      }),
    };
  }

  /** Whether a model version may be deployed now. */
  async evaluateGate(
    credentials: BackstageCredentials,
    modelRef: CompoundEntityRef,
    version: string,
  ): Promise<DeployGateResponse> {
    const model = await this.#models.getModel(modelRef, credentials);
    await this.#require(credentials, model, 'read');
    const ref = canonicalEntityRef(model);
    const now = this.#clock();
    const decision: DeployGateDecision = evaluateDeployGate({
      reviews: await this.#store.listModelReviews(ref),
      version,
      now,
      policy: this.#policy,
      tier: riskTierOf(model, this.#policy),
    });
    return {
      modelRef: ref,
      version,
      allowed: decision.allowed,
      reasons: decision.reasons,
      reviewId: decision.reviewId ?? null,
      expiresAt: decision.expiresAt ?? null,
      evaluatedAt: now.toISOString(),
    };
  }

  /**
   * Re-evaluates the automatic checks of every review in progress or
   * approved (and not yet expired), and records the results where they
   * changed; an approved review whose required checks changed becomes
   * stale. Models are read with the plugin's own credentials.
   */
  async refreshActiveReviews(): Promise<ActiveReviewsRefresh> {
    const now = this.#clock();
    const reviews = (
      await this.#store.listReviewsByStatus([
        'open',
        'changes-requested',
        'approved',
      ])
    ).filter(r => effectiveStatus(r, now, this.#policy) !== 'expired');
    const report: ActiveReviewsRefresh = {
      checked: reviews.length,
      recorded: [],
      skipped: [],
    };
    if (reviews.length === 0) return report;

    const modelRefs = [...new Set(reviews.map(r => r.modelRef))];
    const found = await this.#models.getModels(modelRefs);
    const models = new Map(
      modelRefs.flatMap((ref, i) => (found[i] ? [[ref, found[i]!]] : [])),
    );
    const facts = await this.#models.gatherFacts(
      reviews.flatMap(review => {
        const model = models.get(review.modelRef);
        return model ? [{ model, version: review.version }] : [];
      }),
    );
    const system: ReviewActor = {
      userRef: SCHEDULED_REFRESH_ACTOR,
      ownershipRefs: [],
    };
    for (const review of reviews) {
      const model = models.get(review.modelRef);
      if (!model) {
        report.skipped.push({
          reviewId: review.id,
          reason: `${review.modelRef} is not in the catalog`,
        });
        continue;
      }
      const results = this.#evaluateWithFacts(model, review, facts);
      if (!resultsDiffer(review, results)) continue;
      const outcome = await this.#store.applyCommand(
        review.id,
        { type: 'recordAutomaticResults', results },
        this.#context(model, system, now),
        { auditActor: SCHEDULED_REFRESH_ACTOR },
      );
      if (outcome.ok) {
        report.recorded.push({
          review: outcome.review,
          events: outcome.events,
        });
      } else {
        report.skipped.push({ reviewId: review.id, reason: outcome.reason });
      }
    }
    return report;
  }

  async #load(
    credentials: BackstageCredentials,
    reviewId: string,
  ): Promise<{ stored: StoredReadinessReview; model: MLModelEntityV1alpha1 }> {
    const stored = await this.#store.getReview(reviewId);
    if (!stored) {
      throw new NotFoundError(`No readiness review with id ${reviewId}`);
    }
    const model = await this.#models.getModel(
      stored.review.modelRef,
      credentials,
    );
    return { stored, model };
  }

  async #require(
    credentials: BackstageCredentials,
    model: MLModelEntityV1alpha1,
    action: 'read' | 'create' | 'signoff',
  ) {
    const permission = {
      read: mlopsReviewReadPermission,
      create: mlopsReviewCreatePermission,
      signoff: mlopsReviewSignoffPermission,
    }[action];
    const [allowed] = await this.#permissions.check(
      credentials,
      [permission],
      model,
    );
    if (!allowed) {
      const doing = {
        read: 'read readiness reviews of',
        create: 'open or change readiness reviews of',
        signoff: 'sign off readiness reviews of',
      }[action];
      throw new NotAllowedError(
        `You may not ${doing} ${canonicalEntityRef(model)} (${
          permission.name
        })`,
      );
    }
  }

  #requireUser(credentials: BackstageCredentials): string {
    if (!this.#auth.isPrincipal(credentials, 'user')) {
      throw new NotAllowedError(
        'Readiness reviews are changed by signed-in people; a service token may read reviews, refresh their checks and ask the deploy gate',
      );
    }
    return credentials.principal.userEntityRef;
  }

  async #actor(
    credentials: BackstageCredentials,
    canSignOff: boolean,
  ): Promise<ReviewActor> {
    this.#requireUser(credentials);
    const info = await this.#userInfo.getUserInfo(credentials);
    return {
      userRef: info.userEntityRef,
      ownershipRefs: info.ownershipEntityRefs,
      canSignOff,
    };
  }

  #principalName(credentials: BackstageCredentials): string {
    if (this.#auth.isPrincipal(credentials, 'user')) {
      return credentials.principal.userEntityRef;
    }
    if (this.#auth.isPrincipal(credentials, 'service')) {
      return credentials.principal.subject;
    }
    return 'anonymous';
  }

  #context(
    model: MLModelEntityV1alpha1,
    actor: ReviewActor,
    now: Date,
  ): ReviewCommandContext {
    return {
      now,
      actor,
      policy: this.#policy,
      model: {
        ref: stringifyEntityRef(model),
        ownerRef: String((model.spec as { owner?: unknown }).owner ?? ''),
        tier: riskTierOf(model, this.#policy),
        versions: versionsOf(model),
      },
    };
  }

  async #evaluate(
    model: MLModelEntityV1alpha1,
    version: string,
    review?: ReadinessReview,
  ): Promise<AutomaticCheckResult[]> {
    const facts = await this.#models.gatherFacts([{ model, version }]);
    return evaluateAutomaticChecks({
      entity: model,
      version,
      facts,
      policy: this.#policy,
      // A review keeps the checklist of the tier it was opened at.
      ...(review ? { tier: review.tier } : {}),
    });
  }

  #evaluateWithFacts(
    model: MLModelEntityV1alpha1,
    review: ReadinessReview,
    facts: ReadinessFacts,
  ): AutomaticCheckResult[] {
    return evaluateAutomaticChecks({
      entity: model,
      version: review.version,
      facts,
      policy: this.#policy,
      tier: review.tier,
    });
  }

  #response(
    outcome: {
      review: ReadinessReview;
      revision: number;
      events: ReviewAuditEvent[];
    },
    now: Date,
  ): ReviewCommandResponse {
    return {
      ...reviewView(outcome.review, outcome.revision, now, this.#policy),
      events: outcome.events,
    };
  }
}
