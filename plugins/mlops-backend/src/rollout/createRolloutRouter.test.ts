import {
  BackstageCredentials,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
  TestDatabases,
} from '@backstage/backend-test-utils';
import {
  AuthorizeResult,
  PolicyDecision,
  QueryPermissionRequest,
} from '@backstage/plugin-permission-common';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import {
  demoClusterObjects,
  generateEmulatorCertificates,
  KubernetesEmulator,
  ROLLOUTS,
} from '@mlops-portal/kubernetes-emulator';
import {
  mlopsRolloutAbortPermission,
  mlopsRolloutOverridePermission,
  mlopsRolloutPromotePermission,
} from '@mlops-portal/plugin-mlops-common';
import request from 'supertest';
import { loadDemoCatalog } from '../__testUtils__/demoCatalog';
import { ownershipRefsOf } from '../__testUtils__/fixtures';
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

jest.setTimeout(60_000);

const TOKEN = 'router-test-token';
const certificates = generateEmulatorCertificates();
const BASE = '/api/mlops/rollout';
const FRAUD = `${BASE}/default/card-fraud-detector`;
const TAKEOVER = `${BASE}/default/account-takeover-detector`;
const FORECAST = `${BASE}/default/store-demand-forecaster`;

function as(user: string) {
  return { Authorization: mockCredentials.user.header(`user:default/${user}`) };
}

/**
 * The demo policy's shape for rollouts: platform admins (linus) may do
 * everything including overrides; everybody else may promote and abort the
 * canaries of the models they own, and never override.
 */
class RolloutPolicy implements PermissionsService {
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
    const user = principal?.userEntityRef ?? '';
    const admin = user === 'user:default/linus';
    return requests.map(({ permission }) => {
      if (permission.name === mlopsRolloutOverridePermission.name) {
        return { result: admin ? AuthorizeResult.ALLOW : AuthorizeResult.DENY };
      }
      if (
        permission.name === mlopsRolloutPromotePermission.name ||
        permission.name === mlopsRolloutAbortPermission.name
      ) {
        return admin
          ? { result: AuthorizeResult.ALLOW }
          : createMLOpsConditionalDecision(
              permission as typeof mlopsRolloutPromotePermission,
              mlopsConditions.isModelOwner({ claims: ownershipRefsOf(user) }),
            );
      }
      return { result: AuthorizeResult.ALLOW };
    });
  }

  async authorize(): Promise<never> {
    throw new Error('the mlops backend decides with authorizeConditional');
  }
}

const databases = TestDatabases.create({ ids: ['SQLITE_3'] });

async function startBackend(options: { timeoutMs?: number } = {}) {
  const emulator = await KubernetesEmulator.start({
    token: TOKEN,
    certificates,
    objects: demoClusterObjects(),
  });
  emulator.simulation.settle();
  const knex = await databases.init('SQLITE_3');
  const auditor = new RecordingAuditor();
  const { server } = await startTestBackend({
    features: [
      mlopsPlugin,
      catalogServiceMock.factory({ entities: loadDemoCatalog() }),
      mockServices.database.factory({ knex }),
      mockServices.rootConfig.factory({
        data: {
          kubernetes: {
            clusterLocatorMethods: [
              {
                type: 'config',
                clusters: [
                  {
                    name: 'demo-cluster',
                    url: emulator.url,
                    caData: emulator.caData,
                    serviceAccountToken: TOKEN,
                    ...(options.timeoutMs
                      ? { timeoutMs: options.timeoutMs }
                      : {}),
                  },
                ],
              },
            ],
          },
          mlops: { rollout: { summaryCacheSeconds: 600 } },
        },
      }),
      fixtureUserInfoFactory,
      permissionsFactory(new RolloutPolicy()),
      auditor.factory(),
      new RecordingScheduler().factory(),
    ],
  });
  return { api: request(server), auditor, emulator };
}

describe('canary routes', () => {
  let api: Awaited<ReturnType<typeof startBackend>>['api'];
  let auditor: RecordingAuditor;
  let emulator: KubernetesEmulator;

  beforeEach(async () => {
    ({ api, auditor, emulator } = await startBackend());
  });
  afterEach(async () => {
    await emulator.stop();
  });

  async function load(path: string, user = 'ada') {
    const res = await api.get(path).set(as(user));
    expect(res.status).toBe(200);
    return res.body;
  }

  it('authenticates every route', async () => {
    const anonymous = { Authorization: mockCredentials.none.header() };
    expect((await api.get(FRAUD).set(anonymous)).status).toBe(401);
    expect(
      (await api.post(`${FRAUD}/actions`).set(anonymous).send({})).status,
    ).toBe(401);
    expect(
      (
        await api
          .post(`${BASE}/summary`)
          .set(anonymous)
          .send({ entityRefs: [] })
      ).status,
    ).toBe(401);
  });

  it('shows the canary with its legal, permitted actions, the gate, the Argo CD warning and the metrics', async () => {
    const view = await load(FRAUD);
    expect(view).toMatchObject({
      modelRef: 'mlmodel:default/card-fraud-detector',
      deployment: {
        cluster: 'demo-cluster',
        namespace: 'fraud-ml',
        kind: 'Rollout',
        name: 'fraud-scorer',
      },
      state: {
        phase: 'paused',
        canary: { modelVersion: '3.3.0-rc.1', weight: 10 },
        stable: { modelVersion: '3.2.0' },
      },
      canOverride: false,
      metrics: {
        errorRate: { canary: 0.0041, stable: 0.0047 },
        latencyP95Ms: { canary: 38, stable: 41 },
      },
    });
    expect(view.argoCdWarning).toMatch(
      /Argo CD application "fraud-scorer-prod" tracks this object.*self-heal/,
    );
    expect(view.actions).toEqual([
      {
        action: 'promote',
        allowed: true,
        permission: 'mlops.rollout.promote',
        permitted: true,
      },
      {
        action: 'promoteFull',
        allowed: true,
        permission: 'mlops.rollout.promote',
        permitted: true,
      },
      {
        action: 'abort',
        allowed: true,
        permission: 'mlops.rollout.abort',
        permitted: true,
      },
      {
        action: 'retry',
        allowed: false,
        reason: 'Only an aborted rollout can be retried',
        permission: 'mlops.rollout.promote',
        permitted: true,
      },
      {
        action: 'setWeight',
        allowed: false,
        reason: expect.stringMatching(/steps/),
        permission: 'mlops.rollout.promote',
        permitted: true,
      },
    ]);
    expect(view.gate.allowed).toBe(false);
    expect(view.gate.checks).toEqual([
      {
        id: 'readiness',
        result: 'fail',
        detail: expect.stringMatching(/^Readiness of 3\.3\.0-rc\.1: /),
      },
      {
        id: 'error-budget',
        result: 'unknown',
        // The plugin wires the SLO and drift sources; the demo has no data for this model yet.
        detail: 'No SLO data for this model',
      },
      {
        id: 'drift',
        result: 'unknown',
        detail: 'No drift data for version 3.3.0-rc.1',
      },
    ]);

    const other = await load(FRAUD, 'grace');
    expect(other.actions.map((a: any) => a.permitted)).toEqual([
      false,
      false,
      false,
      false,
      false,
    ]);
  });

  it('explains a model without a deployment', async () => {
    const res = await api.get(`${BASE}/default/card-fraud-gbm`).set(as('ada'));
    expect(res.status).toBe(404);
    expect(res.body.error.message).toMatch(/has no spec.deployment.kubernetes/);
  });

  it('promotes, records who did it with the state before and after, and audits it', async () => {
    const view = await load(FRAUD);
    emulator.requests.length = 0;
    const res = await api.post(`${FRAUD}/actions`).set(as('ada')).send({
      action: 'promote',
      expectedResourceVersion: view.state.resourceVersion,
    });
    expect(res.status).toBe(200);
    expect(
      emulator.requests.filter(r => r.method === 'PATCH').map(r => r.path),
    ).toEqual([
      '/apis/argoproj.io/v1alpha1/namespaces/fraud-ml/rollouts/fraud-scorer/status',
    ]);
    expect(res.body.record).toMatchObject({
      modelRef: 'mlmodel:default/card-fraud-detector',
      action: 'promote',
      actor: 'user:default/ada',
      beforeResourceVersion: view.state.resourceVersion,
      before: { phase: 'paused', canaryWeight: 10, step: { index: 2 } },
      override: false,
    });
    expect(Number(res.body.record.afterResourceVersion)).toBeGreaterThan(
      Number(view.state.resourceVersion),
    );

    const history = await load(`${FRAUD}/actions`);
    expect(history.items.map((r: any) => [r.action, r.actor])).toEqual([
      ['promote', 'user:default/ada'],
    ]);

    const event = auditor.events.find(e => e.eventId === 'rollout-action');
    expect(event).toMatchObject({
      outcome: 'success',
      outcomeMeta: {
        actor: 'user:default/ada',
        action: 'promote',
        before: {
          phase: 'paused',
          resourceVersion: view.state.resourceVersion,
        },
        override: false,
      },
    });

    emulator.simulation.settle();
    const moved = await load(FRAUD);
    expect(moved.state).toMatchObject({
      phase: 'paused',
      step: { index: 5 },
      canary: { weight: 25 },
    });
  });

  it('lets exactly one of two simultaneous promotions through; the other is told the rollout changed', async () => {
    const view = await load(FRAUD);
    const send = (user: string) =>
      api.post(`${FRAUD}/actions`).set(as(user)).send({
        action: 'promote',
        expectedResourceVersion: view.state.resourceVersion,
      });
    const responses = await Promise.all([send('ada'), send('barbara')]);
    expect(responses.map(r => r.status).sort()).toEqual([200, 409]);
    const loser = responses.find(r => r.status === 409)!;
    expect(loser.body.error).toMatchObject({
      name: 'ConflictError',
      message: expect.stringMatching(
        /^The rollout changed since you loaded it/,
      ),
    });
    expect((await load(`${FRAUD}/actions`)).items).toHaveLength(1);
    expect(
      auditor.events
        .filter(e => e.eventId === 'rollout-action')
        .map(e => e.outcome)
        .sort(),
    ).toEqual(['fail', 'success']);
  });

  it('refuses an action decided on an old state', async () => {
    const res = await api
      .post(`${FRAUD}/actions`)
      .set(as('ada'))
      .send({ action: 'abort', expectedResourceVersion: '1' });
    expect(res.status).toBe(409);
    expect(res.body.error.message).toMatch(
      /changed since you loaded it \(resourceVersion 1, now \d+\)/,
    );
  });

  it('refuses illegal actions, bad input and missing permissions, and audits the refusals', async () => {
    const { state } = await load(FRAUD);
    const post = (user: string, body: object) =>
      api.post(`${FRAUD}/actions`).set(as(user)).send(body);

    const illegal = await post('ada', {
      action: 'retry',
      expectedResourceVersion: state.resourceVersion,
    });
    expect(illegal.status).toBe(400);
    expect(illegal.body.error.message).toBe(
      'Retry is not possible now: Only an aborted rollout can be retried',
    );

    const unknown = await post('ada', {
      action: 'explode',
      expectedResourceVersion: state.resourceVersion,
    });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.message).toMatch(
      /action must be one of promote, promoteFull, abort, retry, setWeight/,
    );

    const missing = await post('ada', { action: 'abort' });
    expect(missing.status).toBe(400);
    expect(missing.body.error.message).toMatch(
      /expectedResourceVersion is required/,
    );

    const forbidden = await post('grace', {
      action: 'abort',
      expectedResourceVersion: state.resourceVersion,
    });
    expect(forbidden.status).toBe(403);
    expect(forbidden.body.error.message).toBe(
      'Abort needs the mlops.rollout.abort permission for mlmodel:default/card-fraud-detector',
    );

    expect(
      auditor.events
        .filter(e => e.eventId === 'rollout-action')
        .every(e => e.outcome === 'fail'),
    ).toBe(true);
    expect((await load(FRAUD)).state.resourceVersion).toBe(
      state.resourceVersion,
    );
  });

  it('refuses promote fully on a failing gate with each reason; an override needs the permission and a justification', async () => {
    const { state } = await load(FRAUD);
    const promoteFully = (user: string, justification?: string) =>
      api.post(`${FRAUD}/actions`).set(as(user)).send({
        action: 'promoteFull',
        expectedResourceVersion: state.resourceVersion,
        justification,
      });

    const refused = await promoteFully('ada');
    expect(refused.status).toBe(403);
    expect(refused.body.error.message).toMatch(
      /^Promote fully is blocked: Readiness of 3\.3\.0-rc\.1: .+\. An override needs the mlops\.rollout\.override permission and a written justification$/,
    );

    const notPermitted = await promoteFully(
      'ada',
      'Fraud wave in progress, the canary blocks it',
    );
    expect(notPermitted.status).toBe(403);
    expect(notPermitted.body.error.message).toMatch(
      /overriding the gate needs the mlops.rollout.override permission/,
    );

    const tooShort = await promoteFully('linus', 'because');
    expect(tooShort.status).toBe(400);
    expect(tooShort.body.error.message).toMatch(
      /justification must explain the override in at least 10 characters/,
    );

    const overridden = await promoteFully(
      'linus',
      'Incident INC-4711: the stable model mis-scores a fraud wave',
    );
    expect(overridden.status).toBe(200);
    expect(overridden.body).toMatchObject({
      action: 'promoteFull',
      override: true,
      record: {
        actor: 'user:default/linus',
        override: true,
        justification:
          'Incident INC-4711: the stable model mis-scores a fraud wave',
        gate: {
          allowed: false,
          reasons: [expect.stringMatching(/^Readiness of 3\.3\.0-rc\.1/)],
        },
      },
    });
    const event = auditor.events.filter(
      e => e.eventId === 'rollout-action' && e.outcome === 'success',
    );
    expect(event).toHaveLength(1);
    expect(event[0].outcomeMeta).toMatchObject({
      override: true,
      justification:
        'Incident INC-4711: the stable model mis-scores a fraud wave',
    });
    emulator.simulation.settle();
    expect((await load(FRAUD)).state.phase).toBe('healthy');
  });

  it('retries an aborted rollout and never promotes it', async () => {
    const { state, actions } = await load(FORECAST, 'katherine');
    expect(state.phase).toBe('aborted');
    expect(
      actions.filter((a: any) => a.allowed).map((a: any) => a.action),
    ).toEqual(['retry']);
    const promote = await api
      .post(`${FORECAST}/actions`)
      .set(as('katherine'))
      .send({
        action: 'promote',
        expectedResourceVersion: state.resourceVersion,
      });
    expect(promote.status).toBe(400);
    const retry = await api
      .post(`${FORECAST}/actions`)
      .set(as('katherine'))
      .send({
        action: 'retry',
        expectedResourceVersion: state.resourceVersion,
      });
    expect(retry.status).toBe(200);
    expect(retry.body.record.after.phase).not.toBe('aborted');
  });

  it('sets the weight of a KServe canary within 1–99', async () => {
    const { state } = await load(TAKEOVER);
    const tooMuch = await api.post(`${TAKEOVER}/actions`).set(as('ada')).send({
      action: 'setWeight',
      weight: 100,
      expectedResourceVersion: state.resourceVersion,
    });
    expect(tooMuch.status).toBe(400);
    expect(tooMuch.body.error.message).toMatch(
      /weight must be a whole number from 1 to 99/,
    );
    const res = await api.post(`${TAKEOVER}/actions`).set(as('ada')).send({
      action: 'setWeight',
      weight: 30,
      expectedResourceVersion: state.resourceVersion,
    });
    expect(res.status).toBe(200);
    expect(res.body.record).toMatchObject({ action: 'setWeight', weight: 30 });
    expect(
      emulator.requests.filter(r => r.method === 'PATCH').map(r => r.path),
    ).toEqual([
      '/apis/serving.kserve.io/v1beta1/namespaces/fraud-ml/inferenceservices/account-takeover-detector',
    ]);
  });

  it('summarises many models in one request and reads each workload once per TTL', async () => {
    emulator.requests.length = 0;
    const entityRefs = [
      'mlmodel:default/card-fraud-detector',
      'mlmodel:default/account-takeover-detector',
      'mlmodel:default/store-demand-forecaster',
      'mlmodel:default/search-relevance-ranker',
      'mlmodel:default/card-fraud-gbm',
      'mlmodel:default/does-not-exist',
    ];
    const first = await api
      .post(`${BASE}/summary`)
      .set(as('grace'))
      .send({ entityRefs });
    expect(first.status).toBe(200);
    expect(first.body.items).toEqual([
      {
        entityRef: entityRefs[0],
        rollout: {
          kind: 'Rollout',
          phase: 'paused',
          canaryWeight: 10,
          canaryVersion: '3.3.0-rc.1',
          step: { index: 2, count: 8 },
        },
      },
      {
        entityRef: entityRefs[1],
        rollout: {
          kind: 'InferenceService',
          phase: 'paused',
          canaryWeight: 10,
          canaryVersion: '0.5.0',
          stableVersion: '0.4.0',
        },
      },
      {
        entityRef: entityRefs[2],
        rollout: expect.objectContaining({
          kind: 'Rollout',
          phase: 'aborted',
          canaryWeight: 0,
        }),
      },
      {
        entityRef: entityRefs[3],
        rollout: expect.objectContaining({ kind: 'Rollout', phase: 'healthy' }),
      },
      { entityRef: entityRefs[4], rollout: null },
      { entityRef: entityRefs[5], rollout: null },
    ]);
    const reads = emulator.requests.length;
    expect(reads).toBe(4);
    const second = await api
      .post(`${BASE}/summary`)
      .set(as('ada'))
      .send({ entityRefs });
    expect(second.body).toEqual(first.body);
    expect(emulator.requests.length).toBe(reads);
  });
});

describe('canary routes when the cluster refuses, fails or hangs', () => {
  const OBJECT_PATH =
    '/apis/argoproj.io/v1alpha1/namespaces/fraud-ml/rollouts/fraud-scorer';
  const STATUS_PATH = `${OBJECT_PATH}/status`;
  let api: Awaited<ReturnType<typeof startBackend>>['api'];
  let auditor: RecordingAuditor;
  let emulator: KubernetesEmulator;

  beforeEach(async () => {
    // Generous both ways: a loaded machine must neither time out an answered
    // request nor see a held one (4 s) answered.
    ({ api, auditor, emulator } = await startBackend({ timeoutMs: 1000 }));
  });
  afterEach(async () => {
    await emulator.stop();
  });

  function contentOf() {
    const object = emulator.store.get(ROLLOUTS, 'fraud-ml', 'fraud-scorer')!;
    const {
      resourceVersion: _v,
      generation: _g,
      ...metadata
    } = object.metadata;
    return { metadata, spec: object.spec, status: object.status };
  }

  const faults = [
    {
      fault: 403,
      status: 503,
      name: 'ServiceUnavailableError',
      message:
        /^Cluster demo-cluster forbids the portal's service account from patching (the status of )?Rollout fraud-ml\/fraud-scorer \(HTTP 403; grant it in the cluster's RBAC\): rollouts\.argoproj\.io "fraud-scorer" is forbidden/,
    },
    {
      fault: 500,
      status: 502,
      name: 'KubernetesApiServerError',
      message:
        /^The Kubernetes API of cluster demo-cluster failed \(HTTP 500\) while patching (the status of )?Rollout fraud-ml\/fraud-scorer: Internal error occurred/,
    },
    {
      fault: 'timeout',
      status: 504,
      name: 'KubernetesApiTimeoutError',
      message:
        /^The Kubernetes API at demo-cluster \(https:\/\/127\.0\.0\.1:\d+\) did not answer within 1 s while patching (the status of )?Rollout fraud-ml\/fraud-scorer/,
    },
  ] as const;

  const cases = faults.flatMap(f => [
    {
      ...f,
      action: 'abort',
      patches: 'one patch (/status)',
      path: STATUS_PATH,
    },
    {
      ...f,
      action: 'promote',
      patches: 'two patches (/status, then the object), the second failing',
      path: OBJECT_PATH,
    },
  ]);

  it.each(cases)(
    '$action with $patches answered with $fault: $status, a message naming the cluster and the rollout, nothing changed, the failure audited',
    async ({ fault, status, name, message, action, path }) => {
      if (action === 'promote') {
        // Paused by hand as well as by its step: promote needs both patches.
        const current = emulator.store.get(
          ROLLOUTS,
          'fraud-ml',
          'fraud-scorer',
        )!;
        emulator.store.update(ROLLOUTS, 'fraud-ml', 'fraud-scorer', {
          ...current,
          spec: { ...current.spec, paused: true },
        });
      }
      const view = await api.get(FRAUD).set(as('ada'));
      expect(view.status).toBe(200);
      const before = contentOf();
      if (fault === 'timeout') {
        emulator.delayNext({ method: 'PATCH', path, ms: 4000 });
      } else {
        emulator.failNext({ method: 'PATCH', path, status: fault });
      }

      const res = await api.post(`${FRAUD}/actions`).set(as('ada')).send({
        action,
        expectedResourceVersion: view.body.state.resourceVersion,
      });

      expect(res.status).toBe(status);
      expect(res.body.error.name).toBe(name);
      expect(res.body.error.message).toMatch(message);
      expect(res.body.error.message).toMatch(
        action === 'promote'
          ? /Nothing was changed: the status patch sent before it was undone$/
          : /fraud-scorer/,
      );
      // A held request is dropped once its delay is over; wait for that
      // before checking that it changed nothing.
      const dropped = fault === 'timeout' ? 1 : 0;
      for (
        let i = 0;
        i < 500 &&
        emulator.requests.filter(r => r.status === 0).length < dropped;
        i++
      ) {
        await new Promise(resolve => setTimeout(resolve, 20));
      }
      expect(emulator.requests.filter(r => r.status === 0)).toHaveLength(
        dropped,
      );
      expect(contentOf()).toEqual(before);
      expect(
        (await api.get(`${FRAUD}/actions`).set(as('ada'))).body.items,
      ).toEqual([]);
      const events = auditor.events.filter(e => e.eventId === 'rollout-action');
      expect(events).toHaveLength(1);
      expect(events[0]).toMatchObject({
        outcome: 'fail',
        meta: { modelRef: 'mlmodel:default/card-fraud-detector', action },
      });
      expect(events[0].error?.message).toBe(res.body.error.message);
    },
  );
});
