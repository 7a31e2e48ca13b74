import { parseAllDocuments } from 'yaml';
import { validateMLModelSlos } from '../kinds/validateMLModelEntity';
import { OpenSloError, parseOpenSloDocuments } from './openSlo';

const yaml = (text: string) => parseAllDocuments(text).map(d => d.toJS());

const FILE = `
apiVersion: openslo/v1
kind: SLI
metadata: { name: scorer-errors }
spec:
  ratioMetric:
    counter: true
    bad:
      metricSource: { type: Prometheus, spec: { query: 'sum(rate(errors_total[{{window}}]))' } }
    total:
      metricSource: { type: Prometheus, spec: { query: 'sum(rate(requests_total[{{window}}]))' } }
---
apiVersion: openslo/v1
kind: SLO
metadata: { name: availability }
spec:
  description: Scoring calls answered without a server error.
  service: fraud-scorer
  indicatorRef: scorer-errors
  timeWindow: [{ duration: 28d, isRolling: true }]
  budgetingMethod: Occurrences
  objectives: [{ displayName: Available, target: 0.999 }]
---
apiVersion: openslo/v1
kind: SLO
metadata: { name: latency }
spec:
  service: fraud-scorer
  indicator:
    metadata: { name: fast }
    spec:
      ratioMetric:
        counter: true
        good: { metricSource: { type: Prometheus, spec: { query: 'sum(rate(h_bucket{le="0.05"}[{{window}}]))' } } }
        total: { metricSource: { type: Prometheus, spec: { query: 'sum(rate(h_count[{{window}}]))' } } }
  timeWindow: [{ duration: 1M, isRolling: false, calendar: { startTime: '2026-01-01 00:00:00', timeZone: UTC } }]
  budgetingMethod: Timeslices
  objectives:
    - { displayName: Most, target: 0.99, timeSliceTarget: 0.95, timeSliceWindow: 5m }
    - { displayName: Nearly all, target: 0.9, timeSliceTarget: 0.99, timeSliceWindow: 5m }
`;

describe('parseOpenSloDocuments', () => {
  it('reads OpenSLO v1 SLOs, SLI references, calendar windows and several objectives', () => {
    expect(parseOpenSloDocuments(yaml(FILE))).toEqual([
      {
        name: 'availability',
        description: 'Scoring calls answered without a server error.',
        objective: 0.999,
        window: '28d',
        budgetingMethod: 'Occurrences',
        indicator: {
          ratio: {
            bad: 'sum(rate(errors_total[{{window}}]))',
            total: 'sum(rate(requests_total[{{window}}]))',
          },
        },
      },
      expect.objectContaining({
        name: 'latency-most',
        objective: 0.99,
        window: '1M',
        calendar: true,
        budgetingMethod: 'Timeslices',
        timeSliceTarget: 0.95,
        timeSliceWindow: '5m',
      }),
      expect.objectContaining({
        name: 'latency-nearly-all',
        objective: 0.9,
        timeSliceTarget: 0.99,
      }),
    ]);
  });

  it.each([
    [
      'apiVersion: openslo/v2\nkind: SLO\nmetadata: { name: a }',
      'document 1 (SLO a): apiVersion must be openslo/v1 (got "openslo/v2")',
    ],
    [
      'apiVersion: openslo/v1\nkind: Service\nmetadata: { name: a }',
      'the file has no OpenSLO v1 SLO document',
    ],
    [
      'apiVersion: openslo/v1\nkind: SLO\nmetadata: { name: a }\nspec: { indicatorRef: missing }',
      'document 1 (SLO a): spec.indicatorRef "missing" names no SLI document in the file',
    ],
    [
      'apiVersion: openslo/v1\nkind: SLO\nmetadata: { name: a }\nspec:\n  indicator: { spec: { thresholdMetric: { metricSource: {} } } }',
      'document 1 (SLO a): spec.indicator.spec.ratioMetric is required (threshold metrics are not supported)',
    ],
    [
      'apiVersion: openslo/v1\nkind: SLO\nmetadata: { name: a }\nspec:\n  indicator: { spec: { ratioMetric: { good: { metricSource: { type: Datadog, spec: { query: q } } }, total: { metricSource: { spec: { query: t } } } } } }',
      'document 1 (SLO a): spec.indicator.spec.ratioMetric.good.metricSource.type "Datadog" is not supported: only Prometheus queries are',
    ],
    [
      'apiVersion: openslo/v1\nkind: SLO\nmetadata: { name: a }\nspec:\n  indicator: { spec: { ratioMetric: { good: { metricSource: { spec: { query: q } } }, total: { metricSource: { spec: { query: t } } } } } }\n  timeWindow: [{ duration: 28d }]\n  objectives: [{ target: 99.9 }]',
      'document 1 (SLO a): spec.objectives[0].target must be strictly between 0 and 1 (got 99.9)',
    ],
  ])('refuses %#, naming the document and field', (text, message) => {
    expect(() => parseOpenSloDocuments(yaml(text))).toThrow(message);
  });

  describe("gives the entity validator's errors for the same mistakes", () => {
    const slo = (objective: string, timeWindow: string) =>
      `apiVersion: openslo/v1\nkind: SLO\nmetadata: { name: a }\nspec:\n  indicator: { spec: { ratioMetric: { bad: { metricSource: { spec: { query: 'b[{{window}}]' } } }, total: { metricSource: { spec: { query: 't[{{window}}]' } } } } } }\n  timeWindow: [${timeWindow}]\n  objectives: [${objective}]`;
    const entitySlo = (fields: object) =>
      validateMLModelSlos([
        {
          name: 'a',
          objective: 0.999,
          window: '28d',
          budgetingMethod: 'Occurrences',
          indicator: {
            ratio: { bad: 'b[{{window}}]', total: 't[{{window}}]' },
          },
          ...fields,
        },
      ]);

    it.each([
      [
        'objective above 1',
        '{ target: 1.5 }',
        '{ duration: 28d }',
        { objective: 1.5 },
        'spec.objectives[0].target',
      ],
      [
        'objective of 1',
        '{ target: 1 }',
        '{ duration: 28d }',
        { objective: 1 },
        'spec.objectives[0].target',
      ],
      [
        'objective of 0',
        '{ target: 0 }',
        '{ duration: 28d }',
        { objective: 0 },
        'spec.objectives[0].target',
      ],
      [
        'objective as a percentage string',
        "{ target: '99.9%' }",
        '{ duration: 28d }',
        { objective: '99.9%' },
        'spec.objectives[0].target',
      ],
      [
        'unknown window',
        '{ target: 0.99 }',
        '{ duration: 30days }',
        { window: '30days' },
        'spec.timeWindow[0].duration',
      ],
      [
        'calendar window marked rolling',
        '{ target: 0.99 }',
        '{ duration: 1M, isRolling: true }',
        { window: '1M' },
        'spec.timeWindow[0].duration',
      ],
    ])('%s', (_what, objective, timeWindow, fields, openSloPath) => {
      const [entityIssue] = entitySlo(fields);
      expect(entityIssue).toBeDefined();
      expect(() =>
        parseOpenSloDocuments(yaml(slo(objective, timeWindow))),
      ).toThrow(
        new OpenSloError(
          `document 1 (SLO a): ${openSloPath} ${entityIssue.message}`,
        ),
      );
    });
  });
});
