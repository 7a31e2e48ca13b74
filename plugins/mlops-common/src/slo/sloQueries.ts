import { MLModelSlo } from '../kinds/MLModelEntityV1alpha1';
import { SloDefinitionError } from './sloWindow';

const WINDOW_PLACEHOLDER = /\{\{\s*window\s*\}\}/g;

/** PromQL for good (or bad) and total events of an SLO over one window. @public */
export type SloEventQueries = {
  total: string;
} & ({ good: string; bad?: undefined } | { bad: string; good?: undefined });

function withWindow(query: string, window: string, path: string): string {
  if (!query.match(WINDOW_PLACEHOLDER)) {
    throw new SloDefinitionError(
      `${path} has no {{window}} placeholder, so it cannot be evaluated over the alert windows (got ${JSON.stringify(
        query,
      )})`,
    );
  }
  return query.replace(WINDOW_PLACEHOLDER, window);
}

/** The matchers inside `{…}`, without the braces. */
function selectorMatchers(selector: string | undefined, sloName: string) {
  if (selector === undefined || selector.trim() === '') return [];
  const match = /^\s*\{(.*)\}\s*$/s.exec(selector);
  if (!match) {
    throw new SloDefinitionError(
      `SLO ${sloName}: indicator.latency.selector must be a label selector in braces such as {service="fraud-scorer"} (got ${JSON.stringify(
        selector,
      )})`,
    );
  }
  const inner = match[1].trim().replace(/,\s*$/, '');
  return inner ? [inner] : [];
}

/**
 * The bucket boundary as exporters write it. Whole numbers are written `1`
 * by Go clients and `1.0` by Python ones, so both are matched.
 */
function leMatcher(threshold: number): string {
  if (Number.isInteger(threshold)) return `le=~"${threshold}(\\\\.0)?"`;
  return `le="${threshold}"`;
}

/**
 * The PromQL that counts an SLO's good (or bad) and total events over
 * `window`. Ratio indicators substitute `{{window}}` in their queries;
 * latency indicators count requests in the histogram bucket at the
 * threshold against all requests.
 * @public
 */
export function sloEventQueries(
  slo: MLModelSlo,
  window: string,
): SloEventQueries {
  const indicator = slo.indicator as Partial<{
    ratio: { good?: string; bad?: string; total: string };
    latency: { metric: string; threshold: number; selector?: string };
  }>;
  const base = `SLO ${slo.name}: indicator`;
  if (indicator.ratio) {
    const { good, bad, total } = indicator.ratio;
    const totalQuery = withWindow(total, window, `${base}.ratio.total`);
    if (good !== undefined && bad === undefined) {
      return {
        good: withWindow(good, window, `${base}.ratio.good`),
        total: totalQuery,
      };
    }
    if (bad !== undefined && good === undefined) {
      return {
        bad: withWindow(bad, window, `${base}.ratio.bad`),
        total: totalQuery,
      };
    }
    throw new SloDefinitionError(
      `${base}.ratio must have exactly one of good or bad (besides total)`,
    );
  }
  if (indicator.latency) {
    const { metric, threshold, selector } = indicator.latency;
    if (!/^[a-zA-Z_:][a-zA-Z0-9_:]*$/.test(metric ?? '')) {
      throw new SloDefinitionError(
        `${base}.latency.metric must be a Prometheus metric name (got ${JSON.stringify(
          metric,
        )})`,
      );
    }
    if (!(typeof threshold === 'number' && threshold > 0)) {
      throw new SloDefinitionError(
        `${base}.latency.threshold must be a number of seconds greater than 0`,
      );
    }
    const matchers = selectorMatchers(selector, slo.name);
    const bucket = `{${[...matchers, leMatcher(threshold)].join(',')}}`;
    const all = matchers.length ? `{${matchers.join(',')}}` : '';
    return {
      good: `sum(rate(${metric}_bucket${bucket}[${window}]))`,
      total: `sum(rate(${metric}_count${all}[${window}]))`,
    };
  }
  throw new SloDefinitionError(`${base} must have ratio or latency`);
}

/**
 * The PromQL of the error ratio (bad ÷ total) over `window`, the shape the
 * recording rules and the provider share.
 * @public
 */
export function sloErrorRatioQuery(slo: MLModelSlo, window: string): string {
  const q = sloEventQueries(slo, window);
  return q.bad !== undefined
    ? `(${q.bad})\n/\n(${q.total})`
    : `1 - (\n(${q.good})\n/\n(${q.total})\n)`;
}
