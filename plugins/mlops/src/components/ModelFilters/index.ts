export { ModelFilters, SEARCH_DEBOUNCE_MS } from './ModelFilters';
export type { ModelFiltersProps } from './ModelFilters';
