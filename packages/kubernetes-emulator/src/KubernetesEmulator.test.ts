import {
  ApiException,
  ApisApi,
  CustomObjectsApi,
  KubeConfig,
  PatchStrategy,
  setHeaderOptions,
} from '@kubernetes/client-node';
import { request } from 'node:https';
import { demoClusterObjects } from './demoClusterObjects';
import { KubernetesEmulator, matchesLabelSelector } from './KubernetesEmulator';
import { generateEmulatorCertificates } from './certificates';

const TOKEN = 'emulator-test-token';
// One certificate pair for the whole file: openssl takes a moment per pair.
const certificates = generateEmulatorCertificates();

function clientFor(emulator: KubernetesEmulator, token = TOKEN) {
  const kubeConfig = new KubeConfig();
  kubeConfig.loadFromOptions({
    clusters: [
      {
        name: 'emulator',
        server: emulator.url,
        caData: emulator.caData,
        skipTLSVerify: false,
      },
    ],
    users: [{ name: 'portal', token }],
    contexts: [{ name: 'emulator', cluster: 'emulator', user: 'portal' }],
    currentContext: 'emulator',
  });
  return kubeConfig;
}

const rolloutRef = {
  group: 'argoproj.io',
  version: 'v1alpha1',
  namespace: 'fraud-ml',
  plural: 'rollouts',
  name: 'fraud-scorer',
};
const mergePatch = setHeaderOptions('Content-Type', PatchStrategy.MergePatch);
const jsonPatch = setHeaderOptions('Content-Type', PatchStrategy.JsonPatch);

async function failure(promise: Promise<unknown>) {
  const error = await promise.then(
    () => undefined,
    e => e,
  );
  expect(error).toBeInstanceOf(ApiException);
  const { code, body } = error as ApiException<string>;
  return { code, status: typeof body === 'string' ? JSON.parse(body) : body };
}

describe('KubernetesEmulator', () => {
  let emulator: KubernetesEmulator;
  let api: CustomObjectsApi;

  beforeEach(async () => {
    emulator = await KubernetesEmulator.start({
      token: TOKEN,
      certificates,
      objects: demoClusterObjects(),
    });
    emulator.simulation.settle();
    api = clientFor(emulator).makeApiClient(CustomObjectsApi);
  });

  afterEach(async () => {
    await emulator.stop();
  });

  it('serves discovery over HTTPS with a certificate signed by its CA', async () => {
    const groups = await clientFor(emulator)
      .makeApiClient(ApisApi)
      .getAPIVersions();
    expect(groups.groups.map(g => g.name)).toEqual(
      expect.arrayContaining(['argoproj.io', 'serving.kserve.io', 'apps']),
    );
  });

  it('refuses requests without the bearer token with a 401 Status', async () => {
    const other = clientFor(emulator, 'wrong-token').makeApiClient(
      CustomObjectsApi,
    );
    const { code } = await failure(other.getNamespacedCustomObject(rolloutRef));
    expect(code).toBe(401);
    // client-node does not decode 401 bodies; read the Status on the wire.
    const raw = await new Promise<{ statusCode?: number; body: string }>(
      (resolve, reject) => {
        const req = request(
          `${emulator.url}/apis/argoproj.io/v1alpha1/namespaces/fraud-ml/rollouts/fraud-scorer`,
          { ca: emulator.caCert },
          res => {
            let body = '';
            res.on('data', chunk => (body += chunk));
            res.on('end', () => resolve({ statusCode: res.statusCode, body }));
          },
        );
        req.on('error', reject);
        req.end();
      },
    );
    expect(raw.statusCode).toBe(401);
    expect(JSON.parse(raw.body)).toMatchObject({
      kind: 'Status',
      reason: 'Unauthorized',
      code: 401,
    });
  });

  it('answers a missing object with a NotFound Status', async () => {
    const { code, status } = await failure(
      api.getNamespacedCustomObject({ ...rolloutRef, name: 'nope' }),
    );
    expect(code).toBe(404);
    expect(status).toMatchObject({
      kind: 'Status',
      status: 'Failure',
      reason: 'NotFound',
      message: 'rollouts.argoproj.io "nope" not found',
      details: { name: 'nope', group: 'argoproj.io', kind: 'rollouts' },
    });
  });

  it('seeds the demo canary paused after a passing analysis', async () => {
    const rollout = await api.getNamespacedCustomObject(rolloutRef);
    expect(rollout.status).toMatchObject({
      phase: 'Paused',
      currentStepIndex: 2,
      controllerPause: true,
      pauseConditions: [{ reason: 'CanaryPauseStep' }],
      canary: { weights: { canary: { weight: 10 }, stable: { weight: 90 } } },
    });
    const runs = await api.listNamespacedCustomObject({
      group: 'argoproj.io',
      version: 'v1alpha1',
      namespace: 'fraud-ml',
      plural: 'analysisruns',
      labelSelector: `rollouts-pod-template-hash=${rollout.status.currentPodHash}`,
    });
    expect(runs.items).toHaveLength(1);
    expect(runs.items[0].status.phase).toBe('Successful');

    const aborted = await api.getNamespacedCustomObject({
      ...rolloutRef,
      namespace: 'forecasting',
      name: 'demand-forecast-api',
    });
    expect(aborted.status).toMatchObject({ abort: true, phase: 'Degraded' });
  });

  it('bumps resourceVersion on every write and refuses a stale one with 409 Conflict', async () => {
    const before = await api.getNamespacedCustomObject(rolloutRef);
    const patched = await api.patchNamespacedCustomObject(
      {
        ...rolloutRef,
        body: {
          metadata: {
            resourceVersion: before.metadata.resourceVersion,
            labels: { touched: 'yes' },
          },
        },
      },
      mergePatch,
    );
    expect(Number(patched.metadata.resourceVersion)).toBeGreaterThan(
      Number(before.metadata.resourceVersion),
    );
    const { code, status } = await failure(
      api.patchNamespacedCustomObject(
        {
          ...rolloutRef,
          body: {
            metadata: {
              resourceVersion: before.metadata.resourceVersion,
              labels: { touched: 'twice' },
            },
          },
        },
        mergePatch,
      ),
    );
    expect(code).toBe(409);
    expect(status).toMatchObject({
      kind: 'Status',
      reason: 'Conflict',
      code: 409,
      message: expect.stringContaining('the object has been modified'),
    });
  });

  it('writes status only through /status when the subresource exists', async () => {
    const viaObject = await api.patchNamespacedCustomObject(
      {
        ...rolloutRef,
        body: { spec: { paused: true }, status: { abort: true } },
      },
      mergePatch,
    );
    expect(viaObject.spec.paused).toBe(true);
    expect(viaObject.status.abort).toBeUndefined();
    const viaStatus = await api.patchNamespacedCustomObjectStatus(
      {
        ...rolloutRef,
        body: { spec: { paused: false }, status: { abort: true } },
      },
      mergePatch,
    );
    expect(viaStatus.spec.paused).toBe(true);
    expect(viaStatus.status.abort).toBe(true);
  });

  it('answers /status with 404 and writes status through the object without the subresource', async () => {
    await emulator.stop();
    emulator = await KubernetesEmulator.start({
      token: TOKEN,
      certificates,
      objects: demoClusterObjects(),
      statusSubresources: { rollouts: false },
    });
    api = clientFor(emulator).makeApiClient(CustomObjectsApi);
    const { code } = await failure(
      api.patchNamespacedCustomObjectStatus(
        { ...rolloutRef, body: { status: { abort: true } } },
        mergePatch,
      ),
    );
    expect(code).toBe(404);
    const patched = await api.patchNamespacedCustomObject(
      { ...rolloutRef, body: { status: { abort: true } } },
      mergePatch,
    );
    expect(patched.status.abort).toBe(true);
  });

  it('applies JSON patches, atomically', async () => {
    const service = {
      group: 'serving.kserve.io',
      version: 'v1beta1',
      namespace: 'fraud-ml',
      plural: 'inferenceservices',
      name: 'account-takeover-detector',
    };
    const patched = await api.patchNamespacedCustomObject(
      {
        ...service,
        body: [
          {
            op: 'replace',
            path: '/spec/predictor/canaryTrafficPercent',
            value: 30,
          },
        ],
      },
      jsonPatch,
    );
    expect(patched.spec.predictor.canaryTrafficPercent).toBe(30);
    const { code } = await failure(
      api.patchNamespacedCustomObject(
        {
          ...service,
          body: [
            {
              op: 'replace',
              path: '/spec/predictor/canaryTrafficPercent',
              value: 50,
            },
            { op: 'test', path: '/spec/predictor/minReplicas', value: 99 },
          ],
        },
        jsonPatch,
      ),
    );
    expect(code).toBe(422);
    const after = await api.getNamespacedCustomObject(service);
    expect(after.spec.predictor.canaryTrafficPercent).toBe(30);
  });

  it('requires resourceVersion on PUT and checks it', async () => {
    const current = await api.getNamespacedCustomObject(rolloutRef);
    const { code: missing } = await failure(
      api.replaceNamespacedCustomObject({
        ...rolloutRef,
        body: {
          ...current,
          metadata: { ...current.metadata, resourceVersion: undefined },
        },
      }),
    );
    expect(missing).toBe(422);
    const replaced = await api.replaceNamespacedCustomObject({
      ...rolloutRef,
      body: { ...current, spec: { ...current.spec, replicas: 12 } },
    });
    expect(replaced.spec.replicas).toBe(12);
    expect(replaced.metadata.generation).toBe(current.metadata.generation + 1);
    const { code: stale } = await failure(
      api.replaceNamespacedCustomObject({ ...rolloutRef, body: current }),
    );
    expect(stale).toBe(409);
  });

  it('simulates promote, abort and retry like the Argo Rollouts controller', async () => {
    await api.patchNamespacedCustomObjectStatus(
      { ...rolloutRef, body: { status: { pauseConditions: null } } },
      mergePatch,
    );
    emulator.simulation.settle();
    let rollout = await api.getNamespacedCustomObject(rolloutRef);
    // setWeight 25, a second passing analysis, then the next pause.
    expect(rollout.status).toMatchObject({
      phase: 'Paused',
      currentStepIndex: 5,
    });
    expect(rollout.status.canary.weights.canary.weight).toBe(25);

    await api.patchNamespacedCustomObjectStatus(
      { ...rolloutRef, body: { status: { abort: true } } },
      mergePatch,
    );
    emulator.simulation.settle();
    rollout = await api.getNamespacedCustomObject(rolloutRef);
    expect(rollout.status).toMatchObject({
      phase: 'Degraded',
      currentStepIndex: 0,
    });
    expect(rollout.status.canary.weights.canary.weight).toBe(0);

    await api.patchNamespacedCustomObjectStatus(
      { ...rolloutRef, body: { status: { abort: false } } },
      mergePatch,
    );
    emulator.simulation.settle();
    rollout = await api.getNamespacedCustomObject(rolloutRef);
    expect(rollout.status).toMatchObject({
      phase: 'Paused',
      currentStepIndex: 2,
    });

    await api.patchNamespacedCustomObjectStatus(
      { ...rolloutRef, body: { status: { promoteFull: true } } },
      mergePatch,
    );
    emulator.simulation.settle();
    rollout = await api.getNamespacedCustomObject(rolloutRef);
    expect(rollout.status).toMatchObject({
      phase: 'Healthy',
      stableRS: rollout.status.currentPodHash,
    });
  });

  it('moves KServe traffic with canaryTrafficPercent', async () => {
    const service = {
      group: 'serving.kserve.io',
      version: 'v1beta1',
      namespace: 'fraud-ml',
      plural: 'inferenceservices',
      name: 'account-takeover-detector',
    };
    await api.patchNamespacedCustomObject(
      {
        ...service,
        body: { spec: { predictor: { canaryTrafficPercent: 40 } } },
      },
      mergePatch,
    );
    emulator.reconcile();
    let isvc = await api.getNamespacedCustomObject(service);
    expect(
      isvc.status.components.predictor.traffic.map((t: any) => [
        t.tag,
        t.percent,
      ]),
    ).toEqual([
      ['latest', 40],
      ['prev', 60],
    ]);
    await api.patchNamespacedCustomObject(
      {
        ...service,
        body: { spec: { predictor: { canaryTrafficPercent: null } } },
      },
      mergePatch,
    );
    emulator.reconcile();
    isvc = await api.getNamespacedCustomObject(service);
    expect(isvc.status.components.predictor).toMatchObject({
      latestRolledoutRevision: 'account-takeover-detector-predictor-00005',
      previousRolledoutRevision: 'account-takeover-detector-predictor-00004',
      traffic: [{ latestRevision: true, percent: 100 }],
    });
  });
});

describe('matchesLabelSelector', () => {
  it.each([
    ['a=b', true],
    ['a==b', true],
    ['a!=b', false],
    ['a', true],
    ['!a', false],
    ['a=b,c=d', true],
    ['a=b,c=e', false],
    ['c in (d,e)', true],
    ['c notin (d,e)', false],
    ['', true],
  ])('%s', (selector, expected) => {
    expect(matchesLabelSelector({ a: 'b', c: 'd' }, selector)).toBe(expected);
  });
});
