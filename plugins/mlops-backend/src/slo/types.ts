import { SloState } from '@mlops-portal/plugin-mlops-common';

// The JSON bodies are shared with the frontend through mlops-common.
export type {
  ModelSloStatus,
  ModelSloSummary,
  SloEvaluationError,
  SloSummaryItem,
  SloSummaryResponse,
} from '@mlops-portal/plugin-mlops-common';

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
