import {
  AuditorService,
  LoggerService,
  SchedulerService,
} from '@backstage/backend-plugin-api';
import { toError } from '@backstage/errors';
import {
  buildDriftProfile,
  detectDatasetDrift,
  DriftFeatureSpec,
  MLModelEntityV1alpha1,
} from '@mlops-portal/plugin-mlops-common';
import { ModelCatalog } from '../catalog/ModelCatalog';
import { canonicalEntityRef } from '../catalog/canonicalEntityRef';
import { DRIFT_AUDIT_EVENT_IDS } from './driftAuditEventIds';
import { DriftStore } from './DriftStore';
import { featuresOf } from './DriftService';

/*
 * Demo drift for the Northwind Commerce catalog: a reference and fourteen
 * daily windows for the production version of a few models, generated from
 * a seeded generator so that every start shows the same numbers. The card
 * fraud detector drifts over its last four windows (transaction amounts and
 * the other numerical features move up by a growing share of a standard
 * deviation, and the mix of entry modes and countries changes); the others
 * are stable.
 */

export const DEMO_DRIFT_TASK_ID = 'mlops-drift-demo-seed';

/** The models that get demo drift, and whether they drift. */
export const DEMO_DRIFT_MODELS: Record<string, { drifting: boolean }> = {
  'mlmodel:default/card-fraud-detector': { drifting: true },
  'mlmodel:default/store-demand-forecaster': { drifting: false },
  'mlmodel:default/support-ticket-triage': { drifting: false },
  'mlmodel:default/search-relevance-ranker': { drifting: false },
};

const REFERENCE_ROWS = 800;
const WINDOW_ROWS = 300;
const WINDOWS = 14;
const DAY_MS = 86_400_000;
/** Standard deviations the drifting model's numerical features move, for its last windows. */
const DRIFT_RAMP = [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0.3, 0.6, 1.0, 1.3];

const CATEGORIES: Record<string, string[]> = {
  currency: ['EUR', 'GBP', 'USD', 'CHF'],
  merchant_category_code: ['5411', '5812', '5999', '4111', '5732', '7011'],
  merchant_country: ['DE', 'FR', 'NL', 'GB', 'ES', 'US'],
  entry_mode: ['chip', 'contactless', 'magstripe', 'ecommerce'],
  day_of_week: ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'],
  promo_mechanic: ['none', 'percent-off', 'multibuy', 'bundle'],
  store_format: ['hypermarket', 'supermarket', 'express'],
  region: ['north', 'south', 'east', 'west'],
  channel: ['email', 'chat', 'phone', 'web-form'],
  language: ['en', 'de', 'fr', 'nl', 'es'],
  customer_tier: ['standard', 'plus', 'business'],
  price_bucket: ['low', 'mid', 'high', 'premium'],
};
const BINARY = ['true', 'false'];

/** mulberry32: small, fast and good enough for demo data; the same seed gives the same data. */
function generator(seed: number) {
  let state = seed >>> 0;
  const uniform = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const normal = () => {
    const u = Math.max(uniform(), 1e-12);
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * uniform());
  };
  return { uniform, normal };
}

function hash(text: string): number {
  let h = 2166136261;
  for (let i = 0; i < text.length; i++)
    h = Math.imul(h ^ text.charCodeAt(i), 16777619);
  return h >>> 0;
}

function categoriesOf(name: string): string[] {
  return (
    CATEGORIES[name] ??
    (/^(has|is|in|new)_|_match$|present|matches|holiday|reset/.test(name)
      ? BINARY
      : ['A', 'B', 'C', 'D'])
  );
}

const INTEGER_FEATURE =
  /count|lag|days|hour|week|tokens|attempts|accounts|rank|_7d|_30d|_24h$/;

/** Rows of one data set; `shift` moves numerical features (in standard deviations) and the category mix. */
function generateColumns(
  features: DriftFeatureSpec[],
  rows: number,
  seed: number,
  shift: number,
): Record<string, unknown[]> {
  const rng = generator(seed);
  const columns: Record<string, unknown[]> = {};
  for (const feature of features) {
    const h = hash(feature.name);
    const values: unknown[] = [];
    if (feature.type === 'numerical') {
      const mean = 5 + (h % 200);
      const sd = mean * (0.15 + (h % 7) / 40);
      const integer = INTEGER_FEATURE.test(feature.name);
      for (let i = 0; i < rows; i++) {
        let v = mean + sd * (rng.normal() + shift);
        v = Math.max(0, v);
        values.push(integer ? Math.round(v) : Math.round(v * 100) / 100);
      }
    } else {
      const labels = categoriesOf(feature.name);
      const weights = labels.map((_, i) => 1 / (i + 1));
      if (shift > 0) {
        // Moves weight from the most frequent category to the least.
        const moved = weights[0] * Math.min(0.5, shift * 0.35);
        weights[0] -= moved;
        weights[weights.length - 1] += moved;
      }
      const total = weights.reduce((a, b) => a + b, 0);
      for (let i = 0; i < rows; i++) {
        let u = rng.uniform() * total;
        let k = 0;
        while (k < labels.length - 1 && u >= weights[k]) u -= weights[k++];
        values.push(labels[k]);
      }
    }
    columns[feature.name] = values;
  }
  return columns;
}

/**
 * Writes the demo references and windows when the drift store is empty and
 * the demo models are in the catalog.
 */
export async function seedDemoDrift(options: {
  store: DriftStore;
  models: ModelCatalog;
  driftShare: number;
  now?: Date;
}): Promise<
  | { result: 'seeded'; references: number; windows: number }
  | { result: 'not-empty' }
  | { result: 'waiting-for-catalog'; missing: string[] }
> {
  const { store, models } = options;
  if (!(await store.isEmpty())) return { result: 'not-empty' };
  const refs = Object.keys(DEMO_DRIFT_MODELS);
  const entities = await models.getModels(refs);
  const missing = refs.filter((_, i) => !entities[i]);
  if (missing.length > 0) return { result: 'waiting-for-catalog', missing };
  const now = options.now ?? new Date();
  const today = Math.floor(now.getTime() / DAY_MS) * DAY_MS;
  let references = 0;
  let windows = 0;
  for (const [index, entity] of (
    entities as MLModelEntityV1alpha1[]
  ).entries()) {
    const modelRef = canonicalEntityRef(entity, 'mlmodel');
    const version = (entity.spec as { version?: string }).version;
    if (!version) continue;
    const features = featuresOf(entity);
    const seed = hash(modelRef);
    const profile = buildDriftProfile(
      generateColumns(features, REFERENCE_ROWS, seed, 0),
      features,
    );
    const createdAt = new Date(today - (WINDOWS + 1) * DAY_MS);
    await store.putReference({
      modelRef,
      version,
      source: 'raw',
      rowCount: profile.rowCount,
      features,
      profile,
      createdBy: 'mlops-demo-seed',
      createdAt,
    });
    references++;
    for (let day = 0; day < WINDOWS; day++) {
      const shift = DEMO_DRIFT_MODELS[refs[index]].drifting
        ? DRIFT_RAMP[day]
        : 0;
      const window = buildDriftProfile(
        generateColumns(features, WINDOW_ROWS, seed + 1000 * (day + 1), shift),
        features,
        { reference: profile },
      );
      const windowStart = new Date(today - (WINDOWS - day) * DAY_MS);
      const windowEnd = new Date(windowStart.getTime() + DAY_MS);
      await store.addWindow({
        id: `demo-${hash(`${modelRef}-${day}`).toString(16)}-${day}`,
        modelRef,
        version,
        windowStart,
        windowEnd,
        source: 'raw',
        rowCount: window.rowCount,
        result: detectDatasetDrift(profile, window, {
          driftShare: options.driftShare,
        }),
        createdBy: 'mlops-demo-seed',
        createdAt: windowEnd,
      });
      windows++;
    }
  }
  return { result: 'seeded', references, windows };
}

/** Retries every 30 seconds until the catalog holds the demo models, then seeds once. */
export async function scheduleDemoDriftSeed(options: {
  scheduler: SchedulerService;
  store: DriftStore;
  models: ModelCatalog;
  driftShare: number;
  auditor: AuditorService;
  logger: LoggerService;
}) {
  const { scheduler, auditor, logger, ...seed } = options;
  let finished = false;
  await scheduler.scheduleTask({
    id: DEMO_DRIFT_TASK_ID,
    frequency: { seconds: 30 },
    timeout: { minutes: 2 },
    fn: async () => {
      if (finished) return;
      try {
        const outcome = await seedDemoDrift(seed);
        if (outcome.result === 'waiting-for-catalog') return;
        finished = true;
        const event = await auditor.createEvent({
          eventId: DRIFT_AUDIT_EVENT_IDS.demoSeed,
          severityLevel: 'low',
        });
        await event.success({ meta: { ...outcome } });
        logger.info(
          outcome.result === 'seeded'
            ? `Seeded demo drift: ${outcome.references} references, ${outcome.windows} windows`
            : 'Demo drift not seeded: the drift store already holds data',
        );
      } catch (error) {
        logger.warn(`Demo drift not seeded yet: ${toError(error)}`);
      }
    },
  });
}
