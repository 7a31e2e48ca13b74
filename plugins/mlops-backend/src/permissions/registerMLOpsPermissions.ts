import {
  AuthService,
  PermissionsRegistryService,
} from '@backstage/backend-plugin-api';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  isMLModelEntity,
  mlopsPermissions,
} from '@mlops-portal/plugin-mlops-common';
import {
  mlopsModelPermissionResourceRef,
  mlopsModelPermissionRules,
} from './rules';

/**
 * Registers the suite's permissions and the `mlops-model` resource type, so
 * that the permission backend can evaluate conditional decisions for
 * `authorize` calls that name a model by its entity ref.
 */
export function registerMLOpsPermissions(options: {
  permissionsRegistry: PermissionsRegistryService;
  catalog: Pick<CatalogService, 'getEntitiesByRefs'>;
  auth: Pick<AuthService, 'getOwnServiceCredentials'>;
}) {
  const { permissionsRegistry, catalog, auth } = options;
  const modelPermissions = mlopsPermissions.filter(
    permission =>
      'resourceType' in permission &&
      permission.resourceType === mlopsModelPermissionResourceRef.resourceType,
  );
  permissionsRegistry.addResourceType({
    resourceRef: mlopsModelPermissionResourceRef,
    permissions: modelPermissions,
    rules: Object.values(mlopsModelPermissionRules),
    async getResources(resourceRefs) {
      // Models are loaded with the plugin's own credentials: the permission
      // backend asks on behalf of the policy, not of a particular user.
      const { items } = await catalog.getEntitiesByRefs(
        { entityRefs: resourceRefs },
        { credentials: await auth.getOwnServiceCredentials() },
      );
      return items.map(entity =>
        entity && isMLModelEntity(entity) ? entity : undefined,
      );
    },
  });
  const others = mlopsPermissions.filter(p => !modelPermissions.includes(p));
  if (others.length > 0) permissionsRegistry.addPermissions(others);
}
