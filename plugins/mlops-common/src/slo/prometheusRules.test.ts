import { execFileSync } from 'child_process';
import fs from 'fs';
import os from 'os';
import path from 'path';
import { parseAllDocuments, stringify } from 'yaml';
import { MLModelSlo } from '../kinds/MLModelEntityV1alpha1';
import { generateSloPrometheusRules } from './prometheusRules';

const DEMO_CATALOG = path.resolve(__dirname, '../../../../demo/catalog');

function demoModels(): Array<{ name: string; slos: MLModelSlo[] }> {
  return fs
    .readdirSync(DEMO_CATALOG)
    .filter(f => f.startsWith('models-') && f.endsWith('.yaml'))
    .flatMap(f =>
      parseAllDocuments(
        fs.readFileSync(path.join(DEMO_CATALOG, f), 'utf8'),
      ).map(d => d.toJS()),
    )
    .filter(e => e?.kind === 'MLModel' && Array.isArray(e.spec?.slos))
    .map(e => ({ name: e.metadata.name, slos: e.spec.slos }));
}

const ratio = (kind: 'good' | 'bad'): MLModelSlo => ({
  name: `availability-${kind}`,
  objective: 0.999,
  window: '30d',
  indicator: {
    ratio: {
      [kind]: `sum(rate(http_requests_total{service="x",code${
        kind === 'good' ? '!' : '='
      }~"5.."}[{{window}}]))`,
      total: 'sum(rate(http_requests_total{service="x"}[{{window}}]))',
    },
  } as MLModelSlo['indicator'],
});

const VARIANTS: Record<string, MLModelSlo[]> = {
  'ratio-good': [ratio('good')],
  'ratio-bad': [ratio('bad')],
  latency: [
    {
      name: 'latency',
      objective: 0.99,
      window: '28d',
      indicator: {
        latency: {
          metric: 'http_request_duration_seconds',
          threshold: 0.25,
          selector: '{service="x", route="/score"}',
        },
      },
    },
    {
      name: 'latency-whole-seconds',
      objective: 0.99,
      window: '7d',
      indicator: {
        latency: { metric: 'http_request_duration_seconds', threshold: 1 },
      },
    },
  ],
  timeslices: [
    {
      name: 'latency-slices',
      objective: 0.99,
      window: '28d',
      budgetingMethod: 'Timeslices',
      timeSliceTarget: 0.95,
      timeSliceWindow: '5m',
      indicator: {
        latency: { metric: 'h', threshold: 0.08, selector: '{service="x"}' },
      },
    },
    {
      ...ratio('bad'),
      name: 'availability-slices',
      budgetingMethod: 'Timeslices',
      timeSliceTarget: 0.9,
      timeSliceWindow: '1m',
    },
  ],
  calendar: [
    { ...ratio('bad'), name: 'monthly', window: '1M', calendar: true },
    { ...ratio('good'), name: 'quarterly', window: '1Q', calendar: true },
  ],
};

describe('generateSloPrometheusRules', () => {
  let dir: string;
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'slo-rules-'));
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  function promtoolCheck(name: string, slos: MLModelSlo[]) {
    const file = path.join(dir, `${name}.yaml`);
    fs.writeFileSync(
      file,
      stringify(generateSloPrometheusRules({ model: name, slos })),
    );
    // Throws (failing the test) with promtool's output when a rule is invalid
    // or promtool is not installed.
    return execFileSync('promtool', ['check', 'rules', file], {
      encoding: 'utf8',
    });
  }

  const demo = demoModels();

  it('finds the demo models with SLOs', () => {
    expect(demo.length).toBeGreaterThanOrEqual(6);
  });

  it.each(demo.map(m => [m.name, m.slos] as const))(
    'writes rules for the demo model %s that promtool accepts',
    (name, slos) => {
      expect(promtoolCheck(name, [...slos])).toMatch(
        /SUCCESS: \d+ rules found/,
      );
    },
  );

  it.each(Object.entries(VARIANTS))(
    'writes rules for %s SLOs that promtool accepts',
    (name, slos) => {
      expect(promtoolCheck(name, slos)).toMatch(/SUCCESS/);
    },
  );

  it('has the shape Sloth generates: recordings per window, metadata, page and ticket alerts', () => {
    const file = generateSloPrometheusRules({
      model: 'fraud-scorer',
      slos: [ratio('bad')],
    });
    expect(file.groups.map(g => g.name)).toEqual([
      'slo-sli-recordings-fraud-scorer-availability-bad',
      'slo-meta-recordings-fraud-scorer-availability-bad',
      'slo-alerts-fraud-scorer-availability-bad',
    ]);
    const [recordings, meta, alerts] = file.groups;
    expect(recordings.rules.map(r => r.record)).toEqual([
      'slo:sli_error:ratio_rate5m',
      'slo:sli_error:ratio_rate1h',
      'slo:sli_error:ratio_rate30m',
      'slo:sli_error:ratio_rate6h',
      'slo:sli_error:ratio_rate2h',
      'slo:sli_error:ratio_rate1d',
      'slo:sli_error:ratio_rate3d',
      'slo:sli_error:ratio_rate30d',
    ]);
    expect(recordings.rules[0]).toEqual({
      record: 'slo:sli_error:ratio_rate5m',
      expr: '(sum(rate(http_requests_total{service="x",code=~"5.."}[5m])))\n/\n(sum(rate(http_requests_total{service="x"}[5m])))',
      labels: {
        slo_id: 'fraud-scorer-availability-bad',
        slo_name: 'availability-bad',
        slo_service: 'fraud-scorer',
        slo_window: '5m',
      },
    });
    expect(
      meta.rules.find(r => r.record === 'slo:error_budget:ratio')?.expr,
    ).toBe(`vector(${1 - 0.999})`);
    expect(alerts.rules.map(r => [r.alert, r.labels?.severity])).toEqual([
      ['SloErrorBudgetBurnPage', 'page'],
      ['SloErrorBudgetBurnTicket', 'ticket'],
    ]);
    expect(alerts.rules[0].expr).toContain(
      'slo:sli_error:ratio_rate1h{slo_id="fraud-scorer-availability-bad", slo_name="availability-bad", slo_service="fraud-scorer"} > (14.4 * ',
    );
    expect(alerts.rules[0].expr).toContain('slo:sli_error:ratio_rate30m');
    expect(alerts.rules[1].expr).toContain('(1 * ');
  });

  it('turns a latency indicator into bucket over count, matching whole-second buckets however they are written', () => {
    const [recordings] = generateSloPrometheusRules({
      model: 'm',
      slos: VARIANTS.latency,
    }).groups;
    expect(recordings.rules[0].expr).toBe(
      '1 - (\n(sum(rate(http_request_duration_seconds_bucket{service="x", route="/score",le="0.25"}[5m])))\n/\n(sum(rate(http_request_duration_seconds_count{service="x", route="/score"}[5m])))\n)',
    );
    const whole = generateSloPrometheusRules({
      model: 'm',
      slos: [VARIANTS.latency[1]],
    }).groups[0];
    expect(whole.rules[0].expr).toContain('_bucket{le=~"1(\\\\.0)?"}[5m]');
  });

  it('uses the configured windows', () => {
    const file = generateSloPrometheusRules({
      model: 'm',
      slos: [ratio('bad')],
      windows: [{ long: '2h', short: '10m', factor: 10, severity: 'page' }],
    });
    expect(file.groups[0].rules.map(r => r.labels?.slo_window)).toEqual([
      '10m',
      '2h',
      '30d',
    ]);
    expect(file.groups[2].rules.map(r => r.alert)).toEqual([
      'SloErrorBudgetBurnPage',
    ]);
  });

  it('refuses what it cannot express, saying where', () => {
    const noPlaceholder = {
      ...ratio('bad'),
      indicator: {
        ratio: { bad: 'sum(errors)', total: 'sum(rate(t[{{window}}]))' },
      },
    };
    expect(() =>
      generateSloPrometheusRules({ model: 'm', slos: [noPlaceholder] }),
    ).toThrow(
      'SLO availability-bad: indicator.ratio.bad has no {{window}} placeholder, so it cannot be evaluated over the alert windows (got "sum(errors)")',
    );
    expect(() =>
      generateSloPrometheusRules({ model: 'bad model', slos: [] }),
    ).toThrow(/model must be an entity name/);
    expect(() =>
      generateSloPrometheusRules({
        model: 'm',
        slos: [ratio('bad')],
        windows: [
          { long: 'an hour', short: '5m', factor: 1, severity: 'page' },
        ],
      }),
    ).toThrow(
      'windows[0].long must be a duration such as 5m or 1h (got "an hour")',
    );
    const badSelector = {
      ...VARIANTS.latency[0],
      indicator: {
        latency: { metric: 'h', threshold: 1, selector: 'service="x"' },
      },
    };
    expect(() =>
      generateSloPrometheusRules({ model: 'm', slos: [badSelector] }),
    ).toThrow(/selector must be a label selector in braces/);
  });
});
