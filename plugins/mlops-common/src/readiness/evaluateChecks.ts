import { Entity } from '@backstage/catalog-model';
import { MLModelRiskTier, MLModelSpec } from '../kinds/MLModelEntityV1alpha1';
import { MLOPS_ANNOTATIONS, MLOPS_LINK_TYPES } from '../annotations';
import { AUTOMATIC_CHECK_IDS, AutomaticCheckId } from './defaultChecklist';
import { normalizeEntityRef } from './entityRefs';
import { isSafeHttpUrl } from './httpUrl';
import {
  DEFAULT_READINESS_POLICY,
  ReadinessPolicy,
  riskTierOf,
} from './policy';

/** @public */
export type AutomaticCheckStatus = 'passed' | 'failed' | 'not-applicable';

/** The verdict of one automatic check, with what it was judged on. @public */
export interface AutomaticCheckResult {
  checkId: string;
  status: AutomaticCheckStatus;
  /** JSON-serialisable facts the verdict rests on (the URL found, the refs missing, …). */
  evidence: Record<string, unknown>;
  /** One plain sentence for people. */
  summary: string;
}

/**
 * What the backend learned from the platform before evaluating: which entity
 * refs exist in the catalog. The owner and the datasets are looked up here;
 * a ref passes only with positive evidence that it exists.
 * @public
 */
export interface ReadinessFacts {
  existingRefs: Iterable<string>;
}

/** @public */
export interface EvaluateAutomaticChecksOptions {
  /** The MLModel entity as the catalog holds it (treated as untrusted input). */
  entity: Entity;
  /** The version under review. */
  version: string;
  facts: ReadinessFacts;
  policy?: ReadinessPolicy;
  /** Defaults to the entity's tier (see `riskTierOf`). */
  tier?: MLModelRiskTier;
}

type Verdict = Omit<AutomaticCheckResult, 'checkId'>;

interface CheckInput {
  entity: Entity;
  spec: Partial<MLModelSpec>;
  version: string;
  existing: Set<string>;
  tier: MLModelRiskTier;
  policy: ReadinessPolicy;
}

function list<T>(value: T[] | undefined): T[] {
  return Array.isArray(value) ? value : [];
}

function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

function linkCheck(type: string) {
  return ({ entity }: CheckInput): Verdict => {
    const links = list(entity.metadata.links).filter(l => l?.type === type);
    const safe = links.find(l => isSafeHttpUrl(l.url));
    if (safe) {
      return {
        status: 'passed',
        evidence: { url: safe.url, title: safe.title ?? null },
        summary: `The ${type} link points to ${safe.url}.`,
      };
    }
    if (links.length > 0) {
      return {
        status: 'failed',
        evidence: { url: null, rejected: links.map(l => String(l.url)) },
        summary: `The ${type} link ${String(
          links[0].url,
        )} is not an http(s) URL.`,
      };
    }
    return {
      status: 'failed',
      evidence: { url: null },
      summary: `No link of type ${type} in metadata.links.`,
    };
  };
}

const EVALUATORS: Record<AutomaticCheckId, (input: CheckInput) => Verdict> = {
  'owner-exists': ({ spec, existing }) => {
    if (typeof spec.owner !== 'string' || spec.owner.trim() === '') {
      return {
        status: 'failed',
        evidence: { owner: null, exists: false },
        summary: 'No owner is set in spec.owner.',
      };
    }
    const owner = normalizeEntityRef(spec.owner, 'group');
    const exists = existing.has(owner);
    return {
      status: exists ? 'passed' : 'failed',
      evidence: { owner, exists },
      summary: exists
        ? `The owner ${owner} exists in the catalog.`
        : `The owner ${owner} is not in the catalog.`,
    };
  },

  'lifecycle-not-experimental': ({ spec }) => {
    const lifecycle =
      typeof spec.lifecycle === 'string' ? spec.lifecycle : null;
    if (lifecycle === null) {
      return {
        status: 'failed',
        evidence: { lifecycle },
        summary: 'No lifecycle is set in spec.lifecycle.',
      };
    }
    const ok = lifecycle !== 'experimental';
    return {
      status: ok ? 'passed' : 'failed',
      evidence: { lifecycle },
      summary: ok
        ? `The lifecycle is ${lifecycle}.`
        : 'The lifecycle is experimental; change spec.lifecycle before a production release.',
    };
  },

  'evaluation-metrics': ({ spec, version }) => {
    const versions = list(spec.versions);
    const entry = versions.find(v => v?.version === version);
    if (!entry) {
      return {
        status: 'failed',
        evidence: {
          version,
          declaredVersions: versions.map(v => v?.version).filter(Boolean),
        },
        summary: `Version ${version} is not declared in spec.versions.`,
      };
    }
    const metrics: Record<string, number> = {};
    for (const [name, value] of Object.entries(entry.metrics ?? {})) {
      if (typeof value === 'number' && Number.isFinite(value)) {
        metrics[name] = value;
      }
    }
    const names = Object.keys(metrics);
    return {
      status: names.length > 0 ? 'passed' : 'failed',
      evidence: { version, metrics },
      summary:
        names.length > 0
          ? `Version ${version} has ${plural(
              names.length,
              'evaluation metric',
            )}: ${names.join(', ')}.`
          : `Version ${version} has no evaluation metrics in spec.versions[].metrics.`,
    };
  },

  'model-card': ({ spec, tier, policy }) => {
    const required = policy.modelCardSections[tier];
    if (required.length === 0) {
      return {
        status: 'not-applicable',
        evidence: { required: [], missing: [] },
        summary: `The ${tier} tier requires no model card sections.`,
      };
    }
    const card = (spec.modelCard ?? {}) as Record<string, unknown>;
    const missing = required.filter(
      section =>
        typeof card[section] !== 'string' ||
        (card[section] as string).trim() === '',
    );
    return {
      status: missing.length === 0 ? 'passed' : 'failed',
      evidence: { required: [...required], missing },
      summary:
        missing.length === 0
          ? `The model card has every section the ${tier} tier requires: ${required.join(
              ', ',
            )}.`
          : `The model card is missing ${missing.join(
              ', ',
            )} (required at the ${tier} tier).`,
    };
  },

  'datasets-exist': ({ spec, version, existing }) => {
    const trainedOn = list(
      list(spec.versions).find(v => v?.version === version)?.trainedOn,
    );
    const declared = [
      ...new Set(
        [...list(spec.datasets), ...trainedOn]
          .filter((ref): ref is string => typeof ref === 'string')
          .map(ref => normalizeEntityRef(ref, 'resource')),
      ),
    ];
    if (declared.length === 0) {
      return {
        status: 'failed',
        evidence: { declared, missing: [] },
        summary: 'No datasets are declared in spec.datasets.',
      };
    }
    const missing = declared.filter(ref => !existing.has(ref));
    return {
      status: missing.length === 0 ? 'passed' : 'failed',
      evidence: { declared, missing },
      summary:
        missing.length === 0
          ? `All ${plural(
              declared.length,
              'declared dataset',
            )} exist in the catalog.`
          : `${missing.length} of ${plural(
              declared.length,
              'declared dataset',
            )} ${
              missing.length === 1 ? 'is' : 'are'
            } not in the catalog: ${missing.join(', ')}.`,
    };
  },

  'dashboard-link': linkCheck(MLOPS_LINK_TYPES.dashboard),
  'runbook-link': linkCheck(MLOPS_LINK_TYPES.runbook),

  'slos-defined': ({ entity, spec }) => {
    const names = list(spec.slos)
      .map(slo => slo?.name)
      .filter((name): name is string => typeof name === 'string');
    if (names.length > 0) {
      return {
        status: 'passed',
        evidence: { source: 'spec.slos', slos: names },
        summary: `${plural(names.length, 'SLO')} defined: ${names.join(', ')}.`,
      };
    }
    // The annotation is the documented alternative to spec.slos.
    const file = entity.metadata.annotations?.[MLOPS_ANNOTATIONS.openSloFile];
    if (typeof file === 'string' && file.trim() !== '') {
      return {
        status: 'passed',
        evidence: { source: 'annotation', openSloFile: file },
        summary: `SLOs come from the OpenSLO file ${file}.`,
      };
    }
    return {
      status: 'failed',
      evidence: { source: null, slos: [] },
      summary: `No SLOs in spec.slos and no ${MLOPS_ANNOTATIONS.openSloFile} annotation.`,
    };
  },

  'drift-features': ({ spec }) => {
    const features = list(spec.features).filter(
      f => typeof f?.name === 'string',
    );
    const numerical = features.filter(f => f.type === 'numerical').length;
    const categorical = features.filter(f => f.type === 'categorical').length;
    return {
      status: features.length > 0 ? 'passed' : 'failed',
      evidence: { features: features.map(f => f.name), numerical, categorical },
      summary:
        features.length > 0
          ? `${plural(
              features.length,
              'feature',
            )} declared for drift detection (${numerical} numerical, ${categorical} categorical).`
          : 'No features in spec.features, so drift cannot be watched.',
    };
  },

  'rollout-declared': ({ spec }) => {
    const k8s = spec.deployment?.kubernetes;
    if (!k8s || typeof k8s !== 'object') {
      return {
        status: 'failed',
        evidence: { kubernetes: null },
        summary:
          'No spec.deployment.kubernetes, so the model has no progressive rollout.',
      };
    }
    const { cluster, namespace, kind, name } = k8s;
    return {
      status: 'passed',
      evidence: { cluster, namespace, kind, name },
      summary: `Deployed as ${kind} ${name} in ${cluster}/${namespace}.`,
    };
  },
};

/** Whether the portal knows how to evaluate a check id. @public */
export function isAutomaticCheckId(id: string): id is AutomaticCheckId {
  return (AUTOMATIC_CHECK_IDS as readonly string[]).includes(id);
}

/**
 * Evaluates every enabled automatic check of the policy for one model
 * version. Checks outside the tier's checklist come back `not-applicable`,
 * so that a card can still show them.
 * @public
 */
export function evaluateAutomaticChecks(
  options: EvaluateAutomaticChecksOptions,
): AutomaticCheckResult[] {
  const policy = options.policy ?? DEFAULT_READINESS_POLICY;
  const tier = options.tier ?? riskTierOf(options.entity, policy);
  const input: CheckInput = {
    entity: options.entity,
    spec: (options.entity.spec ?? {}) as Partial<MLModelSpec>,
    version: options.version,
    existing: new Set(
      [...options.facts.existingRefs].map(ref => normalizeEntityRef(ref)),
    ),
    tier,
    policy,
  };
  return policy.checks
    .filter(check => check.kind === 'automatic' && isAutomaticCheckId(check.id))
    .map(check => {
      if (!check.tiers.includes(tier)) {
        return {
          checkId: check.id,
          status: 'not-applicable',
          evidence: { tier, tiers: [...check.tiers] },
          summary: `Not part of the ${tier}-tier checklist.`,
        };
      }
      return {
        checkId: check.id,
        ...EVALUATORS[check.id as AutomaticCheckId](input),
      };
    });
}
