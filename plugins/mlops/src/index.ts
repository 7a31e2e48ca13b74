/**
 * ModelOps Portal frontend: the Models page and the MLModel entity cards.
 *
 * @packageDocumentation
 */
export {
  mlopsPlugin,
  MLModelsPage,
  EntityMLModelAboutCard,
  EntityMLModelVersionsCard,
  EntityMLModelDataCard,
  EntityMLModelLineageCard,
  EntityMLModelUnresolvedRefsWarning,
} from './plugin';
export { mlopsApiRef, MLOpsClient } from './api';
export type { MLOpsApi, FailedMLModel, FailedModelIssue } from './api';
export { hasMLModelUnresolvedRefs } from './refs/modelRefs';
export { isMLModelEntity } from '@mlops-portal/plugin-mlops-common';
export type {
  MLModelAboutCardProps,
  MLModelVersionsCardProps,
  MLModelDataCardProps,
  MLModelLineageCardProps,
} from './components';
