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
import { SloDataError, SloProvider } from './SloProvider';

/** Prometheus did not answer (refused connection, DNS, timeout). */
export class PrometheusUnreachableError extends SloDataError {
  name = 'PrometheusUnreachableError';

  constructor(message: string) {
    super('unreachable', message);
  }
}

/** Prometheus answered with an error (a PromQL error, an overloaded server …), with its own explanation. */
export class PrometheusQueryError extends SloDataError {
  name = 'PrometheusQueryError';

  constructor(message: string) {
    super('query', message);
  }
}

/**
 * The total query matched no series over the whole SLO period: almost
 * always a metric name or label that does not exist (an idle service still
 * has series, with zero rates), so it is reported rather than shown as an
 * SLO without events.
 */
export class PrometheusNoSeriesError extends SloDataError {
  name = 'PrometheusNoSeriesError';

  constructor(message: string) {
    super('no-data', message);
  }
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
      const slices = await this.#rangeCounts(slo, period.start, now, sliceMs, {
        requireSeries: true,
      });
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

    const periodWindow = `${Math.max(
      1,
      Math.floor((now - period.start) / 1000),
    )}s`;
    const [periodCounts, ...perWindow] = await Promise.all([
      this.#instantCounts(slo, periodWindow, now, { requireSeries: true }),
      ...keys.map(key => this.#instantCounts(slo, key, now)),
    ]);
    const windowCounts: Partial<Record<string, SloCounts>> = {};
    keys.forEach((key, i) => {
      if (perWindow[i]) windowCounts[key] = perWindow[i];
    });
    return {
      windowCounts,
      periodCounts: periodCounts!,
      buckets: await this.#rangeCounts(slo, period.start, now, bucketMs),
    };
  }

  /**
   * Good and total over `window` ending at `now`; `undefined` without data,
   * or a {@link PrometheusNoSeriesError} with `requireSeries`.
   */
  async #instantCounts(
    slo: MLModelSlo,
    window: string,
    now: number,
    options: { requireSeries?: boolean } = {},
  ): Promise<SloCounts | undefined> {
    const queries = sloEventQueries(slo, window);
    const [part, total] = await Promise.all([
      this.#instant(slo, queries.good ?? queries.bad!, now),
      this.#instant(slo, queries.total, now),
    ]);
    if (total === undefined) {
      if (options.requireSeries) {
        throw new PrometheusNoSeriesError(
          `SLO ${slo.name}: the query returned no series: ${queries.total}`,
        );
      }
      return undefined;
    }
    return toCounts(part ?? 0, total, queries.good !== undefined);
  }

  /** Counts per step of `stepMs` in (from, now]; each point covers the step before it. */
  async #rangeCounts(
    slo: MLModelSlo,
    from: number,
    now: number,
    stepMs: number,
    options: { requireSeries?: boolean } = {},
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
      this.#range(slo, queries.good ?? queries.bad!, start, now, stepMs),
      this.#range(slo, queries.total, start, now, stepMs),
    ]);
    if (total.size === 0 && options.requireSeries) {
      throw new PrometheusNoSeriesError(
        `SLO ${slo.name}: the query returned no series: ${queries.total}`,
      );
    }
    const result: SloBucketCounts[] = [];
    for (const [t, totalValue] of total) {
      result.push({
        start: t - stepMs,
        ...toCounts(part.get(t) ?? 0, totalValue, queries.good !== undefined),
      });
    }
    return result.sort((a, b) => a.start - b.start);
  }

  async #instant(
    slo: MLModelSlo,
    query: string,
    now: number,
  ): Promise<number | undefined> {
    const data = await this.#call(slo, 'query', { query, time: seconds(now) });
    if (data.resultType === 'scalar') return finite(Number(data.result[1]));
    if (data.resultType !== 'vector') {
      throw new PrometheusQueryError(
        `SLO ${slo.name}: the query returned a ${data.resultType}, not a single number: ${query}`,
      );
    }
    const values = data.result
      .map(r => Number(r.value[1]))
      .filter(Number.isFinite);
    return values.length ? values.reduce((a, b) => a + b, 0) : undefined;
  }

  /** Value per timestamp (ms), summed over series. */
  async #range(
    slo: MLModelSlo,
    query: string,
    start: number,
    end: number,
    stepMs: number,
  ): Promise<Map<number, number>> {
    const data = await this.#call(slo, 'query_range', {
      query,
      start: seconds(start),
      end: seconds(end),
      step: seconds(stepMs),
    });
    if (data.resultType !== 'matrix') {
      throw new PrometheusQueryError(
        `SLO ${slo.name}: the range query returned a ${data.resultType}: ${query}`,
      );
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

  async #call(
    slo: MLModelSlo,
    endpoint: string,
    params: Record<string, string>,
  ): Promise<ApiResult> {
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
      throw new PrometheusUnreachableError(
        `SLO ${slo.name}: Prometheus at ${
          this.#config.url
        } did not answer: ${describeFetchFailure(error)} (query: ${
          params.query
        })`,
      );
    }
    const body = (await response.json().catch(() => undefined)) as
      | {
          status?: string;
          data?: ApiResult;
          error?: string;
          errorType?: string;
        }
      | undefined;
    if (!response.ok || body?.status !== 'success' || !body.data) {
      const reason = body?.error
        ? `${body.errorType ?? 'error'}: ${body.error}`
        : `${response.status} ${response.statusText}`.trim();
      throw new PrometheusQueryError(
        `SLO ${slo.name}: Prometheus answered ${response.status} (${reason}) to the query: ${params.query}`,
      );
    }
    return body.data;
  }
}

/** Node's fetch says only "fetch failed"; the cause says why (ECONNREFUSED, ENOTFOUND …). */
function describeFetchFailure(error: unknown): string {
  const e = error as Error & { cause?: { code?: string; message?: string } };
  if (e?.name === 'TimeoutError') {
    return `no answer within ${REQUEST_TIMEOUT_MS / 1000} s`;
  }
  const cause = e?.cause?.code ?? e?.cause?.message;
  return cause ? `${e.message} (${cause})` : String(e?.message ?? error);
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
