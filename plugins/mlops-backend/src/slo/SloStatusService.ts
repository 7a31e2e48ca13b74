import {
  AuthService,
  BackstageCredentials,
  LoggerService,
  UrlReaderService,
} from '@backstage/backend-plugin-api';
import { stringifyEntityRef } from '@backstage/catalog-model';
import {
  ConflictError,
  CustomErrorBase,
  InputError,
  NotAllowedError,
} from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  BurnRateWindow,
  evaluateSlo,
  isMLModelEntity,
  MLModelEntityV1alpha1,
  MLOPS_ANNOTATIONS,
  mlopsSloIngestPermission,
  SloDefinitionError,
  SloStatus,
  worstSloState,
} from '@mlops-portal/plugin-mlops-common';
import { createHash } from 'node:crypto';
import { ModelCatalog } from '../catalog/ModelCatalog';
import { canonicalEntityRef } from '../catalog/canonicalEntityRef';
import { ModelPermissionChecker } from '../permissions/ModelPermissionChecker';
import { DatabaseSloStore, SloMeasurement } from './DatabaseSloStore';
import { SloProviderId } from './readSloConfig';
import { resolveSloDefinitions } from './resolveSloDefinitions';
import { SloDataError, SloProvider } from './SloProvider';
import {
  ModelSloStatus,
  SloEvaluationError,
  SloStatusReader,
  SloSummaryResponse,
} from './types';

/** More rows than this in one request are refused with 413. */
export const MAX_MEASUREMENTS_PER_REQUEST = 5000;

/** HTTP 413: the request carries more than the API takes at once. */
export class PayloadTooLargeError extends CustomErrorBase {
  name = 'PayloadTooLargeError' as const;
  statusCode = 413;
}

/** One row as posted (validated by the router's schema for types). */
export interface MeasurementInput {
  slo: string;
  start: string;
  end: string;
  good: number;
  total: number;
}

/** Models are refreshed this many at a time: Prometheus is shared. */
const REFRESH_CONCURRENCY = 4;

/** Counts within this many milliseconds of an interval boundary are not in the future. */
const CLOCK_SKEW_MS = 5 * 60_000;

/**
 * Computes, caches and serves the SLO status of models; takes SLI
 * measurements into the built-in store.
 */
export class SloStatusService implements SloStatusReader {
  readonly #store: DatabaseSloStore;
  readonly #models: ModelCatalog;
  readonly #catalog: CatalogService;
  readonly #auth: AuthService;
  readonly #urlReader: Pick<UrlReaderService, 'readUrl'>;
  readonly #providers: Map<string, SloProvider>;
  readonly #defaultProvider: SloProviderId;
  readonly #windows: BurnRateWindow[];
  readonly #permissions: ModelPermissionChecker;
  readonly #logger: LoggerService;

  constructor(options: {
    store: DatabaseSloStore;
    models: ModelCatalog;
    catalog: CatalogService;
    auth: AuthService;
    urlReader: Pick<UrlReaderService, 'readUrl'>;
    providers: SloProvider[];
    defaultProvider: SloProviderId;
    windows: BurnRateWindow[];
    permissions: ModelPermissionChecker;
    logger: LoggerService;
  }) {
    this.#store = options.store;
    this.#models = options.models;
    this.#catalog = options.catalog;
    this.#auth = options.auth;
    this.#urlReader = options.urlReader;
    this.#providers = new Map(options.providers.map(p => [p.id, p]));
    this.#defaultProvider = options.defaultProvider;
    this.#windows = options.windows;
    this.#permissions = options.permissions;
    this.#logger = options.logger;
  }

  /** The provider a model asks for by annotation, or the configured default. */
  providerIdOf(model: MLModelEntityV1alpha1): string {
    return (
      model.metadata.annotations?.[MLOPS_ANNOTATIONS.sloProvider]?.trim() ||
      this.#defaultProvider
    );
  }

  #hash(model: MLModelEntityV1alpha1): string {
    return createHash('sha256')
      .update(
        JSON.stringify({
          provider: this.providerIdOf(model),
          slos: model.spec.slos ?? [],
          file:
            model.metadata.annotations?.[MLOPS_ANNOTATIONS.openSloFile] ?? null,
          windows: this.#windows,
        }),
      )
      .digest('hex');
  }

  /** Evaluates every SLO of a model now; failures are reported per SLO, never thrown. */
  async computeModelStatus(
    model: MLModelEntityV1alpha1,
    now: number = Date.now(),
  ): Promise<ModelSloStatus> {
    const entityRef = canonicalEntityRef(stringifyEntityRef(model));
    const providerId = this.providerIdOf(model);
    const base = {
      entityRef,
      provider: providerId,
      computedAt: new Date(now).toISOString(),
    };
    let definitions;
    try {
      definitions = await resolveSloDefinitions(model, this.#urlReader);
    } catch (error) {
      return withRollup({
        ...base,
        source: 'none',
        slos: [],
        errors: [{ message: (error as Error).message, failure: 'definition' }],
      });
    }
    const provider = this.#providers.get(providerId);
    if (definitions.slos.length > 0 && !provider) {
      const known = ['builtin', 'prometheus'].includes(providerId);
      return withRollup({
        ...base,
        source: definitions.source,
        slos: [],
        errors: [
          {
            failure: 'definition' as const,
            message: known
              ? `The ${providerId} SLO provider is not configured in this portal (mlops.slo.${providerId})`
              : `${
                  MLOPS_ANNOTATIONS.sloProvider
                } names an unknown provider ${JSON.stringify(
                  providerId,
                )}: use builtin or prometheus`,
          },
        ],
      });
    }
    const slos: SloStatus[] = [];
    const errors: SloEvaluationError[] = [];
    for (const slo of definitions.slos) {
      try {
        const observation = await provider!.observe({
          modelRef: entityRef,
          slo,
          now,
          windows: this.#windows,
        });
        slos.push(
          evaluateSlo({ slo, observation, now, windows: this.#windows }),
        );
      } catch (error) {
        errors.push({
          slo: slo.name,
          message: (error as Error).message,
          ...failureOf(error),
        });
      }
    }
    return withRollup({ ...base, source: definitions.source, slos, errors });
  }

  /**
   * The status of a model as the caller may see it: from the cache when it
   * was computed for the model's current definitions, otherwise computed now.
   */
  async getStatus(
    credentials: BackstageCredentials,
    ref: { kind: string; namespace: string; name: string },
  ): Promise<ModelSloStatus> {
    const model = await this.#models.getModel(ref, credentials);
    const entityRef = canonicalEntityRef(stringifyEntityRef(model));
    const hash = this.#hash(model);
    const cached = await this.#store.getStatus(entityRef);
    if (cached && cached.definitionHash === hash) return cached.status;
    const status = await this.computeModelStatus(model);
    await this.#store.putStatus(entityRef, hash, status);
    return status;
  }

  /** Cached statuses of the models the caller may see, without chart series. */
  async summarize(
    credentials: BackstageCredentials,
    entityRefs: string[],
  ): Promise<SloSummaryResponse> {
    const refs = entityRefs.map((ref, i) => {
      try {
        return canonicalEntityRef(ref, 'mlmodel');
      } catch {
        throw new InputError(
          `entityRefs[${i}] is not an entity ref (got ${JSON.stringify(ref)})`,
        );
      }
    });
    const visible = await this.#models.getModels(refs, credentials);
    const statuses = await this.#store.getStatuses(
      refs.filter((_, i) => visible[i]),
    );
    return {
      items: refs.map((entityRef, i) => {
        const status = visible[i] ? statuses.get(entityRef) : undefined;
        if (!status) return { entityRef, status: 'pending' as const };
        return {
          entityRef,
          status: 'computed' as const,
          provider: status.provider,
          computedAt: status.computedAt,
          ...(status.worstState ? { worstState: status.worstState } : {}),
          ...(status.minBudgetRemaining !== undefined
            ? { minBudgetRemaining: status.minBudgetRemaining }
            : {}),
          exhausted: status.exhausted,
          errorCount: status.errors.length,
          slos: status.slos.map(s => ({
            name: s.name,
            objective: s.objective,
            window: s.window,
            state: s.state,
            sli: s.sli,
            errorBudgetRemaining: s.errorBudgetRemaining,
            summary: s.summary,
          })),
        };
      }),
    };
  }

  /** {@link SloStatusReader}: the cached status, for gates. */
  async getModelSloStatus(entityRef: string) {
    const cached = await this.#store.getStatus(
      canonicalEntityRef(entityRef, 'mlmodel'),
    );
    if (!cached || cached.status.slos.length === 0) return undefined;
    const { status } = cached;
    return {
      exhausted: status.exhausted,
      ...(status.worstState ? { worstState: status.worstState } : {}),
      computedAt: status.computedAt,
      slos: status.slos.map(s => ({
        name: s.name,
        state: s.state,
        errorBudgetRemaining: s.errorBudgetRemaining,
      })),
    };
  }

  /**
   * Recomputes the status of every MLModel in the catalog into the cache
   * (the scheduled task), a few models at a time.
   */
  async refreshAll(now: number = Date.now()): Promise<{
    computed: string[];
    failed: Array<{ entityRef: string; reason: string }>;
  }> {
    const credentials = await this.#auth.getOwnServiceCredentials();
    const models: MLModelEntityV1alpha1[] = [];
    let cursor: string | undefined;
    do {
      const page = await this.#catalog.queryEntities(
        cursor
          ? { cursor, limit: 500 }
          : { filter: { kind: 'MLModel' }, limit: 500 },
        { credentials },
      );
      models.push(...page.items.filter(isMLModelEntity));
      cursor = page.pageInfo.nextCursor;
    } while (cursor);

    const computed: string[] = [];
    const failed: Array<{ entityRef: string; reason: string }> = [];
    const queue = [...models];
    const worker = async () => {
      for (let model = queue.shift(); model; model = queue.shift()) {
        const entityRef = canonicalEntityRef(stringifyEntityRef(model));
        try {
          const status = await this.computeModelStatus(model, now);
          await this.#store.putStatus(entityRef, this.#hash(model), status);
          computed.push(entityRef);
        } catch (error) {
          failed.push({ entityRef, reason: (error as Error).message });
          this.#logger.warn(
            `SLO status of ${entityRef} was not refreshed: ${error}`,
          );
        }
      }
    };
    await Promise.all(Array.from({ length: REFRESH_CONCURRENCY }, worker));
    await this.#store.deleteStatusesExcept(
      models.map(m => canonicalEntityRef(stringifyEntityRef(m))),
    );
    return { computed, failed };
  }

  /**
   * Stores SLI counts of one model (all rows or none). Every row is checked
   * and every problem reported at once, by row index.
   */
  async ingest(
    credentials: BackstageCredentials,
    ref: { kind: string; namespace: string; name: string },
    rows: MeasurementInput[],
    now: number = Date.now(),
  ): Promise<{ entityRef: string; accepted: number }> {
    const model = await this.#models.getModel(ref, credentials);
    const [allowed] = await this.#permissions.check(
      credentials,
      [mlopsSloIngestPermission],
      model,
    );
    const entityRef = canonicalEntityRef(stringifyEntityRef(model));
    if (!allowed) {
      throw new NotAllowedError(
        `You may not post SLO measurements for ${entityRef} (permission ${mlopsSloIngestPermission.name})`,
      );
    }
    const providerId = this.providerIdOf(model);
    if (providerId !== 'builtin') {
      throw new ConflictError(
        `${entityRef} reads its SLIs from ${providerId} (annotation ${MLOPS_ANNOTATIONS.sloProvider} or mlops.slo.defaultProvider), so posted measurements would never be used`,
      );
    }
    const { slos } = await resolveSloDefinitions(model, this.#urlReader);
    const names = new Set(slos.map(s => s.name));
    if (names.size === 0) {
      throw new InputError(`${entityRef} defines no SLOs: add spec.slos first`);
    }
    const problems: string[] = [];
    const seen = new Set<string>();
    const measurements: SloMeasurement[] = rows.map((row, i) => {
      const at = `measurements[${i}]`;
      const start = Date.parse(row.start);
      const end = Date.parse(row.end);
      if (!names.has(row.slo)) {
        problems.push(
          `${at}.slo ${JSON.stringify(
            row.slo,
          )} is not an SLO of ${entityRef} (${[...names].join(', ')})`,
        );
      }
      if (!(end > start)) problems.push(`${at}.end must be after start`);
      if (end > now + CLOCK_SKEW_MS)
        problems.push(`${at}.end ${row.end} is in the future`);
      if (row.good > row.total) {
        problems.push(
          `${at}.good (${row.good}) must not exceed total (${row.total})`,
        );
      }
      const key = `${row.slo}@${start}`;
      if (seen.has(key))
        problems.push(
          `${at} repeats the interval of ${row.slo} starting at ${row.start}`,
        );
      seen.add(key);
      return { slo: row.slo, start, end, good: row.good, total: row.total };
    });
    if (problems.length > 0) {
      const shown = problems.slice(0, 20);
      throw new InputError(
        `Invalid measurements, nothing was stored: ${shown.join('; ')}${
          problems.length > shown.length
            ? `; and ${problems.length - shown.length} more`
            : ''
        }`,
      );
    }
    const accepted = await this.#store.addMeasurements(entityRef, measurements);
    return { entityRef, accepted };
  }
}

function failureOf(error: unknown): Pick<SloEvaluationError, 'failure'> {
  if (error instanceof SloDataError) return { failure: error.failure };
  if (error instanceof SloDefinitionError) return { failure: 'definition' };
  return {};
}

function withRollup(
  status: Omit<
    ModelSloStatus,
    'worstState' | 'minBudgetRemaining' | 'exhausted'
  >,
): ModelSloStatus {
  const worst = worstSloState(status.slos.map(s => s.state));
  return {
    ...status,
    ...(worst ? { worstState: worst } : {}),
    ...(status.slos.length
      ? {
          minBudgetRemaining: Math.min(
            ...status.slos.map(s => s.errorBudgetRemaining),
          ),
        }
      : {}),
    exhausted: status.slos.some(s => s.errorBudgetRemaining <= 0),
  };
}
