import {
  ML_MODEL_LIFECYCLES,
  ML_MODEL_RISK_TIERS,
} from '@mlops-portal/plugin-mlops-common';
import { formatOwnerRef } from '../../refs/formatOwnerRef';

// Tiers and lifecycles have a meaningful order; owners and types do not.
const NATURAL_ORDER: Partial<Record<string, readonly string[]>> = {
  tiers: ML_MODEL_RISK_TIERS,
  lifecycles: ML_MODEL_LIFECYCLES,
};

/** One choice in a filter menu. */
export interface FacetOption {
  value: string;
  label: string;
  count: number;
}

/**
 * Menu options from a facet: tiers and lifecycles in their natural order,
 * owners and types by how many models they have. Selected values that no
 * model has any more (an old shared link) stay visible with a zero count,
 * so they can be unticked.
 */
export function facetOptions(
  facet: Array<{ value: string; count: number }> | undefined,
  kind: 'owners' | 'tiers' | 'lifecycles' | 'types',
  selected: string[],
): FacetOption[] {
  const counts = new Map<string, number>();
  (facet ?? []).forEach(({ value, count }) =>
    counts.set(value, (counts.get(value) ?? 0) + count),
  );
  selected.forEach(value => {
    if (!counts.has(value)) counts.set(value, 0);
  });
  const options = [...counts.entries()].map(([value, count]) => ({
    value,
    count,
    label: kind === 'owners' ? formatOwnerRef(value) : value,
  }));
  const order = NATURAL_ORDER[kind];
  if (order) {
    const rank = (v: string) =>
      order.includes(v) ? order.indexOf(v) : order.length;
    return options.sort(
      (a, b) => rank(a.value) - rank(b.value) || a.value.localeCompare(b.value),
    );
  }
  return options.sort(
    (a, b) => b.count - a.count || a.label.localeCompare(b.label),
  );
}
