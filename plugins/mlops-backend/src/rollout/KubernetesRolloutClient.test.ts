import {
  ConflictError,
  NotFoundError,
  ServiceUnavailableError,
} from '@backstage/errors';
import {
  demoClusterObjects,
  generateEmulatorCertificates,
  KubernetesEmulator,
} from '@mlops-portal/kubernetes-emulator';
import {
  normalizeArgoRollout,
  normalizeInferenceService,
  planRolloutAction,
  RolloutState,
} from '@mlops-portal/plugin-mlops-common';
import { KubernetesClusterDetails } from '@mlops-portal/plugin-mlops-node';
import {
  KubernetesRolloutClient,
  ROLLOUT_CHANGED_MESSAGE,
  RolloutWorkloadRef,
} from './KubernetesRolloutClient';

const TOKEN = 'rollout-client-test-token';
const certificates = generateEmulatorCertificates();

const fraudScorer: RolloutWorkloadRef = {
  cluster: 'demo-cluster',
  namespace: 'fraud-ml',
  kind: 'Rollout',
  name: 'fraud-scorer',
};
const forecastApi: RolloutWorkloadRef = {
  cluster: 'demo-cluster',
  namespace: 'forecasting',
  kind: 'Rollout',
  name: 'demand-forecast-api',
};
const takeover: RolloutWorkloadRef = {
  cluster: 'demo-cluster',
  namespace: 'fraud-ml',
  kind: 'InferenceService',
  name: 'account-takeover-detector',
};

async function startEmulator(statusSubresources?: Record<string, boolean>) {
  const emulator = await KubernetesEmulator.start({
    token: TOKEN,
    certificates,
    objects: demoClusterObjects(),
    statusSubresources,
  });
  emulator.simulation.settle();
  emulator.requests.length = 0;
  return emulator;
}

function clientFor(
  emulator: KubernetesEmulator,
  overrides: Partial<KubernetesClusterDetails> = {},
) {
  const cluster: KubernetesClusterDetails = {
    name: 'demo-cluster',
    url: emulator.url,
    caData: emulator.caData,
    skipTLSVerify: false,
    serviceAccountToken: TOKEN,
    ...overrides,
  };
  return new KubernetesRolloutClient({
    clusters: new Map([[cluster.name, cluster]]),
  });
}

async function stateOf(
  client: KubernetesRolloutClient,
  ref: RolloutWorkloadRef,
): Promise<RolloutState> {
  const workload = await client.getWorkload(ref);
  return ref.kind === 'Rollout'
    ? normalizeArgoRollout(workload.object, workload)
    : normalizeInferenceService(workload.object);
}

function planOf(
  state: RolloutState,
  action: Parameters<typeof planRolloutAction>[1],
  weight?: number,
) {
  const result = planRolloutAction(state, action, { weight });
  if (!result.ok) throw new Error(result.reason);
  return result.plan;
}

describe('KubernetesRolloutClient (against the emulator, over HTTPS)', () => {
  let emulator: KubernetesEmulator;
  let client: KubernetesRolloutClient;

  beforeEach(async () => {
    emulator = await startEmulator();
    client = clientFor(emulator);
  });
  afterEach(async () => {
    await emulator.stop();
  });

  it('reads a Rollout with its ReplicaSets and AnalysisRuns', async () => {
    const state = await stateOf(client, fraudScorer);
    expect(state).toMatchObject({
      phase: 'paused',
      stable: { modelVersion: '3.2.0', weight: 90 },
      canary: { modelVersion: '3.3.0-rc.1', weight: 10 },
      step: { index: 2, count: 8 },
      argoCd: { application: 'fraud-scorer-prod', method: 'annotation' },
    });
    expect(state.analysisRuns).toHaveLength(1);
    expect(state.analysisRuns[0].phase).toBe('Successful');
    expect(
      emulator.requests.map(r => `${r.method} ${r.path}${r.query}`),
    ).toEqual(
      expect.arrayContaining([
        'GET /apis/argoproj.io/v1alpha1/namespaces/fraud-ml/rollouts/fraud-scorer',
        'GET /apis/apps/v1/namespaces/fraud-ml/replicasets?labelSelector=rollouts-pod-template-hash+in+%287b9c4d5f8%2C6d8f7c9b5%29',
        'GET /apis/argoproj.io/v1alpha1/namespaces/fraud-ml/analysisruns?labelSelector=rollouts-pod-template-hash%3D7b9c4d5f8',
      ]),
    );
  });

  it('promotes through /status with the resourceVersion precondition', async () => {
    const before = await stateOf(client, fraudScorer);
    emulator.requests.length = 0;
    const after = await client.applyPatchPlan(
      fraudScorer,
      planOf(before, 'promote'),
      before.resourceVersion,
    );
    expect(emulator.requests).toEqual([
      expect.objectContaining({
        method: 'PATCH',
        path: '/apis/argoproj.io/v1alpha1/namespaces/fraud-ml/rollouts/fraud-scorer/status',
        contentType: 'application/merge-patch+json',
        status: 200,
      }),
    ]);
    expect((after as any).status.pauseConditions).toBeUndefined();
    emulator.simulation.settle();
    const moved = await stateOf(client, fraudScorer);
    expect(moved).toMatchObject({
      phase: 'paused',
      step: { index: 5 },
      canary: { weight: 25 },
    });
  });

  it('aborts, retries and fully promotes', async () => {
    let state = await stateOf(client, fraudScorer);
    await client.applyPatchPlan(
      fraudScorer,
      planOf(state, 'abort'),
      state.resourceVersion,
    );
    emulator.simulation.settle();
    state = await stateOf(client, fraudScorer);
    expect(state).toMatchObject({ phase: 'aborted', canary: { weight: 0 } });

    await client.applyPatchPlan(
      fraudScorer,
      planOf(state, 'retry'),
      state.resourceVersion,
    );
    emulator.simulation.settle();
    state = await stateOf(client, fraudScorer);
    expect(state.phase).toBe('paused');

    await client.applyPatchPlan(
      fraudScorer,
      planOf(state, 'promoteFull'),
      state.resourceVersion,
    );
    emulator.simulation.settle();
    state = await stateOf(client, fraudScorer);
    expect(state).toMatchObject({
      phase: 'healthy',
      stable: { modelVersion: '3.3.0-rc.1', weight: 100 },
    });
    expect(state.canary).toBeUndefined();
  });

  it('sets, removes and zeroes the KServe canary percentage', async () => {
    let state = await stateOf(client, takeover);
    await client.applyPatchPlan(
      takeover,
      planOf(state, 'setWeight', 35),
      state.resourceVersion,
    );
    emulator.reconcile();
    state = await stateOf(client, takeover);
    expect(state).toMatchObject({
      phase: 'paused',
      canary: { weight: 35 },
      stable: { weight: 65 },
    });

    await client.applyPatchPlan(
      takeover,
      planOf(state, 'abort'),
      state.resourceVersion,
    );
    emulator.reconcile();
    state = await stateOf(client, takeover);
    expect(state).toMatchObject({ phase: 'aborted', canary: { weight: 0 } });

    await client.applyPatchPlan(
      takeover,
      planOf(state, 'setWeight', 20),
      state.resourceVersion,
    );
    emulator.reconcile();
    state = await stateOf(client, takeover);
    await client.applyPatchPlan(
      takeover,
      planOf(state, 'promoteFull'),
      state.resourceVersion,
    );
    emulator.reconcile();
    state = await stateOf(client, takeover);
    expect(state).toMatchObject({
      phase: 'healthy',
      stable: { weight: 100, modelVersion: '0.5.0' },
    });
  });

  it('lets exactly one of two concurrent promotions win; the other gets a conflict', async () => {
    const state = await stateOf(client, fraudScorer);
    const plan = planOf(state, 'promote');
    const results = await Promise.allSettled([
      client.applyPatchPlan(fraudScorer, plan, state.resourceVersion),
      client.applyPatchPlan(fraudScorer, plan, state.resourceVersion),
    ]);
    expect(results.filter(r => r.status === 'fulfilled')).toHaveLength(1);
    const [rejected] = results.filter(
      (r): r is PromiseRejectedResult => r.status === 'rejected',
    );
    expect(rejected.reason).toBeInstanceOf(ConflictError);
    expect(rejected.reason.message).toBe(ROLLOUT_CHANGED_MESSAGE);
  });

  it('refuses a patch decided on an old state', async () => {
    const state = await stateOf(client, fraudScorer);
    await client.applyPatchPlan(
      fraudScorer,
      { specPatch: { metadata: { labels: { touched: 'yes' } } } },
      state.resourceVersion,
    );
    await expect(
      client.applyPatchPlan(
        fraudScorer,
        planOf(state, 'abort'),
        state.resourceVersion,
      ),
    ).rejects.toThrow(ConflictError);
    expect((await stateOf(client, fraudScorer)).phase).toBe('paused');
  });

  it('translates a missing object, a refused token and a missing cluster', async () => {
    await expect(
      client.getWorkload({ ...fraudScorer, name: 'nope' }),
    ).rejects.toThrow(NotFoundError);
    await expect(
      clientFor(emulator, { serviceAccountToken: 'wrong' }).getWorkload(
        fraudScorer,
      ),
    ).rejects.toThrow(
      new ServiceUnavailableError(
        "Cluster demo-cluster refused the portal's service account (HTTP 401)",
      ),
    );
    await expect(
      client.getWorkload({ ...fraudScorer, cluster: 'elsewhere' }),
    ).rejects.toThrow(
      /Cluster "elsewhere" is not configured in kubernetes.clusterLocatorMethods/,
    );
  });

  it('refuses a server whose certificate is not signed by the configured CA', async () => {
    const other = generateEmulatorCertificates();
    const untrusting = clientFor(emulator, {
      caData: Buffer.from(other.caCert).toString('base64'),
    });
    await expect(untrusting.getWorkload(fraudScorer)).rejects.toThrow(
      ServiceUnavailableError,
    );
  });
});

describe('KubernetesRolloutClient without the /status subresource', () => {
  it('falls back to patching the object on 404, as kubectl argo rollouts does', async () => {
    const emulator = await startEmulator({ rollouts: false });
    try {
      const client = clientFor(emulator);
      const state = await stateOf(client, fraudScorer);
      emulator.requests.length = 0;
      await client.applyPatchPlan(
        fraudScorer,
        planOf(state, 'promote'),
        state.resourceVersion,
      );
      expect(emulator.requests.map(r => [r.method, r.path, r.status])).toEqual([
        [
          'PATCH',
          '/apis/argoproj.io/v1alpha1/namespaces/fraud-ml/rollouts/fraud-scorer/status',
          404,
        ],
        [
          'PATCH',
          '/apis/argoproj.io/v1alpha1/namespaces/fraud-ml/rollouts/fraud-scorer',
          200,
        ],
      ]);
      const promoted = await client.getWorkload(fraudScorer);
      expect((promoted.object as any).status.pauseConditions).toBeUndefined();
      expect((promoted.object as any).spec.paused).toBe(false);

      const aborted = await stateOf(client, forecastApi);
      await client.applyPatchPlan(
        forecastApi,
        planOf(aborted, 'retry'),
        aborted.resourceVersion,
      );
      expect(
        ((await client.getWorkload(forecastApi)).object as any).status.abort,
      ).toBe(false);
    } finally {
      await emulator.stop();
    }
  });
});
