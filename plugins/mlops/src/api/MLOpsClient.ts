import { parseEntityRef } from '@backstage/catalog-model';
import { DiscoveryApi, FetchApi } from '@backstage/core-plugin-api';
import { ResponseError } from '@backstage/errors';
import { toFailedModels } from '../validation/toFailedModels';
import { MLModelRef, MLOpsApi } from './MLOpsApi';
import { ModelSloStatusResponse, SloSummaryResponse } from './sloTypes';
import {
  AttestCheckRequest,
  AwaitingReviewsResponse,
  DeployGateResponse,
  FailedMLModel,
  ModelReviewsResponse,
  ReadinessEvidenceDocument,
  ReadinessSummaryResponse,
  ReviewAuditTrailResponse,
  ReviewCommandResponse,
  ReviewView,
  UnprocessedEntitiesResponse,
} from './types';
import {
  RolloutActionRequest,
  RolloutActionResponse,
  RolloutSummaryResponse,
  RolloutView,
} from './rolloutTypes';

import {
  DriftReportResponse,
  DriftSummaryResponse,
  DriftTrendResponse,
  ModelDriftResponse,
} from './driftTypes';

interface RequestOptions {
  /** The backend plugin to talk to; `mlops` unless said otherwise. */
  pluginId?: string;
  method?: 'GET' | 'POST';
  /** Sent as JSON. */
  body?: unknown;
}

const segment = encodeURIComponent;

/** `/models/default/fraud-detector` from any way of naming a model. */
function modelPath(model: MLModelRef): string {
  const { namespace, name } =
    typeof model === 'string'
      ? parseEntityRef(model, {
          defaultKind: 'mlmodel',
          defaultNamespace: 'default',
        })
      : model;
  return `/models/${segment(namespace)}/${segment(name)}`;
}

const reviewPath = (reviewId: string, action?: string) =>
  `/reviews/${segment(reviewId)}${action ? `/${action}` : ''}`;

/**
 * The default {@link MLOpsApi}: talks to the Backstage backend through the
 * app's discovery and (authenticated) fetch APIs.
 * @public
 */
export class MLOpsClient implements MLOpsApi {
  private readonly discoveryApi: DiscoveryApi;
  private readonly fetchApi: FetchApi;

  constructor(options: { discoveryApi: DiscoveryApi; fetchApi: FetchApi }) {
    this.discoveryApi = options.discoveryApi;
    this.fetchApi = options.fetchApi;
  }

  async getFailedModels(): Promise<FailedMLModel[]> {
    const body = await this.request<UnprocessedEntitiesResponse>(
      '/entities/unprocessed/failed',
      { pluginId: 'catalog' },
    );
    return toFailedModels(body);
  }

  getModelReviews(model: MLModelRef): Promise<ModelReviewsResponse> {
    return this.request(`${modelPath(model)}/reviews`);
  }

  openReview(
    model: MLModelRef,
    request: { version: string },
  ): Promise<ReviewCommandResponse> {
    return this.request(`${modelPath(model)}/reviews`, {
      method: 'POST',
      body: { version: request.version },
    });
  }

  getReview(reviewId: string): Promise<ReviewView> {
    return this.request(reviewPath(reviewId));
  }

  getReviewsAwaitingMe(): Promise<AwaitingReviewsResponse> {
    return this.request('/reviews?awaiting=me');
  }

  attestCheck(
    reviewId: string,
    request: AttestCheckRequest,
  ): Promise<ReviewCommandResponse> {
    return this.request(reviewPath(reviewId, 'attest'), {
      method: 'POST',
      body: {
        checkId: request.checkId,
        evidenceUrl: request.evidenceUrl,
        comment: request.comment,
      },
    });
  }

  approveReview(
    reviewId: string,
    request: { comment?: string } = {},
  ): Promise<ReviewCommandResponse> {
    return this.request(reviewPath(reviewId, 'approve'), {
      method: 'POST',
      body: request.comment ? { comment: request.comment } : {},
    });
  }

  requestReviewChanges(
    reviewId: string,
    request: { comment: string },
  ): Promise<ReviewCommandResponse> {
    return this.request(reviewPath(reviewId, 'request-changes'), {
      method: 'POST',
      body: { comment: request.comment },
    });
  }

  reopenReview(
    reviewId: string,
    request: { comment?: string } = {},
  ): Promise<ReviewCommandResponse> {
    return this.request(reviewPath(reviewId, 'reopen'), {
      method: 'POST',
      body: request.comment ? { comment: request.comment } : {},
    });
  }

  withdrawReview(
    reviewId: string,
    request: { reason?: string } = {},
  ): Promise<ReviewCommandResponse> {
    return this.request(reviewPath(reviewId, 'withdraw'), {
      method: 'POST',
      body: request.reason ? { reason: request.reason } : {},
    });
  }

  refreshReview(reviewId: string): Promise<ReviewCommandResponse> {
    return this.request(reviewPath(reviewId, 'refresh'), {
      method: 'POST',
      body: {},
    });
  }

  getReviewAuditTrail(reviewId: string): Promise<ReviewAuditTrailResponse> {
    return this.request(reviewPath(reviewId, 'audit'));
  }

  getReviewEvidence(reviewId: string): Promise<ReadinessEvidenceDocument> {
    // Inline rather than as an attachment: the browser download is made
    // by the page, which needs the JSON in hand (the request carries a
    // token, so it cannot be a plain link).
    return this.request(
      `${reviewPath(reviewId, 'audit')}?format=evidence&download=false`,
    );
  }

  getReadinessSummary(entityRefs: string[]): Promise<ReadinessSummaryResponse> {
    return this.request('/readiness/summary', {
      method: 'POST',
      body: { entityRefs },
    });
  }

  getDeployGate(
    model: MLModelRef,
    version: string,
  ): Promise<DeployGateResponse> {
    return this.request(
      `/gate${modelPath(model).slice('/models'.length)}/${segment(version)}`,
    );
  }

  getRollout(model: MLModelRef): Promise<RolloutView> {
    return this.request(`/rollout${modelPath(model).slice('/models'.length)}`);
  }

  runRolloutAction(
    model: MLModelRef,
    request: RolloutActionRequest,
  ): Promise<RolloutActionResponse> {
    return this.request(
      `/rollout${modelPath(model).slice('/models'.length)}/actions`,
      { method: 'POST', body: request },
    );
  }

  getRolloutSummary(entityRefs: string[]): Promise<RolloutSummaryResponse> {
    return this.request('/rollout/summary', {
      method: 'POST',
      body: { entityRefs },
    });
  }

  getModelDrift(model: MLModelRef): Promise<ModelDriftResponse> {
    return this.request(`/drift${modelPath(model).slice('/models'.length)}`);
  }

  getDriftReport(
    model: MLModelRef,
    version: string,
  ): Promise<DriftReportResponse> {
    return this.request(
      `/drift${modelPath(model).slice('/models'.length)}/versions/${segment(
        version,
      )}/report`,
    );
  }

  getDriftTrend(
    model: MLModelRef,
    version: string,
    options: { limit?: number } = {},
  ): Promise<DriftTrendResponse> {
    const query = options.limit ? `?limit=${options.limit}` : '';
    return this.request(
      `/drift${modelPath(model).slice('/models'.length)}/versions/${segment(
        version,
      )}/trend${query}`,
    );
  }

  getDriftSummary(entityRefs: string[]): Promise<DriftSummaryResponse> {
    return this.request('/drift/summary', {
      method: 'POST',
      body: { entityRefs },
    });
  }

  getModelSlos(model: MLModelRef): Promise<ModelSloStatusResponse> {
    return this.request(`/slo${modelPath(model).slice('/models'.length)}`);
  }

  getSloSummary(entityRefs: string[]): Promise<SloSummaryResponse> {
    return this.request('/slo/summary', {
      method: 'POST',
      body: { entityRefs },
    });
  }

  private async request<T>(
    path: string,
    options: RequestOptions = {},
  ): Promise<T> {
    const baseUrl = await this.discoveryApi.getBaseUrl(
      options.pluginId ?? 'mlops',
    );
    const init: RequestInit | undefined =
      options.method === 'POST'
        ? {
            method: 'POST',
            headers: { 'Content-Type': 'application/json' },
            body: JSON.stringify(options.body ?? {}),
          }
        : undefined;
    const response = await this.fetchApi.fetch(`${baseUrl}${path}`, init);
    if (!response.ok) {
      throw await ResponseError.fromResponse(response);
    }
    return (await response.json()) as T;
  }
}
