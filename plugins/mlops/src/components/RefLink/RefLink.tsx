import { EntityRefLink } from '@backstage/plugin-catalog-react';
import { qualifyEntityRef } from '../../refs/modelRefs';

/** @public */
export interface RefLinkProps {
  /** A reference as written in YAML, possibly short (`payments`). */
  entityRef: string;
  /** The kind a short reference means, e.g. `group` for an owner. */
  defaultKind: string;
  defaultNamespace?: string;
}

/**
 * A link to an entity from a reference as people write it in YAML.
 * `EntityRefLink` needs the kind spelled out, so short references are
 * completed first; text that is not a reference is shown as is.
 */
export function RefLink(props: RefLinkProps) {
  const { entityRef, defaultKind, defaultNamespace } = props;
  const qualified = qualifyEntityRef(entityRef, {
    defaultKind,
    defaultNamespace,
  });
  if (!qualified) return <>{entityRef}</>;
  return <EntityRefLink entityRef={qualified} />;
}
