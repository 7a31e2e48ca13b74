import {
  convertLegacyRouteRef,
  compatWrapper,
} from '@backstage/core-compat-api';
import {
  ApiBlueprint,
  createFrontendPlugin,
  discoveryApiRef,
  fetchApiRef,
  PageBlueprint,
} from '@backstage/frontend-plugin-api';
import {
  EntityCardBlueprint,
  EntityContentBlueprint,
} from '@backstage/plugin-catalog-react/alpha';
import ModelTrainingIcon from '@material-ui/icons/BubbleChart';
import ReviewsIcon from '@material-ui/icons/AssignmentTurnedIn';
import SlosIcon from '@material-ui/icons/Speed';
import { MLOpsClient, mlopsApiRef } from './api';
import {
  reviewRouteRef,
  reviewsRouteRef,
  rootRouteRef,
  slosRouteRef,
} from './routes';

// Cards and content only make sense on MLModel entity pages. The predicate
// compares case-insensitively, so `mlmodel` matches the kind `MLModel`.
const isMLModel = { kind: 'mlmodel' };

const mlopsApi = ApiBlueprint.make({
  params: defineParams =>
    defineParams({
      api: mlopsApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: ({ discoveryApi, fetchApi }) =>
        new MLOpsClient({ discoveryApi, fetchApi }),
    }),
});

const modelsPage = PageBlueprint.make({
  params: {
    path: '/mlops/models',
    title: 'Models',
    icon: <ModelTrainingIcon fontSize="inherit" />,
    routeRef: convertLegacyRouteRef(rootRouteRef),
    loader: () =>
      import('./components').then(m => compatWrapper(<m.MLModelsContent />)),
  },
});

const reviewsPage = PageBlueprint.make({
  name: 'reviews',
  params: {
    path: '/mlops/reviews',
    title: 'Reviews',
    icon: <ReviewsIcon fontSize="inherit" />,
    routeRef: convertLegacyRouteRef(reviewsRouteRef),
    loader: () =>
      import('./components').then(m =>
        compatWrapper(<m.ReadinessReviewsRouter variant="content" />),
      ),
  },
});

const slosPage = PageBlueprint.make({
  name: 'slos',
  params: {
    path: '/mlops/slos',
    title: 'SLOs',
    icon: <SlosIcon fontSize="inherit" />,
    routeRef: convertLegacyRouteRef(slosRouteRef),
    loader: () =>
      import('./components').then(m => compatWrapper(<m.SloRollupContent />)),
  },
});

const sloCard = EntityCardBlueprint.make({
  name: 'slo',
  params: {
    type: 'content',
    filter: isMLModel,
    loader: () =>
      import('./components').then(m => compatWrapper(<m.MLModelSloCard />)),
  },
});

const readinessCard = EntityCardBlueprint.make({
  name: 'readiness',
  params: {
    type: 'content',
    filter: isMLModel,
    loader: () =>
      import('./components').then(m =>
        compatWrapper(<m.MLModelReadinessCard />),
      ),
  },
});

const driftCard = EntityCardBlueprint.make({
  name: 'drift',
  params: {
    type: 'content',
    filter: isMLModel,
    loader: () =>
      import('./components').then(m => compatWrapper(<m.MLModelDriftCard />)),
  },
});

const canaryPanel = EntityCardBlueprint.make({
  name: 'canary',
  params: {
    type: 'content',
    filter: isMLModel,
    loader: () =>
      import('./components').then(m => compatWrapper(<m.MLModelCanaryPanel />)),
  },
});

const aboutCard = EntityCardBlueprint.make({
  name: 'about',
  params: {
    type: 'info',
    filter: isMLModel,
    loader: () =>
      import('./components').then(m =>
        compatWrapper(<m.MLModelAboutCard variant="gridItem" />),
      ),
  },
});

const unresolvedRefsCard = EntityCardBlueprint.make({
  name: 'unresolved-refs',
  params: {
    filter: isMLModel,
    loader: () =>
      import('./components').then(m =>
        compatWrapper(<m.MLModelUnresolvedRefsWarning />),
      ),
  },
});

const versionsCard = EntityCardBlueprint.make({
  name: 'versions',
  params: {
    type: 'content',
    filter: isMLModel,
    loader: () =>
      import('./components').then(m =>
        compatWrapper(<m.MLModelVersionsCard />),
      ),
  },
});

const dataCard = EntityCardBlueprint.make({
  name: 'data',
  params: {
    type: 'content',
    filter: isMLModel,
    loader: () =>
      import('./components').then(m => compatWrapper(<m.MLModelDataCard />)),
  },
});

const lineageCard = EntityCardBlueprint.make({
  name: 'lineage',
  params: {
    type: 'content',
    filter: isMLModel,
    loader: () =>
      import('./components').then(m => compatWrapper(<m.MLModelLineageCard />)),
  },
});

const lineageContent = EntityContentBlueprint.make({
  name: 'lineage',
  params: {
    path: '/lineage',
    title: 'Lineage',
    group: 'overview',
    filter: isMLModel,
    loader: () =>
      import('./components').then(m =>
        compatWrapper(<m.MLModelLineageCard height={560} />),
      ),
  },
});

/**
 * The ModelOps Portal plugin for the new frontend system: the Models page
 * at `/mlops/models` and the readiness review pages at `/mlops/reviews`
 * (with their navigation items), the MLOps API, and the MLModel entity
 * cards (including production readiness) plus a "Lineage" entity tab.
 * @alpha
 */
export default createFrontendPlugin({
  pluginId: 'mlops',
  title: 'Models',
  icon: <ModelTrainingIcon fontSize="inherit" />,
  info: { packageJson: () => import('../package.json') },
  routes: {
    root: convertLegacyRouteRef(rootRouteRef),
    reviews: convertLegacyRouteRef(reviewsRouteRef),
    review: convertLegacyRouteRef(reviewRouteRef),
    slos: convertLegacyRouteRef(slosRouteRef),
  },
  extensions: [
    mlopsApi,
    modelsPage,
    reviewsPage,
    slosPage,
    aboutCard,
    unresolvedRefsCard,
    readinessCard,
    canaryPanel,
    driftCard,
    sloCard,
    versionsCard,
    dataCard,
    lineageCard,
    lineageContent,
  ],
});
