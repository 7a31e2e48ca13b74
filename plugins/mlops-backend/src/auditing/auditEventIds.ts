/**
 * The auditor event ids the plugin emits (in addition to the append-only
 * audit log in its database). The README lists them.
 */
export const AUDIT_EVENT_IDS = {
  open: 'readiness-review-open',
  attest: 'readiness-review-attest',
  approve: 'readiness-review-approve',
  requestChanges: 'readiness-review-request-changes',
  reopen: 'readiness-review-reopen',
  withdraw: 'readiness-review-withdraw',
  /** A refresh endpoint call, or a run of the periodic re-evaluation (`meta.trigger`). */
  refresh: 'readiness-review-refresh',
  evidenceExport: 'readiness-review-evidence-export',
  gateCheck: 'readiness-review-gate-check',
  demoSeed: 'readiness-review-demo-seed',
  /** An action on a model's canary (promote, promote fully, abort, retry, set weight); `meta.override` marks a gate override. */
  rolloutAction: 'rollout-action',
  /** SLI counts posted into the built-in SLO store. */
  sloIngest: 'slo-measurements-ingest',
  /** A run of the scheduled SLO status computation (writes the cache). */
  sloRefresh: 'slo-status-refresh',
  /** Demo SLI measurements written by `mlops.demo.seedSlos`. */
  sloDemoSeed: 'slo-demo-seed',
  /** A drift reference stored (raw rows or a pre-aggregated profile) for a model version. */
  driftReferencePut: 'drift-reference-put',
  /** A window of production data evaluated against its reference and stored. */
  driftWindowPost: 'drift-window-post',
  /** Demo drift references and windows written by `mlops.demo.seedDrift`. */
  driftDemoSeed: 'drift-demo-seed',
} as const;
