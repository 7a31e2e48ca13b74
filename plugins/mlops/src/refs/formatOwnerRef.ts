import { DEFAULT_NAMESPACE, parseEntityRef } from '@backstage/catalog-model';

/** `group:default/fraud-ml` → `fraud-ml`; other kinds and namespaces stay visible. */
export function formatOwnerRef(value: string): string {
  try {
    const ref = parseEntityRef(value, {
      defaultKind: 'group',
      defaultNamespace: DEFAULT_NAMESPACE,
    });
    const kind = ref.kind.toLocaleLowerCase('en-US');
    const namespace =
      ref.namespace === DEFAULT_NAMESPACE ? '' : `${ref.namespace}/`;
    return kind === 'group'
      ? `${namespace}${ref.name}`
      : `${kind}:${namespace}${ref.name}`;
  } catch {
    return value;
  }
}
