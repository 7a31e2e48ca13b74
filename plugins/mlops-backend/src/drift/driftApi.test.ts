import {
  mockCredentials,
  mockServices,
  startTestBackend,
  TestDatabaseId,
  TestDatabases,
} from '@backstage/backend-test-utils';
import {
  BackstageCredentials,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import {
  AuthorizeResult,
  PolicyDecision,
  QueryPermissionRequest,
} from '@backstage/plugin-permission-common';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { mlopsDriftIngestPermission } from '@mlops-portal/plugin-mlops-common';
import { Knex } from 'knex';
import request from 'supertest';
import { catalogEntities, ownershipRefsOf } from '../__testUtils__/fixtures';
import {
  fixtureUserInfoFactory,
  permissionsFactory,
  RecordingAuditor,
  RecordingScheduler,
} from '../__testUtils__/testServices';
import { mlopsPlugin } from '../plugin';
import {
  createMLOpsConditionalDecision,
  mlopsConditions,
} from '../permissions/rules';
import { DatabaseDriftStore } from './DatabaseDriftStore';
import { DriftStatusReader } from './DriftStatusReader';

jest.setTimeout(120_000);

const BASE = '/api/mlops/drift';
const CFD = `${BASE}/default/card-fraud-detector/versions/3.2.0`;

const as = (user: string) => ({
  Authorization: mockCredentials.user.header(`user:default/${user}`),
});
const pipeline = { Authorization: mockCredentials.service.header() };

/** Owners may ingest (a condition on ownership); service principals may do anything, as with unrestricted service tokens. */
class DriftPolicyPermissions implements PermissionsService {
  async authorizeConditional(
    requests: QueryPermissionRequest[],
    options?: { credentials: BackstageCredentials },
  ): Promise<PolicyDecision[]> {
    const principal = options?.credentials.principal as {
      type: string;
      userEntityRef?: string;
    };
    if (principal?.type === 'service')
      return requests.map(() => ({ result: AuthorizeResult.ALLOW }));
    const claims = ownershipRefsOf(principal?.userEntityRef ?? '');
    return requests.map(({ permission }) =>
      permission.name === mlopsDriftIngestPermission.name
        ? createMLOpsConditionalDecision(
            mlopsDriftIngestPermission,
            mlopsConditions.isModelOwner({ claims }),
          )
        : { result: AuthorizeResult.ALLOW },
    );
  }
  async authorize(): Promise<never> {
    throw new Error('not used');
  }
}

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

const LIMITS = {
  maxBodyBytes: 20_000,
  maxRows: 400,
  maxCategories: 20,
  maxBins: 50,
};

async function startBackend(databaseId: TestDatabaseId = 'SQLITE_3') {
  const knex = await databases.init(databaseId);
  const auditor = new RecordingAuditor();
  const { server } = await startTestBackend({
    features: [
      mlopsPlugin,
      catalogServiceMock.factory({ entities: catalogEntities() }),
      mockServices.database.factory({ knex }),
      mockServices.rootConfig.factory({ data: { mlops: { drift: LIMITS } } }),
      fixtureUserInfoFactory,
      permissionsFactory(new DriftPolicyPermissions()),
      auditor.factory(),
      new RecordingScheduler().factory(),
    ],
  });
  return { api: request(server), auditor, knex };
}

type Backend = Awaited<ReturnType<typeof startBackend>>;

/** Deterministic rows of card-fraud-detector's features (amount_eur, currency). */
function rows(n: number, shift = 0) {
  return Array.from({ length: n }, (_, i) => ({
    amount_eur: Math.round(((i * 7919) % 1000) / 10 + shift * 100) / 1,
    currency: ['EUR', 'GBP', 'USD'][(i * 31) % 3],
  }));
}

function csvOf(data: Array<Record<string, unknown>>) {
  return [
    'amount_eur,currency',
    ...data.map(r => `${r.amount_eur},${r.currency}`),
  ].join('\n');
}

async function counts(knex: Knex) {
  const [references] = await knex('drift_references').count({ n: '*' });
  const [windows] = await knex('drift_windows').count({ n: '*' });
  return { references: Number(references.n), windows: Number(windows.n) };
}

async function putReference(backend: Backend) {
  const res = await backend.api
    .put(`${CFD}/reference`)
    .set(as('ada'))
    .send({ rows: rows(300) });
  expect(res.status).toBe(201);
  return res.body;
}

describe('drift API', () => {
  describe.each(databases.eachSupportedId())('on %p', databaseId => {
    it('stores a reference, evaluates windows from pipelines and reports them', async () => {
      const backend = await startBackend(databaseId);
      const { api, auditor } = backend;

      const reference = await putReference(backend);
      expect(reference.reference.source).toBe('raw');
      expect(reference.reference.rowCount).toBe(300);
      expect(
        reference.reference.profile.features.amount_eur.cutPoints,
      ).toHaveLength(9);
      // Raw values stay in the store; the API shows bins and counts.
      expect(
        reference.reference.profile.features.amount_eur.values,
      ).toBeUndefined();

      const stable = await api
        .post(
          `${CFD}/windows?windowStart=2026-11-01T00:00:00Z&windowEnd=2026-11-02T00:00:00Z`,
        )
        .set(pipeline)
        .set('content-type', 'text/csv')
        .send(csvOf(rows(200)));
      expect(stable.status).toBe(201);
      expect(stable.body.window.result.drifted).toBe(false);
      expect(stable.body.window.result.features.amount_eur).toMatchObject({
        test: 'ks',
        threshold: 0.05,
        referenceSize: 300,
        currentSize: 200,
        drifted: false,
      });

      const shifted = await api
        .post(`${CFD}/windows`)
        .set(pipeline)
        .set('content-type', 'application/x-ndjson')
        .send(
          [...rows(150, 0.5), { amount_eur: 'NaN', currency: 'CHF' }]
            .map(r => JSON.stringify(r))
            .join('\n'),
        );
      expect(shifted.status).toBe(201);
      const result = shifted.body.window.result;
      expect(result.features.amount_eur.drifted).toBe(true);
      expect(result.features.amount_eur.dropped.current).toEqual({
        missing: 1,
        infinite: 0,
      });
      // A currency never seen in the reference: chi-square says drift; the
      // statistic is +Infinity, which JSON spells null.
      expect(result.features.currency).toMatchObject({
        test: 'chisquare',
        statistic: null,
        insufficientData: false,
        pValue: 0,
        newCategories: ['CHF'],
        drifted: true,
      });
      expect(result.drifted).toBe(true);

      const report = await api.get(`${CFD}/report`).set(as('grace'));
      expect(report.status).toBe(200);
      expect(report.body.window.id).toBe(shifted.body.window.id);
      expect(report.body.window.result.features.amount_eur.bins.kind).toBe(
        'numerical',
      );

      const trend = await api.get(`${CFD}/trend?limit=5`).set(as('grace'));
      expect(
        trend.body.windows.map((w: { drifted: boolean }) => w.drifted),
      ).toEqual([false, true]);

      const model = await api
        .get(`${BASE}/default/card-fraud-detector`)
        .set(as('grace'));
      expect(model.body.productionVersion).toBe('3.2.0');
      expect(model.body.versions).toEqual([
        expect.objectContaining({ version: '3.2.0', windows: 2 }),
      ]);
      expect(model.body.report.window.id).toBe(shifted.body.window.id);

      const summary = await api
        .post(`${BASE}/summary`)
        .set(as('grace'))
        .send({
          entityRefs: [
            'mlmodel:default/card-fraud-detector',
            'mlmodel:default/search-ranker',
            'nonsense:',
          ],
        });
      expect(
        summary.body.items['mlmodel:default/card-fraud-detector'],
      ).toMatchObject({
        status: 'drifted',
        version: '3.2.0',
        numberOfFeatures: 2,
      });
      expect(summary.body.items['mlmodel:default/search-ranker'].status).toBe(
        'no-reference',
      );
      expect(summary.body.items['nonsense:'].status).toBe('unknown');

      const status = await new DriftStatusReader({
        store: await DatabaseDriftStore.create({
          database: mockServices.database({
            knex: backend.knex,
            migrations: { skip: true },
          }),
        }),
      }).getDriftStatus('mlmodel:default/card-fraud-detector', '3.2.0');
      expect(status).toMatchObject({
        flagged: true,
        driftedFeatures: ['amount_eur', 'currency'],
      });

      expect(auditor.events.map(e => [e.eventId, e.outcome])).toEqual(
        expect.arrayContaining([
          ['drift-reference-put', 'success'],
          ['drift-window-post', 'success'],
        ]),
      );
    });
  });

  it('evaluates pre-aggregated windows against a pre-aggregated reference with PSI on the frozen bins', async () => {
    const backend = await startBackend();
    const put = await backend.api
      .put(`${CFD}/reference`)
      .set(pipeline)
      .send({
        profile: {
          rowCount: 1_000_000_000,
          features: {
            amount_eur: {
              type: 'numerical',
              cutPoints: [10, 20, 50],
              binCounts: [250e6, 250e6, 250e6, 250e6],
            },
            currency: {
              type: 'categorical',
              categoryCounts: { EUR: 6e8, GBP: 3e8, USD: 1e8 },
            },
          },
        },
      });
    expect(put.status).toBe(201);
    const window = await backend.api
      .post(`${CFD}/windows`)
      .set(pipeline)
      .send({
        windowEnd: '2026-11-20T00:00:00Z',
        profile: {
          features: {
            amount_eur: { type: 'numerical', binCounts: [100, 100, 100, 700] },
            currency: {
              type: 'categorical',
              categoryCounts: { EUR: 600, GBP: 300, USD: 100 },
            },
          },
        },
      });
    expect(window.status).toBe(201);
    expect(window.body.window.result.features.amount_eur).toMatchObject({
      test: 'psi',
      binned: true,
      drifted: true,
      threshold: 0.1,
    });
    expect(window.body.window.result.features.currency).toMatchObject({
      test: 'jensenshannon',
      drifted: false,
    });
    expect(window.body.window.windowEnd).toBe('2026-11-20T00:00:00.000Z');
  });

  describe('refusals store nothing', () => {
    let backend: Backend;
    beforeAll(async () => {
      backend = await startBackend();
    });

    async function expectRefused(
      send: () => request.Test,
      status: number,
      message: RegExp,
    ) {
      const before = await counts(backend.knex);
      const res = await send();
      expect(res.status).toBe(status);
      expect(res.body.error.message).toMatch(message);
      expect(await counts(backend.knex)).toEqual(before);
      const last = backend.auditor.events[backend.auditor.events.length - 1];
      expect(last.outcome).toBe('fail');
    }

    it('refuses a window before the version has a reference (409)', async () => {
      await expectRefused(
        () =>
          backend.api
            .post(`${CFD}/windows`)
            .set(pipeline)
            .send({ rows: rows(10) }),
        409,
        /has no reference yet/,
      );
    });

    it('refuses a body over mlops.drift.maxBodyBytes with a 413 naming the limit', async () => {
      await expectRefused(
        () =>
          backend.api
            .put(`${CFD}/reference`)
            .set(as('ada'))
            .set('content-type', 'text/csv')
            .send(`amount_eur,currency\n${'1,EUR\n'.repeat(5000)}`),
        413,
        /limit is 20000 bytes \(mlops\.drift\.maxBodyBytes\)/,
      );
    });

    it('refuses more rows than mlops.drift.maxRows with a 413', async () => {
      await expectRefused(
        () =>
          backend.api
            .put(`${CFD}/reference`)
            .set(as('ada'))
            .set('content-type', 'text/csv')
            .send(`amount_eur,currency\n${'1,E\n'.repeat(401)}`),
        413,
        /401 rows; the limit is 400 \(mlops\.drift\.maxRows\)/,
      );
    });

    it('refuses more categories than mlops.drift.maxCategories with a 413', async () => {
      await expectRefused(
        () =>
          backend.api
            .put(`${CFD}/reference`)
            .set(as('ada'))
            .send(
              Array.from({ length: 30 }, (_, i) => ({
                amount_eur: i,
                currency: `C${i}`,
              })),
            ),
        413,
        /currency has 30 distinct categories; the limit is 20/,
      );
    });

    it('refuses unknown features, naming them and the known ones', async () => {
      await expectRefused(
        () =>
          backend.api
            .put(`${CFD}/reference`)
            .set(as('ada'))
            .send({
              rows: [
                ...rows(5),
                { amount_eur: 1, currency: 'EUR', merchant: 'x' },
              ],
            }),
        400,
        /Unknown feature "merchant"; the model's features \(spec.features\) are amount_eur, currency/,
      );
    });

    it('refuses values of the wrong type, naming the row and the feature', async () => {
      await expectRefused(
        () =>
          backend.api
            .put(`${CFD}/reference`)
            .set(as('ada'))
            .send({
              rows: [
                ...rows(3),
                { amount_eur: 'twelve', currency: 'EUR' },
                { amount_eur: 1, currency: { code: 'EUR' } },
              ],
            }),
        400,
        /row 4: feature amount_eur is numerical, got "twelve".*row 5: feature currency is categorical/,
      );
    });

    it('refuses a profile whose feature type differs from spec.features', async () => {
      await expectRefused(
        () =>
          backend.api
            .put(`${CFD}/reference`)
            .set(as('ada'))
            .send({
              profile: {
                features: {
                  amount_eur: { type: 'categorical', categoryCounts: { a: 1 } },
                  currency: { type: 'categorical', categoryCounts: { EUR: 1 } },
                },
              },
            }),
        400,
        /Feature amount_eur is numerical \(spec.features\), the profile gives it as categorical/,
      );
    });

    it('refuses malformed CSV, naming the problem', async () => {
      await expectRefused(
        () =>
          backend.api
            .put(`${CFD}/reference`)
            .set(as('ada'))
            .set('content-type', 'text/csv')
            .send('amount_eur,currency\n1,EUR\n2,EUR,extra\n'),
        400,
        /CSV body cannot be parsed/,
      );
    });

    it('refuses a user who does not own the model (403)', async () => {
      await expectRefused(
        () =>
          backend.api
            .put(`${CFD}/reference`)
            .set(as('grace'))
            .send({ rows: rows(10) }),
        403,
        /mlops\.drift\.ingest/,
      );
    });

    it('refuses a version that is not in spec.versions (404)', async () => {
      await expectRefused(
        () =>
          backend.api
            .put(`${BASE}/default/card-fraud-detector/versions/9.9.9/reference`)
            .set(as('ada'))
            .send({ rows: rows(10) }),
        404,
        /has no version 9\.9\.9/,
      );
    });

    describe('once the version has a reference', () => {
      beforeAll(async () => {
        await putReference(backend);
      });

      it('refuses an empty window', async () => {
        await expectRefused(
          () => backend.api.post(`${CFD}/windows`).set(pipeline).send([]),
          400,
          /no rows/,
        );
        await expectRefused(
          () =>
            backend.api
              .post(`${CFD}/windows`)
              .set(pipeline)
              .send({
                rows: [
                  { amount_eur: null, currency: null },
                  { amount_eur: 'inf' },
                ],
              }),
          400,
          /window is empty/,
        );
        await expectRefused(
          () =>
            backend.api
              .post(`${CFD}/windows`)
              .set(pipeline)
              .set('content-type', 'text/csv')
              .send('amount_eur,currency\n'),
          400,
          /empty|no rows/,
        );
      });

      it('refuses a pre-aggregated window not binned on the frozen cut points', async () => {
        await expectRefused(
          () =>
            backend.api
              .post(`${CFD}/windows`)
              .set(pipeline)
              .send({
                profile: {
                  features: {
                    amount_eur: { type: 'numerical', binCounts: [1, 2, 3] },
                    currency: {
                      type: 'categorical',
                      categoryCounts: { EUR: 3 },
                    },
                  },
                },
              }),
          400,
          /amount_eur: the reference has 10 bins, binCounts has 3/,
        );
      });

      it('keeps the reference frozen once a window was evaluated against it', async () => {
        const window = await backend.api
          .post(`${CFD}/windows`)
          .set(pipeline)
          .send({ rows: rows(50) });
        expect(window.status).toBe(201);
        const before = await backend.api.get(`${CFD}/report`).set(as('ada'));
        await expectRefused(
          () =>
            backend.api
              .put(`${CFD}/reference`)
              .set(as('ada'))
              .send({ rows: rows(100, 1) }),
          409,
          /is frozen/,
        );
        const after = await backend.api.get(`${CFD}/report`).set(as('ada'));
        expect(after.body.reference).toEqual(before.body.reference);
      });
    });
  });

  it('authenticates every route', async () => {
    const { api } = await startBackend();
    const none = { Authorization: mockCredentials.none.header() };
    for (const call of [
      api
        .put(`${CFD}/reference`)
        .set(none)
        .send({ rows: rows(5) }),
      api
        .post(`${CFD}/windows`)
        .set(none)
        .send({ rows: rows(5) }),
      api.get(`${CFD}/report`).set(none),
      api.get(`${CFD}/trend`).set(none),
      api.get(`${BASE}/default/card-fraud-detector`).set(none),
      api.post(`${BASE}/summary`).set(none).send({ entityRefs: [] }),
    ]) {
      expect((await call).status).toBe(401);
    }
  });
});
