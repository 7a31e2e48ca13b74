import { MLModelSlo } from '../kinds/MLModelEntityV1alpha1';
import {
  alertWindowKeys,
  BurnRateWindow,
  DEFAULT_BURN_RATE_WINDOWS,
} from './burnRateAlerts';
import { sloErrorRatioQuery, sloEventQueries } from './sloQueries';
import {
  parseSloDuration,
  rollingEquivalent,
  SloDefinitionError,
} from './sloWindow';

/** One Prometheus recording or alerting rule. @public */
export type PrometheusRule = {
  record?: string;
  alert?: string;
  expr: string;
  for?: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
};

/** A Prometheus rule file as a plain object; YAML-stringify it to write it. @public */
export type PrometheusRuleFile = {
  groups: Array<{ name: string; interval?: string; rules: PrometheusRule[] }>;
};

/** `slo:sli_error:ratio_rate5m` for window `5m`. @public */
export function sloErrorRatioRecord(window: string): string {
  return `slo:sli_error:ratio_rate${window}`;
}

function labelSelector(labels: Record<string, string>): string {
  return `{${Object.entries(labels)
    .map(([k, v]) => `${k}=${JSON.stringify(v)}`)
    .join(', ')}}`;
}

/** 99.95, not 99.94999999999999. */
function objectivePercent(slo: MLModelSlo): string {
  return String(Number((slo.objective * 100).toPrecision(12)));
}

function sloDays(slo: MLModelSlo): number {
  const ms = parseSloDuration(rollingEquivalent(slo));
  if (ms === undefined) {
    throw new SloDefinitionError(
      `SLO ${slo.name}: window ${slo.window} is not supported`,
    );
  }
  return ms / 86_400_000;
}

function checkWindows(windows: readonly BurnRateWindow[]) {
  windows.forEach((w, i) => {
    for (const key of ['long', 'short'] as const) {
      if (parseSloDuration(w[key]) === undefined) {
        throw new SloDefinitionError(
          `windows[${i}].${key} must be a duration such as 5m or 1h (got ${JSON.stringify(
            w[key],
          )})`,
        );
      }
    }
    if (!(w.factor > 0)) {
      throw new SloDefinitionError(
        `windows[${i}].factor must be greater than 0`,
      );
    }
  });
}

/**
 * Recording and multi-window, multi-burn-rate alerting rules for a model's
 * SLOs, in the shape Sloth generates: per SLO a group recording the error
 * ratio over every alert window, a group with the SLO's metadata (objective,
 * error budget, burn rates, budget remaining over the period) and a group
 * of alerts — `page` for the fast pairs, `ticket` for the slow ones.
 *
 * For a calendar SLO the period rules use the rolling equivalent (`1M` →
 * `30d`); the portal itself computes the calendar figure. For a Timeslices
 * SLO the burn-rate alerts are on events (a slice is too coarse to alert
 * within minutes), and an extra group evaluated once per slice records
 * whether the latest slice was good.
 * @public
 */
export function generateSloPrometheusRules(options: {
  model: string;
  slos: MLModelSlo[];
  windows?: BurnRateWindow[];
}): PrometheusRuleFile {
  const { model, slos } = options;
  const windows = options.windows ?? [...DEFAULT_BURN_RATE_WINDOWS];
  if (!/^[a-zA-Z0-9][a-zA-Z0-9._-]*$/.test(model)) {
    throw new SloDefinitionError(
      `model must be an entity name such as card-fraud-detector (got ${JSON.stringify(
        model,
      )})`,
    );
  }
  checkWindows(windows);
  const groups: PrometheusRuleFile['groups'] = [];
  for (const slo of slos) {
    const labels = {
      slo_id: `${model}-${slo.name}`,
      slo_name: slo.name,
      slo_service: model,
    };
    const selector = labelSelector(labels);
    const days = sloDays(slo);
    const periodWindow = `${days}d`;
    const budget = 1 - slo.objective;
    const keys = alertWindowKeys(windows);

    groups.push({
      name: `slo-sli-recordings-${model}-${slo.name}`,
      rules: keys.map(window => ({
        record: sloErrorRatioRecord(window),
        expr: sloErrorRatioQuery(slo, window),
        labels: { ...labels, slo_window: window },
      })),
    });
    // The period ratio is the event ratio over the period; averaging the 5m
    // ratios (as Sloth does) would weigh a quiet night like a busy day.
    groups[groups.length - 1].rules.push({
      record: sloErrorRatioRecord(periodWindow),
      expr: sloErrorRatioQuery(slo, periodWindow),
      labels: { ...labels, slo_window: periodWindow },
    });

    const fastest = keys[0];
    groups.push({
      name: `slo-meta-recordings-${model}-${slo.name}`,
      rules: [
        {
          record: 'slo:objective:ratio',
          expr: `vector(${slo.objective})`,
          labels,
        },
        { record: 'slo:error_budget:ratio', expr: `vector(${budget})`, labels },
        { record: 'slo:time_period:days', expr: `vector(${days})`, labels },
        {
          record: 'slo:current_burn_rate:ratio',
          expr: `${sloErrorRatioRecord(
            fastest,
          )}${selector}\n/ on(slo_id, slo_name, slo_service) group_left\nslo:error_budget:ratio${selector}`,
          labels,
        },
        {
          record: 'slo:period_burn_rate:ratio',
          expr: `${sloErrorRatioRecord(
            periodWindow,
          )}${selector}\n/ on(slo_id, slo_name, slo_service) group_left\nslo:error_budget:ratio${selector}`,
          labels,
        },
        {
          record: 'slo:period_error_budget_remaining:ratio',
          expr: `1 - slo:period_burn_rate:ratio${selector}`,
          labels,
        },
        {
          record: 'slo_info',
          expr: 'vector(1)',
          labels: {
            ...labels,
            slo_objective: objectivePercent(slo),
            slo_window: slo.window,
            slo_budgeting_method: slo.budgetingMethod ?? 'Occurrences',
          },
        },
      ],
    });

    if (slo.budgetingMethod === 'Timeslices') {
      const slice = slo.timeSliceWindow;
      if (
        !slice ||
        parseSloDuration(slice) === undefined ||
        slo.timeSliceTarget === undefined
      ) {
        throw new SloDefinitionError(
          `SLO ${slo.name}: timeSliceWindow and timeSliceTarget are required when budgetingMethod is Timeslices`,
        );
      }
      const q = sloEventQueries(slo, slice);
      const good =
        q.good !== undefined ? `(${q.good})` : `((${q.total}) - (${q.bad}))`;
      groups.push({
        name: `slo-timeslice-recordings-${model}-${slo.name}`,
        interval: slice,
        rules: [
          {
            record: 'slo:timeslice_good:bool',
            // A slice without traffic records nothing: it is neither good nor bad.
            expr: `(${good} / (${q.total})) >= bool ${slo.timeSliceTarget}\nunless on() ((${q.total}) == 0)`,
            labels: { ...labels, slo_window: slice },
          },
        ],
      });
    }

    const alertRules: PrometheusRule[] = [];
    for (const severity of ['page', 'ticket'] as const) {
      const pairs = windows.filter(w => w.severity === severity);
      if (pairs.length === 0) continue;
      const expr = pairs
        .map(
          w =>
            `(\n  max(${sloErrorRatioRecord(w.long)}${selector} > (${
              w.factor
            } * ${budget})) without (slo_window)\n  and\n  max(${sloErrorRatioRecord(
              w.short,
            )}${selector} > (${w.factor} * ${budget})) without (slo_window)\n)`,
        )
        .join('\nor\n');
      const title =
        severity === 'page'
          ? 'burning its error budget too fast'
          : 'burning its error budget';
      alertRules.push({
        alert:
          severity === 'page'
            ? 'SloErrorBudgetBurnPage'
            : 'SloErrorBudgetBurnTicket',
        expr,
        labels: { ...labels, severity, slo_severity: severity },
        annotations: {
          title: `${model} ${slo.name} SLO is ${title}`,
          summary: `The ${
            slo.name
          } SLO of ${model} (objective ${objectivePercent(slo)}% over ${
            slo.window
          }) is ${title}: ${pairs
            .map(w => `${w.factor}× over ${w.long} and ${w.short}`)
            .join(', or ')}.`,
        },
      });
    }
    groups.push({ name: `slo-alerts-${model}-${slo.name}`, rules: alertRules });
  }
  return { groups };
}
