import { AUDIT_EVENT_IDS } from '../auditing/auditEventIds';

/** The drift API's auditor events (listed in the package README). */
export const DRIFT_AUDIT_EVENT_IDS = {
  referencePut: AUDIT_EVENT_IDS.driftReferencePut,
  windowPost: AUDIT_EVENT_IDS.driftWindowPost,
  demoSeed: AUDIT_EVENT_IDS.driftDemoSeed,
} as const;
