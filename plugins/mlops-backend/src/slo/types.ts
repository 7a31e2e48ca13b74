import { SloState, SloStatus } from '@mlops-portal/plugin-mlops-common';

/** An SLO that could not be evaluated, and why. */
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

/** The SLO status of one model, as cached and served. */
export interface ModelSloStatus {
  entityRef: string;
  /** `builtin` or `prometheus`; the provider named by the annotation when it is unknown. */
  provider: string;
  /** Where the definitions came from. */
  source: 'entity' | 'openslo-file' | 'none';
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

/** One SLO in a summary: the numbers without chart series. */
export interface SloSummaryItem {
  name: string;
  objective: number;
  window: string;
  state: SloState;
  sli: number | null;
  errorBudgetRemaining: number;
  summary: string;
}

/** What the Models column and the roll-up get per model. */
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

/**
 * What other parts of the backend (the canary panel's promotion gate) read
 * about a model's SLOs: the cached status, never a live query.
 * @public
 */
export interface SloStatusReader {
  /**
   * The cached SLO status of a model (an entity ref such as
   * `mlmodel:default/card-fraud-detector`); `undefined` when it has not been
   * computed yet or the model has no SLOs.
   */
  getModelSloStatus(entityRef: string): Promise<
    | {
        exhausted: boolean;
        worstState?: SloState;
        computedAt: string;
        slos: Array<{
          name: string;
          state: SloState;
          errorBudgetRemaining: number;
        }>;
      }
    | undefined
  >;
}
