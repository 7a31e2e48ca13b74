import {
  CompoundEntityRef,
  Entity,
  parseEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';

/**
 * The lower-case `kind:namespace/name` form of an entity ref, the same form
 * the readiness engine stores (`mlmodel:default/card-fraud-detector`), so
 * that refs typed differently compare and query equal. Throws on text that is
 * not an entity ref.
 */
export function canonicalEntityRef(
  ref: string | CompoundEntityRef | Entity,
  defaultKind?: string,
): string {
  const parsed =
    typeof ref === 'string'
      ? parseEntityRef(ref, { defaultKind, defaultNamespace: 'default' })
      : ref;
  return stringifyEntityRef(parsed).toLocaleLowerCase('en-US');
}

/** Like {@link canonicalEntityRef}, but `undefined` for text that is not a ref. */
export function tryCanonicalEntityRef(
  ref: unknown,
  defaultKind?: string,
): string | undefined {
  if (typeof ref !== 'string' || ref.trim() === '') return undefined;
  try {
    return canonicalEntityRef(ref.trim(), defaultKind);
  } catch {
    return undefined;
  }
}
