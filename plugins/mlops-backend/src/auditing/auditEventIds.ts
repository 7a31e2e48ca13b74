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
} as const;
