/**
 * Objects as an Argo Rollouts v1.7 controller and KServe 0.13 write them
 * (field names from their API types), for the rollout tests.
 */

export const canarySteps = [
  { setWeight: 10 },
  { analysis: { templates: [{ templateName: 'canary-health' }] } },
  { pause: {} },
  { setWeight: 25 },
  { pause: { duration: '10m' } },
  { setWeight: 50 },
  { pause: {} },
];

type Overrides = { spec?: object; status?: object; metadata?: object };

export function argoRollout(overrides: Overrides = {}): any {
  return {
    apiVersion: 'argoproj.io/v1alpha1',
    kind: 'Rollout',
    metadata: {
      name: 'fraud-scorer',
      namespace: 'fraud-ml',
      resourceVersion: '48211',
      generation: 14,
      labels: { app: 'fraud-scorer' },
      annotations: { 'rollout.argoproj.io/revision': '14' },
      ...overrides.metadata,
    },
    spec: {
      replicas: 10,
      selector: { matchLabels: { app: 'fraud-scorer' } },
      template: {
        metadata: {
          labels: {
            app: 'fraud-scorer',
            'mlops-portal.io/model-version': '3.3.0-rc.1',
          },
        },
        spec: {
          containers: [
            {
              name: 'server',
              image: 'registry.example/fraud-scorer:3.3.0-rc.1',
            },
          ],
        },
      },
      strategy: {
        canary: {
          canaryService: 'fraud-scorer-canary',
          stableService: 'fraud-scorer-stable',
          steps: canarySteps,
        },
      },
      ...overrides.spec,
    },
    status: {
      phase: 'Paused',
      message: 'CanaryPauseStep',
      currentPodHash: '7b9c4d5f8',
      stableRS: '6d8f7c9b5',
      currentStepIndex: 2,
      currentStepHash: '5f6d7c8b9',
      controllerPause: true,
      pauseConditions: [
        { reason: 'CanaryPauseStep', startTime: '2026-11-26T21:04:11Z' },
      ],
      canary: {
        weights: {
          canary: { podTemplateHash: '7b9c4d5f8', weight: 10 },
          stable: { podTemplateHash: '6d8f7c9b5', weight: 90 },
        },
      },
      replicas: 10,
      updatedReplicas: 1,
      readyReplicas: 10,
      availableReplicas: 10,
      ...overrides.status,
    },
  };
}

export const stableReplicaSet = {
  apiVersion: 'apps/v1',
  kind: 'ReplicaSet',
  metadata: {
    name: 'fraud-scorer-6d8f7c9b5',
    namespace: 'fraud-ml',
    labels: { app: 'fraud-scorer', 'rollouts-pod-template-hash': '6d8f7c9b5' },
  },
  spec: {
    template: {
      metadata: {
        labels: {
          app: 'fraud-scorer',
          'rollouts-pod-template-hash': '6d8f7c9b5',
          'mlops-portal.io/model-version': '3.2.0',
        },
      },
      spec: {
        containers: [
          { name: 'server', image: 'registry.example/fraud-scorer:3.2.0' },
        ],
      },
    },
  },
};

export function analysisRun(options: {
  name: string;
  stepIndex: number;
  hash?: string;
  phase?: string;
  owner?: string;
  canaryErrorRate?: number;
}): any {
  const phase = options.phase ?? 'Successful';
  return {
    apiVersion: 'argoproj.io/v1alpha1',
    kind: 'AnalysisRun',
    metadata: {
      name: options.name,
      namespace: 'fraud-ml',
      creationTimestamp: '2026-11-26T21:02:00Z',
      labels: {
        'rollout-type': 'Step',
        'rollouts-pod-template-hash': options.hash ?? '7b9c4d5f8',
        'step-index': String(options.stepIndex),
      },
      ownerReferences: [
        {
          apiVersion: 'argoproj.io/v1alpha1',
          kind: 'Rollout',
          name: options.owner ?? 'fraud-scorer',
          uid: 'u',
          controller: true,
        },
      ],
    },
    spec: {
      metrics: [
        {
          name: 'canary-error-rate',
          successCondition: 'result[0] <= 0.01',
          provider: { prometheus: { query: 'q' } },
        },
        { name: 'stable-error-rate', provider: { prometheus: { query: 'q' } } },
      ],
    },
    status: {
      phase,
      ...(phase === 'Failed'
        ? {
            message:
              'Metric "canary-error-rate" assessed Failed due to failed (1) > failureLimit (0)',
          }
        : {}),
      startedAt: '2026-11-26T21:02:00Z',
      metricResults: [
        {
          name: 'canary-error-rate',
          phase,
          count: 2,
          measurements: [
            { phase, value: '[0.0039]', startedAt: '2026-11-26T21:02:00Z' },
            {
              phase,
              value: `[${options.canaryErrorRate ?? 0.0041}]`,
              startedAt: '2026-11-26T21:03:00Z',
            },
          ],
        },
        {
          name: 'stable-error-rate',
          phase: 'Successful',
          count: 1,
          measurements: [{ phase: 'Successful', value: '[0.0047]' }],
        },
      ],
    },
  };
}

export function inferenceService(
  overrides: {
    canaryTrafficPercent?: number | null;
    traffic?: object[];
    predictor?: object;
    conditions?: object[];
    annotations?: object;
  } = {},
): any {
  const percent =
    overrides.canaryTrafficPercent === undefined
      ? 10
      : overrides.canaryTrafficPercent;
  return {
    apiVersion: 'serving.kserve.io/v1beta1',
    kind: 'InferenceService',
    metadata: {
      name: 'account-takeover-detector',
      namespace: 'fraud-ml',
      resourceVersion: '9921',
      labels: { 'mlops-portal.io/model-version': '0.5.0' },
      annotations: {
        'mlops-portal.io/stable-model-version': '0.4.0',
        ...overrides.annotations,
      },
    },
    spec: {
      predictor: {
        minReplicas: 2,
        ...(percent === null ? {} : { canaryTrafficPercent: percent }),
        model: {
          modelFormat: { name: 'pytorch' },
          storageUri: 'gs://models/account-takeover-detector/0.5.0',
        },
      },
    },
    status: {
      url: 'http://account-takeover-detector.fraud-ml.example.com',
      conditions: overrides.conditions ?? [
        { type: 'PredictorReady', status: 'True' },
        { type: 'Ready', status: 'True' },
      ],
      components: {
        predictor: {
          latestCreatedRevision: 'account-takeover-detector-predictor-00005',
          latestReadyRevision: 'account-takeover-detector-predictor-00005',
          latestRolledoutRevision: 'account-takeover-detector-predictor-00004',
          previousRolledoutRevision:
            'account-takeover-detector-predictor-00003',
          traffic: overrides.traffic ?? [
            {
              tag: 'latest',
              latestRevision: true,
              percent: percent ?? 100,
              revisionName: 'account-takeover-detector-predictor-00005',
            },
            {
              tag: 'prev',
              latestRevision: false,
              percent: 100 - (percent ?? 100),
              revisionName: 'account-takeover-detector-predictor-00004',
            },
          ],
          ...overrides.predictor,
        },
      },
    },
  };
}

export const promotedInferenceService = inferenceService({
  canaryTrafficPercent: null,
  traffic: [
    {
      latestRevision: true,
      percent: 100,
      revisionName: 'account-takeover-detector-predictor-00005',
    },
  ],
  predictor: {
    latestRolledoutRevision: 'account-takeover-detector-predictor-00005',
    previousRolledoutRevision: 'account-takeover-detector-predictor-00004',
  },
});
