import {
  ApiException,
  AppsV1Api,
  CustomObjectsApi,
  KubeConfig,
  KubernetesObjectApi,
} from '@kubernetes/client-node';
import { generateEmulatorCertificates } from './certificates';
import { KubernetesEmulator } from './KubernetesEmulator';
import {
  MODEL_VERSION_LABEL,
  STABLE_MODEL_VERSION_ANNOTATION,
} from './modelMetadata';
import { ROLLOUTS } from './resources';

const TOKEN = 'emulator-create-test-token';
const certificates = generateEmulatorCertificates();

function kubeConfigFor(emulator: KubernetesEmulator) {
  const kubeConfig = new KubeConfig();
  kubeConfig.loadFromOptions({
    clusters: [
      { name: 'emulator', server: emulator.url, caData: emulator.caData },
    ],
    users: [{ name: 'portal', token: TOKEN }],
    contexts: [{ name: 'emulator', cluster: 'emulator', user: 'portal' }],
    currentContext: 'emulator',
  });
  return kubeConfig;
}

const rollouts = {
  group: 'argoproj.io',
  version: 'v1alpha1',
  namespace: 'models',
  plural: 'rollouts',
};

/** A Rollout like the real-time template generates (version 0.1.0). */
function newRollout(annotations: Record<string, string> = {}) {
  return {
    apiVersion: 'argoproj.io/v1alpha1',
    kind: 'Rollout',
    metadata: { name: 'churn-predictor', namespace: 'models', annotations },
    spec: {
      replicas: 3,
      selector: {
        matchLabels: { 'app.kubernetes.io/name': 'churn-predictor' },
      },
      template: {
        metadata: {
          labels: {
            'app.kubernetes.io/name': 'churn-predictor',
            [MODEL_VERSION_LABEL]: '0.1.0',
          },
        },
        spec: {
          containers: [
            {
              name: 'model-server',
              image: 'registry.example.com/ml/churn-predictor:0.1.0',
            },
          ],
        },
      },
      strategy: {
        canary: {
          steps: [
            { setWeight: 20 },
            { pause: { duration: '10m' } },
            { setWeight: 50 },
            { pause: {} },
          ],
        },
      },
    },
  };
}

async function failure(promise: Promise<unknown>) {
  const error = await promise.then(
    () => undefined,
    e => e,
  );
  expect(error).toBeInstanceOf(ApiException);
  const { code, body } = error as ApiException<string>;
  return { code, status: typeof body === 'string' ? JSON.parse(body) : body };
}

describe('KubernetesEmulator creates', () => {
  let emulator: KubernetesEmulator;
  let api: CustomObjectsApi;

  beforeEach(async () => {
    emulator = await KubernetesEmulator.start({ token: TOKEN, certificates });
    api = kubeConfigFor(emulator).makeApiClient(CustomObjectsApi);
  });

  afterEach(async () => {
    await emulator.stop();
  });

  it('sets uid, creationTimestamp, generation and resourceVersion itself, and drops status', async () => {
    const body = {
      ...newRollout(),
      metadata: {
        ...newRollout().metadata,
        uid: 'chosen-by-the-client',
        creationTimestamp: '2001-01-01T00:00:00Z',
        generation: 7,
      },
      status: { phase: 'Healthy', currentPodHash: 'forged' },
    };
    const created = await api.createNamespacedCustomObject({
      ...rollouts,
      body,
    });
    expect(created.metadata).toMatchObject({
      name: 'churn-predictor',
      namespace: 'models',
      generation: 1,
    });
    expect(created.metadata.uid).toMatch(/^[0-9a-f-]{36}$/);
    expect(created.metadata.creationTimestamp).not.toBe('2001-01-01T00:00:00Z');
    expect(Number(created.metadata.resourceVersion)).toBeGreaterThan(0);
    expect(created.status).toBeUndefined();
    expect(emulator.requests.at(-1)).toMatchObject({
      method: 'POST',
      status: 201,
    });
  });

  it('answers a second create of the same name with 409 AlreadyExists and keeps the first', async () => {
    const first = await api.createNamespacedCustomObject({
      ...rollouts,
      body: newRollout(),
    });
    const { code, status } = await failure(
      api.createNamespacedCustomObject({
        ...rollouts,
        body: { ...newRollout(), spec: { ...newRollout().spec, replicas: 9 } },
      }),
    );
    expect(code).toBe(409);
    expect(status).toMatchObject({
      kind: 'Status',
      reason: 'AlreadyExists',
      message: 'rollouts.argoproj.io "churn-predictor" already exists',
      details: {
        name: 'churn-predictor',
        group: 'argoproj.io',
        kind: 'rollouts',
      },
    });
    const stored = await api.getNamespacedCustomObject({
      ...rollouts,
      name: 'churn-predictor',
    });
    expect(stored.metadata.resourceVersion).toBe(
      first.metadata.resourceVersion,
    );
    expect(stored.spec.replicas).toBe(3);
  });

  it('refuses a body whose namespace, kind or resourceVersion does not belong in a create', async () => {
    const wrongNamespace = await failure(
      api.createNamespacedCustomObject({
        ...rollouts,
        body: {
          ...newRollout(),
          metadata: { ...newRollout().metadata, namespace: 'other' },
        },
      }),
    );
    expect(wrongNamespace.code).toBe(400);
    expect(wrongNamespace.status.message).toMatch(
      /namespace of the provided object does not match/,
    );

    const wrongKind = await failure(
      api.createNamespacedCustomObject({
        ...rollouts,
        body: { ...newRollout(), kind: 'AnalysisRun' },
      }),
    );
    expect(wrongKind.code).toBe(400);

    const withVersion = await failure(
      api.createNamespacedCustomObject({
        ...rollouts,
        body: {
          ...newRollout(),
          metadata: { ...newRollout().metadata, resourceVersion: '5' },
        },
      }),
    );
    expect(withVersion.status.message).toMatch(
      /resourceVersion should not be set on objects to be created/,
    );
    expect(emulator.store.list(ROLLOUTS)).toEqual([]);
  });

  it('creates core Services and AnalysisTemplates through KubernetesObjectApi (discovery of /api/v1 and /apis)', async () => {
    const objects = kubeConfigFor(emulator).makeApiClient(KubernetesObjectApi);
    const service = await objects.create({
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: 'churn-predictor', namespace: 'models' },
      spec: { ports: [{ port: 80 }] },
    } as any);
    expect(service.metadata?.uid).toBeDefined();
    const template = await objects.create({
      apiVersion: 'argoproj.io/v1alpha1',
      kind: 'AnalysisTemplate',
      metadata: { name: 'churn-predictor-availability', namespace: 'models' },
      spec: { metrics: [{ name: 'availability' }] },
    } as any);
    expect(template.metadata?.resourceVersion).toBeDefined();
    expect(
      emulator.requests
        .filter(r => r.method === 'POST')
        .map(r => [r.path, r.status]),
    ).toEqual([
      ['/api/v1/namespaces/models/services', 201],
      ['/apis/argoproj.io/v1alpha1/namespaces/models/analysistemplates', 201],
    ]);
  });

  it('starts a new Rollout with a stable version at its first step: first setWeight, paused at the first pause', async () => {
    await api.createNamespacedCustomObject({
      ...rollouts,
      body: newRollout({ [STABLE_MODEL_VERSION_ANNOTATION]: '0.0.9' }),
    });
    emulator.simulation.settle();
    const rollout = await api.getNamespacedCustomObject({
      ...rollouts,
      name: 'churn-predictor',
    });
    expect(rollout.status).toMatchObject({
      phase: 'Paused',
      currentStepIndex: 1,
      controllerPause: true,
      pauseConditions: [{ reason: 'CanaryPauseStep' }],
      canary: { weights: { canary: { weight: 20 }, stable: { weight: 80 } } },
    });
    expect(rollout.status.currentPodHash).not.toBe(rollout.status.stableRS);
    expect(rollout.metadata.annotations['rollout.argoproj.io/revision']).toBe(
      '2',
    );

    const replicaSets = await kubeConfigFor(emulator)
      .makeApiClient(AppsV1Api)
      .listNamespacedReplicaSet({ namespace: 'models' });
    const byHash = Object.fromEntries(
      replicaSets.items.map(rs => [
        rs.metadata!.labels!['rollouts-pod-template-hash'],
        rs,
      ]),
    );
    const stable = byHash[rollout.status.stableRS];
    const canary = byHash[rollout.status.currentPodHash];
    expect(stable.spec!.template!.metadata!.labels![MODEL_VERSION_LABEL]).toBe(
      '0.0.9',
    );
    expect(stable.spec!.template!.spec!.containers[0].image).toBe(
      'registry.example.com/ml/churn-predictor:0.0.9',
    );
    expect(canary.spec!.template!.metadata!.labels![MODEL_VERSION_LABEL]).toBe(
      '0.1.0',
    );
  });

  it('sends a new Rollout without a stable version straight to 100 %, as Argo Rollouts does on a first deploy', async () => {
    await api.createNamespacedCustomObject({ ...rollouts, body: newRollout() });
    emulator.simulation.settle();
    const rollout = await api.getNamespacedCustomObject({
      ...rollouts,
      name: 'churn-predictor',
    });
    expect(rollout.status).toMatchObject({
      phase: 'Healthy',
      currentStepIndex: 4,
    });
    expect(rollout.status.currentPodHash).toBe(rollout.status.stableRS);
  });

  it('starts a new InferenceService with a stable version as a canary at canaryTrafficPercent', async () => {
    const services = {
      ...rollouts,
      group: 'serving.kserve.io',
      version: 'v1beta1',
      plural: 'inferenceservices',
    };
    const body = (annotations: Record<string, string>, name: string) => ({
      apiVersion: 'serving.kserve.io/v1beta1',
      kind: 'InferenceService',
      metadata: {
        name,
        namespace: 'models',
        labels: { [MODEL_VERSION_LABEL]: '0.1.0' },
        annotations,
      },
      spec: {
        predictor: {
          canaryTrafficPercent: 20,
          containers: [{ name: 'kserve-container', image: 'x:0.1.0' }],
        },
      },
    });
    await api.createNamespacedCustomObject({
      ...services,
      body: body({ [STABLE_MODEL_VERSION_ANNOTATION]: '0.0.9' }, 'with-stable'),
    });
    await api.createNamespacedCustomObject({
      ...services,
      body: body({}, 'first-deploy'),
    });
    emulator.simulation.settle();
    const withStable = await api.getNamespacedCustomObject({
      ...services,
      name: 'with-stable',
    });
    expect(withStable.status.components.predictor.traffic).toEqual([
      expect.objectContaining({
        tag: 'latest',
        percent: 20,
        revisionName: 'with-stable-predictor-00002',
      }),
      expect.objectContaining({
        tag: 'prev',
        percent: 80,
        revisionName: 'with-stable-predictor-00001',
      }),
    ]);
    const firstDeploy = await api.getNamespacedCustomObject({
      ...services,
      name: 'first-deploy',
    });
    expect(firstDeploy.status.components.predictor.traffic).toEqual([
      {
        latestRevision: true,
        percent: 100,
        revisionName: 'first-deploy-predictor-00001',
      },
    ]);
  });
});
