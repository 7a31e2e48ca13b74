import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { useApi } from '@backstage/core-plugin-api';
import useAsync from 'react-use/esm/useAsync';
import { mlopsApiRef } from '../../api';
import { ReviewOverview } from '../../api/types';

/** The newest review per model, keyed by `stringifyEntityRef(model)`. */
export type ReadinessByModel = Map<string, ReviewOverview | null>;

/**
 * The readiness of one page of models: a single `POST /readiness/summary`
 * for the refs on the page, made again only when the page shows other
 * models (not when the same rows re-render).
 */
export function useReadinessSummaries(models: Entity[]) {
  const api = useApi(mlopsApiRef);
  const refs = models.map(model => stringifyEntityRef(model));
  const key = refs.join('\n');
  return useAsync(async (): Promise<ReadinessByModel> => {
    if (refs.length === 0) return new Map();
    const { items } = await api.getReadinessSummary(refs);
    // The backend answers in the order asked (with canonical refs).
    return new Map(refs.map((ref, i) => [ref, items[i]?.review ?? null]));
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [api, key]);
}
