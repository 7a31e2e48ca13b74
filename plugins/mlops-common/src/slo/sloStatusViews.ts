import { SloState } from './burnRateAlerts';
import { SloStatus } from './evaluateSlo';

/*
 * The SLO API's JSON bodies (`/api/mlops/slo`). They live here rather than
 * in the backend so that the backend that builds them and the frontend that
 * reads them cannot drift apart. Dates are ISO 8601 strings and periods
 * epoch milliseconds, so these are the wire form as is.
 */

/** An SLO (or the definitions) that could not be evaluated, and why. @public */
export interface SloEvaluationError {
  /** The SLO's name; absent when the definitions themselves could not be read. */
  slo?: string;
  message: string;
  /**
   * What went wrong: the provider did not answer (`unreachable`), refused or
   * failed a query (`query`), the query matched no series (`no-data`), or the
   * definitions cannot be evaluated (`definition`). Absent for other failures.
   */
  failure?: 'unreachable' | 'query' | 'no-data' | 'definition';
}

/** The SLO status of one model, as cached and served (`GET /slo/:namespace/:name`). @public */
export interface ModelSloStatus {
  entityRef: string;
  /** `builtin` or `prometheus`; the provider named by the annotation when it is unknown. */
  provider: string;
  /** Where the definitions came from. */
  source: 'entity' | 'openslo-file' | 'none';
  /** ISO 8601. */
  computedAt: string;
  slos: SloStatus[];
  errors: SloEvaluationError[];
  /** Worst state among the SLOs; absent without evaluated SLOs. */
  worstState?: SloState;
  /** Smallest remaining budget among the SLOs; absent without evaluated SLOs. */
  minBudgetRemaining?: number;
  /** Whether some SLO has spent its whole budget. */
  exhausted: boolean;
}

/** One SLO in a summary: the numbers without chart series. @public */
export interface SloSummaryItem {
  name: string;
  objective: number;
  window: string;
  state: SloState;
  sli: number | null;
  errorBudgetRemaining: number;
  summary: string;
}

/** What the Models column and the roll-up get per model. @public */
export type ModelSloSummary =
  | {
      entityRef: string;
      /** Computed: see the numbers. */
      status: 'computed';
      provider: string;
      computedAt: string;
      worstState?: SloState;
      minBudgetRemaining?: number;
      exhausted: boolean;
      errorCount: number;
      slos: SloSummaryItem[];
    }
  | {
      entityRef: string;
      /** Not (yet) computed by the scheduled task, or not visible. */
      status: 'pending';
    };

/** `POST /slo/summary`: one entry per ref asked, in order. @public */
export interface SloSummaryResponse {
  items: ModelSloSummary[];
}
