/*
 * Models page benchmark: what the readiness column adds to the page's data.
 *
 * One test backend (the real catalog plugin, the MLOps catalog module and the
 * MLOps backend plugin) on one database, with N models in the catalog and a
 * readiness review for most of them. Then, page load after page load, the
 * requests the Models page makes are timed two ways, in alternating order:
 *
 *   plain:     the catalog entities query of the page (what a page without
 *              the readiness column costs);
 *   readiness: the same query, then POST /api/mlops/readiness/summary for the
 *              page's models (what the Models page does).
 *
 * Usage: node bench/readiness/run.js [--db=sqlite|postgres] [--models=5000] [--pages=400]
 */
import {
  BackstageCredentials,
  coreServices,
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
import { log, median, parseArgs, percentile } from '../lib/runTools';
import { ingestBenchModels } from '../lib/ingestBenchModels';
import { startBenchCatalog } from '../lib/startBenchCatalog';
import { TARGETS } from '../catalog-ingest/generateEntities';

const args = parseArgs();
const DB = (args.db ?? 'sqlite') as BenchDatabaseKind;
const MODELS = Number(args.models ?? 5000);
const PAGES = Number(args.pages ?? 400);
/** Share of the models that have a readiness review. */
const REVIEWED = Number(args.reviewed ?? 0.8);
const TIMEOUT_MS = Number(args.timeout ?? 30 * 60_000);
const SET = 'readiness';

const AUTHOR = 'user:default/bench-author';
const REVIEWER = 'user:default/bench-reviewer';

/**
 * The author belongs to every bench team, so may open a review of any
 * model; the reviewer belongs to none of them.
 */
const benchUserInfo = createServiceFactory({
  service: coreServices.userInfo,
  deps: {},
  factory: () => ({
    async getUserInfo(credentials: BackstageCredentials) {
      const { userEntityRef } = credentials.principal as {
        userEntityRef: string;
      };
      const teams =
        userEntityRef === AUTHOR
          ? Array.from(
              { length: TARGETS.groups },
              (_, g) => `group:default/bench-team-${g}`,
            )
          : [];
      return { userEntityRef, ownershipEntityRefs: [userEntityRef, ...teams] };
    },
  }),
});

async function main() {
  log(
    `db=${DB} models=${MODELS} pages=${PAGES} reviewed=${REVIEWED} node=${
      process.version
    } cpus=${os.cpus().length}`,
  );
  const bench = await startBenchCatalog({
    db: DB,
    // Keep re-processing out of the measurement: the catalog is settled
    // before the first timed page load.
    processingIntervalMinutes: 60,
    features: [mlopsPlugin, benchUserInfo],
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

    // 2. Readiness reviews: one per reviewed model, for its production
    // version, opened through the API as the owner would; a reviewer requests
    // changes on every tenth, so summaries carry sign-offs.
    const owner = new JsonHttpClient(`${origin}/api/mlops`, {
      agent: new http.Agent({ keepAlive: true, maxSockets: 4 }),
      userEntityRef: AUTHOR,
    });
    const reviewer = new JsonHttpClient(`${origin}/api/mlops`, {
      agent: new http.Agent({ keepAlive: true, maxSockets: 4 }),
      userEntityRef: REVIEWER,
    });
    const reviewedModels = models
      .map(m => (m.metadata as { name: string }).name)
      .filter((_, i) => (i * 7) % 100 < REVIEWED * 100);
    const seedStart = Date.now();
    let signedOff = 0;
    for (let i = 0; i < reviewedModels.length; i += 4) {
      await Promise.all(
        reviewedModels.slice(i, i + 4).map(async (name, j) => {
          const { review } = await owner.request<{ review: { id: string } }>(
            'POST',
            `/models/default/${name}/reviews`,
            { version: '2.1.0' },
          );
          if ((i + j) % 10 === 0) {
            await reviewer.request(
              'POST',
              `/reviews/${review.id}/request-changes`,
              { comment: 'Add the runbook and dashboard links.' },
            );
            signedOff++;
          }
        }),
      );
    }
    log(
      `${
        reviewedModels.length
      } reviews opened (${signedOff} with changes requested by a reviewer) in ${(
        (Date.now() - seedStart) /
        1000
      ).toFixed(0)} s`,
    );
    await database.compact();

    // 3. Page loads, timed.
    const timings = await measurePageLoads<{ review: unknown }>({
      origin,
      views: modelsPageViews(`${SET}-12`),
      loads: PAGES,
      summaryPath: '/readiness/summary',
      countItem: item => Boolean(item.review),
    });

    const ratio =
      percentile(timings.withColumn, 95) / percentile(timings.plain, 95);
    process.stdout.write(
      `\nModels page data, ${MODELS} models (${
        reviewedModels.length
      } reviewed), ${DB}, Node ${process.version}, ${
        os.cpus().length
      } CPUs, ${PAGES} page loads each way in ${timings.seconds.toFixed(
        0,
      )} s, load ${os.loadavg()[0].toFixed(1)}\n\n`,
    );
    process.stdout.write(
      `${pageLoadTables(timings, {
        column: 'readiness summary',
        withColumn: 'with readiness',
      })}\n\n`,
    );
    process.stdout.write(
      `rows shown: ${timings.rows.shown}, with a review: ${timings.rows.counted}\n` +
        `ratio p95 (query + readiness) / p95 (plain query): ${ratio.toFixed(
          2,
        )} (target <= 1.50) ${ratio <= 1.5 ? 'OK' : 'OVER TARGET'}\n` +
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
