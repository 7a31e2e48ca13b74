/**
 * Annotations the suite reads or writes on catalog entities.
 * @public
 */
export const MLOPS_ANNOTATIONS = {
  /**
   * Written by the catalog module: comma-separated refs that the model points
   * to but that do not exist in the catalog. Absent when every ref resolves.
   */
  unresolvedRefs: 'mlops-portal.io/unresolved-refs',
  /** Which SLO provider serves this model (e.g. `prometheus`, `builtin`). */
  sloProvider: 'mlops-portal.io/slo-provider',
  /** Path, relative to the entity file, of an OpenSLO YAML file. */
  openSloFile: 'mlops-portal.io/openslo-file',
} as const;

/** Link `type` values that cards pick out of `metadata.links`. @public */
export const MLOPS_LINK_TYPES = {
  runbook: 'runbook',
  dashboard: 'dashboard',
  experimentTracking: 'experiment-tracking',
  repository: 'repository',
} as const;
