import {
  Entity,
  DEFAULT_NAMESPACE,
  KubernetesValidatorFunctions,
  parseEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import {
  isMLModelEntity,
  MLOPS_ANNOTATIONS,
  MLModelEntityV1alpha1,
} from '@mlops-portal/plugin-mlops-common';

/** What a reference in an MLModel's spec points at. */
export type ModelRefRole =
  | 'owner'
  | 'system'
  | 'dataset'
  | 'servedBy'
  | 'trainedOn';

/** One reference found in an MLModel's spec, normalised. */
export interface ModelRef {
  /** `kind:namespace/name`, lower case: the key used to compare refs. */
  ref: string;
  role: ModelRefRole;
  /** Where in the entity the reference was written, e.g. `spec.datasets[1]`. */
  path: string;
  /** The reference exactly as written in the entity. */
  raw: string;
}

// The same defaults the catalog module and validator apply to short refs.
const DEFAULT_KIND: Record<ModelRefRole, string> = {
  owner: 'group',
  system: 'system',
  dataset: 'resource',
  servedBy: 'component',
  trainedOn: 'resource',
};

/**
 * Completes a possibly short entity reference (`payments`,
 * `group:fraud-ml`) to `kind:namespace/name`, keeping its case. Returns
 * undefined for text that is not a reference.
 */
export function qualifyEntityRef(
  value: string,
  options: { defaultKind?: string; defaultNamespace?: string } = {},
): string | undefined {
  try {
    const parsed = parseEntityRef(value.trim(), {
      defaultKind: options.defaultKind,
      defaultNamespace: options.defaultNamespace ?? DEFAULT_NAMESPACE,
    });
    if (
      !KubernetesValidatorFunctions.isValidObjectName(parsed.name) ||
      !KubernetesValidatorFunctions.isValidNamespace(
        parsed.namespace.toLocaleLowerCase('en-US'),
      )
    ) {
      return undefined;
    }
    return stringifyEntityRef(parsed);
  } catch {
    return undefined;
  }
}

/**
 * Normalises an entity reference to `kind:namespace/name` in lower case, so
 * that `chargebacks`, `resource:chargebacks` and
 * `Resource:default/Chargebacks` compare equal. Returns undefined for text
 * that is not a reference.
 */
export function normalizeEntityRef(
  value: string,
  options: { defaultKind?: string; defaultNamespace?: string } = {},
): string | undefined {
  return qualifyEntityRef(value, options)?.toLocaleLowerCase('en-US');
}

/** The normalised ref of the entity itself. */
export function entityRefOf(entity: Entity): string {
  return stringifyEntityRef(entity).toLocaleLowerCase('en-US');
}

// Keeps the original indices, so paths point at the right list item.
function itemsOf(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

/**
 * Every entity reference an MLModel makes: owner, system, datasets, serving
 * components and the datasets each version was trained on. The spec comes
 * from YAML that the catalog has already validated, but cards must not
 * crash on an entity that slipped through, so every field is checked.
 */
export function collectModelRefs(entity: MLModelEntityV1alpha1): ModelRef[] {
  const spec = (entity.spec ?? {}) as Partial<MLModelEntityV1alpha1['spec']>;
  const defaultNamespace = entity.metadata.namespace ?? DEFAULT_NAMESPACE;
  const refs: ModelRef[] = [];
  const add = (raw: unknown, role: ModelRefRole, path: string) => {
    if (typeof raw !== 'string') return;
    const ref = normalizeEntityRef(raw, {
      defaultKind: DEFAULT_KIND[role],
      defaultNamespace,
    });
    if (ref) refs.push({ ref, role, path, raw });
  };
  add(spec.owner, 'owner', 'spec.owner');
  add(spec.system, 'system', 'spec.system');
  itemsOf(spec.datasets).forEach((raw, i) =>
    add(raw, 'dataset', `spec.datasets[${i}]`),
  );
  itemsOf(spec.servedBy).forEach((raw, i) =>
    add(raw, 'servedBy', `spec.servedBy[${i}]`),
  );
  (Array.isArray(spec.versions) ? spec.versions : []).forEach((version, i) =>
    itemsOf(version?.trainedOn).forEach((raw, j) =>
      add(raw, 'trainedOn', `spec.versions[${i}].trainedOn[${j}]`),
    ),
  );
  return refs;
}

/** The distinct normalised refs of {@link collectModelRefs}, in spec order. */
export function uniqueRefs(refs: ModelRef[]): string[] {
  return [...new Set(refs.map(r => r.ref))];
}

/**
 * The refs the catalog module recorded as missing, from the
 * `mlops-portal.io/unresolved-refs` annotation (comma-separated). Each entry
 * is normalised when it can be, and kept as written when it cannot.
 */
export function readUnresolvedRefs(entity: Entity): string[] {
  const value = entity.metadata.annotations?.[MLOPS_ANNOTATIONS.unresolvedRefs];
  if (!value) return [];
  const defaultNamespace = entity.metadata.namespace ?? DEFAULT_NAMESPACE;
  const refs = value
    .split(',')
    .map(part => part.trim())
    .filter(Boolean)
    .map(part => normalizeEntityRef(part, { defaultNamespace }) ?? part);
  return [...new Set(refs)];
}

/**
 * True when the catalog module recorded references of this MLModel that do
 * not resolve; use it with `EntitySwitch.Case` to show the warning.
 * @public
 */
export function hasMLModelUnresolvedRefs(entity: Entity): boolean {
  return (
    isMLModelEntity(entity) &&
    !!entity.metadata.annotations?.[MLOPS_ANNOTATIONS.unresolvedRefs]?.trim()
  );
}

/** An unresolved ref together with the spec fields that mention it. */
export interface UnresolvedRef {
  ref: string;
  paths: string[];
}

/**
 * Pairs each ref from the unresolved-refs annotation with the places in the
 * spec that use it, so the warning can say which line to fix.
 */
export function describeUnresolvedRefs(
  entity: MLModelEntityV1alpha1,
): UnresolvedRef[] {
  const modelRefs = collectModelRefs(entity);
  return readUnresolvedRefs(entity).map(ref => ({
    ref,
    paths: modelRefs
      .filter(r => r.ref === ref || r.raw === ref)
      .map(r => r.path),
  }));
}
