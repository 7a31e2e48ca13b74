import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import {
  catalogProcessingExtensionPoint,
  catalogServiceRef,
} from '@backstage/plugin-catalog-node';
import { CatalogEntityExistenceLookup } from './processor/CatalogEntityExistenceLookup';
import { MLModelEntitiesProcessor } from './processor/MLModelEntitiesProcessor';

/**
 * Adds the MLModel kind (`mlops-portal.io/v1alpha1`) to the catalog.
 *
 * @public
 */
export const catalogModuleMLOpsEntityModel = createBackendModule({
  pluginId: 'catalog',
  moduleId: 'mlops-entity-model',
  register(reg) {
    reg.registerInit({
      deps: {
        processing: catalogProcessingExtensionPoint,
        catalog: catalogServiceRef,
        auth: coreServices.auth,
        logger: coreServices.logger,
      },
      async init({ processing, catalog, auth, logger }) {
        processing.addProcessor(
          new MLModelEntitiesProcessor({
            existence: new CatalogEntityExistenceLookup({ catalog, auth }),
            logger,
          }),
        );
      },
    });
  },
});
