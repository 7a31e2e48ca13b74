import {
  AuditorService,
  AuthService,
  DatabaseService,
  HttpAuthService,
  LoggerService,
  SchedulerService,
} from '@backstage/backend-plugin-api';
import { Config } from '@backstage/config';
import { ModelCatalog } from '../catalog/ModelCatalog';
import { ModelPermissionChecker } from '../permissions/ModelPermissionChecker';
import { createDriftRouter } from './createDriftRouter';
import { DatabaseDriftStore } from './DatabaseDriftStore';
import { DriftService } from './DriftService';
import { DriftStatusReader } from './DriftStatusReader';
import { readDriftConfig } from './readDriftConfig';
import { scheduleDemoDriftSeed } from './seedDemoDrift';

/**
 * Wires the drift capability: store, service, router, demo seed, and the
 * status reader other backend features (the canary gate) ask.
 */
export async function setUpDrift(options: {
  config: Config;
  database: DatabaseService;
  scheduler: SchedulerService;
  httpAuth: HttpAuthService;
  auth: AuthService;
  auditor: AuditorService;
  logger: LoggerService;
  models: ModelCatalog;
  permissions: ModelPermissionChecker;
}) {
  const settings = readDriftConfig(options.config);
  const store = await DatabaseDriftStore.create({ database: options.database });
  const drift = new DriftService({
    store,
    models: options.models,
    permissions: options.permissions,
    auth: options.auth,
    settings,
  });
  if (settings.seedDemo) {
    await scheduleDemoDriftSeed({
      scheduler: options.scheduler,
      store,
      models: options.models,
      driftShare: settings.driftShare,
      auditor: options.auditor,
      logger: options.logger,
    });
  }
  return {
    router: await createDriftRouter({
      httpAuth: options.httpAuth,
      auditor: options.auditor,
      drift,
    }),
    statusReader: new DriftStatusReader({ store }),
  };
}
