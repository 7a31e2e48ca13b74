import { ConfigReader } from '@backstage/config';
import {
  DEFAULT_READINESS_POLICY,
  ReadinessConfigError,
} from '@mlops-portal/plugin-mlops-common';
import {
  DEFAULT_REFRESH_SCHEDULE,
  readMLOpsBackendConfig,
} from './readMLOpsBackendConfig';

describe('readMLOpsBackendConfig', () => {
  it('uses the defaults when nothing is configured', () => {
    expect(readMLOpsBackendConfig(new ConfigReader({}))).toEqual({
      policy: DEFAULT_READINESS_POLICY,
      seedDemoReviews: false,
      refreshSchedule: DEFAULT_REFRESH_SCHEDULE,
    });
  });

  it('reads the readiness policy, the demo seed and the refresh schedule', () => {
    const settings = readMLOpsBackendConfig(
      new ConfigReader({
        mlops: {
          readiness: { approvals: { high: 3 }, approvalValidity: '30d' },
          demo: { seedReviews: true },
          readinessRefresh: {
            schedule: { frequency: { minutes: 2 }, timeout: { minutes: 1 } },
          },
        },
      }),
    );
    expect(settings.policy.approvals.high).toEqual({ count: 3 });
    expect(settings.policy.approvalValidityMs).toBe(30 * 86_400_000);
    expect(settings.seedDemoReviews).toBe(true);
    expect(settings.refreshSchedule).toEqual({
      frequency: { minutes: 2 },
      timeout: { minutes: 1 },
    });
  });

  it('accepts mlops.readiness.demoSeed without passing it to the policy', () => {
    const settings = readMLOpsBackendConfig(
      new ConfigReader({
        mlops: { readiness: { demoSeed: true, defaultTier: 'high' } },
      }),
    );
    expect(settings.seedDemoReviews).toBe(true);
    expect(settings.policy.defaultTier).toBe('high');
    expect(() =>
      readMLOpsBackendConfig(
        new ConfigReader({ mlops: { readiness: { demoSeed: 'yes' } } }),
      ),
    ).toThrow('mlops.readiness.demoSeed must be true or false (got "yes")');
  });

  it("fails with the engine's error naming every offending setting", () => {
    const read = () =>
      readMLOpsBackendConfig(
        new ConfigReader({
          mlops: {
            readiness: {
              approvalValidity: '90x',
              disable: ['dashbord-link'],
            },
          },
        }),
      );
    expect(read).toThrow(ReadinessConfigError);
    expect(read).toThrow(
      /mlops\.readiness\.approvalValidity must be a duration.*mlops\.readiness\.disable\[0\] is not a known check id/,
    );
  });
});
