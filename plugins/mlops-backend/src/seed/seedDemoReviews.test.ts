import {
  mockCredentials,
  mockServices,
  startTestBackend,
  TestDatabases,
} from '@backstage/backend-test-utils';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import {
  DEFAULT_READINESS_POLICY,
  effectiveStatus,
  MLModelEntityV1alpha1,
} from '@mlops-portal/plugin-mlops-common';
import request from 'supertest';
import { loadDemoCatalog } from '../__testUtils__/demoCatalog';
import {
  FixturePolicyPermissions,
  fixtureUserInfoFactory,
  permissionsFactory,
  RecordingAuditor,
  RecordingScheduler,
} from '../__testUtils__/testServices';
import { ModelCatalog } from '../catalog/ModelCatalog';
import { DatabaseReadinessReviewStore } from '../database/DatabaseReadinessReviewStore';
import { mlopsPlugin } from '../plugin';
import {
  buildDemoReviews,
  DEMO_MODEL_REFS,
  DEMO_SEED_TASK_ID,
  seedDemoReviews,
} from './seedDemoReviews';

jest.setTimeout(60_000);

const NOW = new Date('2026-11-26T12:00:00.000Z');

function demoModels() {
  const entities = loadDemoCatalog();
  const byRef = new Map(
    entities.map(e => [stringifyEntityRef(e).toLocaleLowerCase('en-US'), e]),
  );
  return {
    entities,
    existingRefs: [...byRef.keys()],
    models: Object.fromEntries(
      DEMO_MODEL_REFS.map(ref => [
        ref,
        byRef.get(ref) as MLModelEntityV1alpha1,
      ]),
    ) as Parameters<typeof buildDemoReviews>[0]['models'],
  };
}

describe('buildDemoReviews', () => {
  const { models, existingRefs } = demoModels();
  const reviews = buildDemoReviews({
    models,
    facts: { existingRefs },
    policy: DEFAULT_READINESS_POLICY,
    now: NOW,
  });
  const find = (name: string, version: string) => {
    const found = reviews.find(
      r =>
        r.review.modelRef === `mlmodel:default/${name}` &&
        r.review.version === version,
    );
    if (!found) throw new Error(`no demo review of ${name} ${version}`);
    return found;
  };
  const statusOf = (name: string, version: string) =>
    effectiveStatus(find(name, version).review, NOW, DEFAULT_READINESS_POLICY);

  it('tells a review in every state the portal shows', () => {
    expect(
      reviews.map(r => [
        r.review.modelRef.replace('mlmodel:default/', ''),
        r.review.version,
        effectiveStatus(r.review, NOW, DEFAULT_READINESS_POLICY),
      ]),
    ).toEqual([
      ['card-fraud-detector', '3.2.0', 'approved'],
      ['card-fraud-detector', '3.3.0-rc.1', 'open'],
      ['account-takeover-detector', '0.4.0', 'withdrawn'],
      ['account-takeover-detector', '0.5.0', 'open'],
      ['search-relevance-ranker', '4.2.0', 'changes-requested'],
      ['store-demand-forecaster', '5.1.0', 'expired'],
      ['store-demand-forecaster', '5.2.0', 'approved'],
      ['promo-uplift-regressor', '1.3.0', 'stale'],
      ['support-ticket-triage', '1.4.0', 'approved'],
    ]);
  });

  it('leaves the candidate of card-fraud-detector with manual checks still to attest', () => {
    const { review } = find('card-fraud-detector', '3.3.0-rc.1');
    expect(review.author).toBe('user:default/ada');
    expect(Object.keys(review.attestations).sort()).toEqual([
      'champion-comparison',
      'load-test',
      'on-call-rotation',
      'rollback-rehearsed',
    ]);
    expect(
      Object.values(review.automaticResults).every(r => r.status === 'passed'),
    ).toBe(true);
  });

  it('records the history with the demo people as actors', () => {
    const approved = find('card-fraud-detector', '3.2.0');
    expect(approved.review.approval?.approvers).toEqual([
      'user:default/barbara',
      'user:default/margaret',
    ]);
    expect(approved.events.map(e => e.action)).toEqual([
      'review.open',
      'review.record-automatic-results',
      ...Array(7).fill('review.attest'),
      'review.approve',
      'review.approve',
    ]);
    expect(new Set(approved.events.map(e => e.actor))).toEqual(
      new Set([
        'user:default/ada',
        'user:default/hedy',
        'user:default/barbara',
        'user:default/margaret',
      ]),
    );
    // Each step happened after the one before.
    const times = approved.events.map(e => Date.parse(e.at));
    expect([...times].sort((a, b) => a - b)).toEqual(times);

    expect(find('search-relevance-ranker', '4.2.0').review.decisions).toEqual([
      expect.objectContaining({
        reviewer: 'user:default/barbara',
        decision: 'changes-requested',
      }),
    ]);
    expect(
      find('account-takeover-detector', '0.4.0').review.withdrawal,
    ).toMatchObject({
      by: 'user:default/ada',
    });
    expect(find('support-ticket-triage', '1.4.0').review.author).toBe(
      'user:default/linus',
    );
  });

  it('finds what the demo catalog is missing', () => {
    const { review } = find('account-takeover-detector', '0.5.0');
    expect(review.automaticResults['model-card'].status).toBe('failed');
    expect(review.automaticResults['runbook-link'].status).toBe('failed');
  });

  it('makes the promo model stale through the periodic re-evaluation', () => {
    const stale = find('promo-uplift-regressor', '1.3.0');
    expect(stale.review.stale?.changes).toEqual([
      { checkId: 'runbook-link', from: 'passed', to: 'failed' },
    ]);
    expect(stale.events.at(-1)).toMatchObject({
      action: 'review.record-automatic-results',
      actor: 'plugin:mlops',
      before: 'approved',
      after: 'stale',
    });
    expect(statusOf('store-demand-forecaster', '5.1.0')).toBe('expired');
  });
});

describe('seedDemoReviews', () => {
  const databases = TestDatabases.create({ ids: ['SQLITE_3'] });

  it('waits until the catalog holds the demo models', async () => {
    const store = await DatabaseReadinessReviewStore.create({
      database: mockServices.database({
        knex: await databases.init('SQLITE_3'),
      }),
    });
    const models = new ModelCatalog({
      catalog: catalogServiceMock({ entities: [] }),
      auth: mockServices.auth(),
    });

    const outcome = await seedDemoReviews({
      store,
      models,
      policy: DEFAULT_READINESS_POLICY,
      now: NOW,
    });

    expect(outcome).toEqual({
      result: 'waiting-for-catalog',
      missing: [...DEMO_MODEL_REFS],
    });
    expect(await store.listReviewsByStatus(['open'])).toEqual([]);
  });

  async function startDemoBackend(config: object) {
    const scheduler = new RecordingScheduler();
    const auditor = new RecordingAuditor();
    const { server } = await startTestBackend({
      features: [
        mlopsPlugin,
        catalogServiceMock.factory({ entities: loadDemoCatalog() }),
        mockServices.database.factory({
          knex: await databases.init('SQLITE_3'),
        }),
        mockServices.rootConfig.factory({ data: { mlops: config } }),
        fixtureUserInfoFactory,
        permissionsFactory(new FixturePolicyPermissions()),
        scheduler.factory(),
        auditor.factory(),
      ],
    });
    return { api: request(server), scheduler, auditor };
  }

  it('seeds once when mlops.demo.seedReviews is set, and never twice', async () => {
    const { api, scheduler, auditor } = await startDemoBackend({
      demo: { seedReviews: true },
    });
    const ada = {
      Authorization: mockCredentials.user.header('user:default/ada'),
    };

    await scheduler.run(DEMO_SEED_TASK_ID);
    await scheduler.run(DEMO_SEED_TASK_ID);

    const cfd = await api
      .get('/api/mlops/models/default/card-fraud-detector/reviews')
      .set(ada);
    expect(
      cfd.body.items.map((r: { version: string; status: string }) => [
        r.version,
        r.status,
      ]),
    ).toEqual([
      ['3.3.0-rc.1', 'open'],
      ['3.2.0', 'approved'],
    ]);
    const gate = await api
      .get('/api/mlops/gate/default/store-demand-forecaster/5.2.0')
      .set({ Authorization: mockCredentials.service.header() });
    expect(gate.body.allowed).toBe(true);
    expect(
      auditor.events
        .filter(e => e.eventId === 'readiness-review-demo-seed')
        .map(e => [e.outcome, (e.outcomeMeta as { result: string }).result]),
    ).toEqual([['success', 'seeded']]);
  });

  it('accepts mlops.readiness.demoSeed as an alias', async () => {
    const { scheduler } = await startDemoBackend({
      readiness: { demoSeed: true, approvalValidity: '90d' },
    });
    expect(scheduler.tasks.has(DEMO_SEED_TASK_ID)).toBe(true);
  });

  it('does not seed unless configured', async () => {
    const { scheduler } = await startDemoBackend({});
    expect(scheduler.tasks.has(DEMO_SEED_TASK_ID)).toBe(false);
    expect(scheduler.tasks.has('mlops-readiness-refresh')).toBe(true);
  });
});
