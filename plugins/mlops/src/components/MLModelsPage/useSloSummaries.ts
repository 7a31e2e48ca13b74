import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { useApi } from '@backstage/core-plugin-api';
import useAsync from 'react-use/esm/useAsync';
import { mlopsApiRef } from '../../api';
import { ModelSloSummary } from '../../api/sloTypes';

/** The SLO state per model, keyed by `stringifyEntityRef(model)`. */
export type SloByModel = Map<string, ModelSloSummary>;

/**
 * The SLOs of one page of models: a single `POST /slo/summary` for the refs
 * on the page (answered from the backend's cache), made again only when the
 * page shows other models.
 */
export function useSloSummaries(models: Entity[]) {
  const api = useApi(mlopsApiRef);
  const refs = models.map(model => stringifyEntityRef(model));
  const key = refs.join('\n');
  return useAsync(async (): Promise<SloByModel> => {
    if (refs.length === 0) return new Map();
    const { items } = await api.getSloSummary(refs);
    return new Map(refs.map((ref, i) => [ref, items[i]]));
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [api, key]);
}
