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
 * a seeded generator so that every start shows the same numbers.
 *
 * The card fraud detector tells the story of a merchant-mix shift: a partner
 * marketplace of online electronics sellers, many of them in the US, goes
 * live and its payments reach the model from the fifth-last window on. The
 * merchant category moves first; then merchant country and amounts; then the
 * hour of day and the card-not-present signals (entry mode, card present);
 * finally the currency and the 24-hour amount sum that is derived from
 * amounts. Eight of the fifteen features drift in the last two windows, just
 * over the default dataset-drift share of 0.5 (the share is portal-wide,
 * `mlops.drift.driftShare`, not per model). The card's velocity, device,
 * distance and login features stay stable, which points the owner at the
 * merchant mix rather than at a fraud wave.
 *
 * The canary gate asks about the canary's version, so the candidate
 * 3.3.0-rc.1 (trained before the launch) gets its own reference and the
 * last seven windows of the same traffic, scored in shadow: its drift is
 * flagged too, and the gate refuses its full promotion. The other models are
 * stable.
 */

export const DEMO_DRIFT_TASK_ID = 'mlops-drift-demo-seed';

/**
 * The drift story of each demo model: per drifting feature, the window
 * (0 = the oldest of fourteen) from which it shifts. Features not named
 * stay stable.
 */
export type DemoDriftStory = {
  driftOnsets: Record<string, number>;
  /** A candidate version that scores the last `windows` windows' traffic in shadow. */
  shadow?: { version: string; windows: number };
};

/** The partner-marketplace launch that card-fraud-detector sees. */
const MERCHANT_MIX_SHIFT: Record<string, number> = {
  merchant_category_code: 9,
  merchant_country: 10,
  amount_eur: 10,
  hour_of_day_local: 11,
  entry_mode: 11,
  card_present: 11,
  currency: 12,
  txn_amount_sum_24h: 12,
};

/** The models that get demo drift, and their stories. */
export const DEMO_DRIFT_MODELS: Record<string, DemoDriftStory> = {
  'mlmodel:default/card-fraud-detector': {
    driftOnsets: MERCHANT_MIX_SHIFT,
    shadow: { version: '3.3.0-rc.1', windows: 7 },
  },
  'mlmodel:default/store-demand-forecaster': { driftOnsets: {} },
  'mlmodel:default/support-ticket-triage': { driftOnsets: {} },
  'mlmodel:default/search-relevance-ranker': { driftOnsets: {} },
};

const REFERENCE_ROWS = 800;
const WINDOW_ROWS = 300;
const WINDOWS = 14;
const DAY_MS = 86_400_000;
/**
 * How far a drifting feature moves, in standard deviations (numerical) or
 * the matching change of category mix, in the windows from its onset on: as
 * the partner's share of payments grows. The first step is already past
 * what KS, chi-square and z detect on 800 against 300 rows (p < 0.005).
 */
const SHIFT_FROM_ONSET = [0.4, 0.7, 1.0, 1.2, 1.4];

/**
 * The last category of a list is the one a shift makes more frequent: for
 * the fraud model's merchant mix, electronics (5732), US merchants, USD and
 * e-commerce entry.
 */
const CATEGORIES: Record<string, string[]> = {
  currency: ['EUR', 'GBP', 'CHF', 'USD'],
  merchant_category_code: ['5411', '5812', '5999', '4111', '7011', '5732'],
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
/** For card_present the shift makes card-not-present (false) more frequent. */
const BINARY = ['true', 'false'];

/** mulberry32: small, fast and good enough for demo data; the same seed gives the same data. */
function generator(seed: number) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * `rows` uniforms in (0, 1), one in each of `rows` equal strata, in random
 * order. Independent draws would make about one stable feature in twenty
 * "drift" at p < 0.05 in every window, which buries the story; stratified
 * draws keep a stable feature's sample close to its distribution.
 */
function stratifiedUniforms(rows: number, uniform: () => number): number[] {
  const values = Array.from({ length: rows }, (_, i) => (i + uniform()) / rows);
  for (let i = rows - 1; i > 0; i--) {
    const j = Math.floor(uniform() * (i + 1));
    [values[i], values[j]] = [values[j], values[i]];
  }
  return values;
}

/**
 * The standard normal quantile function, by Acklam's rational
 * approximation (relative error below 1.2e-9, plenty for demo data).
 */
function normalQuantile(p: number): number {
  const a = [
    -39.69683028665376, 220.9460984245205, -275.9285104469687, 138.357751867269,
    -30.66479806614716, 2.506628277459239,
  ];
  const b = [
    -54.47609879822406, 161.5858368580409, -155.6989798598866,
    66.80131188771972, -13.28068155288572,
  ];
  const c = [
    -0.007784894002430293, -0.3223964580411365, -2.400758277161838,
    -2.549732539343734, 4.374664141464968, 2.938163982698783,
  ];
  const d = [
    0.007784695709041462, 0.3224671290700398, 2.445134137142996,
    3.754408661907416,
  ];
  const tail = (q: number) =>
    (((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) /
    ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1);
  if (p < 0.02425) return tail(Math.sqrt(-2 * Math.log(p)));
  if (p > 1 - 0.02425) return -tail(Math.sqrt(-2 * Math.log(1 - p)));
  const q = p - 0.5;
  const r = q * q;
  return (
    ((((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5]) *
      q) /
    (((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1)
  );
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

/** Features whose scale a reader knows; the others get one derived from their name. */
const NUMERICAL_SCALES: Record<
  string,
  { mean: number; sd: number; max?: number }
> = {
  hour_of_day_local: { mean: 13, sd: 4, max: 23 },
  amount_eur: { mean: 46, sd: 28 },
};

/** Rows of one data set; `shifts` moves a numerical feature (in standard deviations) or the category mix of a categorical one. */
function generateColumns(
  features: DriftFeatureSpec[],
  rows: number,
  seed: number,
  shifts: Record<string, number> = {},
): Record<string, unknown[]> {
  const uniform = generator(seed);
  const columns: Record<string, unknown[]> = {};
  for (const feature of features) {
    const shift = shifts[feature.name] ?? 0;
    const draws = stratifiedUniforms(rows, uniform);
    const h = hash(feature.name);
    if (feature.type === 'numerical') {
      const mean = NUMERICAL_SCALES[feature.name]?.mean ?? 5 + (h % 200);
      const sd =
        NUMERICAL_SCALES[feature.name]?.sd ?? mean * (0.15 + (h % 7) / 40);
      const max = NUMERICAL_SCALES[feature.name]?.max ?? Infinity;
      const integer = INTEGER_FEATURE.test(feature.name);
      columns[feature.name] = draws.map(u => {
        const v = Math.min(
          max,
          Math.max(0, mean + sd * (normalQuantile(u) + shift)),
        );
        return integer ? Math.round(v) : Math.round(v * 100) / 100;
      });
    } else {
      const labels = categoriesOf(feature.name);
      const weights = labels.map((_, i) => 1 / (i + 1));
      if (shift > 0) {
        // Moves weight from the most frequent category to the least.
        const moved = weights[0] * Math.min(0.5, shift * 0.35);
        weights[0] -= moved;
        weights[weights.length - 1] += moved;
      }
      const total = weights.reduce((sum, w) => sum + w, 0);
      columns[feature.name] = draws.map(draw => {
        let u = draw * total;
        let k = 0;
        while (k < labels.length - 1 && u >= weights[k]) u -= weights[k++];
        return labels[k];
      });
    }
  }
  return columns;
}

/** The shift of each drifting feature in one window (0 = the oldest). */
function shiftsOf(story: DemoDriftStory, day: number): Record<string, number> {
  const shifts: Record<string, number> = {};
  for (const [name, onset] of Object.entries(story.driftOnsets)) {
    if (day >= onset) {
      shifts[name] =
        SHIFT_FROM_ONSET[Math.min(day - onset, SHIFT_FROM_ONSET.length - 1)];
    }
  }
  return shifts;
}

/**
 * Stores the reference of one version and its windows from `firstDay` to
 * the last of the fourteen; returns how many windows were stored.
 */
async function seedVersion(options: {
  store: DriftStore;
  modelRef: string;
  version: string;
  features: DriftFeatureSpec[];
  story: DemoDriftStory;
  seed: number;
  firstDay: number;
  today: number;
  driftShare: number;
}): Promise<number> {
  const { store, modelRef, version, features, story, seed, today } = options;
  const profile = buildDriftProfile(
    generateColumns(features, REFERENCE_ROWS, seed),
    features,
  );
  await store.putReference({
    modelRef,
    version,
    source: 'raw',
    rowCount: profile.rowCount,
    features,
    profile,
    createdBy: 'mlops-demo-seed',
    createdAt: new Date(today - (WINDOWS + 1) * DAY_MS),
  });
  let windows = 0;
  for (let day = options.firstDay; day < WINDOWS; day++) {
    const window = buildDriftProfile(
      generateColumns(
        features,
        WINDOW_ROWS,
        seed + 1000 * (day + 1),
        shiftsOf(story, day),
      ),
      features,
      { reference: profile },
    );
    const windowStart = new Date(today - (WINDOWS - day) * DAY_MS);
    const windowEnd = new Date(windowStart.getTime() + DAY_MS);
    await store.addWindow({
      id: `demo-${hash(`${modelRef}@${version}-${day}`).toString(16)}-${day}`,
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
  return windows;
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
  const { store, models, driftShare } = options;
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
    const spec = entity.spec as { version?: string; versions?: unknown };
    if (!spec.version) continue;
    const story = DEMO_DRIFT_MODELS[refs[index]];
    const features = featuresOf(entity);
    const common = { store, modelRef, features, story, today, driftShare };
    windows += await seedVersion({
      ...common,
      version: spec.version,
      seed: hash(modelRef),
      firstDay: 0,
    });
    references++;
    const shadow = story.shadow;
    const listed =
      Array.isArray(spec.versions) &&
      spec.versions.some(
        v => (v as { version?: unknown })?.version === shadow?.version,
      );
    if (shadow && listed) {
      windows += await seedVersion({
        ...common,
        version: shadow.version,
        seed: hash(`${modelRef}@${shadow.version}`),
        firstDay: WINDOWS - shadow.windows,
      });
      references++;
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
