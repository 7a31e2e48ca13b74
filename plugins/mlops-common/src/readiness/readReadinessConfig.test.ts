import { checklistFor } from './checklist';
import { parseReadinessDuration } from './duration';
import { DEFAULT_READINESS_POLICY } from './policy';
import {
  ReadinessConfigError,
  readReadinessConfig,
} from './readReadinessConfig';

const extraCheck = {
  id: 'privacy-impact-assessment',
  title: 'Privacy impact assessment filed',
  why: 'The DPO must sign off processing of personal data.',
  category: 'governance',
  tiers: ['high', 'critical'],
};

function issuesOf(config: unknown) {
  try {
    readReadinessConfig(config);
  } catch (e) {
    expect(e).toBeInstanceOf(ReadinessConfigError);
    return (e as ReadinessConfigError).issues;
  }
  throw new Error('expected the configuration to be refused');
}

describe('parseReadinessDuration', () => {
  it.each([
    ['30m', 30 * 60_000],
    ['36h', 36 * 3_600_000],
    ['90d', 90 * 86_400_000],
    ['12w', 12 * 604_800_000],
  ])('reads %s', (text, ms) => {
    expect(parseReadinessDuration(text)).toBe(ms);
  });

  it.each(['90x', '0d', '-1d', '1.5d', 'd', '90 d', '90D', '1M', '', '01d'])(
    'refuses %j',
    text => {
      expect(parseReadinessDuration(text)).toBeUndefined();
    },
  );
});

describe('readReadinessConfig', () => {
  it('returns the defaults when nothing is configured', () => {
    expect(readReadinessConfig(undefined)).toBe(DEFAULT_READINESS_POLICY);
    expect(readReadinessConfig(null)).toBe(DEFAULT_READINESS_POLICY);
    expect(readReadinessConfig({})).toEqual(DEFAULT_READINESS_POLICY);
  });

  it('applies a full configuration', () => {
    const policy = readReadinessConfig({
      securityGroup: 'group:default/appsec',
      approvals: {
        low: 2,
        high: { count: 3, securityApproval: true },
        critical: 3,
      },
      approvalValidity: '30d',
      defaultTier: 'high',
      modelCardSections: { low: ['summary'], medium: [] },
      checks: [
        extraCheck,
        {
          ...extraCheck,
          id: 'dpo-ack',
          tiers: ['low'],
          required: false,
          kind: 'manual',
        },
      ],
      disable: ['dashboard-link'],
      overrides: {
        'slos-defined': { tiers: ['critical', 'high'] },
        'load-test': { required: false, title: 'Load test at 3× peak' },
      },
    });
    expect(policy.approvals).toEqual({
      low: { count: 2 },
      medium: { count: 1 },
      high: { count: 3, securityGroup: 'group:default/appsec' },
      // A bare number keeps the security approval the tier had.
      critical: { count: 3, securityGroup: 'group:default/appsec' },
    });
    expect(policy.approvalValidity).toBe('30d');
    expect(policy.approvalValidityMs).toBe(30 * 86_400_000);
    expect(policy.defaultTier).toBe('high');
    expect(policy.modelCardSections.low).toEqual(['summary']);
    expect(policy.modelCardSections.medium).toEqual([]);
    expect(policy.modelCardSections.high).toEqual(
      DEFAULT_READINESS_POLICY.modelCardSections.high,
    );
    expect(policy.checks.map(c => c.id)).not.toContain('dashboard-link');
    expect(policy.checks.find(c => c.id === 'slos-defined')!.tiers).toEqual([
      'high',
      'critical',
    ]);
    expect(policy.checks.find(c => c.id === 'load-test')).toMatchObject({
      required: false,
      title: 'Load test at 3× peak',
    });
    expect(
      policy.checks.find(c => c.id === 'privacy-impact-assessment'),
    ).toEqual({
      ...extraCheck,
      kind: 'manual',
      required: true,
    });
    expect(checklistFor('low', policy).map(c => c.id)).toEqual([
      'owner-exists',
      'lifecycle-not-experimental',
      'evaluation-metrics',
      'model-card',
      'datasets-exist',
      'dpo-ack',
    ]);
    expect(checklistFor('medium', policy).map(c => c.id)).not.toContain(
      'slos-defined',
    );
  });

  it('can switch the security approval off for a tier', () => {
    const policy = readReadinessConfig({
      approvals: { critical: { securityApproval: false } },
    });
    expect(policy.approvals.critical).toEqual({ count: 2 });
  });

  it('lets an override change a configured check too', () => {
    const policy = readReadinessConfig({
      checks: [extraCheck],
      overrides: { 'privacy-impact-assessment': { tiers: ['critical'] } },
    });
    expect(
      policy.checks.find(c => c.id === 'privacy-impact-assessment')!.tiers,
    ).toEqual(['critical']);
  });

  it.each<[string, unknown, string, RegExp]>([
    [
      'a non-object section',
      ['checks'],
      'mlops.readiness',
      /must be an object \(got an array\)/,
    ],
    [
      'an unknown setting',
      { approval: {} },
      'mlops.readiness.approval',
      /is not a known setting \(expected one of securityGroup, approvals/,
    ],
    [
      'a bad category',
      {
        checks: [
          extraCheck,
          { ...extraCheck, id: 'x' },
          { ...extraCheck, id: 'a' },
          { ...extraCheck, id: 'b', category: 'ops' },
        ],
      },
      'mlops.readiness.checks[3].category',
      /must be one of reliability, monitoring, governance, security, documentation \(got "ops"\)/,
    ],
    [
      'a duplicate configured id',
      { checks: [extraCheck, extraCheck] },
      'mlops.readiness.checks[1].id',
      /duplicates mlops\.readiness\.checks\[0\]\.id \("privacy-impact-assessment"\)/,
    ],
    [
      'an id of a built-in check',
      { checks: [{ ...extraCheck, id: 'runbook-link' }] },
      'mlops.readiness.checks[0].id',
      /duplicates the built-in check "runbook-link"; use overrides/,
    ],
    [
      'an id that is not kebab-case',
      { checks: [{ ...extraCheck, id: 'Load Test' }] },
      'mlops.readiness.checks[0].id',
      /must be a kebab-case id/,
    ],
    [
      'a missing title',
      { checks: [{ ...extraCheck, title: undefined }] },
      'mlops.readiness.checks[0].title',
      /must be a non-empty string \(got nothing\)/,
    ],
    [
      'an automatic configured check',
      { checks: [{ ...extraCheck, kind: 'automatic' }] },
      'mlops.readiness.checks[0].kind',
      /must be manual: automatic checks are built into the portal/,
    ],
    [
      'a tier not in the enum',
      { checks: [{ ...extraCheck, tiers: ['high', 'extreme'] }] },
      'mlops.readiness.checks[0].tiers[1]',
      /must be one of low, medium, high, critical \(got "extreme"\)/,
    ],
    [
      'an empty tier list',
      { checks: [{ ...extraCheck, tiers: [] }] },
      'mlops.readiness.checks[0].tiers',
      /must be a non-empty list of risk tiers/,
    ],
    [
      'a repeated tier',
      { overrides: { 'slos-defined': { tiers: ['high', 'high'] } } },
      'mlops.readiness.overrides.slos-defined.tiers[1]',
      /repeats the tier "high"/,
    ],
    [
      'an unknown check id in disable',
      { disable: ['dashbord-link'] },
      'mlops.readiness.disable[0]',
      /is not a known check id \(got "dashbord-link"; known: owner-exists,/,
    ],
    [
      'a repeated id in disable',
      { disable: ['runbook-link', 'runbook-link'] },
      'mlops.readiness.disable[1]',
      /repeats "runbook-link"/,
    ],
    [
      'an unknown check id in overrides',
      { overrides: { 'slo-defined': { required: false } } },
      'mlops.readiness.overrides.slo-defined',
      /is not a known check id/,
    ],
    [
      'an override of a disabled check',
      {
        disable: ['load-test'],
        overrides: { 'load-test': { required: false } },
      },
      'mlops.readiness.overrides.load-test',
      /changes a check that mlops\.readiness\.disable turns off/,
    ],
    [
      'an unknown override field',
      { overrides: { 'load-test': { kind: 'automatic' } } },
      'mlops.readiness.overrides.load-test.kind',
      /is not a known setting \(expected one of tiers, required, title, why, category\)/,
    ],
    [
      'approvals below 1',
      { approvals: { high: 0 } },
      'mlops.readiness.approvals.high',
      /must be a whole number of at least 1 \(got 0\)/,
    ],
    [
      'a fractional approval count',
      { approvals: { critical: { count: 1.5 } } },
      'mlops.readiness.approvals.critical.count',
      /must be a whole number of at least 1 \(got 1\.5\)/,
    ],
    [
      'approvals for an unknown tier',
      { approvals: { extreme: 3 } },
      'mlops.readiness.approvals.extreme',
      /is not a risk tier/,
    ],
    [
      'a non-boolean securityApproval',
      { approvals: { high: { securityApproval: 'yes' } } },
      'mlops.readiness.approvals.high.securityApproval',
      /must be true or false \(got "yes"\)/,
    ],
    [
      'a bad duration',
      { approvalValidity: '90x' },
      'mlops.readiness.approvalValidity',
      /must be a duration such as 90d, 12w, 36h or 30m \(got "90x"\)/,
    ],
    [
      'a numeric duration',
      { approvalValidity: 90 },
      'mlops.readiness.approvalValidity',
      /\(got 90\)/,
    ],
    [
      'a security group that is a user',
      { securityGroup: 'user:default/margaret' },
      'mlops.readiness.securityGroup',
      /must be a group entity ref such as group:default\/security-reviewers/,
    ],
    [
      'an unknown default tier',
      { defaultTier: 'none' },
      'mlops.readiness.defaultTier',
      /must be one of low, medium, high, critical \(got "none"\)/,
    ],
    [
      'an unknown model card section',
      { modelCardSections: { high: ['intendedUse', 'ethics'] } },
      'mlops.readiness.modelCardSections.high[1]',
      /must be one of summary, intendedUse,/,
    ],
    [
      'a non-boolean required',
      { checks: [{ ...extraCheck, required: 'no' }] },
      'mlops.readiness.checks[0].required',
      /must be true or false/,
    ],
  ])('refuses %s, naming the path', (_, config, path, rule) => {
    const issues = issuesOf(config);
    const issue = issues.find(i => i.path === path);
    expect(issue).toBeDefined();
    expect(issue!.message).toMatch(rule);
    expect(() => readReadinessConfig(config)).toThrow(
      `Invalid readiness configuration: ${path} `,
    );
  });

  it('reports every problem at once', () => {
    expect(
      issuesOf({
        approvals: { low: 0 },
        approvalValidity: '1y',
        disable: ['nope'],
      }).map(i => i.path),
    ).toEqual([
      'mlops.readiness.approvals.low',
      'mlops.readiness.approvalValidity',
      'mlops.readiness.disable[0]',
    ]);
  });

  it('names paths under a custom root', () => {
    expect(() =>
      readReadinessConfig({ defaultTier: 'x' }, { path: 'readiness' }),
    ).toThrow('readiness.defaultTier must be one of');
  });

  it('normalises the security group ref', () => {
    expect(
      readReadinessConfig({ securityGroup: 'AppSec' }).approvals.critical
        .securityGroup,
    ).toBe('group:default/appsec');
  });
});
