import {
  readSchedulerServiceTaskScheduleDefinitionFromConfig,
  SchedulerServiceTaskScheduleDefinition,
} from '@backstage/backend-plugin-api';
import { Config } from '@backstage/config';
import {
  BurnRateWindow,
  DEFAULT_BURN_RATE_WINDOWS,
  parseSloDuration,
} from '@mlops-portal/plugin-mlops-common';

/** The SLO providers the backend knows. */
export const SLO_PROVIDER_IDS = ['builtin', 'prometheus'] as const;
export type SloProviderId = (typeof SLO_PROVIDER_IDS)[number];

/** How the backend reaches Prometheus. */
export interface PrometheusSloConfig {
  /** Base URL of the HTTP API, e.g. `https://prometheus.example.com` (without `/api/v1`). */
  url: string;
  /** Extra request headers, usually `Authorization` from an environment variable. */
  headers: Record<string, string>;
}

export interface SloSettings {
  defaultProvider: SloProviderId;
  prometheus?: PrometheusSloConfig;
  refreshSchedule: SchedulerServiceTaskScheduleDefinition;
  windows: BurnRateWindow[];
  /** Seed 30 days of demo measurements (`mlops.demo.seedSlos`). */
  seedDemo: boolean;
}

/**
 * Every 5 minutes: the fastest alert pair looks at 5 minutes, so a fresher
 * cache would not show anything new, and a staler one would hide a page.
 */
export const DEFAULT_SLO_REFRESH_SCHEDULE: SchedulerServiceTaskScheduleDefinition =
  {
    frequency: { minutes: 5 },
    timeout: { minutes: 4 },
    initialDelay: { seconds: 30 },
  };

function fail(path: string, message: string): never {
  throw new Error(`Invalid configuration: ${path} ${message}`);
}

/** Reads and validates `mlops.slo` and `mlops.demo.seedSlos`; a bad value stops the backend. */
export function readSloConfig(config: Config): SloSettings {
  const slo = config.getOptionalConfig('mlops.slo');
  const defaultProvider =
    slo?.getOptionalString('defaultProvider') ?? 'builtin';
  if (!(SLO_PROVIDER_IDS as readonly string[]).includes(defaultProvider)) {
    fail(
      'mlops.slo.defaultProvider',
      `must be one of ${SLO_PROVIDER_IDS.join(', ')} (got ${JSON.stringify(
        defaultProvider,
      )})`,
    );
  }

  let prometheus: PrometheusSloConfig | undefined;
  const prom = slo?.getOptionalConfig('prometheus');
  if (prom) {
    const url = prom.getString('url');
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      fail(
        'mlops.slo.prometheus.url',
        `must be an absolute URL (got ${JSON.stringify(url)})`,
      );
    }
    if (!['http:', 'https:'].includes(parsed.protocol)) {
      fail(
        'mlops.slo.prometheus.url',
        `must be an http or https URL (got ${JSON.stringify(url)})`,
      );
    }
    if (parsed.username || parsed.password) {
      fail(
        'mlops.slo.prometheus.url',
        'must not contain credentials: put them in mlops.slo.prometheus.headers',
      );
    }
    const headers: Record<string, string> = {};
    const headerConfig = prom.getOptionalConfig('headers');
    for (const key of headerConfig?.keys() ?? []) {
      headers[key] = headerConfig!.getString(key);
    }
    prometheus = { url: url.replace(/\/+$/, ''), headers };
  }

  const scheduleConfig = slo?.getOptionalConfig('refreshSchedule');
  const windowsConfig = slo?.getOptionalConfigArray('alertWindows');
  const windows = windowsConfig
    ? windowsConfig.map((w, i) => {
        const path = `mlops.slo.alertWindows[${i}]`;
        const long = w.getString('long');
        const short = w.getString('short');
        const factor = w.getNumber('factor');
        const severity = w.getString('severity');
        for (const [k, v] of [
          ['long', long],
          ['short', short],
        ] as const) {
          if (parseSloDuration(v) === undefined) {
            fail(
              `${path}.${k}`,
              `must be a duration such as 5m or 1h (got ${JSON.stringify(v)})`,
            );
          }
        }
        if (!(factor > 0)) fail(`${path}.factor`, 'must be greater than 0');
        if (severity !== 'page' && severity !== 'ticket') {
          fail(
            `${path}.severity`,
            `must be page or ticket (got ${JSON.stringify(severity)})`,
          );
        }
        return { long, short, factor, severity } as BurnRateWindow;
      })
    : [...DEFAULT_BURN_RATE_WINDOWS];

  return {
    defaultProvider: defaultProvider as SloProviderId,
    prometheus,
    refreshSchedule: scheduleConfig
      ? readSchedulerServiceTaskScheduleDefinitionFromConfig(scheduleConfig)
      : DEFAULT_SLO_REFRESH_SCHEDULE,
    windows,
    seedDemo: config.getOptionalBoolean('mlops.demo.seedSlos') ?? false,
  };
}
