/**
 * Catalog backend module that adds the MLModel kind
 * (`mlops-portal.io/v1alpha1`) to the Backstage catalog.
 *
 * @packageDocumentation
 */
export { catalogModuleMLOpsEntityModel as default } from './module';
export * from './processor/MLModelEntitiesProcessor';
export * from './processor/EntityExistenceLookup';
export * from './processor/CatalogEntityExistenceLookup';
