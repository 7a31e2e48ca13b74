import { createPermission } from '@backstage/plugin-permission-common';

/**
 * The resource type of the suite's permissions: an MLModel catalog entity.
 * Conditional rules (for example "is owned by the requesting user") are
 * evaluated against the model entity.
 * @public
 */
export const MLOPS_MODEL_RESOURCE_TYPE = 'mlops-model';

/** Read readiness reviews of a model. @public */
export const mlopsReviewReadPermission = createPermission({
  name: 'mlops.review.read',
  attributes: { action: 'read' },
  resourceType: MLOPS_MODEL_RESOURCE_TYPE,
});

/** Open (or withdraw) a readiness review of a model version. @public */
export const mlopsReviewCreatePermission = createPermission({
  name: 'mlops.review.create',
  attributes: { action: 'create' },
  resourceType: MLOPS_MODEL_RESOURCE_TYPE,
});

/** Approve or request changes on a readiness review. @public */
export const mlopsReviewSignoffPermission = createPermission({
  name: 'mlops.review.signoff',
  attributes: { action: 'update' },
  resourceType: MLOPS_MODEL_RESOURCE_TYPE,
});

/** Promote, abort, retry or re-weight a model's canary. @public */
export const mlopsRolloutPromotePermission = createPermission({
  name: 'mlops.rollout.promote',
  attributes: { action: 'update' },
  resourceType: MLOPS_MODEL_RESOURCE_TYPE,
});

/** Abort a model's canary (roll back to stable). @public */
export const mlopsRolloutAbortPermission = createPermission({
  name: 'mlops.rollout.abort',
  attributes: { action: 'update' },
  resourceType: MLOPS_MODEL_RESOURCE_TYPE,
});

/** Promote fully despite a failing gate, with a written justification. @public */
export const mlopsRolloutOverridePermission = createPermission({
  name: 'mlops.rollout.override',
  attributes: { action: 'update' },
  resourceType: MLOPS_MODEL_RESOURCE_TYPE,
});

/** Post SLI measurements of a model into the portal's built-in SLO store. @public */
export const mlopsSloIngestPermission = createPermission({
  name: 'mlops.slo.ingest',
  attributes: { action: 'create' },
  resourceType: MLOPS_MODEL_RESOURCE_TYPE,
});

/**
 * Store a model version's drift reference and post windows of production
 * data (owners, and pipelines with a service token). @public
 */
export const mlopsDriftIngestPermission = createPermission({
  name: 'mlops.drift.ingest',
  attributes: { action: 'create' },
  resourceType: MLOPS_MODEL_RESOURCE_TYPE,
});

/** Every permission the suite defines, for the permissions registry. @public */
export const mlopsPermissions = [
  mlopsReviewReadPermission,
  mlopsReviewCreatePermission,
  mlopsReviewSignoffPermission,
  mlopsRolloutPromotePermission,
  mlopsRolloutAbortPermission,
  mlopsRolloutOverridePermission,
  mlopsSloIngestPermission,
  mlopsDriftIngestPermission,
];
