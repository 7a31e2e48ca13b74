import {
  createApiFactory,
  createComponentExtension,
  createPlugin,
  createRoutableExtension,
  discoveryApiRef,
  fetchApiRef,
} from '@backstage/core-plugin-api';
import { MLOpsClient, mlopsApiRef } from './api';
import {
  reviewRouteRef,
  reviewsRouteRef,
  rootRouteRef,
  slosRouteRef,
} from './routes';

/**
 * The ModelOps Portal frontend plugin (legacy frontend system).
 * @public
 */
export const mlopsPlugin = createPlugin({
  id: 'mlops',
  apis: [
    createApiFactory({
      api: mlopsApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: ({ discoveryApi, fetchApi }) =>
        new MLOpsClient({ discoveryApi, fetchApi }),
    }),
  ],
  routes: {
    root: rootRouteRef,
    reviews: reviewsRouteRef,
    review: reviewRouteRef,
    slos: slosRouteRef,
  },
});

/**
 * Every MLModel in the catalog, with filters, search and the models that
 * failed validation.
 * @public
 */
export const MLModelsPage = mlopsPlugin.provide(
  createRoutableExtension({
    name: 'MLModelsPage',
    component: () => import('./components').then(m => m.MLModelsPage),
    mountPoint: rootRouteRef,
  }),
);

/**
 * The model card of an MLModel: facts, links and model-card sections.
 * @public
 */
export const EntityMLModelAboutCard = mlopsPlugin.provide(
  createComponentExtension({
    name: 'EntityMLModelAboutCard',
    component: {
      lazy: () => import('./components').then(m => m.MLModelAboutCard),
    },
  }),
);

/**
 * The registered versions of an MLModel.
 * @public
 */
export const EntityMLModelVersionsCard = mlopsPlugin.provide(
  createComponentExtension({
    name: 'EntityMLModelVersionsCard',
    component: {
      lazy: () => import('./components').then(m => m.MLModelVersionsCard),
    },
  }),
);

/**
 * The datasets an MLModel is trained on and the components that serve it.
 * @public
 */
export const EntityMLModelDataCard = mlopsPlugin.provide(
  createComponentExtension({
    name: 'EntityMLModelDataCard',
    component: {
      lazy: () => import('./components').then(m => m.MLModelDataCard),
    },
  }),
);

/**
 * A graph of an MLModel's owner, datasets, serving components and system.
 * @public
 */
export const EntityMLModelLineageCard = mlopsPlugin.provide(
  createComponentExtension({
    name: 'EntityMLModelLineageCard',
    component: {
      lazy: () => import('./components').then(m => m.MLModelLineageCard),
    },
  }),
);

/**
 * A warning listing the references of an MLModel that the catalog could
 * not resolve; renders nothing when every reference resolves.
 * @public
 */
export const EntityMLModelUnresolvedRefsWarning = mlopsPlugin.provide(
  createComponentExtension({
    name: 'EntityMLModelUnresolvedRefsWarning',
    component: {
      lazy: () =>
        import('./components').then(m => m.MLModelUnresolvedRefsWarning),
    },
  }),
);

/**
 * The production readiness of an MLModel: its latest readiness review
 * (status, checks, approvals, what blocks it) and a way to open a review of
 * a version.
 * @public
 */
export const EntityMLModelReadinessCard = mlopsPlugin.provide(
  createComponentExtension({
    name: 'EntityMLModelReadinessCard',
    component: {
      lazy: () => import('./components').then(m => m.MLModelReadinessCard),
    },
  }),
);

/**
 * Data drift of an MLModel: the dataset verdict of the latest window of
 * production data, the test, statistic, threshold and sizes behind each
 * feature's verdict, the distribution of a chosen feature over the frozen
 * bins, and the drifted share over the last windows.
 * @public
 */
export const EntityMLModelDriftCard = mlopsPlugin.provide(
  createComponentExtension({
    name: 'EntityMLModelDriftCard',
    component: {
      lazy: () => import('./components').then(m => m.MLModelDriftCard),
    },
  }),
);

/**
 * The canary of a model's new version on Kubernetes (Argo Rollouts or
 * KServe): traffic split, step, pause reason, analysis, canary-vs-stable
 * signals, and the legal, permitted, gated actions with confirmation.
 * @public
 */
export const EntityMLModelCanaryPanel = mlopsPlugin.provide(
  createComponentExtension({
    name: 'EntityMLModelCanaryPanel',
    component: {
      lazy: () => import('./components').then(m => m.MLModelCanaryPanel),
    },
  }),
);

/**
 * The readiness review pages: the reviews waiting for the signed-in user
 * at the mount point (apps use `/mlops/reviews`) and one review at
 * `/:reviewId` below it.
 * @public
 */
export const MLOpsReviewsPage = mlopsPlugin.provide(
  createRoutableExtension({
    name: 'MLOpsReviewsPage',
    component: () => import('./components').then(m => m.ReadinessReviewsRouter),
    mountPoint: reviewsRouteRef,
  }),
);

/**
 * The SLOs of a model: SLI against objective, error budget left (below zero
 * when overspent), burn rates per alert window with thresholds, the alert
 * state in a sentence, and charts of the SLI and the budget over the window.
 * @public
 */
export const EntityMLModelSloCard = mlopsPlugin.provide(
  createComponentExtension({
    name: 'EntityMLModelSloCard',
    component: {
      lazy: () => import('./components').then(m => m.MLModelSloCard),
    },
  }),
);

/**
 * The SLO roll-up for leads: every team's models with their worst SLO state
 * and smallest error budget left. Apps mount it at `/mlops/slos`.
 * @public
 */
export const MLOpsSlosPage = mlopsPlugin.provide(
  createRoutableExtension({
    name: 'MLOpsSlosPage',
    component: () => import('./components').then(m => m.SloRollupPage),
    mountPoint: slosRouteRef,
  }),
);
