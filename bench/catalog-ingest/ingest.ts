/*
 * Catalog ingestion benchmark: MLModel entities vs Component entities.
 *
 * One test backend (the real catalog plugin + the MLOps catalog module) on
 * one database. Shared targets (groups, systems, datasets, serving
 * components) are registered first. Then, alternating, a file location with
 * N MLModels or N Components is registered through the catalog API, and the
 * clock runs until every entity of the set is queryable with its forward
 * relations *and* every reverse relation has been stitched onto the targets.
 * The set is then unregistered and the catalog allowed to settle (untimed)
 * before the next one, so that every set meets the same database state.
 *
 * Usage: node bench/catalog-ingest/run.js [--db=sqlite|postgres] [--count=5000] [--rounds=3]
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { BenchDatabase, BenchDatabaseKind } from '../lib/benchDatabase';
import { JsonHttpClient } from '../lib/JsonHttpClient';
import {
  log,
  markdownTable,
  median,
  parseArgs,
  sleep,
  until as untilWithin,
} from '../lib/runTools';
import { startBenchCatalog } from '../lib/startBenchCatalog';
import {
  component,
  FORWARD_RELATIONS_PER_ENTITY,
  mlModel,
  targetEntities,
  targetRefs,
  toYaml,
} from './generateEntities';

type Kind = 'MLModel' | 'Component';

const args = parseArgs();
const DB = (args.db ?? 'sqlite') as BenchDatabaseKind;
const COUNT = Number(args.count ?? 5000);
const ROUNDS = Number(args.rounds ?? 3);
const WARMUP = Number(args.warmup ?? 200);
/** Ingest only one kind (for profiling one side with --cpu-prof). */
const ONLY = args.only as Kind | undefined;
const TIMEOUT_MS = Number(args.timeout ?? 15 * 60_000);
const POLL_MS = 500;
class CatalogApi {
  // One connection per request: see JsonHttpClient.
  private readonly http: JsonHttpClient;

  constructor(baseUrl: string) {
    this.http = new JsonHttpClient(baseUrl, { agent: false });
  }

  request<T>(method: string, p: string, body?: unknown): Promise<T> {
    return this.http.request<T>(method, p, body);
  }

  async count(filter: string): Promise<number> {
    const q = new URLSearchParams({ filter, limit: '1', fields: 'kind' });
    const { totalItems } = await this.request<{ totalItems: number }>(
      'GET',
      `/entities/by-query?${q}`,
    );
    return totalItems;
  }

  /** Reverse relations on the shared targets that point into `prefix`. */
  async reverseRelationsInto(targets: string[], prefix: string) {
    const { items } = await this.request<{
      items: Array<{ relations?: Array<{ targetRef: string }> } | null>;
    }>('POST', '/entities/by-refs', {
      entityRefs: targets,
      fields: ['relations'],
    });
    let n = 0;
    for (const item of items) {
      for (const r of item?.relations ?? []) {
        if (r.targetRef.startsWith(prefix)) n++;
      }
    }
    return n;
  }

  async addLocation(target: string): Promise<string> {
    const { location } = await this.request<{ location: { id: string } }>(
      'POST',
      '/locations',
      { type: 'file', target },
    );
    return location.id;
  }

  async removeLocation(id: string) {
    await this.request('DELETE', `/locations/${id}`);
  }
}

const until = (what: string, probe: () => Promise<boolean>) =>
  untilWithin(what, probe, { timeoutMs: TIMEOUT_MS, pollMs: POLL_MS });

interface Measurement {
  kind: Kind;
  set: string;
  count: number;
  yamlBytes: number;
  /** Registration until every entity is queryable with its relations. */
  entitiesMs: number;
  /** Registration until the reverse relations are stitched too. */
  totalMs: number;
  /** CPU time of this process (catalog, module, SQLite) in the same window. */
  cpuMs: number;
  /** 1-minute load average of the machine at the end of the window. */
  loadAverage: number;
  unresolved: number;
}

async function ingestSet(
  database: BenchDatabase,
  api: CatalogApi,
  dir: string,
  targets: string[],
  kind: Kind,
  set: string,
  count: number,
): Promise<Measurement> {
  const docs = Array.from({ length: count }, (_, i) =>
    kind === 'MLModel' ? mlModel(set, i) : component(set, i),
  );
  const file = path.join(dir, `${set}.yaml`);
  const yaml = toYaml(docs);
  fs.writeFileSync(file, yaml);
  const k = kind.toLocaleLowerCase('en-US');
  // The same query shape for both kinds (the label is unique to the set), so
  // that the poll itself costs the catalog the same whatever the kind.
  const done = `metadata.labels.bench-set=${set},relations.dependson`;
  const prefix = `${k}:default/${set}-`;
  const expectedReverse = count * FORWARD_RELATIONS_PER_ENTITY;

  const start = process.hrtime.bigint();
  const elapsed = () => Number(process.hrtime.bigint() - start) / 1e6;
  const cpuStart = process.cpuUsage();
  const locationId = await api.addLocation(file);
  await until(`${set} entities`, async () => (await api.count(done)) >= count);
  const entitiesMs = elapsed();
  await until(
    `${set} reverse relations`,
    async () =>
      (await api.reverseRelationsInto(targets, prefix)) >= expectedReverse,
  );
  const totalMs = elapsed();
  const cpu = process.cpuUsage(cpuStart);
  const loadAverage = os.loadavg()[0];

  const unresolved =
    kind === 'MLModel'
      ? await api.count(
          `kind=mlmodel,metadata.labels.bench-set=${set},metadata.annotations.mlops-portal.io/unresolved-refs`,
        )
      : 0;

  // Untimed: unregister and wait until the catalog is back where it was.
  await api.removeLocation(locationId);
  await until(
    `${set} removal`,
    async () =>
      (await api.count(`metadata.labels.bench-set=${set}`)) === 0 &&
      (await api.reverseRelationsInto(targets, prefix)) === 0,
  );
  // Mass deletes leave dead rows that autovacuum (PostgreSQL) would otherwise
  // clean up in the middle of the next measured set.
  await database.compact();
  await sleep(2000);
  fs.rmSync(file);

  return {
    kind,
    set,
    count,
    yamlBytes: Buffer.byteLength(yaml),
    entitiesMs,
    totalMs,
    cpuMs: (cpu.user + cpu.system) / 1000,
    loadAverage,
    unresolved,
  };
}

/** Row counts of the catalog's tables, to see what a removed set leaves behind. */
async function tableSizes(database: BenchDatabase): Promise<string> {
  const tables = [
    'refresh_state',
    'refresh_state_references',
    'final_entities',
    'search',
    'relations',
    'locations',
    'stitch_queue',
  ];
  const counts = await Promise.all(
    tables.map(async t => {
      try {
        const [row] = await database.knex(t).count({ n: '*' });
        return `${t}=${row.n}`;
      } catch {
        return `${t}=?`;
      }
    }),
  );
  return counts.join(' ');
}

function report(results: Measurement[]) {
  const sec = (ms: number) => (ms / 1000).toFixed(1);
  const rows = results.map(r => [
    r.set,
    r.kind,
    String(r.count),
    String(Math.round(r.yamlBytes / r.count)),
    sec(r.entitiesMs),
    sec(r.totalMs),
    String(Math.round(r.count / (r.totalMs / 1000))),
    sec(r.cpuMs),
    r.loadAverage.toFixed(1),
    r.kind === 'MLModel' ? String(r.unresolved) : '-',
  ]);
  const header = [
    'set',
    'kind',
    'entities',
    'bytes/entity',
    'entities s',
    'stitched s',
    'entities/s',
    'cpu s',
    'load',
    'unresolved',
  ];
  const out = [markdownTable(header, rows)];
  const of = (kind: Kind, key: 'entitiesMs' | 'totalMs' | 'cpuMs') =>
    median(results.filter(r => r.kind === kind).map(r => r[key]));
  const ratio = of('MLModel', 'totalMs') / of('Component', 'totalMs');
  if (Number.isNaN(ratio)) {
    process.stdout.write(`${out.join('\n')}\n`);
    return ratio;
  }
  out.push(
    '',
    `median stitched: MLModel ${sec(
      of('MLModel', 'totalMs'),
    )} s, Component ${sec(of('Component', 'totalMs'))} s`,
    `median entities: MLModel ${sec(
      of('MLModel', 'entitiesMs'),
    )} s, Component ${sec(of('Component', 'entitiesMs'))} s`,
    `median process CPU: MLModel ${sec(
      of('MLModel', 'cpuMs'),
    )} s, Component ${sec(of('Component', 'cpuMs'))} s (ratio ${(
      of('MLModel', 'cpuMs') / of('Component', 'cpuMs')
    ).toFixed(2)}${
      DB === 'postgres' ? ', excludes the PostgreSQL server' : ''
    })`,
    `ratio MLModel/Component (median stitched wall time): ${ratio.toFixed(
      2,
    )} (target <= 1.20) ${ratio <= 1.2 ? 'OK' : 'OVER TARGET'}`,
  );
  process.stdout.write(`${out.join('\n')}\n`);
  return ratio;
}

async function main() {
  log(
    `db=${DB} count=${COUNT} rounds=${ROUNDS} warmup=${WARMUP} node=${
      process.version
    } cpus=${os.cpus().length}`,
  );
  // Measure the initial ingestion only: with the default interval (100-150 s)
  // the first entities of a set are refreshed again before the last ones are
  // in, which makes a set that happens to run long run longer still, for
  // both kinds alike.
  const bench = await startBenchCatalog({
    db: DB,
    processingIntervalMinutes: 30,
  });
  const { database, dir } = bench;
  const api = new CatalogApi(`${bench.origin}/api/catalog`);

  try {
    const targetsFile = path.join(dir, 'targets.yaml');
    fs.writeFileSync(targetsFile, toYaml(targetEntities()));
    const targets = targetRefs();
    await api.addLocation(targetsFile);
    await until('shared targets', async () => {
      const { items } = await api.request<{ items: unknown[] }>(
        'POST',
        '/entities/by-refs',
        { entityRefs: targets, fields: ['kind'] },
      );
      return items.every(Boolean);
    });
    log(`${targets.length} shared targets ingested`);

    if (WARMUP > 0) {
      for (const kind of ['MLModel', 'Component'] as Kind[]) {
        const m = await ingestSet(
          database,
          api,
          dir,
          targets,
          kind,
          `warmup-${kind.toLocaleLowerCase('en-US')}`,
          WARMUP,
        );
        log(`warm-up ${kind}: ${(m.totalMs / 1000).toFixed(1)} s`);
      }
    }

    const results: Measurement[] = [];
    for (let round = 1; round <= ROUNDS; round++) {
      const order: Kind[] =
        round % 2 ? ['MLModel', 'Component'] : ['Component', 'MLModel'];
      for (const kind of order.filter(k => !ONLY || k === ONLY)) {
        const set = `r${round}-${kind === 'MLModel' ? 'model' : 'svc'}`;
        const m = await ingestSet(
          database,
          api,
          dir,
          targets,
          kind,
          set,
          COUNT,
        );
        results.push(m);
        if (args.tables) {
          log(`rows after removing ${set}: ${await tableSizes(database)}`);
        }
        log(
          `${set}: entities ${(m.entitiesMs / 1000).toFixed(1)} s, stitched ${(
            m.totalMs / 1000
          ).toFixed(1)} s`,
        );
      }
    }
    process.stdout.write(
      `\nCatalog ingestion, ${COUNT} entities per set, ${DB}, Node ${
        process.version
      }, ${os.cpus().length} CPUs\n\n`,
    );
    report(results);
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
