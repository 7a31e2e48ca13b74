import { Config } from '@backstage/config';
import {
  RolloutRevision,
  RolloutState,
} from '@mlops-portal/plugin-mlops-common';
import {
  CanaryComparison,
  CanaryMetrics,
  CanaryMetricsSource,
} from './CanaryMetricsSource';

/** PromQL templates; `{{namespace}}`, `{{name}}` and `{{revision}}` are filled in. */
export interface CanaryPrometheusQueries {
  /** Ratio of failed requests (0–1) of one revision. */
  errorRate?: string;
  /** 95th percentile latency of one revision, in milliseconds. */
  latencyP95Ms?: string;
}

export interface PrometheusCanaryMetricsOptions {
  /** Base URL of the Prometheus HTTP API, without `/api/v1`. */
  url: string;
  headers?: Record<string, string>;
  queries: CanaryPrometheusQueries;
  fetch?: typeof fetch;
}

/** Label values go into double-quoted PromQL strings. */
function escapeLabelValue(value: string) {
  return value
    .replace(/\\/g, '\\\\')
    .replace(/"/g, '\\"')
    .replace(/\n/g, '\\n');
}

export function fillQuery(
  template: string,
  state: RolloutState,
  revision: RolloutRevision,
) {
  const values: Record<string, string> = {
    namespace: state.namespace,
    name: state.name,
    revision: revision.name,
  };
  return template.replace(
    /\{\{\s*(namespace|name|revision)\s*\}\}/g,
    (_, key: string) => escapeLabelValue(values[key]),
  );
}

/**
 * Canary-vs-stable error rate and latency from Prometheus: each query is
 * evaluated once for the canary's and once for the stable revision (pod
 * template hash for Argo Rollouts, revision name for KServe). A query that
 * fails or returns nothing leaves that number out.
 */
export class PrometheusCanaryMetricsSource implements CanaryMetricsSource {
  readonly #options: PrometheusCanaryMetricsOptions;

  static fromConfig(config: Config): PrometheusCanaryMetricsSource | undefined {
    const section = config.getOptionalConfig(
      'mlops.rollout.canaryMetrics.prometheus',
    );
    if (!section) return undefined;
    const url = section.getString('url');
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      throw new Error(
        `Invalid mlops.rollout.canaryMetrics.prometheus.url: "${url}" is not a URL`,
      );
    }
    if (
      !['http:', 'https:'].includes(parsed.protocol) ||
      parsed.username ||
      parsed.password
    ) {
      throw new Error(
        'Invalid mlops.rollout.canaryMetrics.prometheus.url: must be http(s) without credentials (use headers)',
      );
    }
    const headersConfig = section.getOptionalConfig('headers');
    const headers = Object.fromEntries(
      (headersConfig?.keys() ?? []).map(key => [
        key,
        headersConfig!.getString(key),
      ]),
    );
    return new PrometheusCanaryMetricsSource({
      url,
      headers,
      queries: {
        errorRate: section.getOptionalString('errorRateQuery'),
        latencyP95Ms: section.getOptionalString('latencyP95MsQuery'),
      },
    });
  }

  constructor(options: PrometheusCanaryMetricsOptions) {
    this.#options = { ...options, url: options.url.replace(/\/+$/, '') };
  }

  async #query(promql: string): Promise<number | undefined> {
    const doFetch = this.#options.fetch ?? fetch;
    try {
      const response = await doFetch(
        `${this.#options.url}/api/v1/query?query=${encodeURIComponent(promql)}`,
        { headers: this.#options.headers },
      );
      if (!response.ok) return undefined;
      const body = (await response.json()) as {
        status?: string;
        data?: { result?: Array<{ value?: [number, string] }> };
      };
      const raw =
        body.status === 'success'
          ? body.data?.result?.[0]?.value?.[1]
          : undefined;
      const value = raw === undefined ? NaN : Number(raw);
      return Number.isFinite(value) ? value : undefined;
    } catch {
      return undefined;
    }
  }

  async #compare(
    template: string | undefined,
    state: RolloutState,
  ): Promise<CanaryComparison> {
    if (!template) return {};
    const [canary, stable] = await Promise.all(
      [state.canary, state.stable].map(revision =>
        revision
          ? this.#query(fillQuery(template, state, revision))
          : Promise.resolve(undefined),
      ),
    );
    return {
      ...(canary !== undefined ? { canary } : {}),
      ...(stable !== undefined ? { stable } : {}),
    };
  }

  async getCanaryMetrics({
    state,
  }: {
    modelRef: string;
    state: RolloutState;
  }): Promise<CanaryMetrics | undefined> {
    if (!state.canary) return undefined;
    const [errorRate, latencyP95Ms] = await Promise.all([
      this.#compare(this.#options.queries.errorRate, state),
      this.#compare(this.#options.queries.latencyP95Ms, state),
    ]);
    if (
      Object.keys(errorRate).length === 0 &&
      Object.keys(latencyP95Ms).length === 0
    ) {
      return undefined;
    }
    return {
      source: `prometheus ${new URL(this.#options.url).host}`,
      errorRate,
      latencyP95Ms,
    };
  }
}

/** The first source with numbers wins (e.g. Prometheus, then the analysis runs). */
export class FirstCanaryMetricsSource implements CanaryMetricsSource {
  constructor(private readonly sources: CanaryMetricsSource[]) {}

  async getCanaryMetrics(options: { modelRef: string; state: RolloutState }) {
    for (const source of this.sources) {
      const metrics = await source.getCanaryMetrics(options);
      if (metrics) return metrics;
    }
    return undefined;
  }
}
