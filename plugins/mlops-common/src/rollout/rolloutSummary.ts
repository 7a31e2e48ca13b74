import {
  RolloutPhase,
  RolloutState,
  RolloutWorkloadKind,
} from './rolloutState';

/** What the Models page shows of a canary in one table cell. @public */
export interface RolloutStateSummary {
  kind: RolloutWorkloadKind;
  phase: RolloutPhase;
  canaryWeight?: number;
  canaryVersion?: string;
  stableVersion?: string;
  step?: { index: number; count: number };
}

/** The row of a canary in the Models table. @public */
export function summarizeRolloutState(
  state: RolloutState,
): RolloutStateSummary {
  return {
    kind: state.kind,
    phase: state.phase,
    ...(state.canary ? { canaryWeight: state.canary.weight } : {}),
    ...(state.canary?.modelVersion
      ? { canaryVersion: state.canary.modelVersion }
      : {}),
    ...(state.stable?.modelVersion
      ? { stableVersion: state.stable.modelVersion }
      : {}),
    ...(state.step ? { step: state.step } : {}),
  };
}
