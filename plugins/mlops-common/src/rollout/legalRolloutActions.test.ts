import { legalRolloutActions } from './legalRolloutActions';
import {
  normalizeArgoRollout,
  normalizeInferenceService,
} from './normalizeRollout';
import { RolloutState } from './rolloutState';
import {
  argoRollout,
  inferenceService,
  promotedInferenceService,
} from './rolloutTestFixtures';

function allowed(state: RolloutState) {
  return legalRolloutActions(state)
    .filter(a => a.allowed)
    .map(a => a.action);
}

function reasons(state: RolloutState) {
  return Object.fromEntries(
    legalRolloutActions(state).map(a => [a.action, a.reason]),
  );
}

describe('legalRolloutActions', () => {
  it('gives a reason for every refused action', () => {
    for (const state of [
      normalizeArgoRollout(argoRollout()),
      normalizeArgoRollout(
        argoRollout({ status: { abort: true, phase: 'Degraded' } }),
      ),
      normalizeInferenceService(inferenceService()),
      normalizeInferenceService(promotedInferenceService),
    ]) {
      for (const availability of legalRolloutActions(state)) {
        expect(availability.allowed || !!availability.reason).toBe(true);
      }
    }
  });

  describe('Argo Rollouts', () => {
    it('offers promote, promote fully and abort on a paused canary', () => {
      const state = normalizeArgoRollout(argoRollout());
      expect(allowed(state)).toEqual(['promote', 'promoteFull', 'abort']);
      expect(reasons(state).setWeight).toMatch(/steps/);
      expect(reasons(state).retry).toBe(
        'Only an aborted rollout can be retried',
      );
    });

    it('never promotes an aborted rollout; offers retry', () => {
      const state = normalizeArgoRollout(
        argoRollout({ status: { abort: true, phase: 'Degraded' } }),
      );
      expect(allowed(state)).toEqual(['retry']);
      expect(reasons(state).promote).toBe(
        'The rollout was aborted; retry it before promoting',
      );
      expect(reasons(state).promoteFull).toBe(
        'The rollout was aborted; retry it before promoting',
      );
      expect(reasons(state).abort).toBe('The rollout is already aborted');
    });

    it('offers nothing on a healthy rollout', () => {
      const state = normalizeArgoRollout(
        argoRollout({
          status: {
            phase: 'Healthy',
            stableRS: '7b9c4d5f8',
            pauseConditions: undefined,
          },
        }),
      );
      expect(allowed(state)).toEqual([]);
      expect(reasons(state).promote).toMatch(/No canary/);
    });

    it('only aborts a degraded rollout', () => {
      const state = normalizeArgoRollout(
        argoRollout({
          status: { phase: 'Degraded', pauseConditions: undefined },
        }),
      );
      expect(allowed(state)).toEqual(['abort']);
    });

    it('does not step-promote a rollout that is progressing by itself', () => {
      const state = normalizeArgoRollout(
        argoRollout({
          status: {
            phase: 'Progressing',
            pauseConditions: undefined,
            controllerPause: false,
          },
        }),
      );
      expect(allowed(state)).toEqual(['promoteFull', 'abort']);
      expect(reasons(state).promote).toMatch(/not paused/);
    });

    it('does not promote twice while a full promotion is under way', () => {
      const state = normalizeArgoRollout(
        argoRollout({ status: { promoteFull: true } }),
      );
      expect(allowed(state)).toEqual(['abort']);
      expect(reasons(state).promoteFull).toBe(
        'A full promotion is already under way',
      );
    });
  });

  describe('KServe', () => {
    it('offers promote fully, abort and set weight on a canary', () => {
      const state = normalizeInferenceService(inferenceService());
      expect(allowed(state)).toEqual(['promoteFull', 'abort', 'setWeight']);
      expect(reasons(state).promote).toMatch(/no steps/);
      expect(reasons(state).retry).toMatch(/set a weight/);
    });

    it('after a rollback only offers setting a weight', () => {
      const state = normalizeInferenceService(
        inferenceService({ canaryTrafficPercent: 0 }),
      );
      expect(allowed(state)).toEqual(['setWeight']);
      expect(reasons(state).promoteFull).toMatch(/rolled back/);
    });

    it('offers nothing without a canary', () => {
      expect(
        allowed(normalizeInferenceService(promotedInferenceService)),
      ).toEqual([]);
    });

    it('only rolls back a service that is not Ready', () => {
      const state = normalizeInferenceService(
        inferenceService({ conditions: [{ type: 'Ready', status: 'False' }] }),
      );
      expect(allowed(state)).toEqual(['abort']);
    });
  });
});
