import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { ModelCatalog } from './catalog/ModelCatalog';
import { readMLOpsBackendConfig } from './config/readMLOpsBackendConfig';
import { DatabaseReadinessReviewStore } from './database/DatabaseReadinessReviewStore';
import { ModelPermissionChecker } from './permissions/ModelPermissionChecker';
import { registerMLOpsPermissions } from './permissions/registerMLOpsPermissions';
import { mlopsModelPermissionResourceRef } from './permissions/rules';
import { createRouter } from './router/createRouter';
import { setUpDrift } from './drift/setUpDrift';
import { createRolloutRoutes } from './rollout/createRolloutRoutes';
import {
  driftFlagSourceFrom,
  sloBudgetSourceFrom,
} from './rollout/rolloutGateSources';
import { scheduleReadinessRefresh } from './scheduling/readinessRefreshTask';
import { scheduleDemoSeed } from './seed/seedDemoReviews';
import { setupSlos } from './slo/setupSlos';
import { ReadinessReviewService } from './service/ReadinessReviewService';

/**
 * The ModelOps Portal backend plugin (`/api/mlops`): production-readiness
 * reviews of model versions, their audit trail and the deploy gate.
 * @public
 */
export const mlopsPlugin = createBackendPlugin({
  pluginId: 'mlops',
  register(env) {
    env.registerInit({
      deps: {
        config: coreServices.rootConfig,
        logger: coreServices.logger,
        database: coreServices.database,
        scheduler: coreServices.scheduler,
        httpRouter: coreServices.httpRouter,
        httpAuth: coreServices.httpAuth,
        auth: coreServices.auth,
        userInfo: coreServices.userInfo,
        permissions: coreServices.permissions,
        permissionsRegistry: coreServices.permissionsRegistry,
        auditor: coreServices.auditor,
        catalog: catalogServiceRef,
        urlReader: coreServices.urlReader,
      },
      async init(deps) {
        const { config, logger, scheduler, auditor } = deps;
        // Throws (and stops the backend) on an invalid mlops.readiness.
        const settings = readMLOpsBackendConfig(config);

        registerMLOpsPermissions(deps);
        const store = await DatabaseReadinessReviewStore.create(deps);
        const models = new ModelCatalog(deps);
        const reviews = new ReadinessReviewService({
          store,
          models,
          permissions: new ModelPermissionChecker({
            permissions: deps.permissions,
            ruleset: deps.permissionsRegistry.getPermissionRuleset(
              mlopsModelPermissionResourceRef,
            ),
          }),
          auth: deps.auth,
          userInfo: deps.userInfo,
          policy: settings.policy,
        });

        await scheduleReadinessRefresh({
          scheduler,
          schedule: settings.refreshSchedule,
          reviews,
          auditor,
          logger,
        });
        if (settings.seedDemoReviews) {
          await scheduleDemoSeed({
            scheduler,
            store,
            models,
            policy: settings.policy,
            auditor,
            logger,
          });
        }

        // Drift is mounted first: its uploads have their own body limit.
        const drift = await setUpDrift({
          ...deps,
          models,
          permissions: new ModelPermissionChecker({
            permissions: deps.permissions,
            ruleset: deps.permissionsRegistry.getPermissionRuleset(
              mlopsModelPermissionResourceRef,
            ),
          }),
        });
        deps.httpRouter.use(drift.router);
        deps.httpRouter.use(
          await createRouter({ httpAuth: deps.httpAuth, auditor, reviews }),
        );
        // SLOs: `slo.slos` is also the SloStatusReader (cached status) for gates.
        const slo = await setupSlos(deps);
        deps.httpRouter.use(slo.router);
        // Canary panel: clusters from kubernetes.clusterLocatorMethods.
        deps.httpRouter.use(
          await createRolloutRoutes({
            ...deps,
            models,
            readiness: reviews,
            slo: sloBudgetSourceFrom(slo.slos),
            drift: driftFlagSourceFrom(drift.statusReader),
          }),
        );
      },
    });
  },
});
