import { Entity } from '@backstage/catalog-model';
import { ResponseErrorPanel } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { catalogApiRef } from '@backstage/plugin-catalog-react';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Grid from '@material-ui/core/Grid';
import Typography from '@material-ui/core/Typography';
import useAsync from 'react-use/esm/useAsync';
import { useOwnershipRefs } from '../../hooks/useOwnershipRefs';
import { useReviewLink } from '../../hooks/useReviewLink';
import {
  buildModelFacetsRequest,
  DEFAULT_MODEL_FILTERS,
  hasActiveFilters,
  MODELS_PAGE_SIZE,
  ModelSortColumn,
} from '../../models/modelQuery';
import { FailedModelsPanel } from '../FailedModelsPanel';
import { ModelFilters } from '../ModelFilters';
import { ModelsTable } from '../ModelsTable';
import { NoModelsEmptyState } from './NoModelsEmptyState';
import { useModelFiltersParams } from './useModelFiltersParams';
import { useModelsQuery } from './useModelsQuery';
import { useReadinessSummaries } from './useReadinessSummaries';
import { useRolloutSummaries } from './useRolloutSummaries';
import { useDriftSummaries } from './useDriftSummaries';
import { useSloSummaries } from './useSloSummaries';

const numberFormat = new Intl.NumberFormat('en-US');
const EMPTY: Entity[] = [];

/**
 * The body of the Models page, without page chrome: used as is by the new
 * frontend system, whose page supplies the header.
 */
export function MLModelsContent() {
  const catalogApi = useApi(catalogApiRef);
  const { filters, updateFilters } = useModelFiltersParams();
  const ownership = useOwnershipRefs();
  const ownershipRefs = ownership.value;
  const facets = useAsync(
    () => catalogApi.getEntityFacets(buildModelFacetsRequest()),
    [catalogApi],
  );
  const query = useModelsQuery(
    filters,
    ownership.loading ? undefined : ownershipRefs ?? [],
  );

  const models = query.response?.items ?? EMPTY;
  const readiness = useReadinessSummaries(models);
  const drift = useDriftSummaries(models);
  const rollouts = useRolloutSummaries(models);
  const slos = useSloSummaries(models);
  const reviewLink = useReviewLink();

  const onSort = (column: ModelSortColumn) =>
    updateFilters({
      sort: column,
      order:
        filters.sort === column && filters.order === 'asc' ? 'desc' : 'asc',
    });
  const filtered = hasActiveFilters(filters);
  const total = query.response?.totalItems ?? 0;

  return (
    <Grid container spacing={3}>
      <Grid item xs={12}>
        <FailedModelsPanel ownershipRefs={ownershipRefs ?? []} />
      </Grid>
      <Grid item xs={12}>
        <ModelFilters
          filters={filters}
          onChange={updateFilters}
          facets={facets.value?.facets}
          canFilterMine={(ownershipRefs?.length ?? 0) > 0}
        />
      </Grid>
      <Grid item xs={12} style={{ minWidth: 0 }}>
        <Box mb={1}>
          <Typography variant="h6" component="h2" data-testid="models-total">
            {query.response
              ? `${numberFormat.format(total)} ${
                  total === 1 ? 'model' : 'models'
                }${filtered ? ' match these filters' : ''}`
              : 'Models'}
          </Typography>
        </Box>
        {query.error ? (
          <ResponseErrorPanel error={query.error} />
        ) : (
          <ModelsTable
            models={models}
            totalItems={total}
            pageIndex={query.pageIndex}
            pageSize={MODELS_PAGE_SIZE}
            hasNext={!!query.response?.pageInfo.nextCursor}
            hasPrevious={!!query.response?.pageInfo.prevCursor}
            onNext={query.nextPage}
            onPrevious={query.previousPage}
            sort={filters.sort}
            order={filters.order}
            onSort={onSort}
            loading={query.loading}
            readiness={{
              byModel: readiness.value,
              loading: readiness.loading,
              error: readiness.error,
              link: reviewLink,
            }}
            drift={{
              byModel: drift.value,
              loading: drift.loading,
              error: drift.error,
            }}
            rollout={{
              byModel: rollouts.value,
              loading: rollouts.loading,
              error: rollouts.error,
            }}
            slo={{
              byModel: slos.value,
              loading: slos.loading,
              error: slos.error,
            }}
            emptyContent={
              filtered ? (
                <Box textAlign="center">
                  <Typography variant="body1" paragraph>
                    No models match these filters.
                  </Typography>
                  <Button
                    variant="outlined"
                    onClick={() =>
                      updateFilters({
                        ...DEFAULT_MODEL_FILTERS,
                        sort: filters.sort,
                        order: filters.order,
                      })
                    }
                  >
                    Clear filters
                  </Button>
                </Box>
              ) : (
                <NoModelsEmptyState />
              )
            }
          />
        )}
      </Grid>
    </Grid>
  );
}
