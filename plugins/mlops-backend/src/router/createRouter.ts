import {
  AuditorService,
  AuditorServiceEventSeverityLevel,
  HttpAuthService,
} from '@backstage/backend-plugin-api';
import { toError } from '@backstage/errors';
import { JsonObject } from '@backstage/types';
import express, { Request } from 'express';
import Router from 'express-promise-router';
import { AUDIT_EVENT_IDS } from '../auditing/auditEventIds';
import {
  ReadinessReviewService,
  ReviewCommandResponse,
  ReviewerCommand,
} from '../service/ReadinessReviewService';
import {
  approveBody,
  attestBody,
  auditQuery,
  openReviewBody,
  parseRequest,
  reopenBody,
  requestChangesBody,
  reviewsQuery,
  summaryBody,
  withdrawBody,
} from './requestSchemas';

/** Media type of the auditors' evidence document (also `?format=evidence`). */
export const EVIDENCE_MEDIA_TYPE =
  'application/vnd.mlops-portal.readiness-evidence+json';

/** @public */
export interface RouterOptions {
  httpAuth: HttpAuthService;
  auditor: AuditorService;
  reviews: ReadinessReviewService;
}

function commandMeta(response: ReviewCommandResponse): JsonObject {
  const last = response.events[response.events.length - 1];
  return {
    reviewId: response.review.id,
    modelRef: response.review.modelRef,
    version: response.review.version,
    actions: response.events.map(e => e.action),
    statusBefore: response.events[0]?.before ?? null,
    statusAfter: last?.after ?? response.status,
  };
}

function safeFileName(text: string): string {
  return text.replace(/[^a-zA-Z0-9._-]+/g, '_');
}

/**
 * The REST API of the readiness reviews (mounted at `/api/mlops`). A plain
 * function of its services: all decisions are made by the review service,
 * this only parses, authenticates, audits and serialises.
 * @public
 */
export async function createRouter(
  options: RouterOptions,
): Promise<express.Router> {
  const { httpAuth, auditor, reviews } = options;
  const router = Router();
  router.use(express.json({ limit: '1mb' }));

  const credentialsOf = (req: Request) =>
    httpAuth.credentials(req, { allow: ['user', 'service'] });

  /** Runs an action inside an auditor event that succeeds or fails with it. */
  async function audited<T>(
    req: Request,
    eventId: string,
    meta: JsonObject,
    action: () => Promise<T>,
    successMeta: (result: T) => JsonObject,
    severityLevel: AuditorServiceEventSeverityLevel = 'medium',
  ): Promise<T> {
    const event = await auditor.createEvent({
      eventId,
      severityLevel,
      request: req,
      meta,
    });
    try {
      const result = await action();
      await event.success({ meta: successMeta(result) });
      return result;
    } catch (error) {
      await event.fail({ meta, error: toError(error) as Error });
      throw error;
    }
  }

  const modelRefOf = (req: Request) => ({
    kind: 'MLModel',
    namespace: req.params.namespace,
    name: req.params.name,
  });

  router.get('/models/:namespace/:name/reviews', async (req, res) => {
    const credentials = await credentialsOf(req);
    res.json(await reviews.listModelReviews(credentials, modelRefOf(req)));
  });

  router.post('/models/:namespace/:name/reviews', async (req, res) => {
    const modelRef = modelRefOf(req);
    const result = await audited(
      req,
      AUDIT_EVENT_IDS.open,
      {
        modelRef: `mlmodel:${modelRef.namespace}/${modelRef.name}`,
        version:
          typeof req.body?.version === 'string' ? req.body.version : null,
      },
      async () => {
        const credentials = await credentialsOf(req);
        const body = parseRequest(openReviewBody, req.body, 'body');
        return reviews.openReview(credentials, modelRef, body);
      },
      commandMeta,
    );
    res.status(201).json(result);
  });

  router.get('/reviews', async (req, res) => {
    const credentials = await credentialsOf(req);
    parseRequest(reviewsQuery, req.query, 'query');
    res.json(await reviews.listAwaitingReviews(credentials));
  });

  router.get('/reviews/:id', async (req, res) => {
    const credentials = await credentialsOf(req);
    res.json(await reviews.getReview(credentials, req.params.id));
  });

  const commandRoutes: Array<{
    path: string;
    eventId: string;
    parse: (body: unknown) => ReviewerCommand;
  }> = [
    {
      path: 'attest',
      eventId: AUDIT_EVENT_IDS.attest,
      parse: body => ({
        type: 'attest',
        ...parseRequest(attestBody, body, 'body'),
      }),
    },
    {
      path: 'approve',
      eventId: AUDIT_EVENT_IDS.approve,
      parse: body => ({
        type: 'approve',
        ...parseRequest(approveBody, body, 'body'),
      }),
    },
    {
      path: 'request-changes',
      eventId: AUDIT_EVENT_IDS.requestChanges,
      parse: body => ({
        type: 'requestChanges',
        ...parseRequest(requestChangesBody, body, 'body'),
      }),
    },
    {
      path: 'reopen',
      eventId: AUDIT_EVENT_IDS.reopen,
      parse: body => ({
        type: 'reopen',
        ...parseRequest(reopenBody, body, 'body'),
      }),
    },
    {
      path: 'withdraw',
      eventId: AUDIT_EVENT_IDS.withdraw,
      parse: body => ({
        type: 'withdraw',
        ...parseRequest(withdrawBody, body, 'body'),
      }),
    },
  ];
  for (const route of commandRoutes) {
    router.post(`/reviews/:id/${route.path}`, async (req, res) => {
      const result = await audited(
        req,
        route.eventId,
        { reviewId: req.params.id },
        async () => {
          const credentials = await credentialsOf(req);
          const command = route.parse(req.body);
          return reviews.runCommand(credentials, req.params.id, command);
        },
        commandMeta,
      );
      res.json(result);
    });
  }

  router.post('/reviews/:id/refresh', async (req, res) => {
    const result = await audited(
      req,
      AUDIT_EVENT_IDS.refresh,
      { reviewId: req.params.id, trigger: 'request' },
      async () =>
        reviews.refreshReview(await credentialsOf(req), req.params.id),
      commandMeta,
    );
    res.json(result);
  });

  router.get('/reviews/:id/audit', async (req, res) => {
    const credentials = await credentialsOf(req);
    const query = parseRequest(auditQuery, req.query, 'query');
    const acceptsEvidence = (req.get('accept') ?? '').includes(
      EVIDENCE_MEDIA_TYPE,
    );
    if (query.format !== 'evidence' && !acceptsEvidence) {
      res.json(await reviews.getAuditTrail(credentials, req.params.id));
      return;
    }
    const document = await audited(
      req,
      AUDIT_EVENT_IDS.evidenceExport,
      { reviewId: req.params.id },
      () => reviews.getEvidenceDocument(credentials, req.params.id),
      doc => ({
        reviewId: doc.review.id,
        modelRef: doc.model.ref,
        version: doc.review.version,
        auditEvents: doc.auditTrail.length,
      }),
      'low',
    );
    if (query.download !== 'false') {
      res.attachment(
        safeFileName(
          `readiness-evidence-${document.model.ref.split('/').pop()}-${
            document.review.version
          }-${document.review.id}.json`,
        ),
      );
    }
    res.type(acceptsEvidence ? EVIDENCE_MEDIA_TYPE : 'application/json');
    res.send(JSON.stringify(document, null, 2));
  });

  router.post('/readiness/summary', async (req, res) => {
    const credentials = await credentialsOf(req);
    const { entityRefs } = parseRequest(summaryBody, req.body, 'body');
    res.json(await reviews.summarizeModels(credentials, entityRefs));
  });

  router.get('/gate/:namespace/:name/:version', async (req, res) => {
    const modelRef = modelRefOf(req);
    const decision = await audited(
      req,
      AUDIT_EVENT_IDS.gateCheck,
      {
        modelRef: `mlmodel:${modelRef.namespace}/${modelRef.name}`,
        version: req.params.version,
      },
      async () =>
        reviews.evaluateGate(
          await credentialsOf(req),
          modelRef,
          req.params.version,
        ),
      result => ({
        modelRef: result.modelRef,
        version: result.version,
        allowed: result.allowed,
        reviewId: result.reviewId,
      }),
      'low',
    );
    res.json(decision);
  });

  return router;
}
