import {
  ROLLOUT_ACTION_NAMES,
  RolloutActionAvailability,
  RolloutActionName,
  RolloutState,
} from './rolloutState';

type Verdict = string | undefined;

const NO_CANARY =
  'No canary is in flight: the stable revision serves all traffic';

function argoVerdicts(state: RolloutState): Record<RolloutActionName, Verdict> {
  const setWeight =
    "Argo Rollouts takes canary weights from the rollout's steps; promote to move to the next step";
  switch (state.phase) {
    case 'aborted':
      return {
        promote: 'The rollout was aborted; retry it before promoting',
        promoteFull: 'The rollout was aborted; retry it before promoting',
        abort: 'The rollout is already aborted',
        retry: undefined,
        setWeight,
      };
    case 'healthy':
      return {
        promote: NO_CANARY,
        promoteFull: NO_CANARY,
        abort: NO_CANARY,
        retry: 'Only an aborted rollout can be retried',
        setWeight,
      };
    case 'degraded':
      return {
        promote: 'The rollout is degraded; abort it, or fix the canary first',
        promoteFull:
          'The rollout is degraded; abort it, or fix the canary first',
        abort: undefined,
        retry: 'Only an aborted rollout can be retried',
        setWeight,
      };
    default: {
      const fullUnderWay = state.argo?.promoteFull
        ? 'A full promotion is already under way'
        : undefined;
      const noCanary = state.canary ? undefined : NO_CANARY;
      return {
        promote:
          fullUnderWay ??
          noCanary ??
          (state.phase === 'paused'
            ? undefined
            : 'The rollout is not paused: it moves to its next step by itself'),
        promoteFull: fullUnderWay ?? noCanary,
        abort: noCanary,
        retry: 'Only an aborted rollout can be retried',
        setWeight,
      };
    }
  }
}

function kserveVerdicts(
  state: RolloutState,
): Record<RolloutActionName, Verdict> {
  const common = {
    promote: 'KServe canaries have no steps: set the weight, or promote fully',
    retry:
      'KServe keeps no aborted state: set a weight to send traffic to the canary again',
  };
  switch (state.phase) {
    case 'healthy':
      return {
        ...common,
        promoteFull: NO_CANARY,
        abort: NO_CANARY,
        setWeight: `${NO_CANARY}; roll out a new revision with canaryTrafficPercent first`,
      };
    case 'aborted':
      return {
        ...common,
        promoteFull:
          'The canary was rolled back; set a weight to resume it before promoting',
        abort: 'The canary is already rolled back (0% of traffic)',
        setWeight: undefined,
      };
    case 'degraded':
      return {
        ...common,
        promoteFull:
          'The InferenceService is not Ready; roll back, or fix the canary first',
        abort: state.canary ? undefined : NO_CANARY,
        setWeight:
          'The InferenceService is not Ready; roll back, or fix the canary first',
      };
    default:
      return {
        ...common,
        promoteFull: state.canary ? undefined : NO_CANARY,
        abort: state.canary ? undefined : NO_CANARY,
        setWeight: state.canary ? undefined : NO_CANARY,
      };
  }
}

/**
 * Which actions are legal in a rollout's current state, each refusal with a
 * sentence the panel shows next to the disabled button. The portal never
 * offers what the controller would refuse or what would be unsafe: an
 * aborted Argo rollout is retried, never promoted.
 * @public
 */
export function legalRolloutActions(
  state: RolloutState,
): RolloutActionAvailability[] {
  const verdicts =
    state.kind === 'Rollout' ? argoVerdicts(state) : kserveVerdicts(state);
  return ROLLOUT_ACTION_NAMES.map(action => {
    const reason = verdicts[action];
    return reason
      ? { action, allowed: false, reason }
      : { action, allowed: true };
  });
}

/** The availability of one action. @public */
export function rolloutActionAvailability(
  state: RolloutState,
  action: RolloutActionName,
): RolloutActionAvailability {
  return legalRolloutActions(state).find(a => a.action === action)!;
}
