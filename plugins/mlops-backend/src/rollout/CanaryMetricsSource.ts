import { CanaryMetrics, RolloutState } from '@mlops-portal/plugin-mlops-common';

// The JSON bodies are shared with the frontend through mlops-common.
export type {
  CanaryComparison,
  CanaryMetrics,
} from '@mlops-portal/plugin-mlops-common';

/** Canary-vs-stable numbers for a model's rollout. @public */
export interface CanaryMetricsSource {
  getCanaryMetrics(options: {
    modelRef: string;
    state: RolloutState;
  }): Promise<CanaryMetrics | undefined>;
}

/**
 * The metric names the analysis-run source reads. An AnalysisTemplate that
 * measures canary and stable side by side names its metrics so.
 */
export const CANARY_ANALYSIS_METRICS = {
  canaryErrorRate: 'canary-error-rate',
  stableErrorRate: 'stable-error-rate',
  canaryLatencyP95: 'canary-latency-p95',
  stableLatencyP95: 'stable-latency-p95',
} as const;

/**
 * Prometheus (and most providers) report a measurement as a vector such as
 * `[0.0042]`; the first finite number is the value.
 */
export function parseMeasurementValue(
  value: string | undefined,
): number | undefined {
  if (value === undefined) return undefined;
  const match = /-?\d+(\.\d+)?([eE][-+]?\d+)?/.exec(value);
  if (!match) return undefined;
  const number = Number(match[0]);
  return Number.isFinite(number) ? number : undefined;
}

/**
 * Reads canary-vs-stable error rate and latency from the latest AnalysisRun
 * of the canary (read from the cluster with the rollout) whose metrics
 * follow {@link CANARY_ANALYSIS_METRICS}.
 */
export class AnalysisRunCanaryMetricsSource implements CanaryMetricsSource {
  async getCanaryMetrics({
    state,
  }: {
    modelRef: string;
    state: RolloutState;
  }): Promise<CanaryMetrics | undefined> {
    const names = Object.values(CANARY_ANALYSIS_METRICS) as string[];
    const run = state.analysisRuns.find(r =>
      r.metrics.some(m => names.includes(m.name)),
    );
    if (!run) return undefined;
    const value = (name: string) =>
      parseMeasurementValue(run.metrics.find(m => m.name === name)?.value);
    return {
      source: `analysis-run ${run.name}`,
      errorRate: {
        canary: value(CANARY_ANALYSIS_METRICS.canaryErrorRate),
        stable: value(CANARY_ANALYSIS_METRICS.stableErrorRate),
      },
      latencyP95Ms: {
        canary: value(CANARY_ANALYSIS_METRICS.canaryLatencyP95),
        stable: value(CANARY_ANALYSIS_METRICS.stableLatencyP95),
      },
    };
  }
}
