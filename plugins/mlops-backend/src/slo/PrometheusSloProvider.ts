import {
  alertWindowKeys,
  BurnRateWindow,
  chartBucketMs,
  MLModelSlo,
  observeTimeslices,
  parseSloDuration,
  SloBucketCounts,
  SloCounts,
  SloDefinitionError,
  sloEventQueries,
  SloObservation,
  sloPeriod,
} from '@mlops-portal/plugin-mlops-common';
import { PrometheusSloConfig } from './readSloConfig';
import { SloProvider } from './SloProvider';

/** A Prometheus API call that failed, with Prometheus's own explanation. */
export class PrometheusQueryError extends Error {
  name = 'PrometheusQueryError';
}

type Sample = [number, string];
type ApiResult =
  | { resultType: 'vector'; result: Array<{ value: Sample }> }
  | { resultType: 'scalar'; result: Sample }
  | { resultType: 'matrix'; result: Array<{ values: Sample[] }> };

const REQUEST_TIMEOUT_MS = 15_000;
/** Prometheus refuses ranges of more than 11,000 points. */
const MAX_POINTS = 11_000;

function seconds(ms: number) {
  return (ms / 1000).toFixed(3);
}

/**
 * SLI data from Prometheus's HTTP API. The SLO's queries are evaluated with
 * `{{window}}` set to each alert window (instant queries at `now`), to the
 * whole period, and to each chart bucket or time slice (range queries whose
 * step is the bucket). Values are whatever the queries return — per-second
 * rates or increases — which is fine: only ratios between good and total
 * over the same window are used.
 *
 * With samples at both ends of a range (scrapes aligned with the evaluation
 * time), Prometheus 2.x includes both ends in a range selector and does not
 * extrapolate, so the ratios equal the ratios of the counter increases.
 */
export class PrometheusSloProvider implements SloProvider {
  readonly id = 'prometheus';
  readonly #config: PrometheusSloConfig;
  readonly #fetch: typeof fetch;

  constructor(config: PrometheusSloConfig, fetchImpl: typeof fetch = fetch) {
    this.#config = config;
    this.#fetch = fetchImpl;
  }

  async observe(options: {
    modelRef: string;
    slo: MLModelSlo;
    now: number;
    windows: readonly BurnRateWindow[];
  }): Promise<SloObservation> {
    const { slo, now, windows } = options;
    const period = sloPeriod(slo, now);
    const bucketMs = chartBucketMs(period.lengthMs);
    const keys = alertWindowKeys(windows);

    if (slo.budgetingMethod === 'Timeslices') {
      const sliceMs = parseSloDuration(slo.timeSliceWindow ?? '');
      if (sliceMs === undefined || slo.timeSliceTarget === undefined) {
        throw new SloDefinitionError(
          `SLO ${slo.name}: timeSliceWindow and timeSliceTarget are required when budgetingMethod is Timeslices`,
        );
      }
      const slices = await this.#rangeCounts(slo, period.start, now, sliceMs);
      return observeTimeslices({
        slices,
        sliceMs,
        timeSliceTarget: slo.timeSliceTarget,
        periodStart: period.start,
        now,
        bucketMs,
        windowKeys: keys,
      });
    }

    const periodWindow = `${Math.max(1, Math.floor((now - period.start) / 1000))}s`;
    const [periodCounts, ...perWindow] = await Promise.all([
      this.#instantCounts(slo, periodWindow, now),
      ...keys.map(key => this.#instantCounts(slo, key, now)),
    ]);
    const windowCounts: Partial<Record<string, SloCounts>> = {};
    keys.forEach((key, i) => {
      if (perWindow[i]) windowCounts[key] = perWindow[i];
    });
    return {
      windowCounts,
      periodCounts: periodCounts ?? { good: 0, total: 0 },
      buckets: await this.#rangeCounts(slo, period.start, now, bucketMs),
    };
  }

  /** Good and total over `window` ending at `now`; `undefined` without data. */
  async #instantCounts(
    slo: MLModelSlo,
    window: string,
    now: number,
  ): Promise<SloCounts | undefined> {
    const queries = sloEventQueries(slo, window);
    const [part, total] = await Promise.all([
      this.#instant(queries.good ?? queries.bad!, now),
      this.#instant(queries.total, now),
    ]);
    if (total === undefined) return undefined;
    return toCounts(part ?? 0, total, queries.good !== undefined);
  }

  /** Counts per step of `stepMs` in (from, now]; each point covers the step before it. */
  async #rangeCounts(
    slo: MLModelSlo,
    from: number,
    now: number,
    stepMs: number,
  ): Promise<SloBucketCounts[]> {
    const steps = Math.floor((now - from) / stepMs);
    if (steps <= 0) return [];
    if (steps > MAX_POINTS) {
      throw new SloDefinitionError(
        `SLO ${slo.name}: ${steps} slices of ${slo.timeSliceWindow} in the window are more than Prometheus returns in one query (${MAX_POINTS})`,
      );
    }
    const queries = sloEventQueries(slo, `${Math.round(stepMs / 1000)}s`);
    const start = now - (steps - 1) * stepMs;
    const [part, total] = await Promise.all([
      this.#range(queries.good ?? queries.bad!, start, now, stepMs),
      this.#range(queries.total, start, now, stepMs),
    ]);
    const result: SloBucketCounts[] = [];
    for (const [t, totalValue] of total) {
      result.push({
        start: t - stepMs,
        ...toCounts(part.get(t) ?? 0, totalValue, queries.good !== undefined),
      });
    }
    return result.sort((a, b) => a.start - b.start);
  }

  async #instant(query: string, now: number): Promise<number | undefined> {
    const data = await this.#call('query', { query, time: seconds(now) });
    if (data.resultType === 'scalar') return finite(Number(data.result[1]));
    if (data.resultType !== 'vector') {
      throw new PrometheusQueryError(
        `query returned a ${data.resultType}, not a single number: ${query}`,
      );
    }
    const values = data.result
      .map(r => Number(r.value[1]))
      .filter(Number.isFinite);
    return values.length ? values.reduce((a, b) => a + b, 0) : undefined;
  }

  /** Value per timestamp (ms), summed over series. */
  async #range(
    query: string,
    start: number,
    end: number,
    stepMs: number,
  ): Promise<Map<number, number>> {
    const data = await this.#call('query_range', {
      query,
      start: seconds(start),
      end: seconds(end),
      step: seconds(stepMs),
    });
    if (data.resultType !== 'matrix') {
      throw new PrometheusQueryError(`range query returned a ${data.resultType}: ${query}`);
    }
    const byTime = new Map<number, number>();
    for (const series of data.result) {
      for (const [t, v] of series.values) {
        const value = Number(v);
        if (!Number.isFinite(value)) continue;
        const ms = Math.round(t * 1000);
        byTime.set(ms, (byTime.get(ms) ?? 0) + value);
      }
    }
    return byTime;
  }

  async #call(endpoint: string, params: Record<string, string>): Promise<ApiResult> {
    const url = `${this.#config.url}/api/v1/${endpoint}`;
    let response: Response;
    try {
      response = await this.#fetch(url, {
        method: 'POST',
        headers: {
          ...this.#config.headers,
          'Content-Type': 'application/x-www-form-urlencoded',
          Accept: 'application/json',
        },
        body: new URLSearchParams(params).toString(),
        signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
      });
    } catch (error) {
      throw new PrometheusQueryError(
        `Prometheus at ${this.#config.url} could not be reached: ${(error as Error).message}`,
      );
    }
    const body = (await response.json().catch(() => undefined)) as
      | { status?: string; data?: ApiResult; error?: string; errorType?: string }
      | undefined;
    if (!response.ok || body?.status !== 'success' || !body.data) {
      throw new PrometheusQueryError(
        `Prometheus answered ${response.status}${
          body?.error ? ` (${body.errorType}: ${body.error})` : ''
        } to ${params.query}`,
      );
    }
    return body.data;
  }
}

function finite(value: number): number | undefined {
  return Number.isFinite(value) ? value : undefined;
}

/** Good and total from the measured part (good or bad), clamped to [0, total]. */
function toCounts(part: number, total: number, partIsGood: boolean): SloCounts {
  const t = Math.max(0, total);
  const p = Math.min(Math.max(0, part), t);
  return { good: partIsGood ? p : t - p, total: t };
}
