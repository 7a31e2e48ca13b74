import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import http from 'node:http';
import { AddressInfo } from 'node:net';
import { exampleInputs } from '../__testUtils__/examples';
import { createOpenReadinessReviewAction } from './openReadinessReview';
import { openReadinessReviewExamples } from './openReadinessReview.examples';

type Recorded = {
  method: string;
  url: string;
  authorization?: string;
  body: string;
};

/** Stands in for the mlops backend's review routes. */
function fakeMlopsBackend(responses: Array<{ status: number; body: unknown }>) {
  const requests: Recorded[] = [];
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', chunk => (body += chunk));
    req.on('end', () => {
      requests.push({
        method: req.method!,
        url: req.url!,
        authorization: req.headers.authorization,
        body,
      });
      const next = responses.shift() ?? {
        status: 500,
        body: { error: { name: 'Error', message: 'unexpected request' } },
      };
      // Error bodies in the shape every Backstage backend answers with.
      const answer =
        next.status >= 400
          ? {
              ...(next.body as object),
              request: { method: req.method, url: req.url },
              response: { statusCode: next.status },
            }
          : next.body;
      res.writeHead(next.status, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify(answer));
    });
  });
  return {
    requests,
    async start() {
      await new Promise<void>(resolve =>
        server.listen(0, '127.0.0.1', resolve),
      );
      return `http://127.0.0.1:${
        (server.address() as AddressInfo).port
      }/api/mlops`;
    },
    stop: () => new Promise(resolve => server.close(resolve)),
  };
}

const opened = {
  status: 201,
  body: {
    review: { id: 'rev-1', version: '0.1.0' },
    status: 'open',
    events: [],
  },
};

describe('mlops:review:open', () => {
  let backend: ReturnType<typeof fakeMlopsBackend>;

  function actionFor(baseUrl: string) {
    return createOpenReadinessReviewAction({
      auth: mockServices.auth(),
      discovery: {
        getBaseUrl: async () => baseUrl,
        getExternalBaseUrl: async () => baseUrl,
      },
      appBaseUrl: 'http://localhost:3000',
      retryIntervalMs: 10,
    });
  }

  afterEach(async () => backend?.stop());

  it('opens the review on behalf of the initiating user, waiting for the catalog', async () => {
    backend = fakeMlopsBackend([
      {
        status: 404,
        body: {
          error: {
            name: 'NotFoundError',
            message:
              'No MLModel mlmodel:default/card-fraud-scorer in the catalog',
          },
        },
      },
      opened,
    ]);
    const action = actionFor(await backend.start());
    const ctx = createMockActionContext<any>({
      input: {
        entityRef: 'mlmodel:default/card-fraud-scorer',
        version: '0.1.0',
      },
    });
    const checkpoint = jest.spyOn(ctx, 'checkpoint');
    await action.handler(ctx);

    expect(backend.requests).toHaveLength(2);
    for (const request of backend.requests) {
      expect(request).toMatchObject({
        method: 'POST',
        url: '/api/mlops/models/default/card-fraud-scorer/reviews',
        body: '{"version":"0.1.0"}',
      });
      // A token for the mlops plugin, issued on behalf of the user who ran the template.
      expect(request.authorization).toBe(
        `Bearer ${mockCredentials.service.token({
          onBehalfOf: mockCredentials.user(),
          targetPluginId: 'mlops',
        })}`,
      );
    }
    expect(checkpoint).toHaveBeenCalledWith(
      expect.objectContaining({
        key: 'mlops.review.open.default.card-fraud-scorer.0.1.0',
      }),
    );
    expect(ctx.output).toHaveBeenCalledWith('reviewId', 'rev-1');
    expect(ctx.output).toHaveBeenCalledWith('status', 'open');
    expect(ctx.output).toHaveBeenCalledWith(
      'reviewUrl',
      'http://localhost:3000/catalog/default/mlmodel/card-fraud-scorer',
    );
  });

  it('does not open a second review when the task resumes after the checkpoint', async () => {
    backend = fakeMlopsBackend([]);
    const action = actionFor(await backend.start());
    const ctx = {
      ...createMockActionContext<any>({
        input: {
          entityRef: 'mlmodel:default/card-fraud-scorer',
          version: '0.1.0',
        },
      }),
      // A resumed task gets the stored result instead of running fn again.
      checkpoint: jest.fn(async () => ({
        reviewId: 'rev-1',
        status: 'open',
        existing: false,
      })),
    } as any;
    await action.handler(ctx);
    expect(backend.requests).toEqual([]);
    expect(ctx.output).toHaveBeenCalledWith('reviewId', 'rev-1');
  });

  it('reuses the review already open for the version', async () => {
    backend = fakeMlopsBackend([
      {
        status: 409,
        body: {
          error: {
            name: 'ConflictError',
            message: 'A review of 0.1.0 is already open',
          },
        },
      },
      {
        status: 200,
        body: {
          items: [
            { id: 'rev-0', version: '0.0.9', status: 'approved' },
            { id: 'rev-7', version: '0.1.0', status: 'open' },
          ],
        },
      },
    ]);
    const action = actionFor(await backend.start());
    const ctx = createMockActionContext<any>({
      input: {
        entityRef: 'mlmodel:default/card-fraud-scorer',
        version: '0.1.0',
      },
    });
    await action.handler(ctx);
    expect(backend.requests.map(r => r.method)).toEqual(['POST', 'GET']);
    expect(ctx.output).toHaveBeenCalledWith('reviewId', 'rev-7');
  });

  it('stops with the backend error when the user may not open the review', async () => {
    backend = fakeMlopsBackend([
      {
        status: 403,
        body: {
          error: {
            name: 'NotAllowedError',
            message:
              'Only the owners of mlmodel:default/card-fraud-scorer may open a review',
          },
        },
      },
    ]);
    const action = actionFor(await backend.start());
    const ctx = createMockActionContext<any>({
      input: {
        entityRef: 'mlmodel:default/card-fraud-scorer',
        version: '0.1.0',
      },
    });
    await expect(action.handler(ctx)).rejects.toThrow(
      /Only the owners of mlmodel:default\/card-fraud-scorer/,
    );
  });

  it('gives up when the model never reaches the catalog', async () => {
    backend = fakeMlopsBackend(
      Array.from({ length: 50 }, () => ({
        status: 404,
        body: { error: { name: 'NotFoundError', message: 'No MLModel' } },
      })),
    );
    const action = actionFor(await backend.start());
    const ctx = createMockActionContext<any>({
      input: {
        entityRef: 'mlmodel:default/card-fraud-scorer',
        version: '0.1.0',
        waitForEntitySeconds: 0,
      },
    });
    await expect(action.handler(ctx)).rejects.toThrow(/No MLModel/);
    expect(backend.requests).toHaveLength(1);
  });

  it('only describes what it would do in a dry run', async () => {
    backend = fakeMlopsBackend([]);
    const action = actionFor(await backend.start());
    const info = jest.fn();
    const base = createMockActionContext<any>({
      input: {
        entityRef: 'mlmodel:default/card-fraud-scorer',
        version: '0.1.0',
      },
    });
    const ctx = {
      ...base,
      isDryRun: true,
      logger: { ...base.logger, info },
    } as any;
    await action.handler(ctx);
    expect(backend.requests).toEqual([]);
    expect(info).toHaveBeenCalledWith(
      'Dry run: would open a readiness review of mlmodel:default/card-fraud-scorer version 0.1.0 on behalf of the initiating user',
    );
  });

  it('refuses a ref that is not a model', async () => {
    const action = actionFor('http://127.0.0.1:1/api/mlops');
    const ctx = createMockActionContext<any>({
      input: { entityRef: 'component:default/x', version: '1' },
    });
    await expect(action.handler(ctx)).rejects.toThrow(
      'entityRef must refer to an MLModel (got component:default/x)',
    );
  });

  it.each(exampleInputs(openReadinessReviewExamples, 'mlops:review:open'))(
    'runs the example: $description',
    async ({ input }) => {
      backend = fakeMlopsBackend([
        {
          ...opened,
          body: {
            ...opened.body,
            review: { id: 'rev-1', version: input.version },
          },
        },
      ]);
      const action = actionFor(await backend.start());
      const ctx = createMockActionContext<any>({ input });
      await action.handler(ctx);
      expect(ctx.output).toHaveBeenCalledWith('reviewId', 'rev-1');
    },
  );
});
