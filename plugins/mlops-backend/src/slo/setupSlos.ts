import {
  AuditorService,
  AuthService,
  DatabaseService,
  HttpAuthService,
  LoggerService,
  PermissionsService,
  PermissionsRegistryService,
  RootConfigService,
  SchedulerService,
  UrlReaderService,
} from '@backstage/backend-plugin-api';
import { CatalogService } from '@backstage/plugin-catalog-node';
import express from 'express';
import { ModelCatalog } from '../catalog/ModelCatalog';
import { ModelPermissionChecker } from '../permissions/ModelPermissionChecker';
import { mlopsModelPermissionResourceRef } from '../permissions/rules';
import { BuiltInSloProvider } from './BuiltInSloProvider';
import { createSloRouter } from './createSloRouter';
import { DatabaseSloStore } from './DatabaseSloStore';
import { PrometheusSloProvider } from './PrometheusSloProvider';
import { readSloConfig } from './readSloConfig';
import { scheduleDemoSloSeed } from './seedDemoSloMeasurements';
import { SloProvider } from './SloProvider';
import { scheduleSloRefresh, SLO_REFRESH_TASK_ID } from './sloRefreshTask';
import { SloStatusService } from './SloStatusService';

/**
 * Everything SLO in the backend plugin: configuration, the built-in store,
 * the providers, the scheduled status computation, the demo seed and the
 * router. Returns the service (a {@link SloStatusReader} for gates) and the
 * router to mount.
 */
export async function setupSlos(deps: {
  config: RootConfigService;
  logger: LoggerService;
  database: DatabaseService;
  scheduler: SchedulerService;
  httpAuth: HttpAuthService;
  auth: AuthService;
  permissions: PermissionsService;
  permissionsRegistry: PermissionsRegistryService;
  auditor: AuditorService;
  catalog: CatalogService;
  urlReader: UrlReaderService;
}): Promise<{ slos: SloStatusService; router: express.Router }> {
  const { config, logger, scheduler, auditor, catalog, auth } = deps;
  // Throws (and stops the backend) on an invalid mlops.slo.
  const settings = readSloConfig(config);
  const store = await DatabaseSloStore.create(deps);
  const models = new ModelCatalog(deps);
  const providers: SloProvider[] = [new BuiltInSloProvider(store)];
  if (settings.prometheus) {
    providers.push(new PrometheusSloProvider(settings.prometheus));
  }
  const slos = new SloStatusService({
    store,
    models,
    catalog,
    auth,
    urlReader: deps.urlReader,
    providers,
    defaultProvider: settings.defaultProvider,
    windows: settings.windows,
    permissions: new ModelPermissionChecker({
      permissions: deps.permissions,
      ruleset: deps.permissionsRegistry.getPermissionRuleset(
        mlopsModelPermissionResourceRef,
      ),
    }),
    logger,
  });
  await scheduleSloRefresh({
    scheduler,
    schedule: settings.refreshSchedule,
    slos,
    auditor,
    logger,
  });
  if (settings.seedDemo) {
    await scheduleDemoSloSeed({
      scheduler,
      store,
      catalog,
      auth,
      defaultProvider: settings.defaultProvider,
      auditor,
      logger,
      // A refresh already running will pick the new counts up next time.
      onHistoryWritten: () =>
        scheduler.triggerTask(SLO_REFRESH_TASK_ID).catch(() => undefined),
    });
  }
  const router = await createSloRouter({
    httpAuth: deps.httpAuth,
    auditor,
    slos,
    models,
    urlReader: deps.urlReader,
    windows: settings.windows,
  });
  return { slos, router };
}
