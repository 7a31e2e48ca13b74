import {
  BurnRateWindow,
  MLModelSlo,
  SloObservation,
} from '@mlops-portal/plugin-mlops-common';

/** Where SLI data comes from: the built-in store or Prometheus. */
export interface SloProvider {
  readonly id: string;
  /**
   * Counts for one SLO as of `now`: per alert window, over the SLO period,
   * and per chart bucket (or, for Timeslices SLOs, in slices).
   */
  observe(options: {
    modelRef: string;
    slo: MLModelSlo;
    now: number;
    windows: readonly BurnRateWindow[];
  }): Promise<SloObservation>;
}
