import { checklistFor } from './checklist';
import {
  AUTOMATIC_CHECK_IDS,
  DEFAULT_READINESS_CHECKS,
} from './defaultChecklist';
import { DEFAULT_READINESS_POLICY, riskTierOf } from './policy';
import { completeModel } from './readinessTestFixtures';

const ids = (tier: Parameters<typeof checklistFor>[0]) =>
  checklistFor(tier, DEFAULT_READINESS_POLICY).map(c => c.id);

describe('default checklist', () => {
  it('has unique kebab-case ids and says why every check matters', () => {
    const all = DEFAULT_READINESS_CHECKS.map(c => c.id);
    expect(new Set(all).size).toBe(all.length);
    for (const check of DEFAULT_READINESS_CHECKS) {
      expect(check.id).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
      expect(check.title.length).toBeGreaterThan(5);
      expect(check.why.length).toBeGreaterThan(40);
      expect(check.tiers.length).toBeGreaterThan(0);
    }
  });

  it('has exactly one automatic check per evaluator, and manual checks for the rest', () => {
    expect(
      DEFAULT_READINESS_CHECKS.filter(c => c.kind === 'automatic').map(
        c => c.id,
      ),
    ).toEqual([...AUTOMATIC_CHECK_IDS]);
    expect(
      DEFAULT_READINESS_CHECKS.filter(c => c.kind === 'manual').map(c => c.id),
    ).toEqual([
      'on-call-rotation',
      'rollback-rehearsed',
      'champion-comparison',
      'load-test',
      'bias-fairness-review',
      'privacy-review',
      'security-threat-model',
    ]);
  });

  it('gives a low-tier model only the automatic basics', () => {
    expect(ids('low')).toEqual([
      'owner-exists',
      'lifecycle-not-experimental',
      'evaluation-metrics',
      'model-card',
      'datasets-exist',
      'dashboard-link',
    ]);
    expect(
      checklistFor('low', DEFAULT_READINESS_POLICY).every(
        c => c.kind === 'automatic',
      ),
    ).toBe(true);
  });

  it('adds runbook, SLOs, drift features and operational sign-offs at medium', () => {
    expect(ids('medium')).toEqual([
      ...ids('low'),
      'runbook-link',
      'slos-defined',
      'drift-features',
      'on-call-rotation',
      'rollback-rehearsed',
      'champion-comparison',
    ]);
  });

  it('adds the rollout, load test, fairness and privacy reviews at high', () => {
    expect(ids('high')).toEqual([
      ...ids('medium').slice(0, 9),
      'rollout-declared',
      'on-call-rotation',
      'rollback-rehearsed',
      'champion-comparison',
      'load-test',
      'bias-fairness-review',
      'privacy-review',
    ]);
  });

  it('adds the security threat model at critical only', () => {
    expect(ids('critical')).toEqual([...ids('high'), 'security-threat-model']);
    expect(ids('high')).not.toContain('security-threat-model');
  });

  it('grows strictly with the tier', () => {
    expect(
      (['low', 'medium', 'high', 'critical'] as const).map(t => ids(t).length),
    ).toEqual([6, 12, 16, 17]);
  });

  it('resolves required to true when a check leaves it out, and keeps false', () => {
    const policy = {
      ...DEFAULT_READINESS_POLICY,
      checks: [
        ...DEFAULT_READINESS_POLICY.checks,
        {
          id: 'nice-to-have',
          title: 'Nice to have',
          why: 'Optional.',
          category: 'documentation' as const,
          kind: 'manual' as const,
          tiers: ['low' as const],
          required: false,
        },
      ],
    };
    const low = checklistFor('low', policy);
    expect(low.find(c => c.id === 'owner-exists')!.required).toBe(true);
    expect(low.find(c => c.id === 'nice-to-have')!.required).toBe(false);
  });

  it('returns copies, so that callers cannot change the policy', () => {
    const list = checklistFor('low', DEFAULT_READINESS_POLICY);
    list[0].tiers.push('critical');
    list[0].title = 'changed';
    expect(DEFAULT_READINESS_CHECKS[0].tiers).toEqual([
      'low',
      'medium',
      'high',
      'critical',
    ]);
    expect(DEFAULT_READINESS_CHECKS[0].title).toBe(
      'Owner exists in the catalog',
    );
  });
});

describe('default policy', () => {
  it('needs 1, 1, 2 and 2 approvals, a security approval only for critical', () => {
    expect(DEFAULT_READINESS_POLICY.approvals).toEqual({
      low: { count: 1 },
      medium: { count: 1 },
      high: { count: 2 },
      critical: { count: 2, securityGroup: 'group:default/security-reviewers' },
    });
  });

  it('keeps approvals valid for 90 days', () => {
    expect(DEFAULT_READINESS_POLICY.approvalValidity).toBe('90d');
    expect(DEFAULT_READINESS_POLICY.approvalValidityMs).toBe(90 * 86_400_000);
  });

  it('asks for more of the model card at high and critical', () => {
    expect(DEFAULT_READINESS_POLICY.modelCardSections.low).toEqual([
      'intendedUse',
      'limitations',
    ]);
    expect(DEFAULT_READINESS_POLICY.modelCardSections.critical).toEqual([
      'intendedUse',
      'limitations',
      'ethicalConsiderations',
      'evaluation',
      'trainingData',
    ]);
  });
});

describe('riskTierOf', () => {
  it('reads spec.riskTier', () => {
    expect(riskTierOf(completeModel({ riskTier: 'high' }))).toBe('high');
  });

  it('falls back to the policy default for a missing or unknown tier', () => {
    expect(riskTierOf(completeModel({ riskTier: undefined }))).toBe('medium');
    expect(
      riskTierOf(completeModel({ riskTier: 'extreme' as any }), {
        ...DEFAULT_READINESS_POLICY,
        defaultTier: 'critical',
      }),
    ).toBe('critical');
  });
});
