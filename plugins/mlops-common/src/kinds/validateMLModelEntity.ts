import Ajv, { ErrorObject } from 'ajv';
import {
  Entity,
  KubernetesValidatorFunctions,
  parseEntityRef,
} from '@backstage/catalog-model';
import schema from '../schema/MLModel.v1alpha1.schema.json';
import {
  ML_MODEL_API_VERSION,
  ML_MODEL_KIND,
  MLModelSpec,
} from './MLModelEntityV1alpha1';

/**
 * One problem found in an MLModel entity.
 * @public
 */
export interface MLModelValidationIssue {
  /** Dotted path with indices, e.g. `spec.features[2].name`. */
  path: string;
  /** The rule that was broken, in words. */
  message: string;
}

// Which kinds each reference field may point to, and the kind assumed when a
// ref omits it (the same defaults Backstage uses for spec.owner and friends).
const REF_RULES: Record<string, { defaultKind: string; allowed: string[] }> = {
  owner: { defaultKind: 'group', allowed: ['group', 'user'] },
  system: { defaultKind: 'system', allowed: ['system'] },
  datasets: { defaultKind: 'resource', allowed: ['resource'] },
  servedBy: { defaultKind: 'component', allowed: ['component'] },
  trainedOn: { defaultKind: 'resource', allowed: ['resource'] },
};

const ajv = new Ajv({ allErrors: true, strict: false, verbose: true });
ajv.addFormat('date-time', {
  type: 'string',
  validate: (value: string) =>
    /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/.test(
      value,
    ) && !Number.isNaN(Date.parse(value)),
});
const validateSchema = ajv.compile(schema);

function toPath(instancePath: string): string {
  if (!instancePath) return '';
  return instancePath
    .split('/')
    .slice(1)
    .map(segment => segment.replace(/~1/g, '/').replace(/~0/g, '~'))
    .reduce(appendPathSegment, '');
}

function appendPathSegment(path: string, segment: string): string {
  if (/^\d+$/.test(segment)) return `${path}[${segment}]`;
  return path ? `${path}.${segment}` : segment;
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'object') return 'an object';
  return String(value);
}

function issueFromAjv(error: ErrorObject): MLModelValidationIssue {
  const path = toPath(error.instancePath);
  const rule = (error.parentSchema as Record<string, unknown> | undefined)?.[
    'x-rule'
  ] as string | undefined;
  const join = (child: string) => (path ? `${path}.${child}` : child);
  switch (error.keyword) {
    case 'required':
      return {
        path: join(String(error.params.missingProperty)),
        message: 'is required',
      };
    case 'additionalProperties':
      return {
        path: join(String(error.params.additionalProperty)),
        message: 'is not a field of this object (check its spelling)',
      };
    case 'enum':
      return {
        path,
        message: `must be one of ${(error.params.allowedValues as unknown[])
          .map(String)
          .join(', ')} (got ${describe(error.data)})`,
      };
    case 'type':
      return {
        path,
        message: `must be ${
          error.params.type === 'array' || error.params.type === 'object'
            ? `an ${error.params.type}`
            : `a ${error.params.type}`
        } (got ${describe(error.data)})`,
      };
    case 'exclusiveMinimum':
    case 'exclusiveMaximum': {
      const parent = error.parentSchema as Record<string, number>;
      const min = parent.exclusiveMinimum;
      const max = parent.exclusiveMaximum;
      return {
        path,
        message:
          max !== undefined
            ? `must be strictly between ${min} and ${max} (got ${describe(
                error.data,
              )})`
            : `must be greater than ${min} (got ${describe(error.data)})`,
      };
    }
    case 'minLength':
      return { path, message: 'must not be empty' };
    case 'format':
      return {
        path,
        message: `must be an ISO 8601 date-time such as 2026-03-01T12:00:00Z (got ${describe(
          error.data,
        )})`,
      };
    default:
      return {
        path,
        message: rule
          ? `${rule} (got ${describe(error.data)})`
          : error.message ?? 'is invalid',
      };
  }
}

function checkRef(
  value: string,
  path: string,
  field: keyof typeof REF_RULES,
  issues: MLModelValidationIssue[],
): string | undefined {
  const rule = REF_RULES[field];
  try {
    const ref = parseEntityRef(value, {
      defaultKind: rule.defaultKind,
      defaultNamespace: 'default',
    });
    if (
      !KubernetesValidatorFunctions.isValidObjectName(ref.name) ||
      !KubernetesValidatorFunctions.isValidNamespace(ref.namespace)
    ) {
      throw new TypeError('invalid name or namespace');
    }
    const kind = ref.kind.toLocaleLowerCase('en-US');
    if (!rule.allowed.includes(kind)) {
      issues.push({
        path,
        message: `must refer to a ${rule.allowed.join(' or ')} (got ${describe(
          value,
        )}, a ${ref.kind})`,
      });
      return undefined;
    }
    return `${kind}:${ref.namespace.toLocaleLowerCase(
      'en-US',
    )}/${ref.name.toLocaleLowerCase('en-US')}`;
  } catch (e) {
    issues.push({
      path,
      message: `must be an entity reference such as ${
        rule.defaultKind
      }:default/name (got ${describe(value)})`,
    });
    return undefined;
  }
}

function checkUnique(
  values: Array<string | undefined>,
  pathOf: (index: number) => string,
  what: string,
  issues: MLModelValidationIssue[],
) {
  const seen = new Map<string, number>();
  values.forEach((value, index) => {
    if (typeof value !== 'string') return;
    const first = seen.get(value);
    if (first !== undefined) {
      issues.push({
        path: pathOf(index),
        message: `duplicates the ${what} ${describe(value)} at ${pathOf(
          first,
        )}`,
      });
    } else {
      seen.set(value, index);
    }
  });
}

// Rules a JSON schema cannot express: reference syntax and kinds,
// uniqueness by name, and agreement between fields.
function semanticIssues(spec: MLModelSpec): MLModelValidationIssue[] {
  const issues: MLModelValidationIssue[] = [];
  if (typeof spec.owner === 'string') {
    checkRef(spec.owner, 'spec.owner', 'owner', issues);
  }
  if (typeof spec.system === 'string') {
    checkRef(spec.system, 'spec.system', 'system', issues);
  }
  const datasets = new Set<string>();
  (Array.isArray(spec.datasets) ? spec.datasets : []).forEach((ref, i) => {
    if (typeof ref !== 'string') return;
    const normalized = checkRef(ref, `spec.datasets[${i}]`, 'datasets', issues);
    if (normalized) datasets.add(normalized);
  });
  checkUnique(
    Array.isArray(spec.datasets) ? spec.datasets : [],
    i => `spec.datasets[${i}]`,
    'dataset',
    issues,
  );
  (Array.isArray(spec.servedBy) ? spec.servedBy : []).forEach((ref, i) => {
    if (typeof ref === 'string') {
      checkRef(ref, `spec.servedBy[${i}]`, 'servedBy', issues);
    }
  });
  const versions = Array.isArray(spec.versions) ? spec.versions : [];
  versions.forEach((version, i) => {
    (Array.isArray(version?.trainedOn) ? version.trainedOn : []).forEach(
      (ref, j) => {
        if (typeof ref !== 'string') return;
        const path = `spec.versions[${i}].trainedOn[${j}]`;
        const normalized = checkRef(ref, path, 'trainedOn', issues);
        if (normalized && !datasets.has(normalized)) {
          issues.push({
            path,
            message: `${describe(ref)} is not declared in spec.datasets`,
          });
        }
      },
    );
  });
  checkUnique(
    versions.map(v => v?.version),
    i => `spec.versions[${i}].version`,
    'version',
    issues,
  );
  if (
    typeof spec.version === 'string' &&
    versions.length > 0 &&
    !versions.some(v => v?.version === spec.version)
  ) {
    issues.push({
      path: 'spec.version',
      message: `${describe(spec.version)} is not listed in spec.versions`,
    });
  }
  const features = Array.isArray(spec.features) ? spec.features : [];
  checkUnique(
    features.map(f => f?.name),
    i => `spec.features[${i}].name`,
    'feature name',
    issues,
  );
  const slos = Array.isArray(spec.slos) ? spec.slos : [];
  checkUnique(
    slos.map(s => s?.name),
    i => `spec.slos[${i}].name`,
    'SLO name',
    issues,
  );
  slos.forEach((slo, i) => {
    if (!slo || typeof slo !== 'object') return;
    const ratio = (slo.indicator as { ratio?: { good?: string; bad?: string } })
      ?.ratio;
    if (ratio && typeof ratio === 'object') {
      const has = [ratio.good, ratio.bad].filter(q => q !== undefined).length;
      if (has !== 1) {
        issues.push({
          path: `spec.slos[${i}].indicator.ratio`,
          message: 'must have exactly one of good or bad (besides total)',
        });
      }
    }
    if (
      typeof slo.window === 'string' &&
      /[MQ]$/.test(slo.window) &&
      slo.calendar !== true
    ) {
      issues.push({
        path: `spec.slos[${i}].window`,
        message: `${describe(
          slo.window,
        )} is a calendar window: set calendar: true, or use a rolling window such as 30d`,
      });
    }
    if (slo.budgetingMethod === 'Timeslices') {
      for (const field of ['timeSliceTarget', 'timeSliceWindow'] as const) {
        if (slo[field] === undefined) {
          issues.push({
            path: `spec.slos[${i}].${field}`,
            message: 'is required when budgetingMethod is Timeslices',
          });
        }
      }
    }
  });
  return issues;
}

/**
 * Every problem in an MLModel entity, schema and semantic rules alike.
 * An empty list means the entity is valid.
 * @public
 */
export function validateMLModelEntity(
  entity: unknown,
): MLModelValidationIssue[] {
  if (!validateSchema(entity)) {
    const issues = (validateSchema.errors ?? []).map(issueFromAjv);
    // ajv reports the same spot once per failed keyword; keep the first.
    const seen = new Set<string>();
    return issues.filter(issue => {
      const key = `${issue.path}|${issue.message}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    });
  }
  return semanticIssues((entity as { spec: MLModelSpec }).spec);
}

/**
 * The problems of SLO definitions by the rules of `spec.slos` (schema and
 * semantic rules), with paths `spec.slos[i]…`. SLOs defined elsewhere (an
 * OpenSLO file) are checked with it so that they fail exactly as the same
 * SLOs in an entity would.
 * @public
 */
export function validateMLModelSlos(slos: unknown[]): MLModelValidationIssue[] {
  // The rules live in the entity schema; a minimal valid entity around the
  // SLOs applies them without a second copy.
  const probe = {
    apiVersion: ML_MODEL_API_VERSION,
    kind: ML_MODEL_KIND,
    metadata: { name: 'slo-definitions' },
    spec: {
      type: 'other',
      lifecycle: 'production',
      owner: 'group:default/slo-definitions',
      slos,
    },
  };
  return validateMLModelEntity(probe).filter(issue =>
    issue.path.startsWith('spec.slos'),
  );
}

/**
 * Thrown for an invalid MLModel; `issues` holds each field path and rule.
 * @public
 */
export class MLModelValidationError extends TypeError {
  readonly issues: MLModelValidationIssue[];

  constructor(entityName: string, issues: MLModelValidationIssue[]) {
    super(
      `Invalid MLModel ${entityName}: ${issues
        .map(issue => `${issue.path || '<root>'} ${issue.message}`)
        .join('; ')}`,
    );
    this.name = 'MLModelValidationError';
    this.issues = issues;
  }
}

/**
 * A catalog `KindValidator` for `mlops-portal.io/v1alpha1` `MLModel`:
 * resolves `false` for other kinds, `true` for a valid MLModel, and throws
 * an {@link MLModelValidationError} naming each field path otherwise.
 * @public
 */
export const mlModelEntityV1alpha1Validator = {
  async check(entity: Entity): Promise<boolean> {
    if (
      entity?.apiVersion !== ML_MODEL_API_VERSION ||
      entity?.kind !== ML_MODEL_KIND
    ) {
      return false;
    }
    const issues = validateMLModelEntity(entity);
    if (issues.length > 0) {
      throw new MLModelValidationError(
        `"${entity.metadata?.name ?? '<unnamed>'}"`,
        issues,
      );
    }
    return true;
  },
};
