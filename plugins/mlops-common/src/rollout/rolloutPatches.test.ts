import {
  normalizeArgoRollout,
  normalizeInferenceService,
} from './normalizeRollout';
import { planRolloutAction, withResourceVersion } from './rolloutPatches';
import { summarizeRolloutState } from './rolloutSummary';
import { argoRollout, inferenceService } from './rolloutTestFixtures';

function plan(...args: Parameters<typeof planRolloutAction>) {
  const result = planRolloutAction(...args);
  if (!result.ok) throw new Error(result.reason);
  return result.plan;
}

describe('planRolloutAction (Argo Rollouts, as kubectl argo rollouts)', () => {
  it('promote clears the pause conditions through /status', () => {
    expect(plan(normalizeArgoRollout(argoRollout()), 'promote')).toEqual({
      statusPatch: { status: { pauseConditions: null } },
      unifiedPatch: {
        spec: { paused: false },
        status: { pauseConditions: null },
      },
    });
  });

  it('promote of a manually paused rollout also unpauses the spec', () => {
    const state = normalizeArgoRollout(argoRollout({ spec: { paused: true } }));
    expect(plan(state, 'promote')).toEqual({
      specPatch: { spec: { paused: false } },
      statusPatch: { status: { pauseConditions: null } },
      unifiedPatch: {
        spec: { paused: false },
        status: { pauseConditions: null },
      },
    });
  });

  it('promote without pause conditions moves the step index instead', () => {
    const state = normalizeArgoRollout(
      argoRollout({
        spec: { paused: true },
        status: {
          pauseConditions: undefined,
          controllerPause: false,
          currentStepIndex: 1,
          phase: 'Paused',
        },
      }),
    );
    expect(plan(state, 'promote')).toEqual({
      specPatch: { spec: { paused: false } },
      statusPatch: { status: { pauseConditions: null, currentStepIndex: 2 } },
      unifiedPatch: {
        spec: { paused: false },
        status: { pauseConditions: null, currentStepIndex: 2 },
      },
    });
  });

  it('promote --full, abort and retry patch status', () => {
    expect(
      plan(normalizeArgoRollout(argoRollout()), 'promoteFull').statusPatch,
    ).toEqual({ status: { promoteFull: true } });
    expect(plan(normalizeArgoRollout(argoRollout()), 'abort')).toEqual({
      statusPatch: { status: { abort: true } },
      unifiedPatch: { status: { abort: true } },
    });
    const aborted = normalizeArgoRollout(
      argoRollout({ status: { abort: true, phase: 'Degraded' } }),
    );
    expect(plan(aborted, 'retry')).toEqual({
      statusPatch: { status: { abort: false } },
      unifiedPatch: { status: { abort: false } },
    });
  });

  it('refuses illegal actions with their reason', () => {
    const aborted = normalizeArgoRollout(
      argoRollout({ status: { abort: true, phase: 'Degraded' } }),
    );
    expect(planRolloutAction(aborted, 'promote')).toEqual({
      ok: false,
      reason: 'The rollout was aborted; retry it before promoting',
    });
    expect(planRolloutAction(aborted, 'setWeight', { weight: 20 }).ok).toBe(
      false,
    );
  });
});

describe('planRolloutAction (KServe)', () => {
  const canary = normalizeInferenceService(inferenceService());

  it('sets, removes and zeroes canaryTrafficPercent', () => {
    expect(plan(canary, 'setWeight', { weight: 30 })).toEqual({
      specPatch: { spec: { predictor: { canaryTrafficPercent: 30 } } },
    });
    expect(plan(canary, 'promoteFull')).toEqual({
      specPatch: { spec: { predictor: { canaryTrafficPercent: null } } },
    });
    expect(plan(canary, 'abort')).toEqual({
      specPatch: { spec: { predictor: { canaryTrafficPercent: 0 } } },
    });
  });

  it.each([[undefined], [0], [100], [12.5], [-3]])(
    'refuses weight %p',
    weight => {
      const result = planRolloutAction(canary, 'setWeight', { weight });
      expect(result).toEqual({
        ok: false,
        reason: expect.stringMatching(
          /weight must be a whole number from 1 to 99/,
        ),
      });
    },
  );
});

describe('withResourceVersion', () => {
  it('adds the precondition without losing metadata the patch sets', () => {
    expect(
      withResourceVersion(
        { metadata: { labels: { a: 'b' } }, status: { abort: true } },
        '42',
      ),
    ).toEqual({
      metadata: { labels: { a: 'b' }, resourceVersion: '42' },
      status: { abort: true },
    });
  });
});

describe('summarizeRolloutState', () => {
  it('keeps what the Models table shows', () => {
    expect(summarizeRolloutState(normalizeArgoRollout(argoRollout()))).toEqual({
      kind: 'Rollout',
      phase: 'paused',
      canaryWeight: 10,
      canaryVersion: '3.3.0-rc.1',
      step: { index: 2, count: 7 },
    });
  });
});
