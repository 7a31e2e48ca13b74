import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { ConflictError, NotFoundError } from '@backstage/errors';
import {
  alertWindowKeys,
  applyReviewCommand,
  evaluateSlo,
  worstSloState,
  DEFAULT_READINESS_POLICY,
  effectiveStatus,
  evidenceDocument,
  evaluateAutomaticChecks,
  isMLModelEntity,
  ReadinessReview,
  ReviewActor,
  ReviewAuditEvent,
  ReviewCommand,
  reviewCheckStates,
  riskTierOf,
  summarizeReview,
} from '@mlops-portal/plugin-mlops-common';
import { MLOpsApi } from '../src';
import {
  FailedMLModel,
  ReadinessEvidenceDocument,
  ReviewAuditEntry,
  ReviewCommandResponse,
  ReviewOverview,
  ReviewView,
} from '../src/api/types';

const policy = DEFAULT_READINESS_POLICY;

/**
 * The MLOps API of the dev app: readiness reviews kept in memory and run
 * through the real engine, so the pages can be tried without a backend.
 * The guest is treated as a member of the owning team and a reviewer.
 */
export class DevMLOpsApi implements MLOpsApi {
  readonly #reviews = new Map<string, ReadinessReview>();
  readonly #audit = new Map<string, ReviewAuditEntry[]>();
  readonly #entities: Entity[];
  #sequence = 0;

  readonly #failedModels: () => FailedMLModel[];

  constructor(entities: Entity[], failedModels: () => FailedMLModel[]) {
    this.#entities = entities;
    this.#failedModels = failedModels;
  }

  async getFailedModels() {
    return this.#failedModels();
  }

  #model(ref: string | { namespace: string; name: string }) {
    const wanted =
      typeof ref === 'string'
        ? ref.toLocaleLowerCase('en-US')
        : `mlmodel:${ref.namespace}/${ref.name}`.toLocaleLowerCase('en-US');
    const model = this.#entities.find(
      e =>
        isMLModelEntity(e) &&
        stringifyEntityRef(e).toLocaleLowerCase('en-US') === wanted,
    );
    if (!model || !isMLModelEntity(model)) {
      throw new NotFoundError(`No MLModel ${wanted}`);
    }
    return model;
  }

  #actor(model: Entity, reviewer = true): ReviewActor {
    const owner = String(model.spec?.owner ?? '');
    return {
      userRef: reviewer
        ? 'user:development/reviewer'
        : 'user:development/guest',
      ownershipRefs: ['user:development/guest', owner],
      canSignOff: true,
    };
  }

  #apply(
    entity: Entity,
    review: ReadinessReview | undefined,
    command: ReviewCommand,
    actor: ReviewActor,
  ): ReviewCommandResponse {
    const result = applyReviewCommand(review, command, {
      now: new Date(),
      actor,
      policy,
      model: {
        ref: stringifyEntityRef(entity),
        ownerRef: String(entity.spec?.owner ?? ''),
        tier: riskTierOf(entity, policy),
        versions: (isMLModelEntity(entity)
          ? entity.spec.versions ?? []
          : []
        ).map(v => v.version),
      },
    });
    if (!result.ok) throw new ConflictError(result.reason);
    this.#reviews.set(result.review.id, result.review);
    this.#record(result.events);
    return { ...this.#view(result.review), events: result.events };
  }

  #record(events: ReviewAuditEvent[]) {
    for (const e of events) {
      const list = this.#audit.get(e.reviewId) ?? [];
      list.push({
        sequence: ++this.#sequence,
        reviewId: e.reviewId,
        modelRef: e.modelRef,
        version: e.version,
        action: e.action,
        actor: e.actor,
        occurredAt: e.at,
        before: e.before,
        after: e.after,
        details: e.details,
      });
      this.#audit.set(e.reviewId, list);
    }
  }

  #view(review: ReadinessReview): ReviewView {
    const now = new Date();
    return {
      review,
      revision: 1,
      status: effectiveStatus(review, now, policy),
      summary: summarizeReview(review, now, policy),
      checklist: reviewCheckStates(review).map(({ check, state, summary }) => ({
        ...check,
        state,
        summary,
        result:
          check.kind === 'automatic'
            ? review.automaticResults[check.id]
            : undefined,
        attestation:
          check.kind === 'manual' ? review.attestations[check.id] : undefined,
      })),
    };
  }

  #overview(review: ReadinessReview): ReviewOverview {
    const { checks, ...summary } = summarizeReview(review, new Date(), policy);
    const { items: _items, ...counts } = checks;
    return {
      ...summary,
      id: review.id,
      modelRef: review.modelRef,
      version: review.version,
      tier: review.tier,
      author: review.author,
      openedAt: review.openedAt,
      updatedAt: review.updatedAt,
      checks: counts,
    };
  }

  #get(reviewId: string) {
    const review = this.#reviews.get(reviewId);
    if (!review) throw new NotFoundError(`No review ${reviewId}`);
    return review;
  }

  #results(review: ReadinessReview) {
    const model = this.#model(review.modelRef);
    return evaluateAutomaticChecks({
      entity: model,
      version: review.version,
      facts: { existingRefs: this.#entities.map(e => stringifyEntityRef(e)) },
      policy,
      tier: review.tier,
    });
  }

  async getModelReviews(model: Parameters<MLOpsApi['getModelReviews']>[0]) {
    const entity = this.#model(model as string);
    const ref = stringifyEntityRef(entity).toLocaleLowerCase('en-US');
    return {
      modelRef: ref,
      items: [...this.#reviews.values()]
        .filter(r => r.modelRef === ref)
        .sort((a, b) => b.openedAt.localeCompare(a.openedAt))
        .map(r => this.#overview(r)),
    };
  }

  async openReview(
    model: Parameters<MLOpsApi['openReview']>[0],
    request: { version: string },
  ) {
    const entity = this.#model(model as string);
    const opened = this.#apply(
      entity,
      undefined,
      {
        type: 'open',
        reviewId: `dev-${this.#reviews.size + 1}`,
        version: request.version,
        existingReviews: [...this.#reviews.values()],
      },
      this.#actor(entity, false),
    );
    const review = opened.review;
    return this.#apply(
      entity,
      review,
      { type: 'recordAutomaticResults', results: this.#results(review) },
      this.#actor(entity, false),
    );
  }

  async getReview(reviewId: string) {
    return this.#view(this.#get(reviewId));
  }

  async getReviewsAwaitingMe() {
    return {
      items: [...this.#reviews.values()]
        .filter(r => effectiveStatus(r, new Date(), policy) === 'open')
        .map(r => this.#overview(r)),
    };
  }

  async attestCheck(
    reviewId: string,
    request: { checkId: string; evidenceUrl: string; comment: string },
  ) {
    const review = this.#get(reviewId);
    const model = this.#model(review.modelRef);
    return this.#apply(
      model,
      review,
      { type: 'attest', ...request },
      this.#actor(model, false),
    );
  }

  async approveReview(reviewId: string, request: { comment?: string } = {}) {
    const review = this.#get(reviewId);
    const model = this.#model(review.modelRef);
    return this.#apply(
      model,
      review,
      { type: 'approve', ...request },
      this.#actor(model),
    );
  }

  async requestReviewChanges(reviewId: string, request: { comment: string }) {
    const review = this.#get(reviewId);
    const model = this.#model(review.modelRef);
    return this.#apply(
      model,
      review,
      { type: 'requestChanges', ...request },
      this.#actor(model),
    );
  }

  async reopenReview(reviewId: string, request: { comment?: string } = {}) {
    const review = this.#get(reviewId);
    const model = this.#model(review.modelRef);
    return this.#apply(
      model,
      review,
      { type: 'reopen', ...request },
      this.#actor(model, false),
    );
  }

  async withdrawReview(reviewId: string, request: { reason?: string } = {}) {
    const review = this.#get(reviewId);
    const model = this.#model(review.modelRef);
    return this.#apply(
      model,
      review,
      { type: 'withdraw', ...request },
      this.#actor(model, false),
    );
  }

  async refreshReview(reviewId: string) {
    const review = this.#get(reviewId);
    const model = this.#model(review.modelRef);
    return this.#apply(
      model,
      review,
      { type: 'recordAutomaticResults', results: this.#results(review) },
      this.#actor(model, false),
    );
  }

  async getReviewAuditTrail(reviewId: string) {
    return { reviewId, items: this.#audit.get(reviewId) ?? [] };
  }

  async getReviewEvidence(
    reviewId: string,
  ): Promise<ReadinessEvidenceDocument> {
    const review = this.#get(reviewId);
    return evidenceDocument({
      review,
      model: this.#model(review.modelRef),
      auditTrail: this.#audit.get(reviewId) ?? [],
      generatedBy: 'user:development/guest',
      now: new Date(),
      policy,
    });
  }

  async getReadinessSummary(entityRefs: string[]) {
    const latest = new Map<string, ReadinessReview>();
    for (const review of this.#reviews.values()) {
      const current = latest.get(review.modelRef);
      if (!current || current.openedAt < review.openedAt) {
        latest.set(review.modelRef, review);
      }
    }
    return {
      items: entityRefs.map(entityRef => {
        const review = latest.get(entityRef.toLocaleLowerCase('en-US'));
        return { entityRef, review: review ? this.#overview(review) : null };
      }),
    };
  }

  async getDeployGate(): Promise<never> {
    throw new Error('The dev app has no deploy gate');
  }

  async getRollout(): Promise<never> {
    throw new NotFoundError(
      'The dev app has no cluster; run the demo portal for the canary panel',
    );
  }

  async runRolloutAction(): Promise<never> {
    throw new NotFoundError(
      'The dev app has no cluster; run the demo portal for the canary panel',
    );
  }

  async getRolloutSummary(entityRefs: string[]) {
    return {
      items: entityRefs.map(entityRef => ({ entityRef, rollout: null })),
    };
  }

  // The dev app has no drift data: the card shows how to post a reference.
  async getModelDrift(ref: string | { namespace: string; name: string }) {
    return { modelRef: stringifyEntityRef(this.#model(ref)), versions: [] };
  }

  async getDriftReport(): Promise<never> {
    throw new NotFoundError('The dev app keeps no drift references');
  }

  async getDriftTrend(): Promise<never> {
    throw new NotFoundError('The dev app keeps no drift references');
  }

  async getDriftSummary(entityRefs: string[]) {
    return {
      items: Object.fromEntries(
        entityRefs.map(ref => [ref, { status: 'no-reference' as const }]),
      ),
    };
  }

  // The dev app spends a steady quarter of every budget, so the SLO card has numbers.
  async getModelSlos(ref: string | { namespace: string; name: string }) {
    const model = this.#model(ref);
    const now = Date.now();
    const slos = (model.spec.slos ?? []).map(slo => {
      const counts = (total: number) => ({
        good: total * (1 - 0.25 * (1 - slo.objective)),
        total,
      });
      return evaluateSlo({
        slo,
        now,
        observation: {
          windowCounts: Object.fromEntries(
            alertWindowKeys().map(key => [key, counts(1000)]),
          ),
          periodCounts: counts(30_000),
          buckets: Array.from({ length: 30 }, (_, i) => ({
            start: now - (30 - i) * 86_400_000,
            ...counts(1000),
          })),
        },
      });
    });
    return {
      entityRef: stringifyEntityRef(model),
      provider: 'builtin',
      source: 'entity' as const,
      computedAt: new Date(now).toISOString(),
      slos,
      errors: [],
      worstState: worstSloState(slos.map(s => s.state)),
      exhausted: false,
    };
  }

  async getSloSummary(entityRefs: string[]) {
    return {
      items: entityRefs.map(entityRef => ({
        entityRef,
        status: 'pending' as const,
      })),
    };
  }
}
