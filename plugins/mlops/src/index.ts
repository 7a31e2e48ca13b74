/**
 * ModelOps Portal frontend: the Models page, the MLModel entity cards and
 * the readiness review pages.
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
  EntityMLModelReadinessCard,
  EntityMLModelCanaryPanel,
  EntityMLModelDriftCard,
  MLOpsReviewsPage,
  EntityMLModelSloCard,
  MLOpsSlosPage,
} from './plugin';
export * from './api';
export { hasMLModelUnresolvedRefs } from './refs/modelRefs';
export { isMLModelEntity } from '@mlops-portal/plugin-mlops-common';
export type {
  MLModelAboutCardProps,
  MLModelVersionsCardProps,
  MLModelDataCardProps,
  MLModelLineageCardProps,
  MLModelReadinessCardProps,
  MLModelCanaryPanelProps,
  MLModelDriftCardProps,
  MLModelSloCardProps,
  ReadinessReviewsRouterProps,
} from './components';
