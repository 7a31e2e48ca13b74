import {
  coreServices,
  createBackendPlugin,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
  TestDatabases,
} from '@backstage/backend-test-utils';
import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { Entity } from '@backstage/catalog-model';
import {
  AuthorizeResult,
  PolicyDecision,
  QueryPermissionRequest,
} from '@backstage/plugin-permission-common';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { mlopsSloIngestPermission } from '@mlops-portal/plugin-mlops-common';
import request from 'supertest';
import { parse } from 'yaml';
import {
  cardFraudDetector,
  catalogEntities,
  ownershipRefsOf,
} from '../__testUtils__/fixtures';
import {
  fixtureUserInfoFactory,
  permissionsFactory,
  RecordingAuditor,
  RecordingScheduler,
} from '../__testUtils__/testServices';
import { registerMLOpsPermissions } from '../permissions/registerMLOpsPermissions';
import {
  createMLOpsConditionalDecision,
  mlopsConditions,
} from '../permissions/rules';
import {
  freePort,
  LocalPrometheus,
  startLocalPrometheus,
} from '../__testUtils__/localPrometheus';
import { setupSlos } from './setupSlos';
import { SLO_REFRESH_TASK_ID } from './sloRefreshTask';

jest.setTimeout(60_000);

const BASE = '/api/mlops/slo';
const MIN = 60_000;

function as(user: string) {
  return { Authorization: mockCredentials.user.header(`user:default/${user}`) };
}
const anonymous = { Authorization: mockCredentials.none.header() };
const ingestService = { Authorization: mockCredentials.service.header() };

/** Owners may post measurements of their models (conditionally); services may always. */
class OwnersIngestPermissions implements PermissionsService {
  async authorizeConditional(
    requests: QueryPermissionRequest[],
    options?: { credentials: BackstageCredentials },
  ): Promise<PolicyDecision[]> {
    const principal = options?.credentials.principal as {
      type: string;
      userEntityRef?: string;
    };
    return requests.map(({ permission }) => {
      if (principal?.type === 'service')
        return { result: AuthorizeResult.ALLOW };
      if (permission.name === mlopsSloIngestPermission.name) {
        return createMLOpsConditionalDecision(
          mlopsSloIngestPermission,
          mlopsConditions.isModelOwner({
            claims: ownershipRefsOf(principal?.userEntityRef ?? ''),
          }),
        );
      }
      return { result: AuthorizeResult.ALLOW };
    });
  }
  async authorize(): Promise<never> {
    throw new Error('not used');
  }
}

/** The SLO part of the plugin alone, so that it is tested without the rest. */
const sloOnlyPlugin = createBackendPlugin({
  pluginId: 'mlops',
  register(env) {
    env.registerInit({
      deps: {
        config: coreServices.rootConfig,
        logger: coreServices.logger,
        database: coreServices.database,
        scheduler: coreServices.scheduler,
        httpRouter: coreServices.httpRouter,
        httpAuth: coreServices.httpAuth,
        auth: coreServices.auth,
        permissions: coreServices.permissions,
        permissionsRegistry: coreServices.permissionsRegistry,
        auditor: coreServices.auditor,
        catalog: catalogServiceRef,
        urlReader: coreServices.urlReader,
      },
      async init(deps) {
        registerMLOpsPermissions(deps);
        deps.httpRouter.use((await setupSlos(deps)).router);
      },
    });
  },
});

const databases = TestDatabases.create({ ids: ['POSTGRES_15', 'SQLITE_3'] });

function measurementsFor(
  slo: string,
  count: number,
  bad: (i: number) => number,
  total: (i: number) => number = () => 1000,
) {
  const end = Math.floor(Date.now() / (5 * MIN)) * 5 * MIN;
  return Array.from({ length: count }, (_, i) => {
    const start = end - (count - i) * 5 * MIN;
    return {
      slo,
      start: new Date(start).toISOString(),
      end: new Date(start + 5 * MIN).toISOString(),
      good: total(i) - bad(i),
      total: total(i),
    };
  });
}

describe.each(databases.eachSupportedId())('SLO routes on %p', databaseId => {
  async function start(
    entities: Entity[] = catalogEntities(),
    config: object = {},
  ) {
    const knex = await databases.init(databaseId);
    const auditor = new RecordingAuditor();
    const scheduler = new RecordingScheduler();
    const { server } = await startTestBackend({
      features: [
        sloOnlyPlugin,
        catalogServiceMock.factory({ entities }),
        mockServices.database.factory({ knex }),
        mockServices.rootConfig.factory({ data: config as any }),
        fixtureUserInfoFactory,
        permissionsFactory(new OwnersIngestPermissions()),
        auditor.factory(),
        scheduler.factory(),
      ],
    });
    return { api: request(server), auditor, scheduler };
  }

  it('takes measurements from owners and services, computes the status, and serves it', async () => {
    const { api, auditor, scheduler } = await start();
    // 12 hours of data; the last hour at 2% errors against a 99.95% objective.
    const rows = measurementsFor(
      'availability',
      144,
      i => (i >= 132 ? 20 : 0),
      i => (i >= 132 ? 1000 : 100_000),
    );
    const posted = await api
      .post(`${BASE}/default/card-fraud-detector/measurements`)
      .set(as('ada'))
      .send({ measurements: rows.slice(0, 100) });
    expect(posted.status).toBe(201);
    expect(posted.body).toEqual({
      entityRef: 'mlmodel:default/card-fraud-detector',
      accepted: 100,
    });
    const byService = await api
      .post(`${BASE}/default/card-fraud-detector/measurements`)
      .set(ingestService)
      .send({ measurements: rows.slice(100) });
    expect(byService.status).toBe(201);
    expect(
      auditor.events
        .filter(e => e.eventId === 'slo-measurements-ingest')
        .map(e => e.outcome),
    ).toEqual(['success', 'success']);

    // The Models column reads only the cache: nothing is computed yet.
    const pending = await api
      .post(`${BASE}/summary`)
      .set(as('grace'))
      .send({ entityRefs: ['mlmodel:default/card-fraud-detector'] });
    expect(pending.body.items).toEqual([
      { entityRef: 'mlmodel:default/card-fraud-detector', status: 'pending' },
    ]);

    await scheduler.run(SLO_REFRESH_TASK_ID);
    expect(
      auditor.events.find(e => e.eventId === 'slo-status-refresh')?.outcome,
    ).toBe('success');

    const status = await api
      .get(`${BASE}/default/card-fraud-detector`)
      .set(as('grace'));
    expect(status.status).toBe(200);
    const [availability] = status.body.slos;
    expect(status.body).toMatchObject({
      provider: 'builtin',
      source: 'entity',
      worstState: 'Critical',
      exhausted: false,
      errors: [],
    });
    expect(availability.burnRates['1h']).toBeCloseTo(0.02 / 0.0005, 6);
    expect(availability.burnRates['5m']).toBeCloseTo(40, 6);
    expect(availability.sli).toBeCloseTo(1 - 240 / 13_212_000, 12);
    expect(availability.errorBudgetRemaining).toBeCloseTo(
      1 - 240 / (13_212_000 * 0.0005),
      9,
    );
    expect(availability.alerts[0]).toMatchObject({
      long: '1h',
      short: '5m',
      firing: true,
    });
    // 96% of a 28-day budget left at 40×: about 16 hours.
    expect(availability.summary).toBe(
      'Burning 40× faster than the SLO allows over the last hour: at this rate the budget is gone in 16 hours. 96% of the budget is left.',
    );
    expect(availability.series.length).toBeGreaterThan(1);

    const summary = await api
      .post(`${BASE}/summary`)
      .set(as('grace'))
      .send({
        entityRefs: [
          'mlmodel:default/card-fraud-detector',
          'mlmodel:default/search-ranker',
        ],
      });
    expect(summary.body.items[0]).toMatchObject({
      entityRef: 'mlmodel:default/card-fraud-detector',
      status: 'computed',
      worstState: 'Critical',
      slos: [
        expect.objectContaining({ name: 'availability', state: 'Critical' }),
      ],
    });
    expect(summary.body.items[0].slos[0].series).toBeUndefined();
    // search-ranker has no measurements: computed, nothing spent.
    expect(summary.body.items[1]).toMatchObject({
      status: 'computed',
      worstState: 'Acceptable',
      minBudgetRemaining: 1,
    });
  });

  it('seeds demo counts when configured, and computes the statuses right after', async () => {
    const { api, scheduler, auditor } = await start(catalogEntities(), {
      mlops: { demo: { seedSlos: true } },
    });
    await scheduler.run('mlops-slo-demo-seed');
    expect(auditor.events.map(e => [e.eventId, e.outcome])).toEqual([
      ['slo-demo-seed', 'success'],
      ['slo-status-refresh', 'success'],
    ]);
    const summary = await api
      .post(`${BASE}/summary`)
      .set(as('ada'))
      .send({ entityRefs: ['mlmodel:default/card-fraud-detector'] });
    expect(summary.body.items[0]).toMatchObject({
      status: 'computed',
      worstState: 'Critical',
    });
  });

  it('refuses measurements from people who do not own the model, and audits the refusal', async () => {
    const { api, auditor } = await start();
    const res = await api
      .post(`${BASE}/default/card-fraud-detector/measurements`)
      .set(as('grace'))
      .send({ measurements: measurementsFor('availability', 1, () => 0) });
    expect(res.status).toBe(403);
    expect(res.body.error.message).toMatch(/permission mlops\.slo\.ingest/);
    expect(auditor.events.at(-1)).toMatchObject({
      eventId: 'slo-measurements-ingest',
      outcome: 'fail',
    });
  });

  it('validates every row and stores nothing when one is wrong', async () => {
    const { api, scheduler } = await start();
    const rows = measurementsFor('availability', 3, () => 0);
    rows[1] = { ...rows[1], good: 1001 };
    rows[2] = { ...rows[2], slo: 'latency' };
    const res = await api
      .post(`${BASE}/default/card-fraud-detector/measurements`)
      .set(as('ada'))
      .send({ measurements: rows });
    expect(res.status).toBe(400);
    expect(res.body.error.message).toBe(
      'Invalid measurements, nothing was stored: measurements[1].good (1001) must not exceed total (1000); measurements[2].slo "latency" is not an SLO of mlmodel:default/card-fraud-detector (availability)',
    );
    const typed = await api
      .post(`${BASE}/default/card-fraud-detector/measurements`)
      .set(as('ada'))
      .send({
        measurements: [
          {
            slo: 'availability',
            start: 'yesterday',
            end: rows[0].end,
            good: -1,
            total: 1,
          },
        ],
      });
    expect(typed.status).toBe(400);
    expect(typed.body.error.message).toMatch(
      /measurements\[0\]\.start must be an ISO 8601 time/,
    );
    expect(typed.body.error.message).toMatch(
      /measurements\[0\]\.good must be ≥ 0/,
    );

    await scheduler.run(SLO_REFRESH_TASK_ID);
    const status = await api
      .get(`${BASE}/default/card-fraud-detector`)
      .set(as('ada'));
    expect(status.body.slos[0].counts).toEqual({ good: 0, total: 0 });
  });

  it('answers 413 to too many rows at once', async () => {
    const { api } = await start();
    const rows = Array.from({ length: 5001 }, () => ({
      slo: 'availability',
      start: 'x',
      end: 'y',
      good: 1,
      total: 1,
    }));
    const res = await api
      .post(`${BASE}/default/card-fraud-detector/measurements`)
      .set(ingestService)
      .send({ measurements: rows });
    expect(res.status).toBe(413);
    expect(res.body.error.message).toMatch(/post at most 5000 per request/);
  });

  it('authenticates every route', async () => {
    const { api } = await start();
    for (const res of [
      await api.get(`${BASE}/default/card-fraud-detector`).set(anonymous),
      await api
        .get(`${BASE}/default/card-fraud-detector/prometheus-rules`)
        .set(anonymous),
      await api.post(`${BASE}/summary`).set(anonymous).send({ entityRefs: [] }),
      await api
        .post(`${BASE}/default/card-fraud-detector/measurements`)
        .set(anonymous)
        .send({ measurements: [] }),
    ]) {
      expect(res.status).toBe(401);
    }
  });

  it('serves Prometheus rules as YAML or JSON, and says why when it cannot', async () => {
    const model = cardFraudDetector();
    model.spec.slos = [
      {
        name: 'availability',
        objective: 0.999,
        window: '30d',
        indicator: {
          ratio: {
            bad: 'sum(rate(e[{{window}}]))',
            total: 'sum(rate(t[{{window}}]))',
          },
        },
      },
    ];
    const { api } = await start([
      ...catalogEntities().filter(
        e => e.metadata.name !== 'card-fraud-detector',
      ),
      model,
    ]);
    const yamlRes = await api
      .get(`${BASE}/default/card-fraud-detector/prometheus-rules?format=yaml`)
      .set(as('ada'));
    expect(yamlRes.status).toBe(200);
    expect(yamlRes.type).toBe('application/yaml');
    expect(parse(yamlRes.text).groups).toHaveLength(3);
    const accept = await api
      .get(`${BASE}/default/card-fraud-detector/prometheus-rules`)
      .set(as('ada'))
      .set('Accept', 'application/yaml');
    expect(accept.type).toBe('application/yaml');
    const json = await api
      .get(`${BASE}/default/card-fraud-detector/prometheus-rules`)
      .set(as('ada'));
    expect(json.type).toBe('application/json');
    expect(json.body.groups[2].rules[0].alert).toBe('SloErrorBudgetBurnPage');

    const broken = await api
      .get(`${BASE}/default/search-ranker/prometheus-rules`)
      .set(as('ada'));
    expect(broken.status).toBe(200);
    const { api: api2 } = await start();
    const noPlaceholder = await api2
      .get(`${BASE}/default/card-fraud-detector/prometheus-rules`)
      .set(as('ada'));
    expect(noPlaceholder.status).toBe(400);
    expect(noPlaceholder.body.error.message).toBe(
      'No Prometheus rules for card-fraud-detector: SLO availability: indicator.ratio.total has no {{window}} placeholder, so it cannot be evaluated over the alert windows (got "requests")',
    );
    const missing = await api2.get(`${BASE}/default/nope`).set(as('ada'));
    expect(missing.status).toBe(404);
  });

  it('reports a provider that is not configured, per model', async () => {
    const model = cardFraudDetector();
    model.metadata.annotations = {
      'mlops-portal.io/slo-provider': 'prometheus',
    };
    const { api } = await start([
      ...catalogEntities().filter(
        e => e.metadata.name !== 'card-fraud-detector',
      ),
      model,
    ]);
    const res = await api
      .get(`${BASE}/default/card-fraud-detector`)
      .set(as('ada'));
    expect(res.body).toMatchObject({
      provider: 'prometheus',
      slos: [],
      errors: [
        {
          message:
            'The prometheus SLO provider is not configured in this portal (mlops.slo.prometheus)',
        },
      ],
    });
    const ingest = await api
      .post(`${BASE}/default/card-fraud-detector/measurements`)
      .set(as('ada'))
      .send({ measurements: measurementsFor('availability', 1, () => 0) });
    expect(ingest.status).toBe(409);
  });
  describe('when the provider fails', () => {
    let prometheus: LocalPrometheus;
    beforeAll(async () => {
      // A real Prometheus with an empty TSDB: every selector matches nothing.
      prometheus = await startLocalPrometheus();
    });
    afterAll(async () => {
      await prometheus?.stop();
    });

    /** card-fraud-detector read from Prometheus, with the given SLOs. */
    async function startWithPrometheus(url: string, slos: object[]) {
      const model = cardFraudDetector();
      model.metadata.annotations = {
        'mlops-portal.io/slo-provider': 'prometheus',
      };
      (model.spec as any).slos = slos;
      return start(
        [
          ...catalogEntities().filter(
            e => e.metadata.name !== 'card-fraud-detector',
          ),
          model,
        ],
        { mlops: { slo: { prometheus: { url } } } },
      );
    }
    const ratioSlo = (name: string, bad: string, total: string) => ({
      name,
      objective: 0.999,
      window: '7d',
      indicator: { ratio: { bad, total } },
    });
    // Constant answers without any series stored: a working SLO beside a failing one.
    const workingSlo = ratioSlo(
      'availability',
      'sum(rate(none_total[{{window}}])) or vector(1)',
      'sum(rate(none_total[{{window}}])) or vector(1000)',
    );

    it('answers 502 naming Prometheus, the SLO and the query when Prometheus does not answer', async () => {
      const closed = `http://127.0.0.1:${await freePort()}`;
      const { api } = await startWithPrometheus(closed, [
        ratioSlo(
          'availability',
          'sum(rate(errors_total[{{window}}]))',
          'sum(rate(requests_total[{{window}}]))',
        ),
      ]);
      const res = await api
        .get(`${BASE}/default/card-fraud-detector`)
        .set(as('ada'));
      expect(res.status).toBe(502);
      expect(res.body.error.name).toBe('SloProviderFailedError');
      const { message } = res.body.error;
      expect(
        message.startsWith(
          `No SLO of mlmodel:default/card-fraud-detector could be evaluated: SLO availability: Prometheus at ${closed} did not answer: fetch failed (ECONNREFUSED) (query: sum(rate(`,
        ),
      ).toBe(true);
      expect(message).toMatch(
        /\(query: sum\(rate\((errors|requests)_total\[\w+\]\)\)\)$/,
      );
      // Other routes of the plugin keep working.
      const summary = await api
        .post(`${BASE}/summary`)
        .set(as('ada'))
        .send({
          entityRefs: [
            'mlmodel:default/card-fraud-detector',
            'mlmodel:default/search-ranker',
          ],
        });
      expect(summary.status).toBe(200);
      expect(summary.body.items[0]).toMatchObject({
        status: 'computed',
        errorCount: 1,
        slos: [],
      });
    });

    it('answers 502 with the error Prometheus returned and the query for a PromQL error', async () => {
      const { api } = await startWithPrometheus(prometheus.url, [
        ratioSlo(
          'availability',
          'sum(rate(errors_total[{{window}}])',
          'sum(rate(requests_total[{{window}}]))',
        ),
      ]);
      const res = await api
        .get(`${BASE}/default/card-fraud-detector`)
        .set(as('ada'));
      expect(res.status).toBe(502);
      expect(res.body.error.message).toMatch(
        /^No SLO of mlmodel:default\/card-fraud-detector could be evaluated: SLO availability: Prometheus answered 400 \(bad_data: .*parse error.*\) to the query: sum\(rate\(errors_total\[\w+\]\)$/,
      );
    });

    it('keeps the SLOs that work and names the one whose query fails', async () => {
      const { api } = await startWithPrometheus(prometheus.url, [
        workingSlo,
        ratioSlo(
          'latency',
          'sum(rate(slow_total[{{window}}])',
          'sum(rate(requests_total[{{window}}]))',
        ),
      ]);
      const res = await api
        .get(`${BASE}/default/card-fraud-detector`)
        .set(as('ada'));
      expect(res.status).toBe(200);
      expect(res.body.slos.map((s: { name: string }) => s.name)).toEqual([
        'availability',
      ]);
      expect(res.body.slos[0].sli).toBeCloseTo(0.999, 9);
      expect(res.body.errors).toEqual([
        {
          slo: 'latency',
          failure: 'query',
          message: expect.stringMatching(
            /^SLO latency: Prometheus answered 400 \(bad_data: .*\) to the query: sum\(rate\(slow_total/,
          ),
        },
      ]);
    });

    it('reports a query that matches no series as no data for that SLO, not as a failure of Prometheus', async () => {
      const { api } = await startWithPrometheus(prometheus.url, [
        workingSlo,
        ratioSlo(
          'errors',
          'sum(rate(typo_errors_total[{{window}}]))',
          'sum(rate(typo_requests_total[{{window}}]))',
        ),
      ]);
      const res = await api
        .get(`${BASE}/default/card-fraud-detector`)
        .set(as('ada'));
      expect(res.status).toBe(200);
      expect(res.body.slos.map((s: { name: string }) => s.name)).toEqual([
        'availability',
      ]);
      expect(res.body.errors).toEqual([
        {
          slo: 'errors',
          failure: 'no-data',
          message: expect.stringMatching(
            /^SLO errors: the query returned no series: sum\(rate\(typo_requests_total\[\d+s\]\)\)$/,
          ),
        },
      ]);

      // Only no data: still 200, the card explains it.
      const alone = await startWithPrometheus(prometheus.url, [
        ratioSlo(
          'errors',
          'sum(rate(typo_errors_total[{{window}}]))',
          'sum(rate(typo_requests_total[{{window}}]))',
        ),
      ]);
      const onlyEmpty = await alone.api
        .get(`${BASE}/default/card-fraud-detector`)
        .set(as('ada'));
      expect(onlyEmpty.status).toBe(200);
      expect(onlyEmpty.body).toMatchObject({
        slos: [],
        errors: [{ slo: 'errors', failure: 'no-data' }],
      });
    });
  });
});
