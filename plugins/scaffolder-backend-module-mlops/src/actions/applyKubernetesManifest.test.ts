import {
  createMockDirectory,
  mockServices,
} from '@backstage/backend-test-utils';
import { ConflictError, InputError } from '@backstage/errors';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import {
  ANALYSIS_TEMPLATES,
  generateEmulatorCertificates,
  INFERENCE_SERVICES,
  KubernetesEmulator,
  REPLICA_SETS,
  ROLLOUTS,
  SERVICES,
} from '@mlops-portal/kubernetes-emulator';
import { normalizeArgoRollout } from '@mlops-portal/plugin-mlops-common';
import { exampleInputs } from '../__testUtils__/examples';
import { createApplyKubernetesManifestAction } from './applyKubernetesManifest';
import { applyKubernetesManifestExamples } from './applyKubernetesManifest.examples';

jest.setTimeout(60_000);

const TOKEN = 'apply-action-test-token';
const certificates = generateEmulatorCertificates();

/** deploy/rollout.yaml as the real-time template renders it (steps 20 %, 50 %). */
const rolloutManifest = `
apiVersion: argoproj.io/v1alpha1
kind: Rollout
metadata:
  name: churn-predictor
  namespace: models
  labels: { app.kubernetes.io/name: churn-predictor }
spec:
  replicas: 3
  selector:
    matchLabels: { app.kubernetes.io/name: churn-predictor }
  template:
    metadata:
      labels:
        app.kubernetes.io/name: churn-predictor
        mlops-portal.io/model-version: 0.1.0
    spec:
      containers:
        - name: model-server
          image: "registry.example.com/ml/churn-predictor:0.1.0"
  strategy:
    canary:
      stableService: churn-predictor
      canaryService: churn-predictor-canary
      steps:
        - setWeight: 20
        - pause: { duration: 10m }
        - setWeight: 50
        - pause: { duration: 10m }
---
apiVersion: v1
kind: Service
metadata: { name: churn-predictor, namespace: models }
spec: { ports: [{ name: http, port: 80 }] }
---
apiVersion: v1
kind: Service
metadata: { name: churn-predictor-canary, namespace: models }
spec: { ports: [{ name: http, port: 80 }] }
---
apiVersion: argoproj.io/v1alpha1
kind: AnalysisTemplate
metadata: { name: churn-predictor-availability, namespace: models }
spec: { metrics: [{ name: availability }] }
`;

const inferenceServiceManifest = `
apiVersion: serving.kserve.io/v1beta1
kind: InferenceService
metadata:
  name: churn-predictor
  namespace: models
  labels: { mlops-portal.io/model-version: 0.1.0 }
spec:
  predictor:
    canaryTrafficPercent: 20
    containers:
      - { name: kserve-container, image: "registry.example.com/ml/churn-predictor:0.1.0" }
`;

describe('mlops:kubernetes:apply', () => {
  const workspace = createMockDirectory();
  let emulator: KubernetesEmulator;
  let action: ReturnType<typeof createApplyKubernetesManifestAction>;

  beforeEach(async () => {
    workspace.setContent({
      'deploy/rollout.yaml': rolloutManifest,
      'deploy/inferenceservice.yaml': inferenceServiceManifest,
    });
    emulator = await KubernetesEmulator.start({ token: TOKEN, certificates });
    const cluster = (name: string) => ({
      name,
      url: emulator.url,
      authProvider: 'serviceAccount',
      serviceAccountToken: TOKEN,
      caData: emulator.caData,
    });
    action = createApplyKubernetesManifestAction({
      config: mockServices.rootConfig({
        data: {
          kubernetes: {
            clusterLocatorMethods: [
              {
                type: 'config',
                clusters: [cluster('demo-cluster'), cluster('staging')],
              },
            ],
          },
        },
      }),
    });
  });

  afterEach(async () => {
    await emulator.stop();
  });

  // createMockActionContext drops isDryRun, so it is set on the context it returns.
  const context = (input: Record<string, unknown>, extra: object = {}) => ({
    ...createMockActionContext<any>({ workspacePath: workspace.path, input }),
    ...extra,
  });

  const stored = () => ({
    rollouts: emulator.store.list(ROLLOUTS),
    services: emulator.store.list(SERVICES),
    analysisTemplates: emulator.store.list(ANALYSIS_TEMPLATES),
  });

  it('creates every object of the manifest in a checkpoint, and the new Rollout starts at its first canary step', async () => {
    const ctx = context({
      cluster: 'demo-cluster',
      manifestPath: 'deploy/rollout.yaml',
      stableModelVersion: 'baseline',
    });
    const checkpoint = jest.spyOn(ctx, 'checkpoint');
    await action.handler(ctx);

    expect(checkpoint).toHaveBeenCalledWith(
      expect.objectContaining({
        key: 'kubernetes-apply:demo-cluster:deploy/rollout.yaml',
      }),
    );
    expect(
      emulator.requests
        .filter(r => r.method === 'POST')
        .map(r => [r.path, r.status]),
    ).toEqual([
      ['/apis/argoproj.io/v1alpha1/namespaces/models/rollouts', 201],
      ['/api/v1/namespaces/models/services', 201],
      ['/api/v1/namespaces/models/services', 201],
      ['/apis/argoproj.io/v1alpha1/namespaces/models/analysistemplates', 201],
    ]);
    const { rollouts, services, analysisTemplates } = stored();
    expect(rollouts.map(r => r.metadata.name)).toEqual(['churn-predictor']);
    expect(services.map(s => s.metadata.name)).toEqual([
      'churn-predictor',
      'churn-predictor-canary',
    ]);
    expect(analysisTemplates).toHaveLength(1);
    expect(rollouts[0].metadata.annotations).toEqual({
      'mlops-portal.io/stable-model-version': 'baseline',
    });
    expect(ctx.output).toHaveBeenCalledWith('cluster', 'demo-cluster');
    expect(ctx.output).toHaveBeenCalledWith('objects', [
      expect.objectContaining({
        kind: 'Rollout',
        namespace: 'models',
        name: 'churn-predictor',
        uid: rollouts[0].metadata.uid,
        resourceVersion: rollouts[0].metadata.resourceVersion,
      }),
      expect.objectContaining({ kind: 'Service', name: 'churn-predictor' }),
      expect.objectContaining({
        kind: 'Service',
        name: 'churn-predictor-canary',
      }),
      expect.objectContaining({ kind: 'AnalysisTemplate' }),
    ]);

    emulator.simulation.settle();
    const rollout = emulator.store.get(ROLLOUTS, 'models', 'churn-predictor')!;
    expect(rollout.status).toMatchObject({
      phase: 'Paused',
      currentStepIndex: 1,
      canary: { weights: { canary: { weight: 20 }, stable: { weight: 80 } } },
    });
    // What the model's canary panel shows: the first step, 0.1.0 against the baseline.
    expect(
      normalizeArgoRollout(rollout, {
        replicaSets: emulator.store.list(REPLICA_SETS, 'models'),
      }),
    ).toMatchObject({
      phase: 'paused',
      step: { index: 1, count: 4 },
      canary: { weight: 20, modelVersion: '0.1.0' },
      stable: { weight: 80, modelVersion: 'baseline' },
    });
  });

  it('creates nothing when an object already exists, and says which', async () => {
    await action.handler(
      context({ cluster: 'demo-cluster', manifestPath: 'deploy/rollout.yaml' }),
    );
    const before = stored();
    emulator.requests.length = 0;

    const again = action.handler(
      context({ cluster: 'demo-cluster', manifestPath: 'deploy/rollout.yaml' }),
    );
    await expect(again).rejects.toThrow(ConflictError);
    await expect(
      action.handler(
        context({
          cluster: 'demo-cluster',
          manifestPath: 'deploy/rollout.yaml',
        }),
      ),
    ).rejects.toThrow(
      'Rollout models/churn-predictor, Service models/churn-predictor, Service models/churn-predictor-canary, AnalysisTemplate models/churn-predictor-availability already exist on cluster demo-cluster; nothing was created.',
    );
    expect(emulator.requests.filter(r => r.method !== 'GET')).toEqual([]);
    expect(stored()).toEqual(before);
  });

  it('deletes what it created when a later create fails: all or nothing', async () => {
    emulator.failNext({
      method: 'POST',
      path: '/apis/argoproj.io/v1alpha1/namespaces/models/analysistemplates',
      status: 500,
    });
    await expect(
      action.handler(
        context({
          cluster: 'demo-cluster',
          manifestPath: 'deploy/rollout.yaml',
        }),
      ),
    ).rejects.toThrow(
      'Creating AnalysisTemplate models/churn-predictor-availability on cluster demo-cluster failed (HTTP 500: Internal error occurred: etcdserver: request timed out); deleted again what was created before it: Service models/churn-predictor-canary, Service models/churn-predictor, Rollout models/churn-predictor',
    );
    expect(stored()).toEqual({
      rollouts: [],
      services: [],
      analysisTemplates: [],
    });
  });

  it('explains a refused create (403) naming the object, and keeps nothing', async () => {
    emulator.failNext({
      method: 'POST',
      path: '/apis/argoproj.io/v1alpha1/namespaces/models/rollouts',
      status: 403,
    });
    await expect(
      action.handler(
        context({
          cluster: 'demo-cluster',
          manifestPath: 'deploy/rollout.yaml',
        }),
      ),
    ).rejects.toThrow(
      /^Creating Rollout models\/churn-predictor on cluster demo-cluster failed \(HTTP 403: rollouts\.argoproj\.io is forbidden: User "system:serviceaccount:backstage:mlops-portal" cannot create resource "rollouts" .*\); nothing was created$/,
    );
    expect(stored().rollouts).toEqual([]);
  });

  it('validates and logs on a dry run without sending anything', async () => {
    const ctx = context(
      { cluster: 'demo-cluster', manifestPath: 'deploy/rollout.yaml' },
      { isDryRun: true },
    );
    const info = jest.spyOn(ctx.logger, 'info');
    await action.handler(ctx);
    expect(emulator.requests).toEqual([]);
    expect(info).toHaveBeenCalledWith(
      `Dry run: would create Rollout models/churn-predictor on cluster demo-cluster (${emulator.url})`,
    );
    expect(ctx.output).toHaveBeenCalledWith('objects', [
      {
        apiVersion: 'argoproj.io/v1alpha1',
        kind: 'Rollout',
        namespace: 'models',
        name: 'churn-predictor',
      },
      {
        apiVersion: 'v1',
        kind: 'Service',
        namespace: 'models',
        name: 'churn-predictor',
      },
      {
        apiVersion: 'v1',
        kind: 'Service',
        namespace: 'models',
        name: 'churn-predictor-canary',
      },
      {
        apiVersion: 'argoproj.io/v1alpha1',
        kind: 'AnalysisTemplate',
        namespace: 'models',
        name: 'churn-predictor-availability',
      },
    ]);
  });

  it('refuses an unknown cluster and an invalid manifest before sending anything, also on a dry run', async () => {
    await expect(
      action.handler(
        context(
          { cluster: 'prod-eu', manifestPath: 'deploy/rollout.yaml' },
          { isDryRun: true },
        ),
      ),
    ).rejects.toThrow(
      new InputError(
        'Cluster "prod-eu" is not configured in kubernetes.clusterLocatorMethods (type config, authProvider serviceAccount); configured: demo-cluster, staging',
      ),
    );
    workspace.addContent({
      'deploy/broken.yaml': `${rolloutManifest}---\napiVersion: v1\nkind: Service\nmetadata: { name: no-namespace }\n`,
    });
    await expect(
      action.handler(
        context({
          cluster: 'demo-cluster',
          manifestPath: 'deploy/broken.yaml',
        }),
      ),
    ).rejects.toThrow(
      'deploy/broken.yaml document 5 (Service no-namespace): metadata.namespace is required',
    );
    await expect(
      action.handler(
        context({ cluster: 'demo-cluster', manifestPath: '../outside.yaml' }),
      ),
    ).rejects.toThrow(/outside/);
    expect(emulator.requests).toEqual([]);
  });

  it.each(
    exampleInputs(applyKubernetesManifestExamples, 'mlops:kubernetes:apply'),
  )('runs the example: $description', async ({ input }) => {
    const ctx = context(input);
    await action.handler(ctx);
    expect(ctx.output).toHaveBeenCalledWith('cluster', input.cluster);
    emulator.simulation.settle();
    const type = input.manifestPath.includes('inferenceservice')
      ? INFERENCE_SERVICES
      : ROLLOUTS;
    const [workload] = emulator.store.list(type);
    expect(workload.status).toBeDefined();
  });
});
