/*
 * The Prometheus provider against a real Prometheus (Debian's package): 30
 * days of synthetic counters are backfilled with promtool before the server
 * starts, the provider computes the SLO card's numbers, and they must equal
 * what the SLO math gives on the very same counts.
 *
 * Why no tolerance beyond floating point: every sample sits on a 5-minute
 * boundary and every query is evaluated on one, so each range selector has
 * a sample at both of its ends. Prometheus 2.x includes both ends and then
 * does not extrapolate, which makes increase() exactly the difference of
 * the counters, and rate() that difference over the range; the ratios the
 * card uses are then the ratios of the synthetic counts.
 */
import {
  evaluateSlo,
  MLModelSlo,
  observeTimeslices,
  SloBucketCounts,
  SloCounts,
  sloPeriod,
  chartBucketMs,
  alertWindowKeys,
  parseSloDuration,
  DEFAULT_BURN_RATE_WINDOWS,
  SloStatus,
} from '@mlops-portal/plugin-mlops-common';
import { ChildProcess, execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import {
  PrometheusNoSeriesError,
  PrometheusSloProvider,
  PrometheusUnreachableError,
} from './PrometheusSloProvider';

jest.setTimeout(120_000);

const MIN = 60_000;
const STEP = 5 * MIN;
const DAY = 86_400_000;
// Backfilled blocks must be older than the head Prometheus would open, so
// the history ends a few hours before the test runs.
const T_END = Math.floor((Date.now() - 3 * 3_600_000) / STEP) * STEP;
const T_START = T_END - 31 * DAY;

/** Per 5-minute interval (ending at `end`): requests, errors, and requests under 100 ms. */
type Interval = { end: number; total: number; errors: number; fast: number };

/** Deterministic, with a burn in the last two hours and a few slow slices. */
function synthesise(): Interval[] {
  const intervals: Interval[] = [];
  let seed = 42;
  const rnd = () => {
    seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
    return seed / 2_147_483_648;
  };
  for (let end = T_START + STEP; end <= T_END; end += STEP) {
    const total = 800 + Math.floor(400 * rnd());
    const burning = end > T_END - 2 * 3_600_000;
    const errors = burning
      ? 20 + Math.floor(10 * rnd())
      : Math.floor(1.5 * rnd());
    const slowShare = rnd() < 0.01 ? 0.05 : 0.005 + 0.01 * rnd();
    intervals.push({
      end,
      total,
      errors,
      fast: total - Math.round(total * slowShare),
    });
  }
  return intervals;
}

function openMetrics(intervals: Interval[]): string {
  const lines: string[] = [];
  const cumulative = { ok: 0, err: 0, fast: 0, all: 0 };
  const rows = [
    { end: T_START, total: 0, errors: 0, fast: 0 },
    ...intervals,
  ].map(i => {
    cumulative.ok += i.total - i.errors;
    cumulative.err += i.errors;
    cumulative.fast += i.fast;
    cumulative.all += i.total;
    return { t: i.end / 1000, ...cumulative };
  });
  lines.push('# TYPE http_requests counter');
  for (const r of rows) {
    lines.push(`http_requests_total{code="200"} ${r.ok} ${r.t}`);
    lines.push(`http_requests_total{code="500"} ${r.err} ${r.t}`);
  }
  lines.push('# TYPE latency_seconds histogram');
  for (const r of rows) {
    lines.push(`latency_seconds_bucket{le="0.1"} ${r.fast} ${r.t}`);
    lines.push(`latency_seconds_bucket{le="+Inf"} ${r.all} ${r.t}`);
    lines.push(`latency_seconds_count ${r.all} ${r.t}`);
    lines.push(`latency_seconds_sum ${r.all * 0.05} ${r.t}`);
  }
  lines.push('# EOF');
  return `${lines.join('\n')}\n`;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

async function waitForReady(
  url: string,
  process: ChildProcess,
  log: () => string,
) {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (process.exitCode !== null || /ENOENT/.test(log())) {
      throw new Error(`prometheus exited with ${process.exitCode}:\n${log()}`);
    }
    try {
      const res = await fetch(`${url}/-/ready`);
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise(r => setTimeout(r, 200));
  }
  throw new Error(`prometheus did not become ready:\n${log()}`);
}

const SLOS: MLModelSlo[] = [
  {
    name: 'availability',
    objective: 0.999,
    window: '30d',
    indicator: {
      ratio: {
        bad: 'sum(rate(http_requests_total{code="500"}[{{window}}]))',
        total: 'sum(rate(http_requests_total[{{window}}]))',
      },
    },
  },
  {
    name: 'availability-good-increase',
    objective: 0.995,
    window: '7d',
    indicator: {
      ratio: {
        good: 'sum(increase(http_requests_total{code="200"}[{{window}}]))',
        total: 'sum(increase(http_requests_total[{{window}}]))',
      },
    },
  },
  {
    name: 'availability-monthly',
    objective: 0.999,
    window: '1M',
    calendar: true,
    indicator: {
      ratio: {
        bad: 'sum(rate(http_requests_total{code="500"}[{{window}}]))',
        total: 'sum(rate(http_requests_total[{{window}}]))',
      },
    },
  },
  {
    name: 'latency',
    objective: 0.99,
    window: '28d',
    indicator: { latency: { metric: 'latency_seconds', threshold: 0.1 } },
  },
  {
    name: 'latency-slices',
    objective: 0.99,
    window: '7d',
    budgetingMethod: 'Timeslices',
    timeSliceTarget: 0.98,
    timeSliceWindow: '5m',
    indicator: { latency: { metric: 'latency_seconds', threshold: 0.1 } },
  },
];

/** The same SLO evaluated by the math on the synthetic counts. */
function expectedStatus(slo: MLModelSlo, intervals: Interval[]): SloStatus {
  const isLatency = 'latency' in slo.indicator;
  const countsOf = (i: Interval): SloCounts => ({
    good: isLatency ? i.fast : i.total - i.errors,
    total: i.total,
  });
  const between = (from: number, to: number): SloCounts =>
    intervals
      .filter(i => i.end > from && i.end <= to)
      .map(countsOf)
      .reduce((a, b) => ({ good: a.good + b.good, total: a.total + b.total }), {
        good: 0,
        total: 0,
      });
  const now = T_END;
  const period = sloPeriod(slo, now);
  const bucketMs = chartBucketMs(period.lengthMs);
  const keys = alertWindowKeys(DEFAULT_BURN_RATE_WINDOWS);
  if (slo.budgetingMethod === 'Timeslices') {
    const slices: SloBucketCounts[] = intervals
      .filter(i => i.end > period.start && i.end <= now)
      .map(i => ({ start: i.end - STEP, ...countsOf(i) }));
    return evaluateSlo({
      slo,
      now,
      observation: observeTimeslices({
        slices,
        sliceMs: STEP,
        timeSliceTarget: slo.timeSliceTarget!,
        periodStart: period.start,
        now,
        bucketMs,
        windowKeys: keys,
      }),
    });
  }
  const steps = Math.floor((now - period.start) / bucketMs);
  const buckets = Array.from({ length: steps }, (_, k) => {
    const end = now - (steps - 1 - k) * bucketMs;
    return { start: end - bucketMs, ...between(end - bucketMs, end) };
  });
  return evaluateSlo({
    slo,
    now,
    observation: {
      windowCounts: Object.fromEntries(
        keys.map(k => [k, between(now - parseSloDuration(k)!, now)]),
      ),
      periodCounts: between(
        now - Math.floor((now - period.start) / 1000) * 1000,
        now,
      ),
      buckets,
    },
  });
}

describe('PrometheusSloProvider against Prometheus', () => {
  let dir: string;
  let prometheus: ChildProcess | undefined;
  let url: string;
  let output = '';
  const intervals = synthesise();

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'slo-prometheus-'));
    const data = path.join(dir, 'data');
    fs.mkdirSync(data);
    fs.writeFileSync(path.join(dir, 'history.om'), openMetrics(intervals));
    fs.writeFileSync(
      path.join(dir, 'prometheus.yml'),
      'global:\n  evaluation_interval: 1m\n',
    );
    // Fails the test when promtool is missing or refuses the file.
    execFileSync(
      'promtool',
      [
        'tsdb',
        'create-blocks-from',
        'openmetrics',
        '--max-block-duration=24h',
        path.join(dir, 'history.om'),
        data,
      ],
      { stdio: 'pipe' },
    );
    const port = await freePort();
    url = `http://127.0.0.1:${port}`;
    prometheus = spawn(
      'prometheus',
      [
        `--config.file=${path.join(dir, 'prometheus.yml')}`,
        `--storage.tsdb.path=${data}`,
        // The default 15 days would delete half the history at start-up.
        '--storage.tsdb.retention.time=90d',
        `--web.listen-address=127.0.0.1:${port}`,
      ],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    // A missing binary fails the test with the spawn error (see waitForReady).
    prometheus.once('error', error => (output += `${error}\n`));
    prometheus.stdout?.on('data', d => (output += d));
    prometheus.stderr?.on('data', d => (output += d));
    await waitForReady(url, prometheus, () => output);
  });

  afterAll(async () => {
    if (prometheus && prometheus.exitCode === null) {
      const exited = new Promise(resolve => prometheus!.once('exit', resolve));
      prometheus.kill('SIGTERM');
      await exited;
    }
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  it.each(SLOS.map(slo => [slo.name, slo] as const))(
    'computes the numbers of %s as the math does on the same counts',
    async (_name, slo) => {
      const provider = new PrometheusSloProvider({
        url,
        headers: { 'X-Scope-OrgID': 'test' },
      });
      const observation = await provider.observe({
        modelRef: 'mlmodel:default/m',
        slo,
        now: T_END,
        windows: DEFAULT_BURN_RATE_WINDOWS,
      });
      const actual = evaluateSlo({ slo, observation, now: T_END });
      const expected = expectedStatus(slo, intervals);

      // Counts differ in unit (per-second rates from rate()); every ratio must not.
      expect(actual.sli).toBeCloseTo(expected.sli!, 12);
      expect(actual.errorBudgetRemaining).toBeCloseTo(
        expected.errorBudgetRemaining,
        9,
      );
      for (const key of Object.keys(expected.burnRates)) {
        expect([key, actual.burnRates[key]]).toEqual([
          key,
          expect.closeTo(expected.burnRates[key]!, 9),
        ]);
      }
      expect(actual.alerts.map(a => a.firing)).toEqual(
        expected.alerts.map(a => a.firing),
      );
      expect(actual.state).toBe(expected.state);
      expect(actual.summary).toBe(expected.summary);
      expect(actual.timeToExhaustionMs === null).toBe(
        expected.timeToExhaustionMs === null,
      );
      expect(actual.timeToExhaustionMs ?? 0).toBeCloseTo(
        expected.timeToExhaustionMs ?? 0,
        0,
      );
      expect(actual.series.map(p => p.start)).toEqual(
        expected.series.map(p => p.start),
      );
      expect(actual.series.map(p => p.sli === null)).toEqual(
        expected.series.map(p => p.sli === null),
      );
      actual.series.forEach((point, i) => {
        expect(point.sli ?? 0).toBeCloseTo(expected.series[i].sli ?? 0, 12);
        expect(point.budgetRemaining).toBeCloseTo(
          expected.series[i].budgetRemaining,
          9,
        );
      });
      // Slice counts are whole numbers either way, so they must be identical;
      // event counts come back as per-second rates from rate().
      const slices = (status: SloStatus) =>
        status.unit === 'slices' ? status.counts : 'in events';
      expect(slices(actual)).toEqual(slices(expected));
    },
  );

  it('tells the story the history was made for', async () => {
    const provider = new PrometheusSloProvider({ url, headers: {} });
    const slo = SLOS[0];
    const status = evaluateSlo({
      slo,
      observation: await provider.observe({
        modelRef: 'm',
        slo,
        now: T_END,
        windows: DEFAULT_BURN_RATE_WINDOWS,
      }),
      now: T_END,
    });
    // 2.5% errors for two hours against a 0.1% budget: the 1h/5m page fires.
    expect(status.state).toBe('Critical');
    expect(status.alerts[0].firing).toBe(true);
  });

  it('reports what Prometheus says about a bad query', async () => {
    const provider = new PrometheusSloProvider({ url, headers: {} });
    const broken: MLModelSlo = {
      ...SLOS[0],
      indicator: {
        ratio: {
          bad: 'sum(rate(x[{{window}}])',
          total: 'sum(rate(y[{{window}}]))',
        },
      },
    };
    await expect(
      provider.observe({
        modelRef: 'm',
        slo: broken,
        now: T_END,
        windows: DEFAULT_BURN_RATE_WINDOWS,
      }),
    ).rejects.toThrow(/Prometheus answered 400 \(bad_data: .*parse error/);
    const unreachable = new PrometheusSloProvider({
      url: 'http://127.0.0.1:9',
      headers: {},
    });
    await expect(
      unreachable.observe({
        modelRef: 'm',
        slo: SLOS[0],
        now: T_END,
        windows: DEFAULT_BURN_RATE_WINDOWS,
      }),
    ).rejects.toThrow(/Prometheus at http:\/\/127\.0\.0\.1:9 did not answer/);
    await expect(
      unreachable.observe({
        modelRef: 'm',
        slo: SLOS[0],
        now: T_END,
        windows: DEFAULT_BURN_RATE_WINDOWS,
      }),
    ).rejects.toBeInstanceOf(PrometheusUnreachableError);
    await expect(
      provider.observe({
        modelRef: 'm',
        slo: broken,
        now: T_END,
        windows: DEFAULT_BURN_RATE_WINDOWS,
      }),
    ).rejects.toMatchObject({ name: 'PrometheusQueryError', failure: 'query' });
  });

  it('reports a query that matches no series over the period, for both budgeting methods', async () => {
    const provider = new PrometheusSloProvider({ url, headers: {} });
    const typo: MLModelSlo = {
      ...SLOS[0],
      indicator: {
        ratio: {
          bad: 'sum(rate(http_request_total{code="500"}[{{window}}]))',
          total: 'sum(rate(http_request_total[{{window}}]))',
        },
      },
    };
    await expect(
      provider.observe({
        modelRef: 'm',
        slo: typo,
        now: T_END,
        windows: DEFAULT_BURN_RATE_WINDOWS,
      }),
    ).rejects.toThrow(
      new PrometheusNoSeriesError(
        `SLO availability: the query returned no series: sum(rate(http_request_total[${
          30 * 86_400
        }s]))`,
      ),
    );
    const slices: MLModelSlo = {
      ...SLOS[4],
      indicator: { latency: { metric: 'latency_second', threshold: 0.1 } },
    };
    await expect(
      provider.observe({
        modelRef: 'm',
        slo: slices,
        now: T_END,
        windows: DEFAULT_BURN_RATE_WINDOWS,
      }),
    ).rejects.toMatchObject({
      failure: 'no-data',
      message: expect.stringMatching(
        /^SLO latency-slices: the query returned no series: sum\(rate\(latency_second_count\[300s\]\)\)/,
      ),
    });
  });
});
