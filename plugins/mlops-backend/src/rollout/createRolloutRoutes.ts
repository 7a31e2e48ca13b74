import {
  AuditorService,
  DatabaseService,
  HttpAuthService,
  PermissionsRegistryService,
  PermissionsService,
  RootConfigService,
} from '@backstage/backend-plugin-api';
import { readKubernetesClusters } from '@mlops-portal/plugin-mlops-node';
import express from 'express';
import { ModelCatalog } from '../catalog/ModelCatalog';
import { ModelPermissionChecker } from '../permissions/ModelPermissionChecker';
import { mlopsModelPermissionResourceRef } from '../permissions/rules';
import {
  AnalysisRunCanaryMetricsSource,
  CanaryMetricsSource,
} from './CanaryMetricsSource';
import { createRolloutRouter } from './createRolloutRouter';
import {
  FirstCanaryMetricsSource,
  PrometheusCanaryMetricsSource,
} from './PrometheusCanaryMetricsSource';
import { DatabaseRolloutActionStore } from './DatabaseRolloutActionStore';
import {
  KubernetesRolloutClient,
  RolloutClusterClient,
} from './KubernetesRolloutClient';
import {
  DriftFlagSource,
  ReadinessGateSource,
  SloBudgetSource,
} from './rolloutGate';
import { RolloutService } from './RolloutService';

/**
 * Prometheus (when `mlops.rollout.canaryMetrics.prometheus` is configured)
 * first, then the measurements of the canary's AnalysisRuns.
 */
function defaultCanaryMetrics(config: RootConfigService): CanaryMetricsSource {
  const prometheus = PrometheusCanaryMetricsSource.fromConfig(config);
  const analysisRuns = new AnalysisRunCanaryMetricsSource();
  return prometheus
    ? new FirstCanaryMetricsSource([prometheus, analysisRuns])
    : analysisRuns;
}

/**
 * Builds the canary routes from the plugin's services: clusters from
 * `kubernetes.clusterLocatorMethods` (validated here, at start-up), the
 * action store, the gate's sources. `slo` and `drift` are optional; without
 * them the gate reports "no data" for those checks and does not block.
 */
export async function createRolloutRoutes(options: {
  config: RootConfigService;
  database: DatabaseService;
  httpAuth: HttpAuthService;
  auditor: AuditorService;
  permissions: PermissionsService;
  permissionsRegistry: PermissionsRegistryService;
  models: ModelCatalog;
  readiness: ReadinessGateSource;
  slo?: SloBudgetSource;
  drift?: DriftFlagSource;
  metrics?: CanaryMetricsSource;
  cluster?: RolloutClusterClient;
}): Promise<express.Router> {
  const { config } = options;
  const ttlSeconds = config.getOptionalNumber(
    'mlops.rollout.summaryCacheSeconds',
  );
  if (
    ttlSeconds !== undefined &&
    (!(ttlSeconds >= 0) || !Number.isFinite(ttlSeconds))
  ) {
    throw new Error(
      'Invalid mlops.rollout.summaryCacheSeconds: must be a number of seconds, 0 or more',
    );
  }
  const rollouts = new RolloutService({
    models: options.models,
    permissions: new ModelPermissionChecker({
      permissions: options.permissions,
      ruleset: options.permissionsRegistry.getPermissionRuleset(
        mlopsModelPermissionResourceRef,
      ),
    }),
    cluster:
      options.cluster ??
      new KubernetesRolloutClient({ clusters: readKubernetesClusters(config) }),
    readiness: options.readiness,
    store: await DatabaseRolloutActionStore.create(options),
    slo: options.slo,
    drift: options.drift,
    metrics: options.metrics ?? defaultCanaryMetrics(config),
    ...(ttlSeconds !== undefined ? { summaryTtlMs: ttlSeconds * 1000 } : {}),
  });
  return createRolloutRouter({
    httpAuth: options.httpAuth,
    auditor: options.auditor,
    rollouts,
  });
}
