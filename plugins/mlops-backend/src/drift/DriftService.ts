import {
  AuthService,
  BackstageCredentials,
} from '@backstage/backend-plugin-api';
import { CompoundEntityRef } from '@backstage/catalog-model';
import {
  ConflictError,
  InputError,
  NotAllowedError,
  NotFoundError,
} from '@backstage/errors';
import {
  buildDriftProfile,
  detectDatasetDrift,
  DriftFeatureSpec,
  DriftReferenceProfile,
  DriftReferenceView,
  DriftReportView,
  DriftSummaryItem,
  DriftTrendView,
  DriftWindowProfile,
  MLModelEntityV1alpha1,
  mlopsDriftIngestPermission,
  ModelDriftView,
} from '@mlops-portal/plugin-mlops-common';
import { randomUUID } from 'node:crypto';
import { ModelCatalog } from '../catalog/ModelCatalog';
import {
  canonicalEntityRef,
  tryCanonicalEntityRef,
} from '../catalog/canonicalEntityRef';
import { ModelPermissionChecker } from '../permissions/ModelPermissionChecker';
import {
  driftKey,
  DriftStore,
  StoredDriftReference,
  StoredDriftWindow,
} from './DriftStore';
import {
  DriftLimits,
  DriftUpload,
  validateRawRows,
  validateReferenceProfile,
  validateWindowProfile,
} from './parseDriftUpload';

// The JSON bodies are shared with the frontend through mlops-common.
export type {
  DriftReferenceView,
  DriftReportView,
  DriftSummaryItem,
} from '@mlops-portal/plugin-mlops-common';

/** Windows in a trend unless asked otherwise, and at most. */
export const DEFAULT_TREND_LIMIT = 14;
export const MAX_TREND_LIMIT = 365;

/** Drift settings (`mlops.drift.*`). */
export interface DriftSettings {
  limits: DriftLimits;
  /** Share of drifted features that flags a dataset (`mlops.drift.driftShare`, default 0.5). */
  driftShare: number;
}

function withoutRawValues(
  profile: DriftReferenceProfile,
): DriftReferenceProfile {
  const features: DriftReferenceProfile['features'] = {};
  for (const [name, feature] of Object.entries(profile.features)) {
    if (feature.type === 'numerical') {
      const { values: _values, ...rest } = feature;
      features[name] = rest;
    } else {
      features[name] = feature;
    }
  }
  return { ...profile, features };
}

/** The feature schema of a model (`spec.features`), which entity data may get wrong. */
export function featuresOf(model: MLModelEntityV1alpha1): DriftFeatureSpec[] {
  const features = (model.spec as { features?: unknown }).features;
  if (!Array.isArray(features) || features.length === 0) {
    throw new InputError(
      `${canonicalEntityRef(
        model,
        'mlmodel',
      )} has no spec.features; drift needs the feature schema (name and type of each feature)`,
    );
  }
  return features
    .filter(
      (f): f is DriftFeatureSpec =>
        typeof f?.name === 'string' &&
        (f.type === 'numerical' || f.type === 'categorical'),
    )
    .map(f => ({ name: f.name, type: f.type }));
}

function versionsOf(model: MLModelEntityV1alpha1): string[] {
  const spec = model.spec as { version?: unknown; versions?: unknown };
  const listed = Array.isArray(spec.versions)
    ? spec.versions
        .map(v => (v as { version?: unknown })?.version)
        .filter((v): v is string => typeof v === 'string')
    : [];
  if (typeof spec.version === 'string' && !listed.includes(spec.version))
    listed.push(spec.version);
  return listed;
}

/**
 * The version drift is shown for by default: the one in production
 * (`spec.version`), else the last one listed in `spec.versions`.
 */
export function defaultVersionOf(
  model: MLModelEntityV1alpha1,
): string | undefined {
  const spec = model.spec as { version?: unknown };
  if (typeof spec.version === 'string') return spec.version;
  return versionsOf(model).pop();
}

/**
 * Drift of model versions: stores references, evaluates windows against
 * them, and answers reports, trends and summaries. Ingestion needs the
 * `mlops.drift.ingest` permission on the model; reading needs only that the
 * caller can see the model in the catalog.
 */
export class DriftService {
  constructor(
    private readonly options: {
      store: DriftStore;
      models: ModelCatalog;
      permissions: ModelPermissionChecker;
      auth: AuthService;
      settings: DriftSettings;
      now?: () => Date;
    },
  ) {}

  get limits(): DriftLimits {
    return this.options.settings.limits;
  }

  async #modelVersion(
    credentials: BackstageCredentials,
    ref: CompoundEntityRef,
    version: string,
  ) {
    const model = await this.options.models.getModel(ref, credentials);
    const modelRef = canonicalEntityRef(model, 'mlmodel');
    if (!versionsOf(model).includes(version)) {
      throw new NotFoundError(
        `${modelRef} has no version ${version} (spec.versions: ${
          versionsOf(model).join(', ') || 'none'
        })`,
      );
    }
    return { model, modelRef };
  }

  async #authorizeIngest(
    credentials: BackstageCredentials,
    model: MLModelEntityV1alpha1,
  ) {
    const [allowed] = await this.options.permissions.check(
      credentials,
      [mlopsDriftIngestPermission],
      model,
    );
    if (!allowed) {
      throw new NotAllowedError(
        `Posting drift data of ${canonicalEntityRef(
          model,
          'mlmodel',
        )} needs the ${
          mlopsDriftIngestPermission.name
        } permission (owners and pipelines with a service token)`,
      );
    }
  }

  #actorOf(credentials: BackstageCredentials): string {
    const principal = credentials.principal as {
      userEntityRef?: string;
      subject?: string;
    };
    if (principal.userEntityRef) return principal.userEntityRef;
    return principal.subject ?? 'service';
  }

  /** Stores the reference of a version (raw rows profiled here, or a pre-aggregated profile). */
  async putReference(
    credentials: BackstageCredentials,
    ref: CompoundEntityRef,
    version: string,
    upload: DriftUpload,
  ): Promise<{ reference: DriftReferenceView; replaced: boolean }> {
    const { model, modelRef } = await this.#modelVersion(
      credentials,
      ref,
      version,
    );
    await this.#authorizeIngest(credentials, model);
    const features = featuresOf(model);
    let profile: DriftReferenceProfile;
    if (upload.kind === 'raw') {
      const columns = validateRawRows(upload, features, this.limits);
      profile = buildDriftProfile(columns, features);
      if (Object.values(profile.features).every(f => f.count === 0)) {
        throw new InputError(
          'The reference holds no usable value (every value is missing or infinite)',
        );
      }
    } else {
      profile = validateReferenceProfile(upload.profile, features);
    }
    const reference: StoredDriftReference = {
      modelRef,
      version,
      source: upload.kind,
      rowCount: profile.rowCount,
      features,
      profile,
      createdBy: this.#actorOf(credentials),
      createdAt: this.#now(),
    };
    const { stored, replaced } = await this.options.store.putReference(
      reference,
    );
    if (!stored) {
      throw new ConflictError(
        `The reference of ${modelRef} version ${version} is frozen: windows were already evaluated against its bins. Register a new model version to change it.`,
      );
    }
    return {
      reference: { ...reference, profile: withoutRawValues(profile) },
      replaced,
    };
  }

  /** Evaluates a window against the version's reference and keeps the result. */
  async postWindow(
    credentials: BackstageCredentials,
    ref: CompoundEntityRef,
    version: string,
    upload: DriftUpload,
  ): Promise<StoredDriftWindow> {
    const { model, modelRef } = await this.#modelVersion(
      credentials,
      ref,
      version,
    );
    await this.#authorizeIngest(credentials, model);
    const reference = await this.options.store.getReference(modelRef, version);
    if (!reference) {
      throw new ConflictError(
        `${modelRef} version ${version} has no reference yet; PUT the reference before posting windows`,
      );
    }
    // The reference's schema is the one its bins were frozen for.
    const features = reference.features;
    let window: DriftWindowProfile;
    if (upload.kind === 'raw') {
      const columns = validateRawRows(upload, features, this.limits);
      window = buildDriftProfile(columns, features, {
        reference: reference.profile,
      });
      if (Object.values(window.features).every(f => f.count === 0)) {
        throw new InputError(
          'The window is empty: no feature has a usable value (all missing or infinite)',
        );
      }
    } else {
      window = validateWindowProfile(
        upload.profile,
        features,
        reference.profile,
      );
    }
    if (
      upload.windowStart &&
      upload.windowEnd &&
      upload.windowStart > upload.windowEnd
    ) {
      throw new InputError('windowStart is after windowEnd');
    }
    const result = detectDatasetDrift(reference.profile, window, {
      driftShare: this.options.settings.driftShare,
    });
    const now = this.#now();
    const stored: StoredDriftWindow = {
      id: randomUUID(),
      modelRef,
      version,
      windowStart: upload.windowStart,
      windowEnd: upload.windowEnd ?? now,
      source: upload.kind,
      rowCount: window.rowCount,
      result,
      createdBy: this.#actorOf(credentials),
      createdAt: now,
    };
    if (!(await this.options.store.addWindow(stored))) {
      throw new ConflictError(
        `${modelRef} version ${version} has no reference any more`,
      );
    }
    return stored;
  }

  /** The reference and the latest window of a version. */
  async getReport(
    credentials: BackstageCredentials,
    ref: CompoundEntityRef,
    version: string,
  ): Promise<DriftReportView> {
    const { modelRef } = await this.#modelVersion(credentials, ref, version);
    const reference = await this.options.store.getReference(modelRef, version);
    if (!reference) {
      throw new NotFoundError(
        `${modelRef} version ${version} has no drift reference`,
      );
    }
    const window = await this.options.store.getLatestWindow(modelRef, version);
    return {
      modelRef,
      version,
      reference: { ...reference, profile: withoutRawValues(reference.profile) },
      window,
    };
  }

  /** The verdicts of the latest windows of a version, oldest first. */
  async getTrend(
    credentials: BackstageCredentials,
    ref: CompoundEntityRef,
    version: string,
    limit = DEFAULT_TREND_LIMIT,
  ): Promise<DriftTrendView> {
    const { modelRef } = await this.#modelVersion(credentials, ref, version);
    const windows = await this.options.store.listWindowSummaries(
      modelRef,
      version,
      Math.min(limit, MAX_TREND_LIMIT),
    );
    return { modelRef, version, windows };
  }

  /**
   * What the model page shows first: the versions with a reference, and the
   * report of the production version (`spec.version`), or else of the
   * version whose reference is newest.
   */
  async getModelDrift(
    credentials: BackstageCredentials,
    ref: CompoundEntityRef,
  ): Promise<ModelDriftView> {
    const model = await this.options.models.getModel(ref, credentials);
    const modelRef = canonicalEntityRef(model, 'mlmodel');
    const productionVersion = (model.spec as { version?: unknown }).version;
    const versions = await this.options.store.listReferences(modelRef);
    const chosen =
      versions.find(v => v.version === productionVersion)?.version ??
      versions[0]?.version;
    // A reference listed for a version that spec.versions no longer has: show the list only.
    const report = chosen
      ? await this.getReport(credentials, ref, chosen).catch(error => {
          if (error instanceof NotFoundError) return undefined;
          throw error;
        })
      : undefined;
    return {
      modelRef,
      productionVersion:
        typeof productionVersion === 'string' ? productionVersion : undefined,
      versions,
      report,
    };
  }

  /** Latest drift status of the production version of many models (one catalog call, one query). */
  async summarize(
    credentials: BackstageCredentials,
    entityRefs: string[],
  ): Promise<Record<string, DriftSummaryItem>> {
    const refs = entityRefs.map(ref => tryCanonicalEntityRef(ref, 'mlmodel'));
    const valid = [...new Set(refs.filter((r): r is string => !!r))];
    const models = await this.options.models.getModels(valid, credentials);
    const keys: Array<{ modelRef: string; version: string }> = [];
    const versionOf = new Map<string, string>();
    valid.forEach((modelRef, i) => {
      const model = models[i];
      const version = model ? defaultVersionOf(model) : undefined;
      if (version) {
        versionOf.set(modelRef, version);
        keys.push({ modelRef, version });
      }
    });
    const latest = await this.options.store.getLatestSummaries(keys);
    const references = new Set<string>();
    for (const key of keys) {
      if (latest.has(driftKey(key.modelRef, key.version))) continue;
      if (await this.options.store.getReference(key.modelRef, key.version)) {
        references.add(driftKey(key.modelRef, key.version));
      }
    }
    const out: Record<string, DriftSummaryItem> = {};
    entityRefs.forEach((asked, i) => {
      const modelRef = refs[i];
      const model = modelRef ? models[valid.indexOf(modelRef)] : undefined;
      const version = modelRef ? versionOf.get(modelRef) : undefined;
      if (!modelRef || !model) {
        out[asked] = { status: 'unknown' };
        return;
      }
      if (!version) {
        out[asked] = { status: 'no-reference' };
        return;
      }
      const summary = latest.get(driftKey(modelRef, version));
      if (!summary) {
        out[asked] = {
          version,
          status: references.has(driftKey(modelRef, version))
            ? 'no-windows'
            : 'no-reference',
        };
        return;
      }
      out[asked] = {
        version,
        status: summary.drifted ? 'drifted' : 'stable',
        shareOfDriftedFeatures: summary.shareOfDriftedFeatures,
        numberOfDriftedFeatures: summary.numberOfDriftedFeatures,
        numberOfFeatures: summary.numberOfFeatures,
        windowEnd: summary.windowEnd,
      };
    });
    return out;
  }

  #now(): Date {
    return this.options.now?.() ?? new Date();
  }
}
