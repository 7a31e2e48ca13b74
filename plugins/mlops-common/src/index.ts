/**
 * Isomorphic core of ModelOps Portal: the MLModel entity kind, its
 * validator, annotations, relations and permissions.
 *
 * @packageDocumentation
 */
export * from './kinds/MLModelEntityV1alpha1';
export * from './kinds/validateMLModelEntity';
export * from './annotations';
export * from './relations';
export * from './permissions/permissions';
export * from './readiness';
export * from './rollout';
export * from './slo';
export * from './drift';
