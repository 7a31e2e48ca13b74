import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { policyExtensionPoint } from '@backstage/plugin-permission-node/alpha';
import { ModelOpsPortalPolicy } from './ModelOpsPortalPolicy';

export default createBackendModule({
  pluginId: 'permission',
  moduleId: 'modelops-portal-policy',
  register(reg) {
    reg.registerInit({
      deps: { policy: policyExtensionPoint, config: coreServices.rootConfig },
      async init({ policy, config }) {
        policy.setPolicy(ModelOpsPortalPolicy.fromConfig(config));
      },
    });
  },
});
