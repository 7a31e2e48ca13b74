import { AuditorService, HttpAuthService } from '@backstage/backend-plugin-api';
import { toError } from '@backstage/errors';
import { ROLLOUT_ACTION_NAMES } from '@mlops-portal/plugin-mlops-common';
import express, { Request } from 'express';
import Router from 'express-promise-router';
import { z } from 'zod';
import { AUDIT_EVENT_IDS } from '../auditing/auditEventIds';
import { parseRequest, summaryBody } from '../router/requestSchemas';
import { RolloutService } from './RolloutService';

const actionBody = z.object({
  action: z.enum(ROLLOUT_ACTION_NAMES as [string, ...string[]], {
    errorMap: () => ({
      message: `must be one of ${ROLLOUT_ACTION_NAMES.join(', ')}`,
    }),
  }),
  expectedResourceVersion: z
    .string({
      required_error:
        'is required (the resourceVersion of the state you decided on)',
      invalid_type_error: 'must be a string',
    })
    .trim()
    .min(1, 'is required (the resourceVersion of the state you decided on)')
    .max(64),
  weight: z
    .number({ invalid_type_error: 'must be a number' })
    .int('must be a whole number')
    .optional(),
  justification: z
    .string({ invalid_type_error: 'must be a string' })
    .max(4000)
    .optional(),
});

/**
 * The canary routes (mounted at `/api/mlops`): a model's rollout with its
 * legal actions and gate, the actions themselves, their history, and the
 * batched summary of the Models page. Every action is audited.
 */
export async function createRolloutRouter(options: {
  httpAuth: HttpAuthService;
  auditor: AuditorService;
  rollouts: RolloutService;
}): Promise<express.Router> {
  const { httpAuth, auditor, rollouts } = options;
  const router = Router();
  router.use(express.json({ limit: '1mb' }));

  const credentialsOf = (req: Request) =>
    httpAuth.credentials(req, { allow: ['user', 'service'] });
  const modelRefOf = (req: Request) => ({
    kind: 'MLModel',
    namespace: req.params.namespace,
    name: req.params.name,
  });

  router.post('/rollout/summary', async (req, res) => {
    const credentials = await credentialsOf(req);
    const { entityRefs } = parseRequest(summaryBody, req.body, 'body');
    res.json(await rollouts.summarize(credentials, entityRefs));
  });

  router.get('/rollout/:namespace/:name', async (req, res) => {
    const credentials = await credentialsOf(req);
    res.json(await rollouts.getRollout(credentials, modelRefOf(req)));
  });

  router.get('/rollout/:namespace/:name/actions', async (req, res) => {
    const credentials = await credentialsOf(req);
    res.json(await rollouts.listActions(credentials, modelRefOf(req)));
  });

  router.post('/rollout/:namespace/:name/actions', async (req, res) => {
    const modelRef = modelRefOf(req);
    const body = req.body as Record<string, unknown> | undefined;
    const meta = {
      modelRef: `mlmodel:${modelRef.namespace}/${modelRef.name}`,
      action: typeof body?.action === 'string' ? body.action : null,
      expectedResourceVersion:
        typeof body?.expectedResourceVersion === 'string'
          ? body.expectedResourceVersion
          : null,
    };
    const event = await auditor.createEvent({
      eventId: AUDIT_EVENT_IDS.rolloutAction,
      severityLevel: 'high',
      request: req,
      meta,
    });
    try {
      const credentials = await credentialsOf(req);
      const command = parseRequest(actionBody, req.body, 'body');
      const result = await rollouts.runAction(credentials, modelRef, {
        ...command,
        action: command.action as (typeof ROLLOUT_ACTION_NAMES)[number],
      });
      const { record } = result;
      await event.success({
        meta: {
          ...meta,
          actor: record.actor,
          cluster: record.cluster,
          workload: `${record.workloadKind} ${record.namespace}/${record.workloadName}`,
          weight: record.weight,
          before: {
            resourceVersion: record.beforeResourceVersion,
            ...record.before,
          },
          after: {
            resourceVersion: record.afterResourceVersion,
            ...record.after,
          },
          override: record.override,
          justification: record.justification,
          gateReasons: record.gate?.reasons ?? [],
          argoCdWarning: result.rollout.argoCdWarning,
          recordId: record.id,
        },
      });
      res.json(result);
    } catch (error) {
      await event.fail({ meta, error: toError(error) as Error });
      throw error;
    }
  });

  return router;
}
