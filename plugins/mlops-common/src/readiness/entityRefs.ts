import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';

/**
 * The canonical, lower-case form of an entity ref, so that `fraud-ml`,
 * `group:fraud-ml` and `Group:default/Fraud-ML` compare equal. Text that is
 * not a ref is returned lower-cased, so it simply never matches.
 */
export function normalizeEntityRef(ref: string, defaultKind?: string): string {
  try {
    return stringifyEntityRef(
      parseEntityRef(ref, { defaultKind, defaultNamespace: 'default' }),
    ).toLocaleLowerCase('en-US');
  } catch {
    return ref.trim().toLocaleLowerCase('en-US');
  }
}

/** Whether `refs` (ownership refs of a user) contain `ref`. */
export function containsRef(refs: readonly string[], ref: string): boolean {
  const wanted = normalizeEntityRef(ref, 'group');
  return refs.some(candidate => normalizeEntityRef(candidate) === wanted);
}
