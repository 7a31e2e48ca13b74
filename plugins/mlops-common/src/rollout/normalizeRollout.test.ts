import {
  normalizeArgoRollout,
  normalizeInferenceService,
} from './normalizeRollout';
import {
  analysisRun,
  argoRollout,
  inferenceService,
  promotedInferenceService,
  stableReplicaSet,
} from './rolloutTestFixtures';

describe('normalizeArgoRollout', () => {
  it('reads a canary paused at a pause step after a passing analysis', () => {
    const state = normalizeArgoRollout(argoRollout(), {
      replicaSets: [stableReplicaSet],
      analysisRuns: [
        analysisRun({ name: 'fraud-scorer-7b9c4d5f8-14-1', stepIndex: 1 }),
        // an earlier revision's run, and another rollout's run: not this canary
        analysisRun({ name: 'old', stepIndex: 1, hash: '5555aaaa' }),
        analysisRun({ name: 'other', stepIndex: 1, owner: 'someone-else' }),
      ],
    });
    expect(state).toMatchObject({
      kind: 'Rollout',
      namespace: 'fraud-ml',
      name: 'fraud-scorer',
      resourceVersion: '48211',
      phase: 'paused',
      pauseReasons: ['Waiting at a pause step for promotion'],
      stable: {
        name: '6d8f7c9b5',
        weight: 90,
        modelVersion: '3.2.0',
        artifact: 'registry.example/fraud-scorer:3.2.0',
      },
      canary: {
        name: '7b9c4d5f8',
        weight: 10,
        modelVersion: '3.3.0-rc.1',
        artifact: 'registry.example/fraud-scorer:3.3.0-rc.1',
      },
      step: { index: 2, count: 7 },
    });
    expect(state.steps[1]).toEqual({
      type: 'analysis',
      templates: ['canary-health'],
    });
    expect(state.steps[4]).toEqual({ type: 'pause', duration: '10m' });
    expect(state.analysisRuns).toEqual([
      {
        name: 'fraud-scorer-7b9c4d5f8-14-1',
        phase: 'Successful',
        stepIndex: 1,
        podHash: '7b9c4d5f8',
        startedAt: '2026-11-26T21:02:00Z',
        metrics: [
          {
            name: 'canary-error-rate',
            phase: 'Successful',
            value: '[0.0041]',
            successCondition: 'result[0] <= 0.01',
          },
          { name: 'stable-error-rate', phase: 'Successful', value: '[0.0047]' },
        ],
      },
    ]);
  });

  it('leaves the stable version unknown without its ReplicaSet', () => {
    const state = normalizeArgoRollout(argoRollout());
    expect(state.stable).toEqual({ name: '6d8f7c9b5', weight: 90 });
  });

  it('reads an aborted rollout as aborted, not degraded, with all traffic on stable', () => {
    const state = normalizeArgoRollout(
      argoRollout({
        status: {
          abort: true,
          phase: 'Degraded',
          message: 'RolloutAborted: Rollout aborted update to revision 14',
          currentStepIndex: 0,
          pauseConditions: undefined,
          controllerPause: false,
          canary: undefined,
        },
      }),
    );
    expect(state.phase).toBe('aborted');
    expect(state.message).toBe(
      'RolloutAborted: Rollout aborted update to revision 14',
    );
    expect(state.canary?.weight).toBe(0);
    expect(state.stable?.weight).toBe(100);
    expect(state.pauseReasons).toEqual([]);
  });

  it('reads a degraded rollout that was not aborted', () => {
    const state = normalizeArgoRollout(
      argoRollout({
        status: {
          phase: 'Degraded',
          message: 'ProgressDeadlineExceeded',
          pauseConditions: undefined,
        },
      }),
    );
    expect(state.phase).toBe('degraded');
  });

  it('reads a fully promoted rollout as healthy without a canary', () => {
    const state = normalizeArgoRollout(
      argoRollout({
        status: {
          phase: 'Healthy',
          message: undefined,
          stableRS: '7b9c4d5f8',
          currentStepIndex: 7,
          pauseConditions: undefined,
          controllerPause: false,
        },
      }),
    );
    expect(state.phase).toBe('healthy');
    expect(state.canary).toBeUndefined();
    expect(state.stable).toMatchObject({
      name: '7b9c4d5f8',
      weight: 100,
      modelVersion: '3.3.0-rc.1',
    });
    expect(state.step).toEqual({ index: 7, count: 7 });
  });

  it('reads a manual pause (spec.paused)', () => {
    const state = normalizeArgoRollout(
      argoRollout({
        spec: { paused: true },
        status: {
          phase: 'Progressing',
          pauseConditions: undefined,
          controllerPause: false,
        },
      }),
    );
    expect(state.phase).toBe('paused');
    expect(state.pauseReasons).toEqual(['Paused by hand (spec.paused)']);
  });

  it('reads a progressing rollout and falls back to the steps for the weight', () => {
    const state = normalizeArgoRollout(
      argoRollout({
        status: {
          phase: 'Progressing',
          currentStepIndex: 4,
          pauseConditions: undefined,
          controllerPause: false,
          canary: {},
        },
      }),
    );
    expect(state.phase).toBe('progressing');
    expect(state.canary?.weight).toBe(25);
  });

  it('recognises Argo CD tracking by annotation and by label (but not Helm)', () => {
    const annotated = normalizeArgoRollout(
      argoRollout({
        metadata: {
          annotations: {
            'argocd.argoproj.io/tracking-id':
              'fraud-prod:argoproj.io/Rollout:fraud-ml/fraud-scorer',
          },
        },
      }),
    );
    expect(annotated.argoCd).toEqual({
      application: 'fraud-prod',
      method: 'annotation',
    });
    const labelled = normalizeArgoRollout(
      argoRollout({
        metadata: { labels: { 'app.kubernetes.io/instance': 'fraud-prod' } },
      }),
    );
    expect(labelled.argoCd).toEqual({
      application: 'fraud-prod',
      method: 'label',
    });
    const helm = normalizeArgoRollout(
      argoRollout({
        metadata: {
          labels: {
            'app.kubernetes.io/instance': 'x',
            'app.kubernetes.io/managed-by': 'Helm',
          },
        },
      }),
    );
    expect(helm.argoCd).toBeUndefined();
  });

  it('survives malformed objects', () => {
    const state = normalizeArgoRollout({
      metadata: { name: 7 },
      spec: 'nope',
      status: { pauseConditions: 'x' },
    });
    expect(state).toMatchObject({
      name: '',
      phase: 'healthy',
      steps: [],
      analysisRuns: [],
    });
  });
});

describe('normalizeInferenceService', () => {
  it('reads a 10% canary waiting for promotion', () => {
    const state = normalizeInferenceService(inferenceService());
    expect(state).toMatchObject({
      kind: 'InferenceService',
      name: 'account-takeover-detector',
      resourceVersion: '9921',
      phase: 'paused',
      pauseReasons: ['Canary at 10% of traffic, waiting for promotion'],
      canaryTrafficPercent: 10,
      canary: {
        name: 'account-takeover-detector-predictor-00005',
        weight: 10,
        modelVersion: '0.5.0',
        artifact: 'gs://models/account-takeover-detector/0.5.0',
      },
      stable: {
        name: 'account-takeover-detector-predictor-00004',
        weight: 90,
        modelVersion: '0.4.0',
      },
    });
    expect(state.step).toBeUndefined();
  });

  it('reads canaryTrafficPercent 0 as rolled back', () => {
    const state = normalizeInferenceService(
      inferenceService({ canaryTrafficPercent: 0 }),
    );
    expect(state.phase).toBe('aborted');
    expect(state.canary?.weight).toBe(0);
    expect(state.stable?.weight).toBe(100);
  });

  it('reads a promoted service as healthy', () => {
    const state = normalizeInferenceService(promotedInferenceService);
    expect(state.phase).toBe('healthy');
    expect(state.canary).toBeUndefined();
    expect(state.stable).toMatchObject({
      name: 'account-takeover-detector-predictor-00005',
      weight: 100,
      modelVersion: '0.5.0',
    });
  });

  it('reads a not-ready service as degraded with its reason', () => {
    const state = normalizeInferenceService(
      inferenceService({
        conditions: [
          {
            type: 'Ready',
            status: 'False',
            reason: 'RevisionFailed',
            message: 'Container failed',
          },
        ],
      }),
    );
    expect(state.phase).toBe('degraded');
    expect(state.message).toBe('RevisionFailed: Container failed');
  });

  it('reads a revision that is not ready yet as progressing', () => {
    const state = normalizeInferenceService(
      inferenceService({
        predictor: {
          latestCreatedRevision: 'account-takeover-detector-predictor-00006',
        },
      }),
    );
    expect(state.phase).toBe('progressing');
  });

  it('takes the model version from the storage URI without the label', () => {
    const service = inferenceService();
    delete service.metadata.labels;
    expect(normalizeInferenceService(service).canary?.modelVersion).toBe(
      '0.5.0',
    );
  });
});
