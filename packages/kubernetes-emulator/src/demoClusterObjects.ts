import {
  predictorRevisionName,
  readyInferenceServiceConditions,
} from './inferenceServiceStatus';
import { StoredObject } from './ObjectStore';
import {
  SIMULATED_ANALYSIS,
  SIMULATION_ANNOTATIONS,
} from './RolloutSimulation';
import { MODEL_VERSION_LABEL } from './modelMetadata';

export { MODEL_VERSION_LABEL };

const REGISTRY = 'registry.northwind.example';

function podTemplate(
  app: string,
  image: string,
  version: string,
  hash?: string,
) {
  return {
    metadata: {
      labels: {
        app,
        [MODEL_VERSION_LABEL]: version,
        ...(hash ? { 'rollouts-pod-template-hash': hash } : {}),
      },
    },
    spec: {
      containers: [
        {
          name: 'server',
          image,
          ports: [{ name: 'http', containerPort: 8080, protocol: 'TCP' }],
          resources: { requests: { cpu: '500m', memory: '1Gi' } },
        },
      ],
    },
  };
}

function replicaSet(options: {
  namespace: string;
  rollout: string;
  hash: string;
  image: string;
  version: string;
  revision: string;
  replicas: number;
}): StoredObject {
  const { namespace, rollout, hash, image, version, revision, replicas } =
    options;
  return {
    apiVersion: 'apps/v1',
    kind: 'ReplicaSet',
    metadata: {
      name: `${rollout}-${hash}`,
      namespace,
      labels: { app: rollout, 'rollouts-pod-template-hash': hash },
      annotations: { 'rollout.argoproj.io/revision': revision },
      ownerReferences: [
        {
          apiVersion: 'argoproj.io/v1alpha1',
          kind: 'Rollout',
          name: rollout,
          uid: `uid-${rollout}`,
          controller: true,
          blockOwnerDeletion: true,
        },
      ],
    },
    spec: {
      replicas,
      selector: {
        matchLabels: { app: rollout, 'rollouts-pod-template-hash': hash },
      },
      template: podTemplate(rollout, image, version, hash),
    },
    status: {
      replicas,
      readyReplicas: replicas,
      availableReplicas: replicas,
      observedGeneration: 1,
    },
  };
}

interface RolloutFixture {
  namespace: string;
  name: string;
  team: string;
  stable: { hash: string; version: string };
  canary: { hash: string; version: string };
  revision: string;
  steps: unknown[];
  annotations?: Record<string, string>;
  labels?: Record<string, string>;
}

function rolloutObjects(fixture: RolloutFixture): StoredObject[] {
  const { namespace, name, stable, canary, revision, steps } = fixture;
  const image = (version: string) =>
    `${REGISTRY}/${fixture.team}/${name}:${version}`;
  const inCanary = stable.hash !== canary.hash;
  return [
    {
      apiVersion: 'argoproj.io/v1alpha1',
      kind: 'Rollout',
      metadata: {
        name,
        namespace,
        uid: `uid-${name}`,
        labels: { app: name, ...fixture.labels },
        annotations: {
          'rollout.argoproj.io/revision': revision,
          ...fixture.annotations,
        },
      },
      spec: {
        replicas: 10,
        revisionHistoryLimit: 3,
        selector: { matchLabels: { app: name } },
        template: podTemplate(name, image(canary.version), canary.version),
        strategy: {
          canary: {
            canaryService: `${name}-canary`,
            stableService: `${name}-stable`,
            trafficRouting: { nginx: { stableIngress: name } },
            steps,
          },
        },
      },
      status: {
        phase: 'Progressing',
        message: 'more replicas need to be updated',
        currentPodHash: canary.hash,
        stableRS: stable.hash,
        currentStepIndex: inCanary ? 0 : steps.length,
        currentStepHash: '5f6d7c8b9',
        observedGeneration: '1',
        replicas: 10,
        updatedReplicas: inCanary ? 1 : 10,
        readyReplicas: 10,
        availableReplicas: 10,
        selector: `app=${name}`,
        canary: {
          weights: {
            canary: { podTemplateHash: canary.hash, weight: 0 },
            stable: { podTemplateHash: stable.hash, weight: 100 },
          },
        },
        conditions: [
          {
            type: 'Available',
            status: 'True',
            reason: 'AvailableReason',
            message: 'Rollout has minimum availability',
          },
        ],
      },
    },
    replicaSet({
      namespace,
      rollout: name,
      hash: stable.hash,
      image: image(stable.version),
      version: stable.version,
      revision: String(Number(revision) - (inCanary ? 1 : 0)),
      replicas: inCanary ? 9 : 10,
    }),
    ...(inCanary
      ? [
          replicaSet({
            namespace,
            rollout: name,
            hash: canary.hash,
            image: image(canary.version),
            version: canary.version,
            revision,
            replicas: 1,
          }),
        ]
      : []),
  ];
}

const canarySteps = [
  { setWeight: 10 },
  {
    analysis: {
      templates: [{ templateName: SIMULATED_ANALYSIS.templateName }],
    },
  },
  { pause: {} },
  { setWeight: 25 },
  {
    analysis: {
      templates: [{ templateName: SIMULATED_ANALYSIS.templateName }],
    },
  },
  { pause: {} },
  { setWeight: 50 },
  { pause: {} },
];

interface InferenceServiceFixture {
  namespace: string;
  name: string;
  format: string;
  team: string;
  stable: { revision: number; version: string };
  canary?: { revision: number; version: string; percent: number };
}

function inferenceService(fixture: InferenceServiceFixture): StoredObject {
  const { namespace, name, stable, canary } = fixture;
  const revisionName = (n: number) => predictorRevisionName(name, n);
  const current = canary ?? stable;
  const url = `http://${name}.${namespace}.example.com`;
  const conditions = readyInferenceServiceConditions('2026-11-20T09:12:00Z');
  return {
    apiVersion: 'serving.kserve.io/v1beta1',
    kind: 'InferenceService',
    metadata: {
      name,
      namespace,
      labels: { [MODEL_VERSION_LABEL]: current.version },
      annotations: {
        'serving.kserve.io/deploymentMode': 'Serverless',
        ...(canary
          ? { 'mlops-portal.io/stable-model-version': stable.version }
          : {}),
      },
    },
    spec: {
      predictor: {
        minReplicas: 2,
        ...(canary ? { canaryTrafficPercent: canary.percent } : {}),
        model: {
          modelFormat: { name: fixture.format },
          storageUri: `gs://northwind-models/${fixture.team}/${name}/${current.version}`,
          resources: { requests: { cpu: '1', memory: '2Gi' } },
        },
      },
    },
    status: {
      url,
      address: { url: `http://${name}.${namespace}.svc.cluster.local` },
      observedGeneration: 1,
      conditions,
      modelStatus: {
        states: { activeModelState: 'Loaded', targetModelState: 'Loaded' },
        transitionStatus: 'UpToDate',
      },
      components: {
        predictor: {
          url: `http://${name}-predictor.${namespace}.example.com`,
          latestCreatedRevision: revisionName(current.revision),
          latestReadyRevision: revisionName(current.revision),
          latestRolledoutRevision: revisionName(stable.revision),
          ...(stable.revision > 1
            ? { previousRolledoutRevision: revisionName(stable.revision - 1) }
            : {}),
          traffic: canary
            ? [
                {
                  tag: 'latest',
                  latestRevision: true,
                  percent: canary.percent,
                  revisionName: revisionName(canary.revision),
                },
                {
                  tag: 'prev',
                  latestRevision: false,
                  percent: 100 - canary.percent,
                  revisionName: revisionName(stable.revision),
                },
              ]
            : [
                {
                  latestRevision: true,
                  percent: 100,
                  revisionName: revisionName(stable.revision),
                },
              ],
        },
      },
    },
  };
}

/**
 * The demo portal's cluster: the Rollouts and InferenceServices the demo
 * catalog's models name in `spec.deployment.kubernetes`, at the start of
 * their canaries. After {@link RolloutSimulation.settle} they show every
 * state the panel knows: card-fraud-detector paused at a step after a
 * passing analysis, account-takeover-detector at a 10 % KServe canary,
 * search-relevance-ranker healthy, store-demand-forecaster aborted by a
 * failing analysis.
 */
export function demoClusterObjects(): StoredObject[] {
  return [
    ...rolloutObjects({
      namespace: 'fraud-ml',
      name: 'fraud-scorer',
      team: 'fraud-ml',
      stable: { hash: '6d8f7c9b5', version: '3.2.0' },
      canary: { hash: '7b9c4d5f8', version: '3.3.0-rc.1' },
      revision: '14',
      steps: canarySteps,
      labels: { 'app.kubernetes.io/part-of': 'fraud-platform' },
      annotations: {
        'argocd.argoproj.io/tracking-id':
          'fraud-scorer-prod:argoproj.io/Rollout:fraud-ml/fraud-scorer',
      },
    }),
    ...rolloutObjects({
      namespace: 'search',
      name: 'search-reranker',
      team: 'search-ranking',
      stable: { hash: '58c6f9d7b4', version: '4.2.0' },
      canary: { hash: '58c6f9d7b4', version: '4.2.0' },
      revision: '9',
      steps: canarySteps,
    }),
    ...rolloutObjects({
      namespace: 'forecasting',
      name: 'demand-forecast-api',
      team: 'forecasting',
      stable: { hash: '84d9b7c6f5', version: '5.1.0' },
      canary: { hash: '9c5f8b4d7', version: '5.2.0' },
      revision: '22',
      steps: canarySteps,
      annotations: {
        [SIMULATION_ANNOTATIONS.canaryErrorRate]: '0.0342',
        [SIMULATION_ANNOTATIONS.stableErrorRate]: '0.0051',
        [SIMULATION_ANNOTATIONS.canaryLatencyP95Ms]: '212',
        [SIMULATION_ANNOTATIONS.stableLatencyP95Ms]: '97',
      },
    }),
    inferenceService({
      namespace: 'fraud-ml',
      name: 'account-takeover-detector',
      format: 'pytorch',
      team: 'fraud-ml',
      stable: { revision: 4, version: '0.4.0' },
      canary: { revision: 5, version: '0.5.0', percent: 10 },
    }),
    inferenceService({
      namespace: 'ml-platform',
      name: 'support-ticket-triage',
      format: 'huggingface',
      team: 'ml-platform',
      stable: { revision: 6, version: '1.4.0' },
    }),
    inferenceService({
      namespace: 'search',
      name: 'product-embeddings',
      format: 'huggingface',
      team: 'search-ranking',
      stable: { revision: 3, version: '2.1.0' },
    }),
    inferenceService({
      namespace: 'search',
      name: 'similar-items',
      format: 'tensorflow',
      team: 'search-ranking',
      stable: { revision: 2, version: '0.9.0' },
    }),
  ];
}
