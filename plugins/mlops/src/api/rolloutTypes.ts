import type {
  RolloutActionCommand,
  RolloutWorkloadRef,
} from '@mlops-portal/plugin-mlops-common';

/*
 * The canary API's JSON (`/api/mlops/rollout/...`): the backend builds it
 * from these mlops-common types, whose dates are already strings, so they
 * are the wire form as is.
 */

export type {
  CanaryComparison,
  CanaryMetrics,
  RolloutActionRecord,
  RolloutActionResponse,
  RolloutActionView,
  RolloutGateCheck,
  RolloutGateDecision,
  RolloutSummaryResponse,
  RolloutView,
} from '@mlops-portal/plugin-mlops-common';

/** Where a model's canary lives (`spec.deployment.kubernetes`). @public */
export type RolloutDeployment = RolloutWorkloadRef;

/** The body of `POST /rollout/:namespace/:name/actions`. @public */
export type RolloutActionRequest = RolloutActionCommand;
