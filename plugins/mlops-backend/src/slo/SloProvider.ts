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

/**
 * Why a provider could not give an SLO's data: `unreachable` (no answer),
 * `query` (the provider refused or failed the query), `no-data` (the query
 * ran and matched no series over the whole SLO period).
 */
export type SloDataFailure = 'unreachable' | 'query' | 'no-data';

/** A provider's failure for one SLO; the message names the SLO and the query. */
export class SloDataError extends Error {
  name = 'SloDataError';
  readonly failure: SloDataFailure;

  constructor(failure: SloDataFailure, message: string) {
    super(message);
    this.failure = failure;
  }
}
