import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router-dom';
import {
  filtersFromSearchParams,
  filtersToSearchParams,
  ModelFilters,
} from '../../models/modelQuery';

/**
 * The page's filters, kept in the query string so that a filtered view can
 * be bookmarked and shared.
 */
export function useModelFiltersParams() {
  const [searchParams, setSearchParams] = useSearchParams();
  const serialized = searchParams.toString();
  const filters = useMemo(
    () => filtersFromSearchParams(new URLSearchParams(serialized)),
    [serialized],
  );
  const updateFilters = useCallback(
    (patch: Partial<ModelFilters>, options?: { replace?: boolean }) => {
      setSearchParams(filtersToSearchParams({ ...filters, ...patch }), {
        replace: options?.replace ?? false,
      });
    },
    [filters, setSearchParams],
  );
  return { filters, updateFilters };
}
