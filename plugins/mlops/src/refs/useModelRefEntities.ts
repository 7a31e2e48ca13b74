import { Entity } from '@backstage/catalog-model';
import { useApi } from '@backstage/core-plugin-api';
import { catalogApiRef } from '@backstage/plugin-catalog-react';
import { MLModelEntityV1alpha1 } from '@mlops-portal/plugin-mlops-common';
import { useMemo } from 'react';
import useAsync from 'react-use/esm/useAsync';
import { collectModelRefs, uniqueRefs } from './modelRefs';

/** The catalog's view of the entities a model refers to. */
export interface ModelRefEntities {
  /** Entities that exist, by normalised ref. */
  entities: ReadonlyMap<string, Entity>;
  /** Normalised refs that exist in the catalog. */
  existingRefs: ReadonlySet<string>;
}

// Enough to label and describe a related entity, nothing more.
const RELATED_ENTITY_FIELDS = [
  'kind',
  'metadata.namespace',
  'metadata.name',
  'metadata.title',
  'metadata.description',
  'spec.type',
  'spec.lifecycle',
];

/**
 * Looks up, in one catalog request, every entity the model refers to
 * (owner, system, datasets, serving components), to show their titles and
 * to tell which of them do not exist.
 */
export function useModelRefEntities(entity: MLModelEntityV1alpha1) {
  const catalogApi = useApi(catalogApiRef);
  const refs = useMemo(() => uniqueRefs(collectModelRefs(entity)), [entity]);
  const key = refs.join(',');
  return useAsync(async (): Promise<ModelRefEntities> => {
    if (refs.length === 0) {
      return { entities: new Map(), existingRefs: new Set() };
    }
    const { items } = await catalogApi.getEntitiesByRefs({
      entityRefs: refs,
      fields: RELATED_ENTITY_FIELDS,
    });
    const entities = new Map<string, Entity>();
    // Items come back in request order, with undefined where nothing exists.
    items.forEach((item, index) => {
      if (item) entities.set(refs[index], item);
    });
    return { entities, existingRefs: new Set(entities.keys()) };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [catalogApi, key]);
}
