import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { useApi } from '@backstage/core-plugin-api';
import useAsync from 'react-use/esm/useAsync';
import { mlopsApiRef } from '../../api';
import { ModelDriftSummary } from '../../api/driftTypes';

/** The drift status per model, keyed by `stringifyEntityRef(model)`. */
export type DriftByModel = Map<string, ModelDriftSummary>;

/**
 * The drift of one page of models: a single `POST /drift/summary` for the
 * refs on the page, made again only when the page shows other models.
 */
export function useDriftSummaries(models: Entity[]) {
  const api = useApi(mlopsApiRef);
  const refs = models.map(model => stringifyEntityRef(model));
  const key = refs.join('\n');
  return useAsync(async (): Promise<DriftByModel> => {
    if (refs.length === 0) return new Map();
    const { items } = await api.getDriftSummary(refs);
    return new Map(
      refs.map(ref => [ref, items[ref] ?? { status: 'unknown' as const }]),
    );
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [api, key]);
}
