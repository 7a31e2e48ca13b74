import {
  createPlugin,
  createRoutableExtension,
} from '@backstage/core-plugin-api';
import { SidebarItem } from '@backstage/core-components';
import { createDevApp } from '@backstage/dev-utils';
import ExtensionIcon from '@material-ui/icons/Extension';
import { catalogApiRef, entityRouteRef } from '@backstage/plugin-catalog-react';
import {
  MLModelsPage,
  MLOpsReviewsPage,
  mlopsApiRef,
  mlopsPlugin,
} from '../src';
import { toFailedModels } from '../src/validation/toFailedModels';
import { DevCatalogClient } from './DevCatalogClient';
import { DevMLOpsApi } from './DevMLOpsApi';
import {
  cardFraudDetector,
  relatedEntities,
  syntheticModels,
} from './devCatalog';

// Entity links need a page bound to the catalog's entity route.
const devCatalogPlugin = createPlugin({ id: 'dev-catalog' });
const DevEntityPage = devCatalogPlugin.provide(
  createRoutableExtension({
    name: 'DevEntityPage',
    component: () => import('./DevEntityPage').then(m => m.DevEntityPage),
    mountPoint: entityRouteRef,
  }),
);

const entities = [
  cardFraudDetector,
  ...relatedEntities,
  ...syntheticModels(Number(localStorage.getItem('mlops-dev-models') ?? 60)),
];
const reviews = new DevMLOpsApi(entities, () =>
  toFailedModels({
    entities: [
      {
        entity_id: 'dev-1',
        entity_ref: 'mlmodel:default/churn-predictor',
        unprocessed_entity: {
          apiVersion: 'mlops-portal.io/v1alpha1',
          kind: 'MLModel',
          metadata: { name: 'churn-predictor' },
          spec: { owner: 'group:default/ml-platform' },
        },
        errors: [
          {
            name: 'InputError',
            message:
              'Invalid MLModel "churn-predictor": spec.riskTier must be one of low, medium, high, critical (got "extreme"); spec.lifecycle is required',
          },
        ],
      },
    ],
  }),
);

createDevApp()
  .registerPlugin(mlopsPlugin, devCatalogPlugin)
  .registerApi({
    api: catalogApiRef,
    deps: {},
    factory: () => new DevCatalogClient({ entities }),
  })
  .registerApi({
    api: mlopsApiRef,
    deps: {},
    factory: () => reviews,
  })
  .addPage({
    path: '/mlops/models',
    title: 'Models',
    element: <MLModelsPage />,
  })
  .addPage({
    path: '/mlops/reviews',
    title: 'Reviews',
    element: <MLOpsReviewsPage />,
  })
  .addPage({
    path: '/catalog/:namespace/:kind/:name',
    element: <DevEntityPage />,
  })
  .addSidebarItem(
    <SidebarItem
      to="/catalog/default/mlmodel/card-fraud-detector"
      text="Example model"
      icon={ExtensionIcon}
    />,
  )
  .render();
