import { mockServices, TestDatabases } from '@backstage/backend-test-utils';
import { ConflictError, NotFoundError } from '@backstage/errors';
import {
  applyReviewCommand,
  ReadinessReview,
  ReviewAuditEvent,
} from '@mlops-portal/plugin-mlops-common';
import { Knex } from 'knex';
import {
  CARD_FRAUD_REF,
  CRITICAL_MANUAL_CHECKS,
  searchRanker,
} from '../__testUtils__/fixtures';
import {
  contextFor,
  minutesAfter,
  passingResults,
  T0,
} from '../__testUtils__/reviewContexts';
import { knexWithReadBarrier } from '../__testUtils__/racingKnex';
import { errorWithMessage } from '../__testUtils__/databaseErrors';
import { DatabaseReadinessReviewStore } from './DatabaseReadinessReviewStore';
import { StoreCommandOutcome } from './ReadinessReviewStore';

jest.setTimeout(60_000);

const ADA = 'user:default/ada';
const BARBARA = 'user:default/barbara';
const MARGARET = 'user:default/margaret';
const GRACE = 'user:default/grace';

function okOutcome(outcome: StoreCommandOutcome) {
  if (!outcome.ok) throw new Error(`refused: ${outcome.reason}`);
  return outcome;
}

describe('DatabaseReadinessReviewStore', () => {
  const databases = TestDatabases.create({
    ids: ['SQLITE_3', 'POSTGRES_15'],
  });

  async function createStore(databaseId: Parameters<typeof databases.init>[0]) {
    const knex = await databases.init(databaseId);
    const store = await DatabaseReadinessReviewStore.create({
      database: mockServices.database({ knex }),
    });
    return { knex, store };
  }

  async function openReview(
    store: DatabaseReadinessReviewStore,
    reviewId = 'r1',
    version = '3.3.0',
  ) {
    return okOutcome(
      await store.openReview({
        reviewId,
        version,
        context: contextFor(ADA),
        automaticResults: passingResults(),
      }),
    );
  }

  /** An open critical review with every manual check attested: ready for sign-off. */
  async function readyForSignOff(store: DatabaseReadinessReviewStore) {
    await openReview(store);
    for (const [i, checkId] of CRITICAL_MANUAL_CHECKS.entries()) {
      okOutcome(
        await store.applyCommand(
          'r1',
          {
            type: 'attest',
            checkId,
            evidenceUrl: `https://wiki.example/fraud/${checkId}`,
            comment: `Evidence for ${checkId}.`,
          },
          contextFor(ADA, { now: minutesAfter(T0, i + 1) }),
        ),
      );
    }
    return (await store.getReview('r1'))!;
  }

  /** The same database, with transactions that all read before any writes. */
  async function racingStore(knex: Knex, parties: number) {
    return DatabaseReadinessReviewStore.create({
      database: mockServices.database({
        knex: knexWithReadBarrier(knex, {
          table: 'readiness_reviews',
          parties,
        }),
        migrations: { skip: true },
      }),
    });
  }

  async function auditCount(knex: Knex) {
    const [{ count }] = await knex('readiness_review_audit_log').count({
      count: '*',
    });
    return Number(count);
  }

  describe.each(databases.eachSupportedId())('on %p', databaseId => {
    it('opens a review and records its first automatic results in one write', async () => {
      const { store } = await createStore(databaseId);

      const outcome = await openReview(store);

      expect(outcome.revision).toBe(1);
      expect(outcome.events.map(e => e.action)).toEqual([
        'review.open',
        'review.record-automatic-results',
      ]);
      const stored = await store.getReview('r1');
      expect(stored?.revision).toBe(1);
      expect(stored?.review).toEqual(outcome.review);
      expect(stored?.review.modelRef).toBe(CARD_FRAUD_REF);
      expect(Object.keys(stored!.review.automaticResults)).toHaveLength(10);
      const audit = await store.listAuditRecords('r1');
      expect(audit.map(a => [a.action, a.actor, a.before, a.after])).toEqual([
        ['review.open', ADA, null, 'open'],
        ['review.record-automatic-results', ADA, 'open', 'open'],
      ]);
      expect(audit[0].occurredAt).toBe(T0.toISOString());
      expect(audit[0].details).toMatchObject({ tier: 'critical' });
      expect(audit[1].sequence).toBeGreaterThan(audit[0].sequence);
    });

    it('refuses a second review of a version in progress and writes nothing', async () => {
      const { knex, store } = await createStore(databaseId);
      await openReview(store);

      const second = await store.openReview({
        reviewId: 'r2',
        version: '3.3.0',
        context: contextFor('user:default/hedy'),
      });

      expect(second).toMatchObject({ ok: false, code: 'conflict' });
      expect(await store.getReview('r2')).toBeUndefined();
      expect(await auditCount(knex)).toBe(2);
    });

    it('lets only one of several simultaneous opens of the same version succeed', async () => {
      const { knex, store } = await createStore(databaseId);
      const racing = await racingStore(knex, 3);

      const outcomes = await Promise.all(
        ['r1', 'r2', 'r3'].map(reviewId =>
          racing.openReview({
            reviewId,
            version: '3.3.0',
            context: contextFor(ADA),
          }),
        ),
      );

      expect(outcomes.filter(o => o.ok)).toHaveLength(1);
      expect(outcomes.filter(o => !o.ok)).toEqual([
        expect.objectContaining({ code: 'conflict' }),
        expect.objectContaining({ code: 'conflict' }),
      ]);
      expect(await store.listModelReviews(CARD_FRAUD_REF)).toHaveLength(1);
    });

    it('applies a command with its audit event and bumps the revision', async () => {
      const { store } = await createStore(databaseId);
      await openReview(store);

      const outcome = okOutcome(
        await store.applyCommand(
          'r1',
          {
            type: 'attest',
            checkId: 'load-test',
            evidenceUrl: 'https://wiki.example/load-test',
            comment: 'k6 at 2x peak.',
          },
          contextFor(ADA, { now: minutesAfter(T0, 5) }),
        ),
      );

      expect(outcome.revision).toBe(2);
      const stored = await store.getReview('r1');
      expect(stored?.revision).toBe(2);
      expect(stored?.review.attestations['load-test']).toMatchObject({
        by: ADA,
        evidenceUrl: 'https://wiki.example/load-test',
      });
      const audit = await store.listAuditRecords('r1');
      expect(audit[2]).toMatchObject({
        action: 'review.attest',
        actor: ADA,
        details: expect.objectContaining({ checkId: 'load-test' }),
      });
    });

    it('writes nothing when the engine refuses a command', async () => {
      const { knex, store } = await createStore(databaseId);
      await readyForSignOff(store);
      const before = await store.getReview('r1');
      const auditBefore = await auditCount(knex);

      const outcome = await store.applyCommand(
        'r1',
        { type: 'approve' },
        contextFor(ADA, { canSignOff: true }),
      );

      expect(outcome).toEqual({
        ok: false,
        code: 'forbidden',
        reason: 'You opened this review, so you cannot approve it.',
      });
      expect(await store.getReview('r1')).toEqual(before);
      expect(await auditCount(knex)).toBe(auditBefore);
    });

    it('throws NotFoundError for an unknown review', async () => {
      const { store } = await createStore(databaseId);
      await expect(
        store.applyCommand('nope', { type: 'approve' }, contextFor(BARBARA)),
      ).rejects.toThrow(NotFoundError);
      expect(await store.getReview('nope')).toBeUndefined();
    });

    it('counts two approvals given at the same moment exactly once each', async () => {
      const { knex, store } = await createStore(databaseId);
      const ready = await readyForSignOff(store);
      const auditBefore = await auditCount(knex);
      const at = minutesAfter(T0, 60);
      const racing = await racingStore(knex, 2);

      const outcomes = await Promise.all([
        racing.applyCommand(
          'r1',
          { type: 'approve', comment: 'Looks good.' },
          contextFor(BARBARA, { canSignOff: true, now: at }),
        ),
        racing.applyCommand(
          'r1',
          { type: 'approve', comment: 'Threat model reviewed.' },
          contextFor(MARGARET, { canSignOff: true, now: at }),
        ),
      ]);

      expect(outcomes.every(o => o.ok)).toBe(true);
      const stored = (await store.getReview('r1'))!;
      expect(stored.revision).toBe(ready.revision + 2);
      expect(stored.review.status).toBe('approved');
      expect(stored.review.decisions.map(d => d.reviewer).sort()).toEqual([
        BARBARA,
        MARGARET,
      ]);
      expect(stored.review.approval?.approvers.sort()).toEqual([
        BARBARA,
        MARGARET,
      ]);
      const approvals = (await store.listAuditRecords('r1')).filter(
        a => a.action === 'review.approve',
      );
      expect(approvals.map(a => a.actor).sort()).toEqual([BARBARA, MARGARET]);
      // One approval saw the review open, the other made it approved.
      expect(approvals.map(a => a.after).sort()).toEqual(['approved', 'open']);
      expect(await auditCount(knex)).toBe(auditBefore + 2);
    });

    it('keeps every one of many simultaneous attestations', async () => {
      const { knex, store } = await createStore(databaseId);
      await openReview(store);
      const racing = await racingStore(knex, CRITICAL_MANUAL_CHECKS.length);

      const outcomes = await Promise.all(
        CRITICAL_MANUAL_CHECKS.map(checkId =>
          racing.applyCommand(
            'r1',
            {
              type: 'attest',
              checkId,
              evidenceUrl: `https://wiki.example/${checkId}`,
              comment: `Evidence for ${checkId}.`,
            },
            contextFor(ADA, { now: minutesAfter(T0, 1) }),
          ),
        ),
      );

      expect(outcomes.every(o => o.ok)).toBe(true);
      const stored = (await store.getReview('r1'))!;
      expect(Object.keys(stored.review.attestations).sort()).toEqual(
        [...CRITICAL_MANUAL_CHECKS].sort(),
      );
      expect(stored.revision).toBe(1 + CRITICAL_MANUAL_CHECKS.length);
      const attests = (await store.listAuditRecords('r1')).filter(
        a => a.action === 'review.attest',
      );
      expect(attests).toHaveLength(CRITICAL_MANUAL_CHECKS.length);
    });

    it('leaves nothing half-written when the audit insert fails', async () => {
      const { knex, store } = await createStore(databaseId);
      const ready = await readyForSignOff(store);
      const auditBefore = await auditCount(knex);

      // Inject a failure after the review row was updated: the audit table
      // is gone when the command tries to append to it.
      await knex.schema.renameTable('readiness_review_audit_log', 'audit_away');
      try {
        await expect(
          store.applyCommand(
            'r1',
            { type: 'approve' },
            contextFor(BARBARA, { canSignOff: true }),
          ),
        ).rejects.toMatchObject(errorWithMessage(/readiness_review_audit_log/));
        await expect(
          store.openReview({
            reviewId: 'r2',
            version: '3.2.0',
            context: contextFor(ADA),
          }),
        ).rejects.toMatchObject(errorWithMessage(/readiness_review_audit_log/));
      } finally {
        await knex.schema.renameTable(
          'audit_away',
          'readiness_review_audit_log',
        );
      }

      expect(await store.getReview('r1')).toEqual(ready);
      expect(await store.getReview('r2')).toBeUndefined();
      expect(await auditCount(knex)).toBe(auditBefore);
    });

    it('refuses to update or delete audit records', async () => {
      const { knex, store } = await createStore(databaseId);
      await openReview(store);

      await expect(
        knex('readiness_review_audit_log').update({
          actor: 'user:default/mallory',
        }),
      ).rejects.toMatchObject(errorWithMessage(/append-only/));
      await expect(
        knex('readiness_review_audit_log').delete(),
      ).rejects.toMatchObject(errorWithMessage(/append-only/));
      expect(await auditCount(knex)).toBe(2);
    });

    it('lists reviews newest first, by model and by status', async () => {
      const { store } = await createStore(databaseId);
      await openReview(store, 'r1', '3.2.0');
      okOutcome(
        await store.openReview({
          reviewId: 'r2',
          version: '3.3.0',
          context: contextFor(ADA, { now: minutesAfter(T0, 10) }),
        }),
      );
      okOutcome(
        await store.openReview({
          reviewId: 'r3',
          version: '4.2.0',
          context: contextFor(GRACE, {
            model: searchRanker(),
            now: minutesAfter(T0, 5),
          }),
        }),
      );
      okOutcome(
        await store.applyCommand(
          'r1',
          { type: 'withdraw', reason: 'Superseded.' },
          contextFor(ADA, { now: minutesAfter(T0, 20) }),
        ),
      );

      expect(
        (await store.listModelReviews(CARD_FRAUD_REF)).map(r => r.id),
      ).toEqual(['r2', 'r1']);
      expect(
        (
          await store.listModelReviews('MLModel:default/Card-Fraud-Detector')
        ).map(r => r.id),
      ).toEqual(['r2', 'r1']);
      expect(
        (await store.listReviewsByStatus(['open'])).map(r => r.id),
      ).toEqual(['r2', 'r3']);
      expect(
        (await store.listReviewsByStatus(['withdrawn'])).map(r => r.id),
      ).toEqual(['r1']);
      expect(await store.listReviewsByStatus([])).toEqual([]);
    });

    it('finds the newest review of each model', async () => {
      const { store } = await createStore(databaseId);
      await openReview(store, 'r1', '3.2.0');
      okOutcome(
        await store.openReview({
          reviewId: 'r2',
          version: '3.3.0',
          context: contextFor(ADA, { now: minutesAfter(T0, 10) }),
        }),
      );

      const latest = await store.getLatestReviews([
        CARD_FRAUD_REF,
        'mlmodel:default/search-ranker',
      ]);

      expect([...latest.keys()]).toEqual([CARD_FRAUD_REF]);
      expect(latest.get(CARD_FRAUD_REF)?.id).toBe('r2');
      expect((await store.getLatestReviews([])).size).toBe(0);
    });

    it('answers a page of 20 models quickly with 5,000 models in the store', async () => {
      const { store } = await createStore(databaseId);
      const entries = [];
      for (let i = 0; i < 5000; i++) {
        const model = searchRanker();
        model.metadata.name = `model-${i}`;
        model.spec.riskTier = 'low';
        model.spec.owner = 'group:default/fraud-ml';
        const versions = i % 10 === 0 ? ['4.1.0', '4.2.0'] : ['4.2.0'];
        model.spec.versions = versions.map(version => ({ version }));
        for (const [n, version] of versions.entries()) {
          const opened = applyReviewCommand(
            undefined,
            {
              type: 'open',
              reviewId: `m${i}-${n}`,
              version,
              existingReviews: [],
            },
            contextFor(ADA, { model, now: minutesAfter(T0, n) }),
          );
          if (!opened.ok) throw new Error(opened.reason);
          entries.push({ review: opened.review, events: opened.events });
        }
      }
      expect(await store.importIntoEmptyStore(entries)).toBe(true);
      const page = Array.from(
        { length: 20 },
        (_, i) => `mlmodel:default/model-${i * 250}`,
      );

      // Timing belongs in bench/, not here: this checks the answer only.
      const latest = await store.getLatestReviews(page);

      expect(latest.size).toBe(20);
      expect(latest.get('mlmodel:default/model-0')?.version).toBe('4.2.0');
      expect(latest.get('mlmodel:default/model-250')?.id).toBe('m250-1');
    });

    it('imports reviews with their history only into an empty store', async () => {
      const { knex, store } = await createStore(databaseId);
      const opened = applyReviewCommand(
        undefined,
        {
          type: 'open',
          reviewId: 'seed-1',
          version: '3.3.0',
          existingReviews: [],
        },
        contextFor(ADA),
      );
      if (!opened.ok) throw new Error(opened.reason);
      const withdrawn = applyReviewCommand(
        opened.review,
        { type: 'withdraw', reason: 'Demo.' },
        contextFor(ADA, { now: minutesAfter(T0, 1) }),
      );
      if (!withdrawn.ok) throw new Error(withdrawn.reason);
      const events: ReviewAuditEvent[] = [
        ...opened.events,
        ...withdrawn.events,
      ];
      const review: ReadinessReview = withdrawn.review;

      expect(await store.importIntoEmptyStore([{ review, events }])).toBe(true);
      expect(await store.importIntoEmptyStore([{ review, events }])).toBe(
        false,
      );

      expect((await store.getReview('seed-1'))?.review.status).toBe(
        'withdrawn',
      );
      expect(
        (await store.listAuditRecords('seed-1')).map(a => a.action),
      ).toEqual(['review.open', 'review.withdraw']);
      expect(await auditCount(knex)).toBe(2);
    });

    it('gives up with a ConflictError when the review keeps changing', async () => {
      const { knex, store } = await createStore(databaseId);
      await openReview(store);
      // Another writer wins every race: just before each guarded update,
      // the row's revision moves on.
      const racingTransaction = (
        handler: (tx: Knex.Transaction) => Promise<unknown>,
      ) =>
        knex.transaction(tx => {
          const racing = new Proxy(tx, {
            apply(target, thisArg, args: [string]) {
              const query = Reflect.apply(target, thisArg, args);
              if (args[0] === 'readiness_reviews') {
                const update = query.update.bind(query);
                query.update = async (...values: unknown[]) => {
                  await target('readiness_reviews')
                    .where({ id: 'r1' })
                    .increment('revision', 1);
                  return update(...values);
                };
              }
              return query;
            },
          });
          return handler(racing);
        });
      const alwaysLosingKnex = new Proxy(function alwaysLosing() {}, {
        apply: (_target, _thisArg, args) => (knex as any)(...args),
        get: (_target, property) =>
          property === 'transaction'
            ? racingTransaction
            : Reflect.get(knex, property),
      }) as unknown as Knex;
      const losingStore = await DatabaseReadinessReviewStore.create({
        database: mockServices.database({
          knex: alwaysLosingKnex,
          migrations: { skip: true },
        }),
      });

      await expect(
        losingStore.applyCommand(
          'r1',
          {
            type: 'attest',
            checkId: 'load-test',
            evidenceUrl: 'https://wiki.example/load-test',
            comment: 'k6.',
          },
          contextFor(ADA),
        ),
      ).rejects.toThrow(ConflictError);

      const stored = await store.getReview('r1');
      expect(stored?.review.attestations['load-test']).toBeUndefined();
      // Ten attempts, each beaten by one other write.
      expect(stored?.revision).toBe(11);
    });
  });
});
