import {
  readSchedulerServiceTaskScheduleDefinitionFromConfig,
  SchedulerServiceTaskScheduleDefinition,
} from '@backstage/backend-plugin-api';
import { Config } from '@backstage/config';
import {
  ReadinessPolicy,
  readReadinessConfig,
} from '@mlops-portal/plugin-mlops-common';

/** What the backend plugin reads from app-config at start-up. */
export interface MLOpsBackendConfig {
  policy: ReadinessPolicy;
  /** Seed demo reviews into an empty store (`mlops.demo.seedReviews`). */
  seedDemoReviews: boolean;
  /** When the automatic checks of active reviews are re-evaluated. */
  refreshSchedule: SchedulerServiceTaskScheduleDefinition;
}

/**
 * Every 10 minutes: a broken runbook link or a deleted dataset shows up on
 * an approved review (which then goes stale) well within the hour, and the
 * catalog is asked about a few hundred refs at most per run.
 */
export const DEFAULT_REFRESH_SCHEDULE: SchedulerServiceTaskScheduleDefinition =
  {
    frequency: { minutes: 10 },
    timeout: { minutes: 5 },
    initialDelay: { minutes: 1 },
  };

/**
 * Reads `mlops.readiness` (validated by the readiness engine, which throws a
 * `ReadinessConfigError` naming every offending path, so a bad configuration
 * stops the backend at start-up), `mlops.demo.seedReviews` and
 * `mlops.readinessRefresh.schedule`.
 *
 * `mlops.readiness.demoSeed: true` is accepted as an alias of
 * `mlops.demo.seedReviews`; it is not a readiness setting, so it is taken out
 * before the engine validates the section.
 */
export function readMLOpsBackendConfig(config: Config): MLOpsBackendConfig {
  let readiness = config.getOptional('mlops.readiness');
  let seedDemoReviews =
    config.getOptionalBoolean('mlops.demo.seedReviews') ?? false;
  if (
    typeof readiness === 'object' &&
    readiness !== null &&
    !Array.isArray(readiness) &&
    'demoSeed' in readiness
  ) {
    const { demoSeed, ...rest } = readiness;
    if (typeof demoSeed !== 'boolean') {
      throw new Error(
        `Invalid configuration: mlops.readiness.demoSeed must be true or false (got ${JSON.stringify(
          demoSeed,
        )})`,
      );
    }
    seedDemoReviews ||= demoSeed;
    readiness = rest;
  }
  const scheduleConfig = config.getOptionalConfig(
    'mlops.readinessRefresh.schedule',
  );
  return {
    policy: readReadinessConfig(readiness),
    seedDemoReviews,
    refreshSchedule: scheduleConfig
      ? readSchedulerServiceTaskScheduleDefinitionFromConfig(scheduleConfig)
      : DEFAULT_REFRESH_SCHEDULE,
  };
}
