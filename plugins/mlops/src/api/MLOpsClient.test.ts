import { mockApis } from '@backstage/test-utils';
import { MLOpsClient } from './MLOpsClient';

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
});
