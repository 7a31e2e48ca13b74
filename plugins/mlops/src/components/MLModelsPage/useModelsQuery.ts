import { QueryEntitiesResponse } from '@backstage/catalog-client';
import { useApi } from '@backstage/core-plugin-api';
import { catalogApiRef } from '@backstage/plugin-catalog-react';
import { useCallback, useMemo, useState } from 'react';
import useAsync from 'react-use/esm/useAsync';
import {
  buildModelsQuery,
  MODEL_TABLE_FIELDS,
  MODELS_PAGE_SIZE,
  ModelFilters,
} from '../../models/modelQuery';

interface LoadedPage {
  response: QueryEntitiesResponse;
  index: number;
}

interface PageState {
  /** The first-page request this paging belongs to, serialised. */
  key: string;
  cursor?: string;
  index: number;
}

/**
 * One page of models from the catalog. Filters, search and sort go to the
 * catalog in the first request; "next" and "previous" follow its cursors,
 * so the browser only ever holds one page.
 */
export function useModelsQuery(
  filters: ModelFilters,
  ownershipRefs: string[] | undefined,
) {
  const catalogApi = useApi(catalogApiRef);
  const request = useMemo(
    () => buildModelsQuery(filters, ownershipRefs),
    [filters, ownershipRefs],
  );
  const key = JSON.stringify(request);
  const [paging, setPaging] = useState<PageState>({ key, index: 0 });
  // Any change to the request starts again at the first page.
  const page: PageState = paging.key === key ? paging : { key, index: 0 };
  // "My team's models" cannot be answered before the identity is known.
  const ready = !filters.mine || ownershipRefs !== undefined;

  const state = useAsync(async (): Promise<LoadedPage | undefined> => {
    if (!ready) return undefined;
    const response = await catalogApi.queryEntities(
      page.cursor
        ? {
            cursor: page.cursor,
            limit: MODELS_PAGE_SIZE,
            fields: MODEL_TABLE_FIELDS,
          }
        : request,
    );
    return { response, index: page.index };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [catalogApi, key, page.cursor, ready]);

  // While the next page loads, the previous one stays on screen with its
  // own page number, so the range label always matches the rows.
  const response = state.value?.response;
  const goTo = useCallback(
    (direction: 'next' | 'previous') => {
      const cursor =
        direction === 'next'
          ? response?.pageInfo.nextCursor
          : response?.pageInfo.prevCursor;
      if (!cursor) return;
      setPaging({
        key,
        cursor,
        index: Math.max(0, page.index + (direction === 'next' ? 1 : -1)),
      });
    },
    [response, key, page.index],
  );

  return {
    loading: state.loading || !ready,
    error: state.error,
    response,
    pageIndex: state.value?.index ?? 0,
    nextPage: useCallback(() => goTo('next'), [goTo]),
    previousPage: useCallback(() => goTo('previous'), [goTo]),
  };
}
