import {
  AuditorService,
  LoggerService,
  SchedulerService,
} from '@backstage/backend-plugin-api';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { toError } from '@backstage/errors';
import {
  applyReviewCommand,
  evaluateAutomaticChecks,
  MLModelEntityV1alpha1,
  ReadinessFacts,
  ReadinessPolicy,
  ReadinessReview,
  ReviewActor,
  ReviewAuditEvent,
  ReviewCommand,
  riskTierOf,
} from '@mlops-portal/plugin-mlops-common';
import { randomUUID } from 'node:crypto';
import { AUDIT_EVENT_IDS } from '../auditing/auditEventIds';
import { ModelCatalog } from '../catalog/ModelCatalog';
import {
  ReadinessReviewStore,
  ReviewWithHistory,
} from '../database/ReadinessReviewStore';
import { SCHEDULED_REFRESH_ACTOR } from '../service/ReadinessReviewService';

/*
 * Demo reviews for the Northwind Commerce catalog in demo/catalog. Each story
 * is replayed through the real readiness engine, command by command, at
 * times relative to the moment of seeding, so that the audit trail reads like
 * the history it would have had and approvals are fresh (or expired, or
 * stale) on whatever day the demo starts.
 */

/** The demo organisation (demo/catalog/org.yaml): teams, and who signs off. */
const PEOPLE = {
  ada: { groups: ['fraud-ml'], reviewer: false },
  barbara: { groups: ['fraud-ml', 'ml-reviewers'], reviewer: true },
  hedy: { groups: ['fraud-ml'], reviewer: false },
  grace: { groups: ['search-ranking', 'ml-reviewers'], reviewer: true },
  katherine: { groups: ['forecasting'], reviewer: false },
  alan: { groups: ['forecasting', 'ml-reviewers'], reviewer: true },
  // Platform admins may sign off under the demo permission policy.
  linus: { groups: ['ml-platform', 'platform-admins'], reviewer: true },
  margaret: { groups: ['security-reviewers'], reviewer: true },
} as const;

type Person = keyof typeof PEOPLE;

function actorOf(name: Person): ReviewActor {
  const userRef = `user:default/${name}`;
  return {
    userRef,
    ownershipRefs: [
      userRef,
      ...PEOPLE[name].groups.map(group => `group:default/${group}`),
    ],
    canSignOff: PEOPLE[name].reviewer,
  };
}

/** The models the stories are about; seeding waits until all are in the catalog. */
export const DEMO_MODEL_REFS = [
  'mlmodel:default/card-fraud-detector',
  'mlmodel:default/account-takeover-detector',
  'mlmodel:default/search-relevance-ranker',
  'mlmodel:default/store-demand-forecaster',
  'mlmodel:default/promo-uplift-regressor',
  'mlmodel:default/support-ticket-triage',
] as const;

type DemoModelRef = (typeof DEMO_MODEL_REFS)[number];

const DAY_MS = 86_400_000;

/** A story step the engine refused: the demo catalog or the policy no longer fits the story. */
export class DemoStoryError extends Error {
  name = 'DemoStoryError';
}

/** Replays one review's history through the engine, stopping at the first refusal. */
class ReviewReplay {
  #review: ReadinessReview | undefined;
  readonly #events: ReviewAuditEvent[] = [];

  constructor(
    private readonly options: {
      model: MLModelEntityV1alpha1;
      version: string;
      policy: ReadinessPolicy;
      facts: ReadinessFacts;
      reviewId: string;
      /** The seeding time; steps are given in days before it. */
      now: Date;
    },
  ) {}

  /** `daysAgo` 2.5 means two and a half days before seeding. */
  #at(daysAgo: number) {
    return new Date(this.options.now.getTime() - daysAgo * DAY_MS);
  }

  #apply(
    command: ReviewCommand,
    actor: ReviewActor,
    daysAgo: number,
    entity: MLModelEntityV1alpha1 = this.options.model,
    auditActor?: string,
  ) {
    const { policy } = this.options;
    const spec = entity.spec;
    const result = applyReviewCommand(this.#review, command, {
      now: this.#at(daysAgo),
      actor,
      policy,
      model: {
        ref: stringifyEntityRef(entity),
        ownerRef: spec.owner,
        tier: riskTierOf(entity, policy),
        versions: (spec.versions ?? []).map(v => v.version),
      },
    });
    if (!result.ok) {
      throw new DemoStoryError(
        `Demo review of ${stringifyEntityRef(entity)} ${
          this.options.version
        }: "${command.type}" by ${actor.userRef} was refused: ${result.reason}`,
      );
    }
    this.#review = result.review;
    this.#events.push(
      ...(auditActor
        ? result.events.map(e => ({ ...e, actor: auditActor }))
        : result.events),
    );
    return this;
  }

  #results(entity: MLModelEntityV1alpha1) {
    return evaluateAutomaticChecks({
      entity,
      version: this.options.version,
      facts: this.options.facts,
      policy: this.options.policy,
      ...(this.#review ? { tier: this.#review.tier } : {}),
    });
  }

  /**
   * Opened, and the automatic checks evaluated in the same request, as the
   * API does. `entity` is the model as it was then, when it differed.
   */
  open(by: Person, daysAgo: number, entity = this.options.model) {
    this.#apply(
      {
        type: 'open',
        reviewId: this.options.reviewId,
        version: this.options.version,
        existingReviews: [],
      },
      actorOf(by),
      daysAgo,
      entity,
    );
    return this.#apply(
      { type: 'recordAutomaticResults', results: this.#results(entity) },
      actorOf(by),
      daysAgo,
      entity,
    );
  }

  /** The periodic re-evaluation, against the model as the catalog holds it now. */
  scheduledRefresh(daysAgo: number) {
    return this.#apply(
      {
        type: 'recordAutomaticResults',
        results: this.#results(this.options.model),
      },
      { userRef: SCHEDULED_REFRESH_ACTOR, ownershipRefs: [] },
      daysAgo,
      this.options.model,
      SCHEDULED_REFRESH_ACTOR,
    );
  }

  attest(
    by: Person,
    daysAgo: number,
    checkId: string,
    evidenceUrl: string,
    comment: string,
  ) {
    return this.#apply(
      { type: 'attest', checkId, evidenceUrl, comment },
      actorOf(by),
      daysAgo,
    );
  }

  approve(by: Person, daysAgo: number, comment?: string) {
    return this.#apply({ type: 'approve', comment }, actorOf(by), daysAgo);
  }

  requestChanges(by: Person, daysAgo: number, comment: string) {
    return this.#apply(
      { type: 'requestChanges', comment },
      actorOf(by),
      daysAgo,
    );
  }

  withdraw(by: Person, daysAgo: number, reason: string) {
    return this.#apply({ type: 'withdraw', reason }, actorOf(by), daysAgo);
  }

  done(): ReviewWithHistory {
    if (!this.#review) throw new Error('A demo review must be opened first');
    return { review: this.#review, events: [...this.#events] };
  }
}

/**
 * The demo reviews, built purely: the model entities as the catalog holds
 * them, the platform facts, the policy and the seeding time in, reviews with
 * their audit history out. Throws when the engine refuses a step (the demo
 * catalog or the policy changed so that a story no longer holds).
 */
export function buildDemoReviews(options: {
  models: Record<DemoModelRef, MLModelEntityV1alpha1>;
  facts: ReadinessFacts;
  policy: ReadinessPolicy;
  now: Date;
  newReviewId?: () => string;
}): ReviewWithHistory[] {
  const { models, facts, policy, now } = options;
  const newReviewId = options.newReviewId ?? randomUUID;
  const review = (ref: DemoModelRef, version: string) =>
    new ReviewReplay({
      model: models[ref],
      version,
      policy,
      facts,
      now,
      reviewId: newReviewId(),
    });
  const fraudDocs =
    'https://git.northwind.example/fraud-ml/card-fraud-detector/-/blob/main/docs';
  const forecastingDocs = 'https://wiki.northwind.example/forecasting';

  return [
    // Critical, in production: approved by a reviewer and the security reviewer.
    review('mlmodel:default/card-fraud-detector', '3.2.0')
      .open('ada', 47)
      .attest(
        'ada',
        46.9,
        'on-call-rotation',
        'https://pagerduty.northwind.example/schedules/fraud-ml-primary',
        'Fraud ML primary and secondary rotation, 24/7, escalation to the payments on-call after 15 minutes.',
      )
      .attest(
        'hedy',
        46,
        'rollback-rehearsed',
        `${fraudDocs}/drills/2026-03-rollback-3.2.0.md`,
        'Rolled back from 3.2.0 to 3.1.0 in staging in 4 minutes with the Argo Rollouts abort; scores matched the 3.1.0 shadow.',
      )
      .attest(
        'ada',
        45.8,
        'champion-comparison',
        'https://mlflow.northwind.example/#/compare-runs?runs=fraud-3.1.0,fraud-3.2.0',
        '3.2.0 beats 3.1.0 on PR-AUC (0.728 vs 0.703) and recall at 1% FPR in every card-issuing region; 7-day shadow agreement 99.2%.',
      )
      .attest(
        'hedy',
        45.5,
        'load-test',
        `${fraudDocs}/load-tests/2026-03-3.2.0.md`,
        'k6 at 4,800 authorisations per second (2.1x Black Friday peak): p99 31 ms, no errors.',
      )
      .attest(
        'ada',
        45,
        'bias-fairness-review',
        `${fraudDocs}/fairness/2026-Q1.md`,
        'Decline rates per issuing country within 1.2x of the EU rate at equal fraud rates after widening the challenge band.',
      )
      .attest(
        'ada',
        44.9,
        'privacy-review',
        'https://privacy.northwind.example/dpia/PAY-0192',
        'DPIA PAY-0192 approved by the DPO; login-events are pseudonymised before training.',
      )
      .attest(
        'ada',
        44.8,
        'security-threat-model',
        'https://security.northwind.example/threat-models/card-fraud-detector',
        'Threat model covers evasion by card testing, feature poisoning through chargeback fraud and model extraction via the scoring API.',
      )
      .approve(
        'barbara',
        41,
        'Evidence is complete; the fairness slice by issuing country is what I wanted to see.',
      )
      .approve(
        'margaret',
        40,
        'Threat model reviewed with AppSec; rate limiting on the scoring API covers extraction.',
      )
      .done(),

    // The candidate waiting for review: some manual checks attested, three to go.
    review('mlmodel:default/card-fraud-detector', '3.3.0-rc.1')
      .open('ada', 2.2)
      .attest(
        'ada',
        2.1,
        'on-call-rotation',
        'https://pagerduty.northwind.example/schedules/fraud-ml-primary',
        'Unchanged rotation; 3.3.0 adds no new dependency to page for.',
      )
      .attest(
        'hedy',
        1.9,
        'rollback-rehearsed',
        `${fraudDocs}/drills/2026-04-rollback-3.3.0-rc.1.md`,
        'Aborted a 10% canary of 3.3.0-rc.1 in staging; traffic back on 3.2.0 in 3 minutes.',
      )
      .attest(
        'ada',
        1.5,
        'champion-comparison',
        'https://mlflow.northwind.example/#/compare-runs?runs=fraud-3.2.0,fraud-3.3.0-rc.1',
        'PR-AUC 0.735 vs 0.728 and recall at 1% FPR 0.697 vs 0.689; precision at the decline threshold drops from 0.44 to 0.43, within the agreed tolerance.',
      )
      .attest(
        'hedy',
        1.2,
        'load-test',
        `${fraudDocs}/load-tests/2026-04-3.3.0-rc.1.md`,
        'k6 at 4,800 authorisations per second: p99 33 ms, no errors.',
      )
      .done(),

    // Withdrawn: superseded before anyone signed off.
    review('mlmodel:default/account-takeover-detector', '0.4.0')
      .open('ada', 62)
      .withdraw(
        'ada',
        48,
        'Superseded by 0.5.0, retrained after the February credential-stuffing wave.',
      )
      .done(),

    // Open: the model card is incomplete and there is no runbook yet.
    review('mlmodel:default/account-takeover-detector', '0.5.0')
      .open('hedy', 6)
      .attest(
        'hedy',
        5.8,
        'on-call-rotation',
        'https://pagerduty.northwind.example/schedules/identity-risk',
        'Shares the identity-risk rotation with the login risk service.',
      )
      .done(),

    // Changes requested: the comparison with 4.1.0 lacks per-locale slices.
    review('mlmodel:default/search-relevance-ranker', '4.2.0')
      .open('grace', 9)
      .attest(
        'grace',
        8.9,
        'on-call-rotation',
        'https://pagerduty.northwind.example/schedules/search',
        'Search & Ranking rotation covers the re-ranker.',
      )
      .attest(
        'grace',
        8.8,
        'rollback-rehearsed',
        'https://git.northwind.example/search/ltr-training/-/blob/main/docs/rollback.md',
        'Rollback to 4.1.0 rehearsed with the Argo Rollouts abort during the A/B test.',
      )
      .attest(
        'grace',
        8.7,
        'champion-comparison',
        'https://experiments.northwind.example/search/ab-4.2.0',
        'A/B test against 4.1.0: +1.9% search conversion, NDCG@10 0.548 vs 0.529.',
      )
      .requestChanges(
        'barbara',
        7,
        'The comparison only reports the overall numbers. Please add the per-locale slices (de, fr, pl): locale regressions are what hurt us with 4.0.0.',
      )
      .done(),

    // Approved long ago: the approval has expired.
    review('mlmodel:default/store-demand-forecaster', '5.1.0')
      .open('katherine', 140)
      .attest(
        'katherine',
        139.8,
        'on-call-rotation',
        `${forecastingDocs}/on-call`,
        'Forecasting on-call during business hours; the nightly batch pages the data platform out of hours.',
      )
      .attest(
        'katherine',
        139.5,
        'rollback-rehearsed',
        `${forecastingDocs}/drills/2025-10-rollback-5.1.0`,
        'Re-ran the nightly batch with 5.0.0 from the registry; replenishment orders identical to the archived run.',
      )
      .attest(
        'katherine',
        139.2,
        'champion-comparison',
        `${forecastingDocs}/backtests/5.1.0`,
        'WAPE 0.297 vs 0.318 over a 13-week back-test; largest gains in garden and outdoor.',
      )
      .attest(
        'katherine',
        139,
        'load-test',
        `${forecastingDocs}/load-tests/5.1.0`,
        'What-if API at 2x planning-week peak: p99 180 ms.',
      )
      .attest(
        'katherine',
        138.8,
        'bias-fairness-review',
        `${forecastingDocs}/fairness/5.1.0`,
        'No decisions about people; error parity checked across store size bands.',
      )
      .attest(
        'katherine',
        138.6,
        'privacy-review',
        'https://privacy.northwind.example/records/FC-0031',
        'No personal data: aggregated sales, promotions and weather only.',
      )
      .approve('alan', 131, 'Back-test is convincing.')
      .approve(
        'grace',
        130,
        'Approved; weather features are documented in the model card.',
      )
      .done(),

    // The version in production: approved.
    review('mlmodel:default/store-demand-forecaster', '5.2.0')
      .open('katherine', 21)
      .attest(
        'katherine',
        20.8,
        'on-call-rotation',
        `${forecastingDocs}/on-call`,
        'Unchanged rotation.',
      )
      .attest(
        'katherine',
        20.5,
        'rollback-rehearsed',
        `${forecastingDocs}/drills/2026-02-rollback-5.2.0`,
        'Re-ran the nightly batch with 5.1.0; orders identical to the archived run.',
      )
      .attest(
        'katherine',
        20.2,
        'champion-comparison',
        `${forecastingDocs}/backtests/5.2.0`,
        'WAPE 0.284 vs 0.297 and bias 0.006 vs 0.014 on the holiday-season back-test.',
      )
      .attest(
        'katherine',
        20,
        'load-test',
        `${forecastingDocs}/load-tests/5.2.0`,
        'What-if API at 2x planning-week peak: p99 170 ms.',
      )
      .attest(
        'katherine',
        19.8,
        'bias-fairness-review',
        `${forecastingDocs}/fairness/5.2.0`,
        'Error parity across store size bands holds; stock-out censoring does not shift it.',
      )
      .attest(
        'katherine',
        19.6,
        'privacy-review',
        'https://privacy.northwind.example/records/FC-0031',
        'No personal data: aggregated sales, promotions and weather only.',
      )
      .approve('alan', 15, 'Stock-out-aware target is a clear improvement.')
      .approve('barbara', 14, 'Approved.')
      .done(),

    // Approved, then stale: the runbook link was dropped in the wiki
    // migration after approval, and the next re-evaluation noticed.
    review('mlmodel:default/promo-uplift-regressor', '1.3.0')
      .open(
        'katherine',
        35,
        withRunbook(models['mlmodel:default/promo-uplift-regressor']),
      )
      .attest(
        'katherine',
        34.8,
        'on-call-rotation',
        `${forecastingDocs}/on-call`,
        'Batch only; failures page the forecasting on-call in business hours.',
      )
      .attest(
        'katherine',
        34.5,
        'rollback-rehearsed',
        `${forecastingDocs}/drills/2026-promo-rollback`,
        'Re-scored last week\u2019s promotions with 1.2.0 from the registry.',
      )
      .attest(
        'katherine',
        34.2,
        'champion-comparison',
        `${forecastingDocs}/backtests/promo-1.3.0`,
        'RMSE 37.2 vs 39.8 units on 2025-H2 promotions.',
      )
      .approve('alan', 30, 'Approved.')
      .scheduledRefresh(3)
      .done(),

    // Low tier, platform team: one approval, automatic checks only.
    review('mlmodel:default/support-ticket-triage', '1.4.0')
      .open('linus', 25)
      .approve(
        'grace',
        24,
        'All automatic checks pass; fine for a low-tier model.',
      )
      .done(),
  ];
}

/** The model as it was before its runbook link was removed. */
function withRunbook(model: MLModelEntityV1alpha1): MLModelEntityV1alpha1 {
  return {
    ...model,
    metadata: {
      ...model.metadata,
      links: [
        ...(model.metadata.links ?? []),
        {
          url: 'https://wiki.northwind.example/forecasting/promo-uplift/runbook',
          title: 'Runbook (old wiki)',
          type: 'runbook',
        },
      ],
    },
  };
}

/** What one seeding attempt found. */
export type DemoSeedOutcome =
  | { result: 'seeded'; reviews: number }
  | { result: 'not-empty' }
  | { result: 'waiting-for-catalog'; missing: string[] };

/**
 * Seeds the demo reviews into an empty store. Idempotent: a store that holds
 * any review is left alone. Until the catalog has ingested every demo model
 * it reports which are missing, so the caller can try again later.
 */
export async function seedDemoReviews(options: {
  store: ReadinessReviewStore;
  models: ModelCatalog;
  policy: ReadinessPolicy;
  now?: Date;
}): Promise<DemoSeedOutcome> {
  const { store, models, policy } = options;
  const found = await models.getModels([...DEMO_MODEL_REFS]);
  const missing = DEMO_MODEL_REFS.filter((_, i) => !found[i]);
  if (missing.length > 0) {
    return { result: 'waiting-for-catalog', missing };
  }
  const byRef = Object.fromEntries(
    DEMO_MODEL_REFS.map((ref, i) => [ref, found[i]!]),
  ) as Record<DemoModelRef, MLModelEntityV1alpha1>;
  const facts = await models.gatherFacts(
    DEMO_MODEL_REFS.flatMap(ref =>
      (byRef[ref].spec.versions ?? []).map(v => ({
        model: byRef[ref],
        version: v.version,
      })),
    ),
  );
  const reviews = buildDemoReviews({
    models: byRef,
    facts,
    policy,
    now: options.now ?? new Date(),
  });
  const seeded = await store.importIntoEmptyStore(reviews);
  return seeded
    ? { result: 'seeded', reviews: reviews.length }
    : { result: 'not-empty' };
}

/** Scheduler task id of the demo seeding. */
export const DEMO_SEED_TASK_ID = 'mlops-readiness-demo-seed';

/**
 * Seeds demo reviews once the catalog has the demo models: a task that runs
 * every 30 seconds until seeding succeeded or found reviews, then does
 * nothing. Only called when `mlops.demo.seedReviews` is true.
 */
export async function scheduleDemoSeed(options: {
  scheduler: SchedulerService;
  store: ReadinessReviewStore;
  models: ModelCatalog;
  policy: ReadinessPolicy;
  auditor: AuditorService;
  logger: LoggerService;
}) {
  const { scheduler, auditor, logger, ...seed } = options;
  let finished = false;
  let reportedWaiting = false;
  await scheduler.scheduleTask({
    id: DEMO_SEED_TASK_ID,
    frequency: { seconds: 30 },
    timeout: { minutes: 1 },
    fn: async () => {
      if (finished) return;
      try {
        const outcome = await seedDemoReviews(seed);
        if (outcome.result === 'waiting-for-catalog') {
          if (!reportedWaiting) {
            logger.info(
              `Demo readiness reviews wait for the catalog to ingest ${outcome.missing.join(
                ', ',
              )}`,
            );
            reportedWaiting = true;
          }
          return;
        }
        finished = true;
        const event = await auditor.createEvent({
          eventId: AUDIT_EVENT_IDS.demoSeed,
          severityLevel: 'low',
        });
        await event.success({ meta: { ...outcome } });
        logger.info(
          outcome.result === 'seeded'
            ? `Seeded ${outcome.reviews} demo readiness reviews`
            : 'Demo readiness reviews not seeded: the store already holds reviews',
        );
      } catch (error) {
        if (!(error instanceof DemoStoryError)) {
          // The catalog may still be starting; the next run tries again.
          logger.warn(`Demo readiness reviews not seeded yet: ${error}`);
          return;
        }
        // A story the engine refuses does not succeed on a retry either.
        finished = true;
        const event = await auditor.createEvent({
          eventId: AUDIT_EVENT_IDS.demoSeed,
          severityLevel: 'low',
        });
        await event.fail({ error: toError(error) as Error });
        logger.error(`Demo readiness reviews were not seeded: ${error}`);
      }
    },
  });
}
