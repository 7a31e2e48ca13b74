import { SloState, SloStatus } from '@mlops-portal/plugin-mlops-common';

/** One SLO with its numbers, alerts and chart series (`GET /slo/:namespace/:name`). @public */
export type SloStatusView = SloStatus;

/**
 * An SLO (or the definitions) that could not be evaluated: `failure` says
 * whether the provider did not answer (`unreachable`), failed the query
 * (`query`), matched no series (`no-data`), or the definitions are invalid
 * (`definition`). @public
 */
export interface SloEvaluationErrorView {
  slo?: string;
  message: string;
  failure?: 'unreachable' | 'query' | 'no-data' | 'definition';
}

/** The SLO status of one model, as computed by the backend's scheduled task. @public */
export interface ModelSloStatusResponse {
  entityRef: string;
  /** `builtin` or `prometheus` (or what the annotation names). */
  provider: string;
  source: 'entity' | 'openslo-file' | 'none';
  computedAt: string;
  slos: SloStatusView[];
  /** SLOs (or definitions) that could not be evaluated, with the reason. */
  errors: SloEvaluationErrorView[];
  worstState?: SloState;
  minBudgetRemaining?: number;
  exhausted: boolean;
}

/** One SLO in the summary, without series. @public */
export interface SloSummaryItemView {
  name: string;
  objective: number;
  window: string;
  state: SloState;
  sli: number | null;
  errorBudgetRemaining: number;
  summary: string;
}

/** What the Models column and the team roll-up show per model. @public */
export type ModelSloSummary =
  | {
      entityRef: string;
      status: 'computed';
      provider: string;
      computedAt: string;
      worstState?: SloState;
      minBudgetRemaining?: number;
      exhausted: boolean;
      errorCount: number;
      slos: SloSummaryItemView[];
    }
  | { entityRef: string; status: 'pending' };

/** `POST /slo/summary`: one entry per ref asked, in order. @public */
export interface SloSummaryResponse {
  items: ModelSloSummary[];
}
