import { AuthService, DiscoveryService } from '@backstage/backend-plugin-api';
import { parseEntityRef } from '@backstage/catalog-model';
import { ResponseError } from '@backstage/errors';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import { openReadinessReviewExamples } from './openReadinessReview.examples';

/** Action id of {@link createOpenReadinessReviewAction}. @public */
export const OPEN_READINESS_REVIEW_ACTION_ID = 'mlops:review:open';

type ReviewResponse = {
  review: { id: string; version: string };
  status: string;
};
type ReviewList = {
  items: Array<{ id: string; version: string; status: string }>;
};

const RETRY_INTERVAL_MS = 2000;

/**
 * Opens the first production-readiness review of the model version a
 * template registered, on behalf of the user who ran the template (so the
 * review's author is that user, and the backend's permission policy applies
 * to them, not to the scaffolder).
 * @public
 */
export function createOpenReadinessReviewAction(options: {
  auth: AuthService;
  discovery: DiscoveryService;
  /** The portal's frontend URL, for the link to the model page. */
  appBaseUrl?: string;
  /** Pause between attempts while the catalog ingests the model. */
  retryIntervalMs?: number;
}) {
  const { auth, discovery, appBaseUrl } = options;
  const retryIntervalMs = options.retryIntervalMs ?? RETRY_INTERVAL_MS;
  return createTemplateAction({
    id: OPEN_READINESS_REVIEW_ACTION_ID,
    description:
      'Opens the first readiness review for a model version through the mlops backend, on behalf of the user running the template.',
    examples: openReadinessReviewExamples,
    supportsDryRun: true,
    schema: {
      input: {
        entityRef: z =>
          z
            .string()
            .describe(
              'Ref of the model, e.g. mlmodel:default/card-fraud-detector',
            ),
        version: z =>
          z.string().min(1).max(255).describe('The model version to review'),
        waitForEntitySeconds: z =>
          z
            .number()
            .int()
            .min(0)
            .max(600)
            .default(120)
            .describe(
              'How long to wait for the catalog to ingest a just-registered model before giving up',
            ),
      },
      output: {
        reviewId: z => z.string().optional().describe('Id of the review'),
        status: z => z.string().optional().describe('Status of the review'),
        reviewUrl: z =>
          z
            .string()
            .optional()
            .describe('The model page, where the review is shown'),
      },
    },
    async handler(ctx) {
      const ref = parseEntityRef(ctx.input.entityRef, {
        defaultKind: 'mlmodel',
        defaultNamespace: 'default',
      });
      if (ref.kind.toLocaleLowerCase('en-US') !== 'mlmodel') {
        throw new Error(
          `entityRef must refer to an MLModel (got ${ctx.input.entityRef})`,
        );
      }
      const { version } = ctx.input;
      const reviewUrl = appBaseUrl
        ? `${appBaseUrl}/catalog/${ref.namespace}/mlmodel/${ref.name}`
        : undefined;
      if (reviewUrl) ctx.output('reviewUrl', reviewUrl);

      if (ctx.isDryRun) {
        ctx.logger.info(
          `Dry run: would open a readiness review of mlmodel:${ref.namespace}/${ref.name} version ${version} on behalf of the initiating user`,
        );
        return;
      }

      const result = await ctx.checkpoint({
        key: `mlops.review.open.${ref.namespace}.${ref.name}.${version}`,
        fn: async () => {
          const onBehalfOf = await ctx.getInitiatorCredentials();
          const baseUrl = await discovery.getBaseUrl('mlops');
          const modelPath = `${baseUrl}/models/${encodeURIComponent(
            ref.namespace,
          )}/${encodeURIComponent(ref.name)}/reviews`;
          const deadline =
            Date.now() + (ctx.input.waitForEntitySeconds ?? 120) * 1000;

          for (;;) {
            // A fresh token per attempt: waiting for the catalog can outlast one.
            const { token } = await auth.getPluginRequestToken({
              onBehalfOf,
              targetPluginId: 'mlops',
            });
            const headers = {
              Authorization: `Bearer ${token}`,
              'Content-Type': 'application/json',
            };
            const response = await fetch(modelPath, {
              method: 'POST',
              headers,
              body: JSON.stringify({ version }),
            });
            if (response.ok) {
              const body = (await response.json()) as ReviewResponse;
              return {
                reviewId: body.review.id,
                status: body.status,
                existing: false,
              };
            }
            if (response.status === 409) {
              // Already open, e.g. the task was retried after this step.
              const list = await fetch(modelPath, { headers });
              if (list.ok) {
                const { items } = (await list.json()) as ReviewList;
                const open = items.find(r => r.version === version);
                if (open)
                  return {
                    reviewId: open.id,
                    status: open.status,
                    existing: true,
                  };
              }
            }
            // The catalog processes a just-registered location asynchronously.
            if (response.status === 404 && Date.now() < deadline) {
              ctx.logger.info(
                `mlmodel:${ref.namespace}/${ref.name} is not in the catalog yet; retrying`,
              );
              await new Promise(resolve =>
                setTimeout(resolve, retryIntervalMs),
              );
              continue;
            }
            const error = await ResponseError.fromResponse(response);
            throw new Error(
              `Could not open a readiness review of mlmodel:${ref.namespace}/${
                ref.name
              } ${version}: ${error.body?.error?.message ?? error.message}`,
            );
          }
        },
      });

      ctx.logger.info(
        `${result.existing ? 'Found' : 'Opened'} readiness review ${
          result.reviewId
        } (${result.status}) for mlmodel:${ref.namespace}/${
          ref.name
        } ${version}`,
      );
      ctx.output('reviewId', result.reviewId);
      ctx.output('status', result.status);
    },
  });
}
