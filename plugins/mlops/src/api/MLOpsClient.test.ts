import { mockApis } from '@backstage/test-utils';
import { MLOpsClient } from './MLOpsClient';
import { serverErrorMessage } from './serverErrorMessage';

function jsonResponse(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), {
    status,
    statusText: status === 200 ? 'OK' : 'Forbidden',
    headers: { 'Content-Type': 'application/json' },
  });
}

describe('MLOpsClient', () => {
  const discoveryApi = mockApis.discovery({ baseUrl: 'http://backstage:7007' });

  it('reads failed MLModels from the catalog unprocessed-entities endpoint', async () => {
    const fetch = jest.fn().mockResolvedValue(
      jsonResponse(200, {
        type: 'failed',
        entities: [
          {
            entity_id: '1',
            entity_ref: 'mlmodel:default/churn',
            unprocessed_entity: {
              apiVersion: 'mlops-portal.io/v1alpha1',
              kind: 'MLModel',
              metadata: { name: 'churn' },
              spec: { owner: 'growth-ml' },
            },
            errors: [
              {
                name: 'InputError',
                message: 'Invalid MLModel "churn": spec.type is required',
              },
            ],
          },
          {
            entity_id: '2',
            entity_ref: 'component:default/web',
            unprocessed_entity: {
              apiVersion: 'backstage.io/v1alpha1',
              kind: 'Component',
              metadata: { name: 'web' },
            },
          },
        ],
      }),
    );
    const client = new MLOpsClient({ discoveryApi, fetchApi: { fetch } });

    const models = await client.getFailedModels();

    expect(fetch).toHaveBeenCalledWith(
      'http://backstage:7007/api/catalog/entities/unprocessed/failed',
      undefined,
    );
    expect(models.map(m => [m.entityRef, m.ownerRef, m.issues])).toEqual([
      [
        'mlmodel:default/churn',
        'group:default/growth-ml',
        [{ path: 'spec.type', message: 'is required' }],
      ],
    ]);
  });

  it('throws a ResponseError carrying the status when the backend refuses', async () => {
    const fetch = jest.fn().mockResolvedValue(
      jsonResponse(403, {
        error: { name: 'NotAllowedError', message: 'Unauthorized' },
        request: { method: 'GET', url: '/entities/unprocessed/failed' },
        response: { statusCode: 403 },
      }),
    );
    const client = new MLOpsClient({ discoveryApi, fetchApi: { fetch } });

    await expect(client.getFailedModels()).rejects.toMatchObject({
      name: 'ResponseError',
      statusCode: 403,
      cause: expect.objectContaining({
        name: 'NotAllowedError',
        message: 'Unauthorized',
      }),
    });
  });

  describe('readiness reviews', () => {
    function client(body: unknown = { items: [] }, status = 200) {
      const fetch = jest
        .fn()
        .mockImplementation(async () => jsonResponse(status, body));
      return {
        fetch,
        client: new MLOpsClient({ discoveryApi, fetchApi: { fetch } }),
      };
    }

    const mlops = 'http://backstage:7007/api/mlops';
    const post = (body: unknown) => ({
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(body),
    });

    it.each([
      [
        'getModelReviews (ref string)',
        (c: MLOpsClient) => c.getModelReviews('mlmodel:default/fraud-detector'),
        `${mlops}/models/default/fraud-detector/reviews`,
        undefined,
      ],
      [
        'getModelReviews (short ref and compound ref)',
        (c: MLOpsClient) =>
          c.getModelReviews({
            kind: 'MLModel',
            namespace: 'risk',
            name: 'fraud-detector',
          }),
        `${mlops}/models/risk/fraud-detector/reviews`,
        undefined,
      ],
      [
        'openReview',
        (c: MLOpsClient) =>
          c.openReview('fraud-detector', { version: '3.3.0-rc.1' }),
        `${mlops}/models/default/fraud-detector/reviews`,
        post({ version: '3.3.0-rc.1' }),
      ],
      [
        'getReview',
        (c: MLOpsClient) => c.getReview('r 1/2'),
        `${mlops}/reviews/r%201%2F2`,
        undefined,
      ],
      [
        'getReviewsAwaitingMe',
        (c: MLOpsClient) => c.getReviewsAwaitingMe(),
        `${mlops}/reviews?awaiting=me`,
        undefined,
      ],
      [
        'attestCheck',
        (c: MLOpsClient) =>
          c.attestCheck('r1', {
            checkId: 'load-test',
            evidenceUrl: 'https://wiki.example.com/load',
            comment: 'k6 at 2x peak',
          }),
        `${mlops}/reviews/r1/attest`,
        post({
          checkId: 'load-test',
          evidenceUrl: 'https://wiki.example.com/load',
          comment: 'k6 at 2x peak',
        }),
      ],
      [
        'approveReview with a comment',
        (c: MLOpsClient) => c.approveReview('r1', { comment: 'LGTM' }),
        `${mlops}/reviews/r1/approve`,
        post({ comment: 'LGTM' }),
      ],
      [
        'approveReview without a comment',
        (c: MLOpsClient) => c.approveReview('r1'),
        `${mlops}/reviews/r1/approve`,
        post({}),
      ],
      [
        'requestReviewChanges',
        (c: MLOpsClient) =>
          c.requestReviewChanges('r1', { comment: 'Add the runbook' }),
        `${mlops}/reviews/r1/request-changes`,
        post({ comment: 'Add the runbook' }),
      ],
      [
        'reopenReview',
        (c: MLOpsClient) => c.reopenReview('r1', { comment: 'Fixed' }),
        `${mlops}/reviews/r1/reopen`,
        post({ comment: 'Fixed' }),
      ],
      [
        'withdrawReview',
        (c: MLOpsClient) => c.withdrawReview('r1', { reason: 'Superseded' }),
        `${mlops}/reviews/r1/withdraw`,
        post({ reason: 'Superseded' }),
      ],
      [
        'refreshReview',
        (c: MLOpsClient) => c.refreshReview('r1'),
        `${mlops}/reviews/r1/refresh`,
        post({}),
      ],
      [
        'getReviewAuditTrail',
        (c: MLOpsClient) => c.getReviewAuditTrail('r1'),
        `${mlops}/reviews/r1/audit`,
        undefined,
      ],
      [
        'getReviewEvidence',
        (c: MLOpsClient) => c.getReviewEvidence('r1'),
        `${mlops}/reviews/r1/audit?format=evidence&download=false`,
        undefined,
      ],
      [
        'getReadinessSummary',
        (c: MLOpsClient) =>
          c.getReadinessSummary(['mlmodel:default/a', 'mlmodel:default/b']),
        `${mlops}/readiness/summary`,
        post({ entityRefs: ['mlmodel:default/a', 'mlmodel:default/b'] }),
      ],
      [
        'getDeployGate',
        (c: MLOpsClient) =>
          c.getDeployGate('mlmodel:default/fraud-detector', '3.3.0-rc.1'),
        `${mlops}/gate/default/fraud-detector/3.3.0-rc.1`,
        undefined,
      ],
    ])('%s calls the right route', async (_name, call, url, init) => {
      const { fetch, client: c } = client({ items: [] });
      await expect(call(c)).resolves.toEqual({ items: [] });
      expect(fetch).toHaveBeenCalledTimes(1);
      expect(fetch).toHaveBeenCalledWith(url, init);
    });

    it("surfaces the server's refusal as the error message", async () => {
      const { client: c } = client(
        {
          error: {
            name: 'ConflictError',
            message: 'You opened this review, so you cannot approve it.',
          },
          request: { method: 'POST', url: '/reviews/r1/approve' },
          response: { statusCode: 409 },
        },
        409,
      );
      const error = await c.approveReview('r1').catch(e => e);
      expect(error).toMatchObject({ name: 'ResponseError', statusCode: 409 });
      expect(serverErrorMessage(error)).toBe(
        'You opened this review, so you cannot approve it.',
      );
    });
  });

  describe('SLOs', () => {
    const mlops = 'http://backstage:7007/api/mlops';

    it("reads a model's SLOs and the batched summary from the SLO routes", async () => {
      const fetch = jest
        .fn()
        .mockImplementation(async () => jsonResponse(200, { items: [] }));
      const client = new MLOpsClient({ discoveryApi, fetchApi: { fetch } });
      await client.getModelSlos({
        kind: 'MLModel',
        namespace: 'risk',
        name: 'fraud-detector',
      });
      await client.getSloSummary(['mlmodel:default/a', 'mlmodel:default/b']);
      expect(fetch.mock.calls).toEqual([
        [`${mlops}/slo/risk/fraud-detector`, undefined],
        [
          `${mlops}/slo/summary`,
          {
            method: 'POST',
            headers: { 'Content-Type': 'application/json' },
            body: JSON.stringify({
              entityRefs: ['mlmodel:default/a', 'mlmodel:default/b'],
            }),
          },
        ],
      ]);
    });
  });

  describe('canary rollouts', () => {
    const mlops = 'http://backstage:7007/api/mlops';

    it('reads a rollout, acts on it and asks for the batched summary on the rollout routes', async () => {
      const fetch = jest
        .fn()
        .mockImplementation(async () => jsonResponse(200, { items: [] }));
      const client = new MLOpsClient({ discoveryApi, fetchApi: { fetch } });
      await client.getRollout('mlmodel:risk/fraud-detector');
      await client.runRolloutAction(
        { kind: 'MLModel', namespace: 'risk', name: 'fraud detector' },
        { action: 'setWeight', weight: 30, expectedResourceVersion: '1011' },
      );
      await client.getRolloutSummary(['mlmodel:default/a']);
      const post = (body: unknown) => ({
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify(body),
      });
      expect(fetch.mock.calls).toEqual([
        [`${mlops}/rollout/risk/fraud-detector`, undefined],
        [
          `${mlops}/rollout/risk/fraud%20detector/actions`,
          post({
            action: 'setWeight',
            weight: 30,
            expectedResourceVersion: '1011',
          }),
        ],
        [
          `${mlops}/rollout/summary`,
          post({ entityRefs: ['mlmodel:default/a'] }),
        ],
      ]);
    });

    it("surfaces the conflict's sentence for the loser of a race", async () => {
      const fetch = jest.fn().mockResolvedValue(
        jsonResponse(409, {
          error: {
            name: 'ConflictError',
            message:
              'The rollout changed since you loaded it; reload it and decide again',
          },
          response: { statusCode: 409 },
        }),
      );
      const client = new MLOpsClient({ discoveryApi, fetchApi: { fetch } });
      const error = await client
        .runRolloutAction('mlmodel:default/fraud-detector', {
          action: 'promote',
          expectedResourceVersion: '1',
        })
        .catch(e => e);
      expect(error).toMatchObject({ name: 'ResponseError', statusCode: 409 });
      expect(serverErrorMessage(error)).toBe(
        'The rollout changed since you loaded it; reload it and decide again',
      );
    });
  });
});
