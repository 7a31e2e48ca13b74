import { createBackendModule } from '@backstage/backend-plugin-api';
import { catalogLocationsExtensionPoint } from '@backstage/plugin-catalog-node';

/** Lets a benchmark register file locations through the API, like a user would register a URL. */
export const allowFileLocations = createBackendModule({
  pluginId: 'catalog',
  moduleId: 'bench-file-locations',
  register(reg) {
    reg.registerInit({
      deps: { locations: catalogLocationsExtensionPoint },
      async init({ locations }) {
        locations.setAllowedLocationTypes(['url', 'file']);
      },
    });
  },
});
