/*
 * SLO benchmark: what the SLO capability costs at 5,000 models.
 *
 * One test backend (the real catalog plugin, the MLOps catalog module and the
 * MLOps backend plugin) on one database, with N models in the catalog (one
 * availability SLO each, on the built-in provider) and SLI counts for every
 * model posted through the ingestion API. Then:
 *
 *   (a) refresh: the scheduled task that evaluates every model's SLOs into
 *       the status cache (triggered through the plugin's scheduler, timed from
 *       its auditor event's start to its success), against the plain catalog
 *       query that lists the same models in pages of 500;
 *   (b) Models page: page load after page load, in alternating order, the
 *       catalog entities query of the page (plain) and the same query plus
 *       POST /api/mlops/slo/summary for the page's models (with SLOs).
 *
 * Usage: node bench/slo/run.js [--db=sqlite|postgres] [--models=5000] [--pages=400]
 *          [--days=7] [--intervalMinutes=60] [--refreshes=3]
 */
import {
  AuditorService,
  coreServices,
  createBackendModule,
  createServiceFactory,
} from '@backstage/backend-plugin-api';
import mlopsPlugin from '@mlops-portal/plugin-mlops-backend';
import http from 'node:http';
import os from 'node:os';
import { BenchDatabaseKind } from '../lib/benchDatabase';
import { JsonHttpClient } from '../lib/JsonHttpClient';
import {
  measurePageLoads,
  modelsPageViews,
  pageLoadTables,
} from '../lib/measurePageLoads';
import {
  log,
  markdownTable,
  median,
  parseArgs,
  percentile,
} from '../lib/runTools';
import { ingestBenchModels } from '../lib/ingestBenchModels';
import { startBenchCatalog } from '../lib/startBenchCatalog';

const args = parseArgs();
const DB = (args.db ?? 'sqlite') as BenchDatabaseKind;
const MODELS = Number(args.models ?? 5000);
const PAGES = Number(args.pages ?? 400);
/**
 * SLI history per model. 30 days of 5-minute counts would be 8,640 rows per
 * SLO, 43 million for 5,000 models: more than this bench should write on a
 * small machine. The default is a week of hourly counts (168 rows a model).
 */
const DAYS = Number(args.days ?? 7);
const INTERVAL_MS = Number(args.intervalMinutes ?? 60) * 60_000;
const REFRESHES = Number(args.refreshes ?? 3);
const TIMEOUT_MS = Number(args.timeout ?? 30 * 60_000);
const SET = 'slo';
const REFRESH_TASK = 'mlops-slo-refresh';
const REFRESH_EVENT = 'slo-status-refresh';
/** Pages of the listing anchor, as the refresh task reads the catalog. */
const LISTING_PAGE = 500;

type Page = {
  items: Array<{ metadata: { namespace?: string; name: string } }>;
  pageInfo: { nextCursor?: string };
  totalItems?: number;
};

/** Runs the plugin's scheduled SLO refresh now; set when the backend starts. */
let triggerRefresh: (() => Promise<void>) | undefined;

/**
 * A module of the MLOps plugin, so that it shares the plugin's scheduler.
 * The test backend's scheduler runs a task only when triggered, and then
 * runs exactly the function the plugin scheduled.
 */
const refreshTrigger = createBackendModule({
  pluginId: 'mlops',
  moduleId: 'bench-slo-refresh-trigger',
  register(env) {
    env.registerInit({
      deps: { scheduler: coreServices.scheduler },
      async init({ scheduler }) {
        triggerRefresh = () => scheduler.triggerTask(REFRESH_TASK);
      },
    });
  },
});

/** When each run of the refresh task started and ended, from its auditor events. */
const refreshRuns: Array<{ start: bigint; end?: bigint; ok?: boolean }> = [];

/** The plugin's auditor, keeping the refresh task's start and end times in process. */
const timingAuditor = createServiceFactory({
  service: coreServices.auditor,
  deps: {},
  factory: (): AuditorService => ({
    async createEvent(options) {
      const run =
        options.eventId === REFRESH_EVENT
          ? { start: process.hrtime.bigint() }
          : undefined;
      if (run) refreshRuns.push(run);
      const end = (ok: boolean) => {
        if (run) Object.assign(run, { end: process.hrtime.bigint(), ok });
      };
      return {
        async success() {
          end(true);
        },
        async fail() {
          end(false);
        },
      };
    },
  }),
});

/**
 * Good and total counts of one interval of one model: a few errors per ten
 * thousand requests; every 50th model burns 3% in the last two hours, so the
 * cache holds all states and not only healthy ones.
 */
function countsOf(model: number, k: number, intervals: number) {
  const total = 10_000 + ((model * 37 + k * 11) % 5000);
  const burning =
    model % 50 === 0 &&
    k >= intervals - Math.ceil((2 * 3_600_000) / INTERVAL_MS);
  const bad = burning ? Math.round(total * 0.03) : (model + k) % 7;
  return { good: total - bad, total };
}

async function main() {
  log(
    `db=${DB} models=${MODELS} pages=${PAGES} days=${DAYS} interval=${
      INTERVAL_MS / 60_000
    }m refreshes=${REFRESHES} node=${process.version} cpus=${os.cpus().length}`,
  );
  const bench = await startBenchCatalog({
    db: DB,
    processingIntervalMinutes: 60,
    features: [mlopsPlugin, timingAuditor, refreshTrigger],
    config: {
      mlops: {
        slo: {
          defaultProvider: 'builtin',
          // Runs only when the benchmark triggers it.
          refreshSchedule: {
            frequency: { hours: 24 },
            timeout: { minutes: 30 },
            initialDelay: { hours: 12 },
          },
        },
      },
    },
  });
  const { database, dir, origin } = bench;

  try {
    // 1. The catalog: shared targets and the models.
    const models = await ingestBenchModels({
      origin,
      dir,
      set: SET,
      count: MODELS,
      timeoutMs: TIMEOUT_MS,
    });

    // 2. SLI counts for every SLO of every model, posted as an exporter would.
    const poster = new JsonHttpClient(`${origin}/api/mlops`, {
      agent: new http.Agent({ keepAlive: true, maxSockets: 4 }),
    });
    const names = models.map(m => (m.metadata as { name: string }).name);
    const sloNames = (
      models[0].spec as { slos: Array<{ name: string }> }
    ).slos.map(s => s.name);
    const intervals = Math.floor((DAYS * 86_400_000) / INTERVAL_MS);
    const lastEnd = Math.floor(Date.now() / INTERVAL_MS) * INTERVAL_MS;
    const seedStart = Date.now();
    let rows = 0;
    for (let i = 0; i < names.length; i += 4) {
      await Promise.all(
        names.slice(i, i + 4).map(async (name, j) => {
          const model = i + j;
          const measurements = sloNames.flatMap(slo =>
            Array.from({ length: intervals }, (_, k) => {
              const end = lastEnd - (intervals - 1 - k) * INTERVAL_MS;
              return {
                slo,
                start: new Date(end - INTERVAL_MS).toISOString(),
                end: new Date(end).toISOString(),
                ...countsOf(model, k, intervals),
              };
            }),
          );
          const { accepted } = await poster.request<{ accepted: number }>(
            'POST',
            `/slo/default/${name}/measurements`,
            { measurements },
          );
          rows += accepted;
        }),
      );
    }
    log(
      `${rows} SLI rows (${
        sloNames.length
      } SLO × ${intervals} intervals × ${MODELS} models) posted in ${(
        (Date.now() - seedStart) /
        1000
      ).toFixed(0)} s`,
    );
    await database.compact();

    // 3a. The scheduled refresh, and its anchor: listing the same models.
    const listAll = async () => {
      // A fresh kept-alive connection per listing: the server closes idle
      // ones after a few seconds, and a refresh takes longer than that.
      const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
      const client = new JsonHttpClient(`${origin}/api`, { agent });
      const t0 = process.hrtime.bigint();
      let cursor: string | undefined;
      let listed = 0;
      do {
        const q = cursor
          ? new URLSearchParams({ cursor, limit: String(LISTING_PAGE) })
          : new URLSearchParams({
              filter: 'kind=mlmodel',
              limit: String(LISTING_PAGE),
            });
        const page = await client.request<Page>(
          'GET',
          `/catalog/entities/by-query?${q}`,
        );
        listed += page.items.length;
        cursor = page.pageInfo.nextCursor;
      } while (cursor);
      const elapsed = Number(process.hrtime.bigint() - t0) / 1e6;
      agent.destroy();
      if (listed !== MODELS)
        throw new Error(`listed ${listed} models, expected ${MODELS}`);
      return elapsed;
    };
    const refresh = async () => {
      const before = refreshRuns.length;
      await triggerRefresh!();
      const run = refreshRuns[refreshRuns.length - 1];
      if (refreshRuns.length !== before + 1 || run.end === undefined) {
        throw new Error('the SLO refresh task did not run');
      }
      if (!run.ok) throw new Error('the SLO refresh failed');
      return Number(run.end! - run.start) / 1e6;
    };
    await listAll(); // warm-up
    const refreshMs: number[] = [];
    const listingMs: number[] = [];
    for (let r = 0; r < REFRESHES; r++) {
      listingMs.push(await listAll());
      refreshMs.push(await refresh());
      log(
        `refresh ${r + 1}: ${(refreshMs[r] / 1000).toFixed(
          1,
        )} s, listing ${listingMs[r].toFixed(0)} ms`,
      );
    }

    // 3b. Page loads, timed.
    const timings = await measurePageLoads<{ status: string }>({
      origin,
      views: modelsPageViews(`${SET}-12`),
      loads: PAGES,
      summaryPath: '/slo/summary',
      countItem: item => item.status === 'computed',
    });

    const refreshMedian = median(refreshMs);
    const listingMedian = median(listingMs);
    const pageRatio =
      percentile(timings.withColumn, 95) / percentile(timings.plain, 95);
    process.stdout.write(
      `\nSLOs of ${MODELS} models (${
        sloNames.length
      } SLO each, ${rows} SLI rows: ${DAYS} days of ${
        INTERVAL_MS / 60_000
      }-minute counts), ${DB}, Node ${process.version}, ${
        os.cpus().length
      } CPUs, load ${os.loadavg()[0].toFixed(1)}\n\n`,
    );
    process.stdout.write(
      `${markdownTable(
        ['step', 'runs', 'median s', 'min s', 'max s', 'models/s'],
        [
          [
            'scheduled refresh (all SLOs of all models into the cache)',
            String(refreshMs.length),
            (refreshMedian / 1000).toFixed(2),
            (Math.min(...refreshMs) / 1000).toFixed(2),
            (Math.max(...refreshMs) / 1000).toFixed(2),
            (MODELS / (refreshMedian / 1000)).toFixed(0),
          ],
          [
            `plain catalog listing of the same models (pages of ${LISTING_PAGE})`,
            String(listingMs.length),
            (listingMedian / 1000).toFixed(2),
            (Math.min(...listingMs) / 1000).toFixed(2),
            (Math.max(...listingMs) / 1000).toFixed(2),
            (MODELS / (listingMedian / 1000)).toFixed(0),
          ],
        ],
      )}\n\nratio refresh / listing (medians): ${(
        refreshMedian / listingMedian
      ).toFixed(1)}\n\n`,
    );
    process.stdout.write(
      `Models page data, ${PAGES} page loads each way in ${timings.seconds.toFixed(
        0,
      )} s\n\n${pageLoadTables(timings, {
        column: 'SLO summary',
        withColumn: 'with SLOs',
      })}\n\n`,
    );
    process.stdout.write(
      `rows shown: ${timings.rows.shown}, computed: ${timings.rows.counted}\n` +
        `ratio p95 (query + SLO summary) / p95 (plain query): ${pageRatio.toFixed(
          2,
        )} (target <= 1.50) ${pageRatio <= 1.5 ? 'OK' : 'OVER TARGET'}\n` +
        `ratio p50: ${(
          median(timings.withColumn) / median(timings.plain)
        ).toFixed(2)}\n`,
    );
  } finally {
    await bench.stop();
  }
}

main().then(
  () => process.exit(0),
  error => {
    process.stderr.write(`${error?.stack ?? error}\n`);
    process.exit(1);
  },
);
