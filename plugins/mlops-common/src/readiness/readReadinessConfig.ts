import { parseEntityRef } from '@backstage/catalog-model';
import {
  ML_MODEL_RISK_TIERS,
  MLModelCard,
  MLModelRiskTier,
} from '../kinds/MLModelEntityV1alpha1';
import {
  READINESS_CATEGORIES,
  ReadinessCategory,
  ReadinessCheck,
} from './checklist';
import {
  DEFAULT_APPROVALS,
  DEFAULT_APPROVAL_VALIDITY,
  DEFAULT_MODEL_CARD_SECTIONS,
  DEFAULT_READINESS_CHECKS,
  DEFAULT_SECURITY_GROUP,
} from './defaultChecklist';
import { parseReadinessDuration } from './duration';
import {
  ApprovalRequirement,
  DEFAULT_READINESS_POLICY,
  MODEL_CARD_SECTIONS,
  ReadinessPolicy,
} from './policy';

/**
 * The `mlops.readiness` app-config section. Every field is optional; what is
 * left out keeps its default.
 * @public
 */
export interface ReadinessConfig {
  /** Group whose members give the security approval (default `group:default/security-reviewers`). */
  securityGroup?: string;
  /** Per tier: a number of approvals, or the count and whether one must come from `securityGroup`. */
  approvals?: Partial<
    Record<
      MLModelRiskTier,
      number | { count?: number; securityApproval?: boolean }
    >
  >;
  /** How long an approval stays valid: `90d`, `12w`, `36h`, `30m`. */
  approvalValidity?: string;
  /** Tier for models without `spec.riskTier` (default `medium`). */
  defaultTier?: MLModelRiskTier;
  /** Model card sections the `model-card` check requires, per tier. */
  modelCardSections?: Partial<
    Record<MLModelRiskTier, Array<keyof MLModelCard>>
  >;
  /** Additional manual checks. */
  checks?: Array<{
    id: string;
    title: string;
    why: string;
    category: ReadinessCategory;
    kind?: 'manual';
    tiers: MLModelRiskTier[];
    required?: boolean;
  }>;
  /** Ids of checks (built-in or added) to leave out. */
  disable?: string[];
  /** Per check id: a different tier list, optionality, title, explanation or category. */
  overrides?: Record<
    string,
    {
      tiers?: MLModelRiskTier[];
      required?: boolean;
      title?: string;
      why?: string;
      category?: ReadinessCategory;
    }
  >;
}

/** One problem in the readiness configuration. @public */
export interface ReadinessConfigIssue {
  /** Full config path, e.g. `mlops.readiness.checks[3].category`. */
  path: string;
  message: string;
}

/**
 * Thrown by `readReadinessConfig`; the message names every offending path.
 * @public
 */
export class ReadinessConfigError extends Error {
  readonly issues: ReadinessConfigIssue[];

  constructor(issues: ReadinessConfigIssue[]) {
    super(
      `Invalid readiness configuration: ${issues
        .map(issue => `${issue.path} ${issue.message}`)
        .join('; ')}`,
    );
    this.name = 'ReadinessConfigError';
    this.issues = issues;
  }
}

const ROOT_KEYS = [
  'securityGroup',
  'approvals',
  'approvalValidity',
  'defaultTier',
  'modelCardSections',
  'checks',
  'disable',
  'overrides',
];
const CHECK_KEYS = [
  'id',
  'title',
  'why',
  'category',
  'kind',
  'tiers',
  'required',
];
const OVERRIDE_KEYS = ['tiers', 'required', 'title', 'why', 'category'];
const APPROVAL_KEYS = ['count', 'securityApproval'];
const CHECK_ID = /^[a-z0-9]+(-[a-z0-9]+)*$/;

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (value === undefined) return 'nothing';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'object') return 'an object';
  return String(value);
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function oneOf(values: readonly string[]): string {
  return values.join(', ');
}

/** Collects issues so that one error reports every mistake at once. */
class ConfigReader {
  readonly issues: ReadinessConfigIssue[] = [];

  fail(path: string, message: string) {
    this.issues.push({ path, message });
  }

  object(value: unknown, path: string): value is Record<string, unknown> {
    if (isObject(value)) return true;
    this.fail(path, `must be an object (got ${describe(value)})`);
    return false;
  }

  knownKeys(value: Record<string, unknown>, path: string, allowed: string[]) {
    for (const key of Object.keys(value)) {
      if (!allowed.includes(key)) {
        this.fail(
          `${path}.${key}`,
          `is not a known setting (expected one of ${oneOf(allowed)})`,
        );
      }
    }
  }

  text(value: unknown, path: string): string | undefined {
    if (typeof value === 'string' && value.trim() !== '') return value.trim();
    this.fail(path, `must be a non-empty string (got ${describe(value)})`);
    return undefined;
  }

  boolean(value: unknown, path: string): boolean | undefined {
    if (typeof value === 'boolean') return value;
    this.fail(path, `must be true or false (got ${describe(value)})`);
    return undefined;
  }

  count(value: unknown, path: string): number | undefined {
    if (typeof value === 'number' && Number.isInteger(value) && value >= 1) {
      return value;
    }
    this.fail(
      path,
      `must be a whole number of at least 1 (got ${describe(value)})`,
    );
    return undefined;
  }

  enumValue<T extends string>(
    value: unknown,
    path: string,
    allowed: readonly T[],
  ): T | undefined {
    if ((allowed as readonly unknown[]).includes(value)) return value as T;
    this.fail(
      path,
      `must be one of ${oneOf(allowed)} (got ${describe(value)})`,
    );
    return undefined;
  }

  tiers(value: unknown, path: string): MLModelRiskTier[] | undefined {
    if (!Array.isArray(value) || value.length === 0) {
      this.fail(
        path,
        `must be a non-empty list of risk tiers (${oneOf(
          ML_MODEL_RISK_TIERS,
        )}) (got ${describe(value)})`,
      );
      return undefined;
    }
    const tiers: MLModelRiskTier[] = [];
    let ok = true;
    value.forEach((item, i) => {
      const tier = this.enumValue(item, `${path}[${i}]`, ML_MODEL_RISK_TIERS);
      if (!tier) ok = false;
      else if (tiers.includes(tier)) {
        this.fail(`${path}[${i}]`, `repeats the tier ${describe(tier)}`);
        ok = false;
      } else tiers.push(tier);
    });
    // Keep the canonical order so that checklists read the same everywhere.
    return ok ? ML_MODEL_RISK_TIERS.filter(t => tiers.includes(t)) : undefined;
  }
}

function readApprovals(
  reader: ConfigReader,
  value: unknown,
  path: string,
  securityGroup: string,
): Record<MLModelRiskTier, ApprovalRequirement> {
  const settings = {
    low: { ...DEFAULT_APPROVALS.low },
    medium: { ...DEFAULT_APPROVALS.medium },
    high: { ...DEFAULT_APPROVALS.high },
    critical: { ...DEFAULT_APPROVALS.critical },
  };
  if (value !== undefined && reader.object(value, path)) {
    for (const [key, setting] of Object.entries(value)) {
      const at = `${path}.${key}`;
      if (!(ML_MODEL_RISK_TIERS as readonly string[]).includes(key)) {
        reader.fail(
          at,
          `is not a risk tier (expected one of ${oneOf(ML_MODEL_RISK_TIERS)})`,
        );
        continue;
      }
      const tier = key as MLModelRiskTier;
      // A bare number changes only the count, so that `critical: 3` cannot
      // silently drop the security approval.
      if (typeof setting === 'number' || !isObject(setting)) {
        const count = reader.count(setting, at);
        if (count !== undefined) settings[tier].count = count;
        continue;
      }
      reader.knownKeys(setting, at, APPROVAL_KEYS);
      if (setting.count !== undefined) {
        const count = reader.count(setting.count, `${at}.count`);
        if (count !== undefined) settings[tier].count = count;
      }
      if (setting.securityApproval !== undefined) {
        const flag = reader.boolean(
          setting.securityApproval,
          `${at}.securityApproval`,
        );
        if (flag !== undefined) settings[tier].securityApproval = flag;
      }
    }
  }
  const approvals = {} as Record<MLModelRiskTier, ApprovalRequirement>;
  for (const tier of ML_MODEL_RISK_TIERS) {
    approvals[tier] = settings[tier].securityApproval
      ? { count: settings[tier].count, securityGroup }
      : { count: settings[tier].count };
  }
  return approvals;
}

function readSecurityGroup(
  reader: ConfigReader,
  value: unknown,
  path: string,
): string {
  if (value === undefined) return DEFAULT_SECURITY_GROUP;
  const message = `must be a group entity ref such as ${DEFAULT_SECURITY_GROUP} (got ${describe(
    value,
  )})`;
  if (typeof value !== 'string') {
    reader.fail(path, message);
    return DEFAULT_SECURITY_GROUP;
  }
  try {
    const ref = parseEntityRef(value, {
      defaultKind: 'group',
      defaultNamespace: 'default',
    });
    if (ref.kind.toLocaleLowerCase('en-US') !== 'group') throw new Error();
    return `group:${ref.namespace}/${ref.name}`.toLocaleLowerCase('en-US');
  } catch {
    reader.fail(path, message);
    return DEFAULT_SECURITY_GROUP;
  }
}

function readModelCardSections(
  reader: ConfigReader,
  value: unknown,
  path: string,
): ReadinessPolicy['modelCardSections'] {
  const sections = { ...DEFAULT_MODEL_CARD_SECTIONS };
  if (value === undefined || !reader.object(value, path)) return sections;
  for (const [key, list] of Object.entries(value)) {
    const at = `${path}.${key}`;
    if (!(ML_MODEL_RISK_TIERS as readonly string[]).includes(key)) {
      reader.fail(
        at,
        `is not a risk tier (expected one of ${oneOf(ML_MODEL_RISK_TIERS)})`,
      );
      continue;
    }
    if (!Array.isArray(list)) {
      reader.fail(
        at,
        `must be a list of model card sections (got ${describe(list)})`,
      );
      continue;
    }
    const chosen: Array<keyof MLModelCard> = [];
    list.forEach((item, i) => {
      const section = reader.enumValue(
        item,
        `${at}[${i}]`,
        MODEL_CARD_SECTIONS,
      );
      if (section && chosen.includes(section)) {
        reader.fail(`${at}[${i}]`, `repeats the section ${describe(section)}`);
      } else if (section) chosen.push(section);
    });
    sections[key as MLModelRiskTier] = chosen;
  }
  return sections;
}

function readAddedChecks(
  reader: ConfigReader,
  value: unknown,
  path: string,
): ReadinessCheck[] {
  if (value === undefined) return [];
  if (!Array.isArray(value)) {
    reader.fail(path, `must be a list of checks (got ${describe(value)})`);
    return [];
  }
  const builtIn = new Set(DEFAULT_READINESS_CHECKS.map(c => c.id));
  const seen = new Map<string, number>();
  const checks: ReadinessCheck[] = [];
  value.forEach((item, i) => {
    const at = `${path}[${i}]`;
    if (!reader.object(item, at)) return;
    reader.knownKeys(item, at, CHECK_KEYS);
    const before = reader.issues.length;
    let id: string | undefined;
    if (typeof item.id !== 'string' || !CHECK_ID.test(item.id)) {
      reader.fail(
        `${at}.id`,
        `must be a kebab-case id such as privacy-review (got ${describe(
          item.id,
        )})`,
      );
    } else if (builtIn.has(item.id)) {
      reader.fail(
        `${at}.id`,
        `duplicates the built-in check ${describe(
          item.id,
        )}; use overrides to change it`,
      );
    } else if (seen.has(item.id)) {
      reader.fail(
        `${at}.id`,
        `duplicates ${path}[${seen.get(item.id)}].id (${describe(item.id)})`,
      );
    } else {
      id = item.id;
      seen.set(item.id, i);
    }
    const title = reader.text(item.title, `${at}.title`);
    const why = reader.text(item.why, `${at}.why`);
    const category = reader.enumValue(
      item.category,
      `${at}.category`,
      READINESS_CATEGORIES,
    );
    if (item.kind !== undefined && item.kind !== 'manual') {
      reader.fail(
        `${at}.kind`,
        `must be manual: automatic checks are built into the portal (got ${describe(
          item.kind,
        )})`,
      );
    }
    const tiers = reader.tiers(item.tiers, `${at}.tiers`);
    const required =
      item.required === undefined
        ? true
        : reader.boolean(item.required, `${at}.required`);
    if (reader.issues.length === before) {
      checks.push({
        id: id!,
        title: title!,
        why: why!,
        category: category!,
        kind: 'manual',
        tiers: tiers!,
        required: required!,
      });
    }
  });
  return checks;
}

function readDisable(
  reader: ConfigReader,
  value: unknown,
  path: string,
  known: string[],
): Set<string> {
  const disabled = new Set<string>();
  if (value === undefined) return disabled;
  if (!Array.isArray(value)) {
    reader.fail(path, `must be a list of check ids (got ${describe(value)})`);
    return disabled;
  }
  value.forEach((id, i) => {
    const at = `${path}[${i}]`;
    if (typeof id !== 'string' || !known.includes(id)) {
      reader.fail(
        at,
        `is not a known check id (got ${describe(id)}; known: ${oneOf(known)})`,
      );
    } else if (disabled.has(id)) {
      reader.fail(at, `repeats ${describe(id)}`);
    } else disabled.add(id);
  });
  return disabled;
}

function readOverrides(
  reader: ConfigReader,
  value: unknown,
  path: string,
  checks: ReadinessCheck[],
  disabled: Set<string>,
  disablePath: string,
): ReadinessCheck[] {
  if (value === undefined || !reader.object(value, path)) return checks;
  const known = checks.map(c => c.id);
  const overridden = new Map<string, Partial<ReadinessCheck>>();
  for (const [id, override] of Object.entries(value)) {
    const at = `${path}.${id}`;
    if (!known.includes(id)) {
      reader.fail(at, `is not a known check id (known: ${oneOf(known)})`);
      continue;
    }
    if (disabled.has(id)) {
      reader.fail(at, `changes a check that ${disablePath} turns off`);
      continue;
    }
    if (!reader.object(override, at)) continue;
    reader.knownKeys(override, at, OVERRIDE_KEYS);
    const change: Partial<ReadinessCheck> = {};
    if (override.tiers !== undefined) {
      const tiers = reader.tiers(override.tiers, `${at}.tiers`);
      if (tiers) change.tiers = tiers;
    }
    if (override.required !== undefined) {
      const required = reader.boolean(override.required, `${at}.required`);
      if (required !== undefined) change.required = required;
    }
    for (const field of ['title', 'why'] as const) {
      if (override[field] !== undefined) {
        const text = reader.text(override[field], `${at}.${field}`);
        if (text) change[field] = text;
      }
    }
    if (override.category !== undefined) {
      const category = reader.enumValue(
        override.category,
        `${at}.category`,
        READINESS_CATEGORIES,
      );
      if (category) change.category = category;
    }
    overridden.set(id, change);
  }
  return checks.map(check => ({ ...check, ...overridden.get(check.id) }));
}

/**
 * Resolves the readiness policy from the `mlops.readiness` config section
 * (plain JSON, e.g. `config.getOptional('mlops.readiness')`). `undefined`
 * yields the defaults. Validation is strict: unknown settings, unknown check
 * ids, bad tiers, counts or durations throw a {@link ReadinessConfigError}
 * naming every offending path.
 * @public
 */
export function readReadinessConfig(
  json: unknown,
  options: { path?: string } = {},
): ReadinessPolicy {
  const root = options.path ?? 'mlops.readiness';
  if (json === undefined || json === null) return DEFAULT_READINESS_POLICY;
  const reader = new ConfigReader();
  if (!reader.object(json, root)) throw new ReadinessConfigError(reader.issues);
  reader.knownKeys(json, root, ROOT_KEYS);

  const securityGroup = readSecurityGroup(
    reader,
    json.securityGroup,
    `${root}.securityGroup`,
  );
  const approvals = readApprovals(
    reader,
    json.approvals,
    `${root}.approvals`,
    securityGroup,
  );

  let approvalValidity = DEFAULT_APPROVAL_VALIDITY;
  let approvalValidityMs = DEFAULT_READINESS_POLICY.approvalValidityMs;
  if (json.approvalValidity !== undefined) {
    const ms =
      typeof json.approvalValidity === 'string'
        ? parseReadinessDuration(json.approvalValidity)
        : undefined;
    if (ms === undefined) {
      reader.fail(
        `${root}.approvalValidity`,
        `must be a duration such as 90d, 12w, 36h or 30m (got ${describe(
          json.approvalValidity,
        )})`,
      );
    } else {
      approvalValidity = json.approvalValidity as string;
      approvalValidityMs = ms;
    }
  }

  const defaultTier =
    json.defaultTier === undefined
      ? DEFAULT_READINESS_POLICY.defaultTier
      : reader.enumValue(
          json.defaultTier,
          `${root}.defaultTier`,
          ML_MODEL_RISK_TIERS,
        ) ?? DEFAULT_READINESS_POLICY.defaultTier;

  const modelCardSections = readModelCardSections(
    reader,
    json.modelCardSections,
    `${root}.modelCardSections`,
  );

  const allChecks = [
    ...DEFAULT_READINESS_CHECKS,
    ...readAddedChecks(reader, json.checks, `${root}.checks`),
  ];
  const disabled = readDisable(
    reader,
    json.disable,
    `${root}.disable`,
    allChecks.map(c => c.id),
  );
  const checks = readOverrides(
    reader,
    json.overrides,
    `${root}.overrides`,
    allChecks,
    disabled,
    `${root}.disable`,
  ).filter(check => !disabled.has(check.id));

  if (reader.issues.length > 0) throw new ReadinessConfigError(reader.issues);
  return {
    checks,
    approvals,
    approvalValidity,
    approvalValidityMs,
    modelCardSections,
    defaultTier,
  };
}
