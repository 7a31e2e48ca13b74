import {
  AuditorService,
  HttpAuthService,
  UrlReaderService,
} from '@backstage/backend-plugin-api';
import { InputError, toError } from '@backstage/errors';
import {
  BurnRateWindow,
  generateSloPrometheusRules,
} from '@mlops-portal/plugin-mlops-common';
import express, { Request } from 'express';
import Router from 'express-promise-router';
import { stringify } from 'yaml';
import { z } from 'zod';
import { AUDIT_EVENT_IDS } from '../auditing/auditEventIds';
import { parseRequest, summaryBody } from '../router/requestSchemas';
import { resolveSloDefinitions } from './resolveSloDefinitions';
import { assertSloProviderAnswered } from './SloProviderFailedError';
import {
  MAX_MEASUREMENTS_PER_REQUEST,
  PayloadTooLargeError,
  SloStatusService,
} from './SloStatusService';
import { ModelCatalog } from '../catalog/ModelCatalog';

const isoTime = z
  .string({
    required_error: 'is required',
    invalid_type_error: 'must be an ISO 8601 time',
  })
  .refine(v => /^\d{4}-\d{2}-\d{2}T/.test(v) && !Number.isNaN(Date.parse(v)), {
    message: 'must be an ISO 8601 time such as 2026-11-27T10:05:00Z',
  });
const count = z
  .number({
    required_error: 'is required',
    invalid_type_error: 'must be a number',
  })
  .finite('must be a finite number')
  .nonnegative('must be ≥ 0');

const measurementsBody = z.object({
  measurements: z
    .array(
      z.object({
        slo: z
          .string({ required_error: 'is required' })
          .min(1, 'must not be empty'),
        start: isoTime,
        end: isoTime,
        good: count,
        total: count,
      }),
      { required_error: 'is required', invalid_type_error: 'must be a list' },
    )
    .min(1, 'must list at least one measurement'),
});

const rulesQuery = z.object({
  format: z.enum(['yaml', 'json']).optional(),
});

/**
 * The SLO API (mounted at `/api/mlops`): status and charts of a model,
 * the batched summary, Prometheus rules, and SLI ingestion.
 */
export async function createSloRouter(options: {
  httpAuth: HttpAuthService;
  auditor: AuditorService;
  slos: SloStatusService;
  models: ModelCatalog;
  urlReader: Pick<UrlReaderService, 'readUrl'>;
  windows: BurnRateWindow[];
}): Promise<express.Router> {
  const { httpAuth, auditor, slos, models, urlReader, windows } = options;
  const router = Router();
  // The readiness router may already have parsed the body (1 MB limit); this
  // parser only runs on SLO routes and is a no-op on a parsed body.
  const json = express.json({ limit: '1mb' });

  const credentialsOf = (req: Request) =>
    httpAuth.credentials(req, { allow: ['user', 'service'] });
  const modelRefOf = (req: Request) => ({
    kind: 'MLModel',
    namespace: req.params.namespace,
    name: req.params.name,
  });

  router.get('/slo/:namespace/:name', async (req, res) => {
    const credentials = await credentialsOf(req);
    const status = await slos.getStatus(credentials, modelRefOf(req));
    assertSloProviderAnswered(status);
    res.json(status);
  });

  router.post('/slo/summary', json, async (req, res) => {
    const credentials = await credentialsOf(req);
    const { entityRefs } = parseRequest(summaryBody, req.body, 'body');
    res.json(await slos.summarize(credentials, entityRefs));
  });

  router.get('/slo/:namespace/:name/prometheus-rules', async (req, res) => {
    const credentials = await credentialsOf(req);
    const query = parseRequest(rulesQuery, req.query, 'query');
    const model = await models.getModel(modelRefOf(req), credentials);
    const { slos: definitions } = await resolveSloDefinitions(model, urlReader);
    let file;
    try {
      file = generateSloPrometheusRules({
        model: model.metadata.name,
        slos: definitions,
        windows,
      });
    } catch (error) {
      throw new InputError(
        `No Prometheus rules for ${model.metadata.name}: ${
          (error as Error).message
        }`,
      );
    }
    const wantsYaml =
      query.format === 'yaml' ||
      (query.format === undefined && /\byaml\b/.test(req.get('accept') ?? ''));
    if (wantsYaml) {
      res.type('application/yaml').send(stringify(file));
    } else {
      res.json(file);
    }
  });

  router.post('/slo/:namespace/:name/measurements', json, async (req, res) => {
    const modelRef = modelRefOf(req);
    const rows = Array.isArray(req.body?.measurements)
      ? req.body.measurements.length
      : null;
    const meta = {
      modelRef: `mlmodel:${modelRef.namespace}/${modelRef.name}`,
      rows,
    };
    const event = await auditor.createEvent({
      eventId: AUDIT_EVENT_IDS.sloIngest,
      severityLevel: 'low',
      request: req,
      meta,
    });
    try {
      const credentials = await credentialsOf(req);
      if (rows !== null && rows > MAX_MEASUREMENTS_PER_REQUEST) {
        throw new PayloadTooLargeError(
          `measurements lists ${rows} rows; post at most ${MAX_MEASUREMENTS_PER_REQUEST} per request`,
        );
      }
      const body = parseRequest(measurementsBody, req.body, 'body');
      const result = await slos.ingest(
        credentials,
        modelRef,
        body.measurements,
      );
      await event.success({ meta: { ...meta, accepted: result.accepted } });
      res.status(201).json(result);
    } catch (error) {
      await event.fail({ meta, error: toError(error) as Error });
      throw error;
    }
  });

  return router;
}
