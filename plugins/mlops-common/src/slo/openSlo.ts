import { MLModelSlo } from '../kinds/MLModelEntityV1alpha1';
import { validateMLModelSlos } from '../kinds/validateMLModelEntity';

/** An OpenSLO document the portal cannot use, with where it is wrong. @public */
export class OpenSloError extends Error {
  name = 'OpenSloError';
}

type Doc = Record<string, any>;

function isObject(value: unknown): value is Doc {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function where(doc: Doc, index: number) {
  const name = isObject(doc.metadata) ? doc.metadata.name : undefined;
  return `document ${index + 1}${
    typeof name === 'string' ? ` (${doc.kind} ${name})` : ''
  }`;
}

function queryOf(source: unknown, path: string): string {
  const spec = isObject(source) ? source.metricSource?.spec : undefined;
  const type = isObject(source) ? source.metricSource?.type : undefined;
  if (type !== undefined && String(type).toLowerCase() !== 'prometheus') {
    throw new OpenSloError(
      `${path}.metricSource.type ${JSON.stringify(
        type,
      )} is not supported: only Prometheus queries are`,
    );
  }
  const query = isObject(spec) ? spec.query ?? spec.promql : undefined;
  if (typeof query !== 'string' || query.trim() === '') {
    throw new OpenSloError(
      `${path}.metricSource.spec.query must be a PromQL query`,
    );
  }
  return query;
}

/** Where a field of the portal's SLO shape came from in the OpenSLO document. */
const OPENSLO_FIELDS: Record<string, (objective: number) => string> = {
  name: () => 'metadata.name',
  description: () => 'spec.description',
  objective: j => `spec.objectives[${j}].target`,
  window: () => 'spec.timeWindow[0].duration',
  calendar: () => 'spec.timeWindow[0].isRolling',
  budgetingMethod: () => 'spec.budgetingMethod',
  timeSliceTarget: j => `spec.objectives[${j}].timeSliceTarget`,
  timeSliceWindow: j => `spec.objectives[${j}].timeSliceWindow`,
  indicator: () => 'spec.indicator.spec.ratioMetric',
};

function openSloPath(entityPath: string, objective: number): string {
  const field = /^spec\.slos\[0\]\.?([A-Za-z]*)/.exec(entityPath)?.[1] ?? '';
  return OPENSLO_FIELDS[field]?.(objective) ?? entityPath;
}

function slug(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 63);
}

/**
 * Reads OpenSLO v1 documents (already parsed from YAML; `SLO` and the `SLI`
 * documents they reference by `indicatorRef`) into the model's SLO shape.
 * Supported: `ratioMetric` indicators with Prometheus queries (`good` or
 * `bad`, and `total`), one rolling or calendar `timeWindow`, `Occurrences`
 * or `Timeslices` budgeting. An SLO with several objectives becomes one SLO
 * per objective, named after the objective. Anything else is refused with
 * an error that names the document and the field.
 * @public
 */
export function parseOpenSloDocuments(documents: unknown[]): MLModelSlo[] {
  const docs = documents.filter(d => d !== null && d !== undefined);
  const slis = new Map<string, Doc>();
  docs.forEach((doc, i) => {
    if (!isObject(doc)) {
      throw new OpenSloError(`document ${i + 1} is not a mapping`);
    }
    if (doc.apiVersion !== 'openslo/v1') {
      throw new OpenSloError(
        `${where(doc, i)}: apiVersion must be openslo/v1 (got ${JSON.stringify(
          doc.apiVersion,
        )})`,
      );
    }
    if (doc.kind === 'SLI' && typeof doc.metadata?.name === 'string') {
      slis.set(doc.metadata.name, doc);
    }
  });
  const result: MLModelSlo[] = [];
  docs.forEach((doc: Doc, i) => {
    if (doc.kind !== 'SLO') return;
    const at = where(doc, i);
    const name = doc.metadata?.name;
    if (
      typeof name !== 'string' ||
      !/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/.test(name)
    ) {
      throw new OpenSloError(
        `${at}: metadata.name must be a lowercase DNS label`,
      );
    }
    const spec = doc.spec;
    if (!isObject(spec)) throw new OpenSloError(`${at}: spec is required`);
    let indicator = spec.indicator;
    if (indicator === undefined && typeof spec.indicatorRef === 'string') {
      indicator = slis.get(spec.indicatorRef);
      if (!indicator) {
        throw new OpenSloError(
          `${at}: spec.indicatorRef ${JSON.stringify(
            spec.indicatorRef,
          )} names no SLI document in the file`,
        );
      }
    }
    const ratio = isObject(indicator) ? indicator.spec?.ratioMetric : undefined;
    if (!isObject(ratio)) {
      throw new OpenSloError(
        `${at}: spec.indicator.spec.ratioMetric is required (threshold metrics are not supported)`,
      );
    }
    const hasGood = ratio.good !== undefined;
    const hasBad = ratio.bad !== undefined;
    if (hasGood === hasBad) {
      throw new OpenSloError(
        `${at}: spec.indicator.spec.ratioMetric must have exactly one of good or bad`,
      );
    }
    const base = 'spec.indicator.spec.ratioMetric';
    const total = queryOf(ratio.total, `${at}: ${base}.total`);
    const sliRatio = hasGood
      ? { good: queryOf(ratio.good, `${at}: ${base}.good`), total }
      : { bad: queryOf(ratio.bad, `${at}: ${base}.bad`), total };

    const windows = spec.timeWindow;
    if (
      !Array.isArray(windows) ||
      windows.length !== 1 ||
      !isObject(windows[0])
    ) {
      throw new OpenSloError(
        `${at}: spec.timeWindow must have exactly one entry`,
      );
    }
    const window = windows[0];
    const calendar = window.isRolling === false || isObject(window.calendar);
    const method = spec.budgetingMethod ?? 'Occurrences';
    if (method !== 'Occurrences' && method !== 'Timeslices') {
      throw new OpenSloError(
        `${at}: spec.budgetingMethod must be Occurrences or Timeslices (got ${JSON.stringify(
          method,
        )})`,
      );
    }
    const objectives = spec.objectives;
    if (!Array.isArray(objectives) || objectives.length === 0) {
      throw new OpenSloError(
        `${at}: spec.objectives must list at least one objective`,
      );
    }
    objectives.forEach((objective: unknown, j: number) => {
      const path = `${at}: spec.objectives[${j}]`;
      if (!isObject(objective)) {
        throw new OpenSloError(`${path} must be a mapping with a target`);
      }
      const suffix =
        objectives.length === 1
          ? ''
          : `-${slug(
              String(objective.displayName ?? objective.name ?? j + 1),
            )}`;
      const slo: MLModelSlo = {
        name: `${name}${suffix}`.slice(0, 63),
        ...(typeof spec.description === 'string'
          ? { description: spec.description }
          : {}),
        objective: objective.target,
        window: window.duration,
        ...(calendar ? { calendar: true } : {}),
        budgetingMethod: method,
        indicator: { ratio: sliRatio },
      };
      if (method === 'Timeslices') {
        if (
          !(
            typeof objective.timeSliceTarget === 'number' &&
            objective.timeSliceTarget > 0 &&
            objective.timeSliceTarget <= 1
          )
        ) {
          throw new OpenSloError(
            `${path}.timeSliceTarget is required with Timeslices (a number in (0, 1])`,
          );
        }
        if (
          typeof objective.timeSliceWindow !== 'string' ||
          !/^[1-9]\d*(s|m|h)$/.test(objective.timeSliceWindow)
        ) {
          throw new OpenSloError(
            `${path}.timeSliceWindow is required with Timeslices (such as 5m)`,
          );
        }
        slo.timeSliceTarget = objective.timeSliceTarget;
        slo.timeSliceWindow = objective.timeSliceWindow;
      }
      const [issue] = validateMLModelSlos([slo]);
      if (issue) {
        throw new OpenSloError(
          `${at}: ${openSloPath(issue.path, j)} ${issue.message}`,
        );
      }
      result.push(slo);
    });
  });
  if (result.length === 0) {
    throw new OpenSloError('the file has no OpenSLO v1 SLO document');
  }
  return result;
}
