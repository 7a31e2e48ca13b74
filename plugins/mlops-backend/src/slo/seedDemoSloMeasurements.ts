import {
  AuditorService,
  AuthService,
  LoggerService,
  SchedulerService,
} from '@backstage/backend-plugin-api';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { toError } from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  isMLModelEntity,
  MLModelEntityV1alpha1,
  MLModelSlo,
} from '@mlops-portal/plugin-mlops-common';
import { AUDIT_EVENT_IDS } from '../auditing/auditEventIds';
import { canonicalEntityRef } from '../catalog/canonicalEntityRef';
import { DatabaseSloStore, SloMeasurement } from './DatabaseSloStore';

/*
 * Demo SLI counts for the Northwind Commerce catalog: 30 days of 5-minute
 * intervals for every SLO of every model on the built-in provider, then the
 * new intervals as the demo runs. Three models have a story, told relative
 * to the moment of seeding: one burns fast now, one recovers from an
 * incident two hours ago, one burns more each hour; the rest are healthy.
 * The last six hours of the story SLOs are rewritten on every run, so the
 * stories stay current however long the demo runs; older intervals keep the
 * healthy numbers they were written with. The counts are a pure function of
 * the model, the SLO, the interval and the seeding moment (seeded noise), so
 * replicas write the same numbers.
 */

export const SLO_DEMO_SEED_TASK_ID = 'mlops-slo-demo-seed';

const INTERVAL_MS = 5 * 60_000;
const HISTORY_MS = 30 * 86_400_000;
const HOUR = 3_600_000;
/** How far back the stories reach, and are rewritten on each run. */
const STORY_MS = 6 * HOUR;

/** Error ratio as a multiple of the SLO's budget (1 − objective), by time before the seeding moment. */
type Story = (msBeforeAnchor: number) => number | undefined;

const STORIES: Record<string, Story> = {
  // Failing over the last 90 minutes at 30× the budget: pages, hours to go.
  'card-fraud-detector': t => (t < 1.5 * HOUR ? 30 : undefined),
  // An incident three to one hours ago at 15× the budget, fixed since: the
  // 6-hour window still shows it, the short windows no longer do.
  'account-takeover-detector': t =>
    t >= 1 * HOUR && t < 3 * HOUR ? 15 : undefined,
  // Creeping up over the last six hours, from 1× to 4× the budget.
  'search-relevance-ranker': t =>
    t < STORY_MS ? 1 + (3 * (STORY_MS - t)) / STORY_MS : undefined,
};

/** mulberry32: a small, fast, seedable generator; plenty for demo noise. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function hash(text: string): number {
  let h = 2166136261;
  for (let i = 0; i < text.length; i++) {
    h = Math.imul(h ^ text.charCodeAt(i), 16777619);
  }
  return h >>> 0;
}

/** The demo counts of one interval. */
export function demoMeasurement(
  model: string,
  slo: MLModelSlo,
  sloIndex: number,
  start: number,
  seededAt: number,
): SloMeasurement {
  const rng = random(
    hash(`${model}/${slo.name}`) ^ Math.floor(start / INTERVAL_MS),
  );
  // Traffic follows the day: busiest in the European afternoon.
  const hourOfDay =
    new Date(start).getUTCHours() + new Date(start).getUTCMinutes() / 60;
  const daily = 0.6 + 0.4 * Math.sin(((hourOfDay - 9) / 24) * 2 * Math.PI);
  const total = Math.round(2000 + 4000 * daily * (0.9 + 0.2 * rng()));
  const budget = 1 - slo.objective;
  let ratio: number;
  if (slo.budgetingMethod === 'Timeslices') {
    // Most slices comfortably meet the slice target; a few in a thousand miss it.
    const sliceTarget = slo.timeSliceTarget ?? 0.95;
    ratio =
      rng() < budget * 0.3
        ? (1 - sliceTarget) * 2
        : (1 - sliceTarget) * 0.3 * rng();
  } else {
    // Healthy: about a quarter of the budget, with noise.
    ratio = budget * 0.25 * (0.4 + 1.2 * rng());
    const story = sloIndex === 0 ? STORIES[model] : undefined;
    const multiple = story?.(seededAt - start - INTERVAL_MS);
    // Little noise in a story, so that its windows read the same every time.
    if (multiple !== undefined)
      ratio = budget * multiple * (0.98 + 0.04 * rng());
  }
  const bad = Math.min(total, Math.round(total * ratio));
  return {
    slo: slo.name,
    start,
    end: start + INTERVAL_MS,
    good: total - bad,
    total,
  };
}

/** Models whose SLOs the demo seeds: those on the built-in provider. */
function seededModels(
  models: MLModelEntityV1alpha1[],
  defaultProvider: string,
): MLModelEntityV1alpha1[] {
  return models.filter(
    m =>
      (m.spec.slos?.length ?? 0) > 0 &&
      (m.metadata.annotations?.['mlops-portal.io/slo-provider'] ??
        defaultProvider) === 'builtin',
  );
}

/**
 * Fills every seeded SLO up to `now`: 30 days on the first run, then the
 * intervals that passed since (and the last six hours of a story). Returns
 * the number of rows written and the SLOs that got their 30 days of history.
 */
export async function seedDemoSloMeasurements(options: {
  store: DatabaseSloStore;
  models: MLModelEntityV1alpha1[];
  defaultProvider: string;
  now?: number;
}): Promise<{ rows: number; historyFilled: string[] }> {
  const { store } = options;
  const now =
    Math.floor((options.now ?? Date.now()) / INTERVAL_MS) * INTERVAL_MS;
  let written = 0;
  const historyFilled: string[] = [];
  for (const model of seededModels(options.models, options.defaultProvider)) {
    const ref = canonicalEntityRef(stringifyEntityRef(model));
    const slos = model.spec.slos ?? [];
    for (const [index, slo] of slos.entries()) {
      const latest = await store.latestEnd(ref, slo.name);
      const story = index === 0 && STORIES[model.metadata.name] !== undefined;
      if (latest === undefined) historyFilled.push(`${ref}/${slo.name}`);
      let from = latest ?? now - HISTORY_MS;
      if (story && latest !== undefined) from = Math.min(from, now - STORY_MS);
      const rows: SloMeasurement[] = [];
      for (let start = from; start + INTERVAL_MS <= now; start += INTERVAL_MS) {
        rows.push(demoMeasurement(model.metadata.name, slo, index, start, now));
      }
      if (rows.length) written += await store.addMeasurements(ref, rows);
    }
  }
  return { rows: written, historyFilled };
}

/**
 * Seeds the demo measurements every minute (the first run writes 30 days),
 * so that the short windows always have a fresh interval.
 */
export async function scheduleDemoSloSeed(options: {
  scheduler: SchedulerService;
  store: DatabaseSloStore;
  catalog: CatalogService;
  auth: AuthService;
  defaultProvider: string;
  auditor: AuditorService;
  logger: LoggerService;
  /** Called after a run that filled history, so that statuses need not wait for their schedule. */
  onHistoryWritten?: () => Promise<void>;
}) {
  const { scheduler, store, catalog, auth, defaultProvider, auditor, logger } =
    options;
  await scheduler.scheduleTask({
    id: SLO_DEMO_SEED_TASK_ID,
    frequency: { minutes: 1 },
    timeout: { minutes: 5 },
    initialDelay: { seconds: 10 },
    fn: async () => {
      const { items } = await catalog.getEntities(
        { filter: { kind: 'MLModel' } },
        { credentials: await auth.getOwnServiceCredentials() },
      );
      const models = items.filter(isMLModelEntity);
      if (models.length === 0) return;
      const event = await auditor.createEvent({
        eventId: AUDIT_EVENT_IDS.sloDemoSeed,
        severityLevel: 'low',
        meta: { models: models.length },
      });
      try {
        const { rows, historyFilled } = await seedDemoSloMeasurements({
          store,
          models,
          defaultProvider,
        });
        await event.success({
          meta: {
            models: models.length,
            rows,
            historyFilled: historyFilled.length,
          },
        });
        if (historyFilled.length > 0) {
          logger.info(
            `Seeded 30 days of demo SLI counts for ${historyFilled.length} SLOs (${rows} rows)`,
          );
          await options.onHistoryWritten?.();
        }
      } catch (error) {
        await event.fail({ meta: {}, error: toError(error) as Error });
        throw error;
      }
    },
  });
}
