import { ConfigReader } from '@backstage/config';
import { RolloutState } from '@mlops-portal/plugin-mlops-common';
import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { AnalysisRunCanaryMetricsSource } from './CanaryMetricsSource';
import {
  fillQuery,
  FirstCanaryMetricsSource,
  PrometheusCanaryMetricsSource,
} from './PrometheusCanaryMetricsSource';

const state: RolloutState = {
  kind: 'Rollout',
  namespace: 'fraud-ml',
  name: 'fraud-scorer',
  resourceVersion: '1',
  phase: 'paused',
  pauseReasons: [],
  stable: { name: '6d8f7c9b5', weight: 90 },
  canary: { name: '7b9c4d5f8', weight: 10 },
  steps: [],
  analysisRuns: [
    {
      name: 'run-1',
      phase: 'Successful',
      metrics: [
        { name: 'canary-error-rate', phase: 'Successful', value: '[0.0041]' },
        { name: 'stable-error-rate', phase: 'Successful', value: '[0.0047]' },
      ],
    },
  ],
};

const ERROR_RATE =
  'sum(rate(http_requests_total{namespace="{{namespace}}",rollouts_pod_template_hash="{{revision}}",code=~"5.."}[5m])) / sum(rate(http_requests_total{namespace="{{namespace}}",rollouts_pod_template_hash="{{revision}}"}[5m]))';
const LATENCY =
  '1000 * histogram_quantile(0.95, sum by (le) (rate(http_request_duration_seconds_bucket{app="{{name}}",rollouts_pod_template_hash="{{revision}}"}[5m])))';

/** A Prometheus HTTP API that answers per revision, and records the queries. */
async function startPrometheus(values: Record<string, string | undefined>) {
  const queries: string[] = [];
  const headers: string[] = [];
  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://prometheus');
    const query = url.searchParams.get('query') ?? '';
    queries.push(query);
    headers.push(String(req.headers.authorization));
    const key = Object.keys(values).find(
      k => query.includes(k.split('|')[1]) && query.includes(k.split('|')[0]),
    );
    const value = key ? values[key] : undefined;
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(
      JSON.stringify({
        status: 'success',
        data: {
          resultType: 'vector',
          result:
            value === undefined
              ? []
              : [{ metric: {}, value: [1764200000, value] }],
        },
      }),
    );
  });
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    queries,
    headers,
    close: () => new Promise(r => server.close(r)),
  };
}

describe('PrometheusCanaryMetricsSource', () => {
  it('evaluates each query for the canary and the stable revision', async () => {
    const prometheus = await startPrometheus({
      'code=~|7b9c4d5f8': '0.0052',
      'code=~|6d8f7c9b5': '0.0049',
      'histogram_quantile|7b9c4d5f8': '41.5',
      'histogram_quantile|6d8f7c9b5': '39',
    });
    try {
      const source = PrometheusCanaryMetricsSource.fromConfig(
        new ConfigReader({
          mlops: {
            rollout: {
              canaryMetrics: {
                prometheus: {
                  url: `${prometheus.url}/`,
                  headers: { Authorization: 'Bearer prom-token' },
                  errorRateQuery: ERROR_RATE,
                  latencyP95MsQuery: LATENCY,
                },
              },
            },
          },
        }),
      )!;
      expect(
        await source.getCanaryMetrics({
          modelRef: 'mlmodel:default/card-fraud-detector',
          state,
        }),
      ).toEqual({
        source: `prometheus ${new URL(prometheus.url).host}`,
        errorRate: { canary: 0.0052, stable: 0.0049 },
        latencyP95Ms: { canary: 41.5, stable: 39 },
      });
      expect(prometheus.queries).toHaveLength(4);
      expect(prometheus.queries).toContain(
        fillQuery(LATENCY, state, state.canary!),
      );
      expect(prometheus.headers.every(h => h === 'Bearer prom-token')).toBe(
        true,
      );
    } finally {
      await prometheus.close();
    }
  });

  it('leaves out what Prometheus does not answer, and falls back to the analysis runs when it answers nothing', async () => {
    const prometheus = await startPrometheus({ 'code=~|7b9c4d5f8': '0.0052' });
    try {
      const source = new PrometheusCanaryMetricsSource({
        url: prometheus.url,
        queries: { errorRate: ERROR_RATE, latencyP95Ms: LATENCY },
      });
      expect(
        await source.getCanaryMetrics({ modelRef: 'm', state }),
      ).toMatchObject({
        errorRate: { canary: 0.0052 },
        latencyP95Ms: {},
      });
      const silent = new PrometheusCanaryMetricsSource({
        url: prometheus.url,
        queries: { latencyP95Ms: LATENCY },
      });
      const chained = new FirstCanaryMetricsSource([
        silent,
        new AnalysisRunCanaryMetricsSource(),
      ]);
      expect(
        await chained.getCanaryMetrics({ modelRef: 'm', state }),
      ).toMatchObject({
        source: 'analysis-run run-1',
        errorRate: { canary: 0.0041, stable: 0.0047 },
      });
    } finally {
      await prometheus.close();
    }
  });

  it('escapes label values and refuses URLs with credentials', () => {
    expect(
      fillQuery('x{a="{{name}}"}', { ...state, name: 'a"b\\c' }, state.canary!),
    ).toBe('x{a="a\\"b\\\\c"}');
    expect(() =>
      PrometheusCanaryMetricsSource.fromConfig(
        new ConfigReader({
          mlops: {
            rollout: {
              canaryMetrics: {
                prometheus: { url: 'https://u:p@prom.example.com' },
              },
            },
          },
        }),
      ),
    ).toThrow('must be http(s) without credentials');
    expect(
      PrometheusCanaryMetricsSource.fromConfig(new ConfigReader({})),
    ).toBeUndefined();
  });
});
