import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { scaffolderActionsExtensionPoint } from '@backstage/plugin-scaffolder-node';
import { createApplyKubernetesManifestAction } from './actions/applyKubernetesManifest';
import { createGenerateSloRulesAction } from './actions/generateSloRules';
import { createOpenReadinessReviewAction } from './actions/openReadinessReview';
import { createPublishLocalGitAction } from './actions/publishLocalGit';
import { createSeedDriftConfigAction } from './actions/seedDriftConfig';
import { createValidateModelAction } from './actions/validateModel';

/**
 * Adds the ModelOps Portal actions to the scaffolder.
 * @public
 */
export const scaffolderModuleMlops = createBackendModule({
  pluginId: 'scaffolder',
  moduleId: 'mlops',
  register(reg) {
    reg.registerInit({
      deps: {
        scaffolder: scaffolderActionsExtensionPoint,
        config: coreServices.rootConfig,
        auth: coreServices.auth,
        discovery: coreServices.discovery,
      },
      async init({ scaffolder, config, auth, discovery }) {
        scaffolder.addActions(
          createValidateModelAction(),
          createGenerateSloRulesAction(),
          createSeedDriftConfigAction(),
          createOpenReadinessReviewAction({
            auth,
            discovery,
            appBaseUrl: config.getOptionalString('app.baseUrl'),
          }),
          createPublishLocalGitAction({ config }),
          createApplyKubernetesManifestAction({ config }),
        );
      },
    });
  },
});
