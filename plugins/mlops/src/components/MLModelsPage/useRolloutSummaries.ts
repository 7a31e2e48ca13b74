import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { useApi } from '@backstage/core-plugin-api';
import { RolloutStateSummary } from '@mlops-portal/plugin-mlops-common';
import useAsync from 'react-use/esm/useAsync';
import { mlopsApiRef } from '../../api';

/** The rollout per model (null: no deployment or unreadable), keyed by `stringifyEntityRef(model)`. */
export type RolloutByModel = Map<
  string,
  { rollout: RolloutStateSummary | null; error?: string }
>;

/**
 * The rollouts of one page of models: a single `POST /rollout/summary` for
 * the refs on the page (the backend reads each cluster object at most once
 * per TTL), made again only when the page shows other models.
 */
export function useRolloutSummaries(models: Entity[]) {
  const api = useApi(mlopsApiRef);
  const refs = models.map(model => stringifyEntityRef(model));
  const key = refs.join('\n');
  return useAsync(async (): Promise<RolloutByModel> => {
    if (refs.length === 0) return new Map();
    const { items } = await api.getRolloutSummary(refs);
    return new Map(
      refs.map((ref, i) => [
        ref,
        { rollout: items[i]?.rollout ?? null, error: items[i]?.error },
      ]),
    );
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [api, key]);
}
