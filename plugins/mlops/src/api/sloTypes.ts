import type {
  ModelSloStatus,
  SloEvaluationError,
  SloStatus,
  SloSummaryItem,
} from '@mlops-portal/plugin-mlops-common';

/*
 * The SLO API's JSON (`/api/mlops/slo/...`): the backend builds it from
 * these mlops-common types, whose dates are already strings and periods
 * epoch milliseconds, so they are the wire form as is.
 */

export type {
  ModelSloSummary,
  SloSummaryResponse,
} from '@mlops-portal/plugin-mlops-common';

/** One SLO with its numbers, alerts and chart series (`GET /slo/:namespace/:name`). @public */
export type SloStatusView = SloStatus;

/** An SLO (or the definitions) that could not be evaluated, and why. @public */
export type SloEvaluationErrorView = SloEvaluationError;

/** The SLO status of one model, as computed by the backend's scheduled task. @public */
export type ModelSloStatusResponse = ModelSloStatus;

/** One SLO in the summary, without series. @public */
export type SloSummaryItemView = SloSummaryItem;
