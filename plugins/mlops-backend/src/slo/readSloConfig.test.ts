import { ConfigReader } from '@backstage/config';
import { DEFAULT_BURN_RATE_WINDOWS } from '@mlops-portal/plugin-mlops-common';
import { DEFAULT_SLO_REFRESH_SCHEDULE, readSloConfig } from './readSloConfig';

const read = (slo: unknown, demo?: unknown) =>
  readSloConfig(
    new ConfigReader({ mlops: { slo, ...(demo ? { demo } : {}) } } as any),
  );

describe('readSloConfig', () => {
  it('defaults to the built-in store, the workbook windows and a 5-minute schedule', () => {
    expect(readSloConfig(new ConfigReader({}))).toEqual({
      defaultProvider: 'builtin',
      prometheus: undefined,
      refreshSchedule: DEFAULT_SLO_REFRESH_SCHEDULE,
      windows: [...DEFAULT_BURN_RATE_WINDOWS],
      seedDemo: false,
    });
  });

  it('reads Prometheus with its headers, other windows, a schedule and the demo seed', () => {
    const settings = read(
      {
        defaultProvider: 'prometheus',
        prometheus: {
          url: 'https://prom.example.com/',
          headers: { Authorization: 'Bearer t' },
        },
        refreshSchedule: {
          frequency: { minutes: 1 },
          timeout: { seconds: 50 },
        },
        alertWindows: [
          { long: '2h', short: '10m', factor: 10, severity: 'page' },
        ],
      },
      { seedSlos: true },
    );
    expect(settings.prometheus).toEqual({
      url: 'https://prom.example.com',
      headers: { Authorization: 'Bearer t' },
    });
    expect(settings.defaultProvider).toBe('prometheus');
    expect(settings.windows).toEqual([
      { long: '2h', short: '10m', factor: 10, severity: 'page' },
    ]);
    expect(settings.refreshSchedule.frequency).toEqual({ minutes: 1 });
    expect(settings.seedDemo).toBe(true);
  });

  it.each([
    [
      { defaultProvider: 'datadog' },
      'mlops.slo.defaultProvider must be one of builtin, prometheus (got "datadog")',
    ],
    [
      { prometheus: { url: 'prometheus:9090' } },
      'mlops.slo.prometheus.url must be an http or https URL (got "prometheus:9090")',
    ],
    [
      { prometheus: { url: 'not a url' } },
      'mlops.slo.prometheus.url must be an absolute URL (got "not a url")',
    ],
    [
      { prometheus: { url: 'https://u:p@prom' } },
      'mlops.slo.prometheus.url must not contain credentials',
    ],
    [
      {
        alertWindows: [
          { long: '1 hour', short: '5m', factor: 1, severity: 'page' },
        ],
      },
      'mlops.slo.alertWindows[0].long must be a duration such as 5m or 1h (got "1 hour")',
    ],
    [
      {
        alertWindows: [
          { long: '1h', short: '5m', factor: 0, severity: 'page' },
        ],
      },
      'mlops.slo.alertWindows[0].factor must be greater than 0',
    ],
    [
      {
        alertWindows: [
          { long: '1h', short: '5m', factor: 1, severity: 'email' },
        ],
      },
      'mlops.slo.alertWindows[0].severity must be page or ticket (got "email")',
    ],
  ])('refuses %j, naming the key', (slo, message) => {
    expect(() => read(slo)).toThrow(message);
  });
});
