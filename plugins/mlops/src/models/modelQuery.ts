import {
  EntityFilterQuery,
  GetEntityFacetsRequest,
  QueryEntitiesInitialRequest,
} from '@backstage/catalog-client';
import { ML_MODEL_KIND } from '@mlops-portal/plugin-mlops-common';

/** Rows per page of the Models table. */
export const MODELS_PAGE_SIZE = 20;

/**
 * The entity fields the Models table shows. Asking for only these keeps each
 * page a few kilobytes even when models carry long model cards and SLOs.
 */
export const MODEL_TABLE_FIELDS = [
  'kind',
  'metadata.namespace',
  'metadata.name',
  'metadata.title',
  'metadata.description',
  'spec.owner',
  'spec.system',
  'spec.type',
  'spec.riskTier',
  'spec.lifecycle',
  'spec.version',
];

/** Fields the text search looks in. */
export const MODEL_SEARCH_FIELDS = [
  'metadata.name',
  'metadata.title',
  'metadata.description',
  'spec.owner',
];

/** The spec fields the filters offer, keyed by filter name. */
export const MODEL_FACET_FIELDS = {
  owners: 'spec.owner',
  tiers: 'spec.riskTier',
  lifecycles: 'spec.lifecycle',
  types: 'spec.type',
} as const;

export type ModelFacetFilter = keyof typeof MODEL_FACET_FIELDS;

/** Columns the table can sort by, and the entity field each sorts on. */
export const MODEL_SORT_FIELDS = {
  name: 'metadata.name',
  owner: 'spec.owner',
  system: 'spec.system',
  type: 'spec.type',
  riskTier: 'spec.riskTier',
  lifecycle: 'spec.lifecycle',
  version: 'spec.version',
} as const;

export type ModelSortColumn = keyof typeof MODEL_SORT_FIELDS;

/** Everything that decides which models the page lists, and in what order. */
export interface ModelFilters {
  owners: string[];
  tiers: string[];
  lifecycles: string[];
  types: string[];
  /** Free text, matched against {@link MODEL_SEARCH_FIELDS}. */
  text: string;
  /** Only models owned by the signed-in user or one of their groups. */
  mine: boolean;
  sort: ModelSortColumn;
  order: 'asc' | 'desc';
}

export const DEFAULT_MODEL_FILTERS: ModelFilters = {
  owners: [],
  tiers: [],
  lifecycles: [],
  types: [],
  text: '',
  mine: false,
  sort: 'name',
  order: 'asc',
};

// Short query-string names keep shared links readable:
// /mlops/models?tier=high&tier=critical&lifecycle=production&q=fraud
const PARAM_NAMES: Record<ModelFacetFilter, string> = {
  owners: 'owner',
  tiers: 'tier',
  lifecycles: 'lifecycle',
  types: 'type',
};

function isSortColumn(value: string | null): value is ModelSortColumn {
  return (
    !!value && Object.prototype.hasOwnProperty.call(MODEL_SORT_FIELDS, value)
  );
}

/** Reads filters from the page's query string; unknown values fall back to defaults. */
export function filtersFromSearchParams(params: URLSearchParams): ModelFilters {
  const list = (name: string) => [
    ...new Set(
      params
        .getAll(name)
        .map(v => v.trim())
        .filter(Boolean),
    ),
  ];
  const sort = params.get('sort');
  return {
    owners: list(PARAM_NAMES.owners),
    tiers: list(PARAM_NAMES.tiers),
    lifecycles: list(PARAM_NAMES.lifecycles),
    types: list(PARAM_NAMES.types),
    text: params.get('q')?.trim() ?? '',
    mine: params.get('mine') === 'true',
    sort: isSortColumn(sort) ? sort : DEFAULT_MODEL_FILTERS.sort,
    order: params.get('order') === 'desc' ? 'desc' : 'asc',
  };
}

/** Writes filters to a query string, leaving out everything at its default. */
export function filtersToSearchParams(filters: ModelFilters): URLSearchParams {
  const params = new URLSearchParams();
  (Object.keys(PARAM_NAMES) as ModelFacetFilter[]).forEach(key =>
    filters[key].forEach(value => params.append(PARAM_NAMES[key], value)),
  );
  if (filters.text.trim()) params.set('q', filters.text.trim());
  if (filters.mine) params.set('mine', 'true');
  if (filters.sort !== DEFAULT_MODEL_FILTERS.sort)
    params.set('sort', filters.sort);
  if (filters.order !== DEFAULT_MODEL_FILTERS.order)
    params.set('order', filters.order);
  return params;
}

/** True when any filter narrows the list (sorting does not count). */
export function hasActiveFilters(filters: ModelFilters): boolean {
  return (
    filters.owners.length > 0 ||
    filters.tiers.length > 0 ||
    filters.lifecycles.length > 0 ||
    filters.types.length > 0 ||
    filters.text.trim() !== '' ||
    filters.mine
  );
}

/** The catalog filter for the given filters (without text search). */
export function buildModelsFilter(
  filters: ModelFilters,
  ownershipRefs: string[] = [],
): EntityFilterQuery {
  const filter: Record<string, string | string[]> = { kind: ML_MODEL_KIND };
  (Object.keys(MODEL_FACET_FIELDS) as ModelFacetFilter[]).forEach(key => {
    if (filters[key].length > 0) {
      filter[MODEL_FACET_FIELDS[key]] = filters[key];
    }
  });
  // The ownedBy relation is the catalog's resolved form of spec.owner, so
  // it matches `fraud-ml`, `group:fraud-ml` and `group:default/fraud-ml` alike.
  if (filters.mine && ownershipRefs.length > 0) {
    filter['relations.ownedBy'] = ownershipRefs.map(ref =>
      ref.toLocaleLowerCase('en-US'),
    );
  }
  return filter;
}

/**
 * The first-page request for the Models table. Filtering, text search,
 * sorting and paging all happen in the catalog; later pages follow the
 * returned cursor.
 */
export function buildModelsQuery(
  filters: ModelFilters,
  ownershipRefs: string[] = [],
): QueryEntitiesInitialRequest {
  const text = filters.text.trim();
  return {
    filter: buildModelsFilter(filters, ownershipRefs),
    ...(text
      ? { fullTextFilter: { term: text, fields: MODEL_SEARCH_FIELDS } }
      : {}),
    orderFields: {
      field: MODEL_SORT_FIELDS[filters.sort],
      order: filters.order,
    },
    limit: MODELS_PAGE_SIZE,
    fields: MODEL_TABLE_FIELDS,
  };
}

/** The facet request that fills the filter menus, with counts over all models. */
export function buildModelFacetsRequest(): GetEntityFacetsRequest {
  return {
    filter: { kind: ML_MODEL_KIND },
    facets: Object.values(MODEL_FACET_FIELDS),
  };
}
