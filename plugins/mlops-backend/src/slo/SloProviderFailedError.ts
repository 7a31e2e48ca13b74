import { CustomErrorBase } from '@backstage/errors';
import { ModelSloStatus } from './types';

/**
 * HTTP 502: the SLO provider (Prometheus) did not answer or failed the
 * queries, so the portal has nothing to show. `@backstage/errors` has no
 * 502 type; the backend's error handler takes the status from `statusCode`.
 */
export class SloProviderFailedError extends CustomErrorBase {
  name = 'SloProviderFailedError' as const;
  statusCode = 502;
}

/**
 * Throws {@link SloProviderFailedError} when none of a model's SLOs could
 * be evaluated because the provider failed; a status with at least one
 * evaluated SLO is served as is, with the failing ones in `errors`.
 * Definition problems and empty results are not upstream failures and stay
 * in the status.
 */
export function assertSloProviderAnswered(status: ModelSloStatus): void {
  if (status.slos.length > 0) return;
  const upstream = status.errors.filter(
    e => e.failure === 'unreachable' || e.failure === 'query',
  );
  if (upstream.length === 0) return;
  throw new SloProviderFailedError(
    `No SLO of ${status.entityRef} could be evaluated: ${upstream
      .map(e => e.message)
      .join('; ')}`,
  );
}
