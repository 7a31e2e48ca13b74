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
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { BenchDatabaseKind } from '../lib/benchDatabase';
import { JsonHttpClient } from '../lib/JsonHttpClient';
import {
  log,
  markdownTable,
  median,
  parseArgs,
  percentile,
  until,
} from '../lib/runTools';
import { startBenchCatalog } from '../lib/startBenchCatalog';
import {
  MODEL_SEARCH_FIELDS,
  MODEL_TABLE_FIELDS,
  MODELS_PAGE_SIZE,
} from '../../plugins/mlops/src/models/modelQuery';
import {
  mlModel,
  TARGETS,
  targetEntities,
  toYaml,
} from '../catalog-ingest/generateEntities';

const args = parseArgs();
const DB = (args.db ?? 'sqlite') as BenchDatabaseKind;
const MODELS = Number(args.models ?? 5000);
const PAGES = Number(args.pages ?? 400);
/** Share of the models that have a readiness review. */
const REVIEWED = Number(args.reviewed ?? 0.8);
const TIMEOUT_MS = Number(args.timeout ?? 30 * 60_000);
const SET = 'readiness';

const PAGE_SIZE = MODELS_PAGE_SIZE;
const TABLE_FIELDS = MODEL_TABLE_FIELDS;

type Page = {
  items: Array<{ metadata: { namespace?: string; name: string } }>;
  pageInfo: { nextCursor?: string };
};

/**
 * The page loads people make on the Models page: the default view, other
 * sort orders, a team filter, a text search, and paging on with the cursor.
 */
function pageQueries(): Array<{ name: string; params: URLSearchParams }> {
  const base = (extra: Record<string, string | string[]>) => {
    const params = new URLSearchParams();
    params.append('filter', 'kind=mlmodel');
    for (const [k, v] of Object.entries(extra)) {
      for (const value of [v].flat()) params.append(k, value);
    }
    params.set('limit', String(PAGE_SIZE));
    params.set('fields', TABLE_FIELDS.join(','));
    return params;
  };
  const owner = (g: number) =>
    `kind=mlmodel,spec.owner=group:default/bench-team-${g}`;
  return [
    { name: 'by name', params: base({ orderField: 'metadata.name,asc' }) },
    {
      name: 'by name, desc',
      params: base({ orderField: 'metadata.name,desc' }),
    },
    { name: 'by owner', params: base({ orderField: 'spec.owner,asc' }) },
    { name: 'by version', params: base({ orderField: 'spec.version,desc' }) },
    {
      name: 'one team',
      params: (() => {
        const p = base({ orderField: 'metadata.name,asc' });
        p.set('filter', owner(3));
        return p;
      })(),
    },
    {
      name: 'text search',
      params: base({
        orderField: 'metadata.name,asc',
        fullTextFilterTerm: `${SET}-12`,
        fullTextFilterFields: MODEL_SEARCH_FIELDS.join(','),
      }),
    },
  ];
}

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
  const ingest = new JsonHttpClient(`${origin}/api/catalog`, { agent: false });
  const wait = (what: string, probe: () => Promise<boolean>) =>
    until(what, probe, { timeoutMs: TIMEOUT_MS, pollMs: 1000 });

  try {
    // 1. The catalog: shared targets and the models.
    const file = path.join(dir, 'catalog.yaml');
    const models = Array.from({ length: MODELS }, (_, i) => mlModel(SET, i));
    fs.writeFileSync(file, toYaml([...targetEntities(), ...models]));
    const ingestStart = Date.now();
    await ingest.request('POST', '/locations', { type: 'file', target: file });
    const count = async () => {
      const q = new URLSearchParams({
        filter: 'kind=mlmodel',
        limit: '1',
        fields: 'kind',
      });
      const { totalItems } = await ingest.request<{ totalItems: number }>(
        'GET',
        `/entities/by-query?${q}`,
      );
      return totalItems;
    };
    await wait('models in the catalog', async () => (await count()) >= MODELS);
    log(
      `${MODELS} models and ${
        TARGETS.groups + TARGETS.systems + TARGETS.datasets + TARGETS.services
      } targets ingested in ${((Date.now() - ingestStart) / 1000).toFixed(
        0,
      )} s`,
    );

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
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    const catalog = new JsonHttpClient(`${origin}/api/catalog`, { agent });
    const mlops = new JsonHttpClient(`${origin}/api/mlops`, { agent });
    const queries = pageQueries();
    const cursors = new Map<string, string | undefined>();
    const timings = {
      plain: [] as number[],
      readiness: [] as number[],
      summary: [] as number[],
    };
    /** Per view of the page: [plain ms, readiness ms] of each load. */
    const byView = new Map<string, { plain: number[]; readiness: number[] }>();
    let rowsWithReview = 0;
    let rowsShown = 0;

    const pageRequest = (q: { name: string; params: URLSearchParams }) => {
      const cursor = cursors.get(q.name);
      return cursor
        ? `/entities/by-query?${new URLSearchParams({
            cursor,
            limit: String(PAGE_SIZE),
            fields: TABLE_FIELDS.join(','),
          })}`
        : `/entities/by-query?${q.params}`;
    };
    const refsOf = (page: Page) =>
      page.items.map(
        e => `mlmodel:${e.metadata.namespace ?? 'default'}/${e.metadata.name}`,
      );

    const plainLoad = async (url: string) => {
      const t0 = process.hrtime.bigint();
      const page = await catalog.request<Page>('GET', url);
      timings.plain.push(Number(process.hrtime.bigint() - t0) / 1e6);
      return page;
    };
    const readinessLoad = async (url: string) => {
      const t0 = process.hrtime.bigint();
      const page = await catalog.request<Page>('GET', url);
      const t1 = process.hrtime.bigint();
      const summary = await mlops.request<{
        items: Array<{ review: unknown }>;
      }>('POST', '/readiness/summary', { entityRefs: refsOf(page) });
      const t2 = process.hrtime.bigint();
      timings.readiness.push(Number(t2 - t0) / 1e6);
      timings.summary.push(Number(t2 - t1) / 1e6);
      rowsShown += summary.items.length;
      rowsWithReview += summary.items.filter(i => i.review).length;
      return page;
    };

    // Untimed warm-up: one of each, so the first timed loads do not pay for
    // cold caches and lazy initialisation.
    for (const q of queries) {
      await plainLoad(pageRequest(q));
      await readinessLoad(pageRequest(q));
    }
    timings.plain.length = 0;
    timings.readiness.length = 0;
    timings.summary.length = 0;
    rowsShown = 0;
    rowsWithReview = 0;

    const loadStart = Date.now();
    for (let i = 0; i < PAGES; i++) {
      const q = queries[i % queries.length];
      const url = pageRequest(q);
      // Alternate which way goes first, so that drift over the run (load
      // from other processes, caches warming) hits both alike.
      const [first, second] =
        i % 2 ? [plainLoad, readinessLoad] : [readinessLoad, plainLoad];
      const page = await first(url);
      await second(url);
      const view = byView.get(q.name) ?? { plain: [], readiness: [] };
      view.plain.push(timings.plain[timings.plain.length - 1]);
      view.readiness.push(timings.readiness[timings.readiness.length - 1]);
      byView.set(q.name, view);
      // Two loads of three follow the cursor to the next page, as someone
      // paging through the table does; the third starts over.
      const next = page.pageInfo.nextCursor;
      cursors.set(
        q.name,
        Math.floor(i / queries.length) % 3 < 2 ? next : undefined,
      );
    }
    const loadSeconds = (Date.now() - loadStart) / 1000;

    const ms = (v: number) => v.toFixed(1);
    const row = (name: string, values: number[]) => [
      name,
      String(values.length),
      ms(median(values)),
      ms(percentile(values, 95)),
      ms(percentile(values, 99)),
      ms(Math.max(...values)),
    ];
    const ratio =
      percentile(timings.readiness, 95) / percentile(timings.plain, 95);
    process.stdout.write(
      `\nModels page data, ${MODELS} models (${
        reviewedModels.length
      } reviewed), ${DB}, Node ${process.version}, ${
        os.cpus().length
      } CPUs, ${PAGES} page loads each way in ${loadSeconds.toFixed(
        0,
      )} s, load ${os.loadavg()[0].toFixed(1)}\n\n`,
    );
    process.stdout.write(
      `${markdownTable(
        ['request', 'loads', 'p50 ms', 'p95 ms', 'p99 ms', 'max ms'],
        [
          row('catalog query (plain)', timings.plain),
          row('catalog query + readiness summary', timings.readiness),
          row('readiness summary alone', timings.summary),
        ],
      )}\n\n`,
    );
    process.stdout.write(
      `${markdownTable(
        [
          'view',
          'loads',
          'plain p50 ms',
          'with readiness p50 ms',
          'plain p95 ms',
          'with readiness p95 ms',
        ],
        [...byView].map(([name, v]) => [
          name,
          String(v.plain.length),
          ms(median(v.plain)),
          ms(median(v.readiness)),
          ms(percentile(v.plain, 95)),
          ms(percentile(v.readiness, 95)),
        ]),
      )}\n\n`,
    );
    process.stdout.write(
      `rows shown: ${rowsShown}, with a review: ${rowsWithReview}\n` +
        `ratio p95 (query + readiness) / p95 (plain query): ${ratio.toFixed(
          2,
        )} (target <= 1.50) ${ratio <= 1.5 ? 'OK' : 'OVER TARGET'}\n` +
        `ratio p50: ${(
          median(timings.readiness) / median(timings.plain)
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
