import { MLOpsApi } from '../api';

/** Every MLOpsApi method as a jest mock. */
export type MockMLOpsApi = { [K in keyof MLOpsApi]: jest.Mock };

/**
 * An MLOpsApi whose methods are jest mocks. Reads that every page makes
 * answer "nothing" by default (no failed models, no reviews); any other
 * call fails loudly unless the test says what it returns.
 */
export function mockMLOpsApi(overrides: Partial<MLOpsApi> = {}): MockMLOpsApi {
  const notMocked = (name: string) =>
    jest.fn(async () => {
      throw new Error(`MLOpsApi.${name} was called but not mocked`);
    });
  const api: MockMLOpsApi = {
    getFailedModels: jest.fn(async () => []),
    getModelReviews: jest.fn(async () => ({ modelRef: '', items: [] })),
    getReadinessSummary: jest.fn(async (refs: string[]) => ({
      items: refs.map(entityRef => ({ entityRef, review: null })),
    })),
    getReviewsAwaitingMe: jest.fn(async () => ({ items: [] })),
    openReview: notMocked('openReview'),
    getReview: notMocked('getReview'),
    attestCheck: notMocked('attestCheck'),
    approveReview: notMocked('approveReview'),
    requestReviewChanges: notMocked('requestReviewChanges'),
    reopenReview: notMocked('reopenReview'),
    withdrawReview: notMocked('withdrawReview'),
    refreshReview: notMocked('refreshReview'),
    getReviewAuditTrail: jest.fn(async (reviewId: string) => ({
      reviewId,
      items: [],
    })),
    getReviewEvidence: notMocked('getReviewEvidence'),
    getDeployGate: notMocked('getDeployGate'),
    getRollout: notMocked('getRollout'),
    runRolloutAction: notMocked('runRolloutAction'),
    getRolloutSummary: jest.fn(async (refs: string[]) => ({
      items: refs.map(entityRef => ({ entityRef, rollout: null })),
    })),
    getModelDrift: notMocked('getModelDrift'),
    getDriftReport: notMocked('getDriftReport'),
    getDriftTrend: notMocked('getDriftTrend'),
    getDriftSummary: jest.fn(async () => ({ items: {} })),
    getModelSlos: notMocked('getModelSlos'),
    getSloSummary: jest.fn(async (refs: string[]) => ({
      items: refs.map(entityRef => ({ entityRef, status: 'pending' as const })),
    })),
  };
  for (const [name, impl] of Object.entries(overrides)) {
    const key = name as keyof MLOpsApi;
    api[key] = jest.isMockFunction(impl) ? impl : jest.fn(impl as any);
  }
  return api;
}
