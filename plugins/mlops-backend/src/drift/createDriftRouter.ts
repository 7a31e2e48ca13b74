import { AuditorService, HttpAuthService } from '@backstage/backend-plugin-api';
import { InputError, toError } from '@backstage/errors';
import { JsonObject } from '@backstage/types';
import express, { NextFunction, Request, Response } from 'express';
import Router from 'express-promise-router';
import { z } from 'zod';
import { DRIFT_AUDIT_EVENT_IDS } from './driftAuditEventIds';
import { DriftPayloadTooLargeError } from './DriftUploadError';
import {
  DEFAULT_TREND_LIMIT,
  DriftService,
  MAX_TREND_LIMIT,
} from './DriftService';
import { parseDriftUpload } from './parseDriftUpload';

const summaryBody = z
  .object({ entityRefs: z.array(z.string()).max(1000) })
  .strict();

const trendQuery = z.object({
  limit: z.coerce.number().int().min(1).max(MAX_TREND_LIMIT).optional(),
});

/**
 * The drift API, mounted at `/api/mlops` before the other routers so that
 * its own body limit (`mlops.drift.maxBodyBytes`) and media types apply to
 * `/drift/*` uploads.
 */
export async function createDriftRouter(options: {
  httpAuth: HttpAuthService;
  auditor: AuditorService;
  drift: DriftService;
}): Promise<express.Router> {
  const { httpAuth, auditor, drift } = options;
  const router = Router();
  const limit = drift.limits.maxBodyBytes;
  const rawBody = express.raw({ type: () => true, limit });
  const readBody = (req: Request, res: Response, next: NextFunction) =>
    rawBody(req, res, (error?: unknown) => {
      const e = error as { type?: string; length?: number } | undefined;
      if (e?.type === 'entity.too.large') {
        next(
          new DriftPayloadTooLargeError(
            `The body is ${
              e.length ?? 'more than'
            } bytes; the limit is ${limit} bytes (mlops.drift.maxBodyBytes). Send a pre-aggregated profile, or split the window.`,
          ),
        );
        return;
      }
      next(error as Error | undefined);
    });
  const jsonBody = express.json({ limit: '1mb' });

  const credentialsOf = (req: Request) =>
    httpAuth.credentials(req, { allow: ['user', 'service'] });
  const modelRefOf = (req: Request) => ({
    kind: 'MLModel',
    namespace: req.params.namespace,
    name: req.params.name,
  });
  const uploadOf = (req: Request) =>
    parseDriftUpload({
      body: Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0),
      contentType: req.get('content-type'),
      query: req.query as Record<string, unknown>,
      limits: drift.limits,
    });

  async function audited<T>(
    req: Request,
    eventId: string,
    meta: JsonObject,
    action: () => Promise<T>,
    successMeta: (result: T) => JsonObject,
  ): Promise<T> {
    const event = await auditor.createEvent({
      eventId,
      severityLevel: 'medium',
      request: req,
      meta,
    });
    try {
      const result = await action();
      await event.success({ meta: { ...meta, ...successMeta(result) } });
      return result;
    } catch (error) {
      await event.fail({ meta, error: toError(error) as Error });
      throw error;
    }
  }

  const versionPath = '/drift/:namespace/:name/versions/:version';

  router.put(`${versionPath}/reference`, readBody, async (req, res) => {
    const modelRef = modelRefOf(req);
    const result = await audited(
      req,
      DRIFT_AUDIT_EVENT_IDS.referencePut,
      {
        modelRef: `mlmodel:${modelRef.namespace}/${modelRef.name}`,
        version: req.params.version,
      },
      async () => {
        const credentials = await credentialsOf(req);
        return drift.putReference(
          credentials,
          modelRef,
          req.params.version,
          uploadOf(req),
        );
      },
      r => ({
        source: r.reference.source,
        rowCount: r.reference.rowCount,
        replaced: r.replaced,
      }),
    );
    res.status(result.replaced ? 200 : 201).json(result);
  });

  router.post(`${versionPath}/windows`, readBody, async (req, res) => {
    const modelRef = modelRefOf(req);
    const window = await audited(
      req,
      DRIFT_AUDIT_EVENT_IDS.windowPost,
      {
        modelRef: `mlmodel:${modelRef.namespace}/${modelRef.name}`,
        version: req.params.version,
      },
      async () => {
        const credentials = await credentialsOf(req);
        return drift.postWindow(
          credentials,
          modelRef,
          req.params.version,
          uploadOf(req),
        );
      },
      w => ({
        windowId: w.id,
        source: w.source,
        rowCount: w.rowCount,
        drifted: w.result.drifted,
        shareOfDriftedFeatures: w.result.shareOfDriftedFeatures,
      }),
    );
    res.status(201).json({ window });
  });

  router.get(`${versionPath}/report`, async (req, res) => {
    const credentials = await credentialsOf(req);
    res.json(
      await drift.getReport(credentials, modelRefOf(req), req.params.version),
    );
  });

  router.get(`${versionPath}/trend`, async (req, res) => {
    const credentials = await credentialsOf(req);
    const query = trendQuery.safeParse(req.query);
    if (!query.success) {
      throw new InputError(
        `Invalid query: limit must be a whole number from 1 to ${MAX_TREND_LIMIT}`,
      );
    }
    res.json(
      await drift.getTrend(
        credentials,
        modelRefOf(req),
        req.params.version,
        query.data.limit ?? DEFAULT_TREND_LIMIT,
      ),
    );
  });

  router.post('/drift/summary', jsonBody, async (req, res) => {
    const credentials = await credentialsOf(req);
    const body = summaryBody.safeParse(req.body);
    if (!body.success) {
      throw new InputError(
        'Invalid body: expected { entityRefs: string[] } with at most 1000 refs',
      );
    }
    res.json({
      items: await drift.summarize(credentials, body.data.entityRefs),
    });
  });

  router.get('/drift/:namespace/:name', async (req, res) => {
    const credentials = await credentialsOf(req);
    res.json(await drift.getModelDrift(credentials, modelRefOf(req)));
  });

  return router;
}
