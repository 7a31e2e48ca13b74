import { mockCredentials } from '@backstage/backend-test-utils';
import { NotAllowedError } from '@backstage/errors';
import { evaluateRolloutGate, ReadinessGateSource } from './rolloutGate';

const modelRef = {
  kind: 'MLModel',
  namespace: 'default',
  name: 'card-fraud-detector',
};
const base = {
  credentials: mockCredentials.user('user:default/ada'),
  modelRef,
  modelRefString: 'mlmodel:default/card-fraud-detector',
  version: '3.3.0',
};
const approved: ReadinessGateSource = {
  evaluateGate: async () => ({ allowed: true, reasons: [], reviewId: 'r-1' }),
};
const notApproved: ReadinessGateSource = {
  evaluateGate: async () => ({
    allowed: false,
    reasons: ['No approved readiness review for 3.3.0'],
    reviewId: null,
  }),
};

describe('evaluateRolloutGate', () => {
  it('allows with an approved review, a budget left and no drift', async () => {
    const decision = await evaluateRolloutGate({
      ...base,
      readiness: approved,
      slo: {
        getBudgetStatus: async () => ({
          exhausted: false,
          detail: '62% of the error budget left',
        }),
      },
      drift: {
        getDriftStatus: async () => ({
          flagged: false,
          detail: 'No feature drifted',
        }),
      },
    });
    expect(decision).toEqual({
      allowed: true,
      version: '3.3.0',
      reasons: [],
      checks: [
        {
          id: 'readiness',
          result: 'pass',
          detail: 'Readiness review r-1 of 3.3.0 is approved',
        },
        {
          id: 'error-budget',
          result: 'pass',
          detail: '62% of the error budget left',
        },
        { id: 'drift', result: 'pass', detail: 'No feature drifted' },
      ],
    });
  });

  it('refuses with every failing reason', async () => {
    const decision = await evaluateRolloutGate({
      ...base,
      readiness: notApproved,
      slo: {
        getBudgetStatus: async () => ({
          exhausted: true,
          detail: 'Error budget exhausted (-12%) for availability',
        }),
      },
      drift: {
        getDriftStatus: async () => ({
          flagged: true,
          detail: 'Drift in 3 of 12 features',
        }),
      },
    });
    expect(decision.allowed).toBe(false);
    expect(decision.reasons).toEqual([
      'Readiness of 3.3.0: No approved readiness review for 3.3.0',
      'Error budget exhausted (-12%) for availability',
      'Drift in 3 of 12 features',
    ]);
  });

  it('does not block on missing SLO or drift data, and says so', async () => {
    const unwired = await evaluateRolloutGate({ ...base, readiness: approved });
    expect(unwired.allowed).toBe(true);
    expect(unwired.checks.slice(1)).toEqual([
      {
        id: 'error-budget',
        result: 'unknown',
        detail: 'No SLO data: no SLO source is configured',
      },
      {
        id: 'drift',
        result: 'unknown',
        detail: 'No drift data: no drift source is configured',
      },
    ]);
    const noData = await evaluateRolloutGate({
      ...base,
      readiness: approved,
      slo: { getBudgetStatus: async () => undefined },
      drift: { getDriftStatus: async () => undefined },
    });
    expect(noData.allowed).toBe(true);
    expect(noData.checks.slice(1).map(c => c.detail)).toEqual([
      'No SLO data for this model',
      'No drift data for version 3.3.0',
    ]);
  });

  it('always needs the canary version and a readable review', async () => {
    const unversioned = await evaluateRolloutGate({
      ...base,
      version: undefined,
      readiness: approved,
    });
    expect(unversioned.allowed).toBe(false);
    expect(unversioned.reasons[0]).toMatch(/does not name its model version/);
    const unreadable = await evaluateRolloutGate({
      ...base,
      readiness: {
        evaluateGate: async () => {
          throw new NotAllowedError('no');
        },
      },
    });
    expect(unreadable.reasons[0]).toMatch(/may not read the readiness reviews/);
  });
});
