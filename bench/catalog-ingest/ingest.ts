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
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { createBackendModule } from '@backstage/backend-plugin-api';
import catalogPlugin from '@backstage/plugin-catalog-backend';
import { catalogLocationsExtensionPoint } from '@backstage/plugin-catalog-node';
import catalogModuleMLOpsEntityModel from '@mlops-portal/catalog-backend-module-mlops';
import knexFactory, { Knex } from 'knex';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import {
  component,
  FORWARD_RELATIONS_PER_ENTITY,
  mlModel,
  targetEntities,
  targetRefs,
  toYaml,
} from './generateEntities';

type Kind = 'MLModel' | 'Component';

const args = Object.fromEntries(
  process.argv.slice(2).map(a => {
    const [k, v] = a.replace(/^--/, '').split('=');
    return [k, v ?? 'true'];
  }),
);
const DB = (args.db ?? 'sqlite') as 'sqlite' | 'postgres';
const COUNT = Number(args.count ?? 5000);
const ROUNDS = Number(args.rounds ?? 3);
const WARMUP = Number(args.warmup ?? 200);
/** Ingest only one kind (for profiling one side with --cpu-prof). */
const ONLY = args.only as Kind | undefined;
const TIMEOUT_MS = Number(args.timeout ?? 15 * 60_000);
const POLL_MS = 500;
const PG_CONNECTION =
  process.env.BENCH_PG_CONNECTION_STRING ??
  process.env.BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING ??
  'postgresql://mlops:mlops@localhost:5432';

const log = (msg: string) =>
  process.stderr.write(`[${new Date().toISOString().slice(11, 19)}] ${msg}\n`);
const sleep = (ms: number) => new Promise(r => setTimeout(r, ms));

async function createDatabase(): Promise<{
  knex: Knex;
  drop: () => Promise<void>;
}> {
  if (DB === 'sqlite') {
    // The same setup as TestDatabases' SQLITE_3 and a default dev backend.
    const knex = knexFactory({
      client: 'better-sqlite3',
      connection: ':memory:',
      useNullAsDefault: true,
    });
    return { knex, drop: () => knex.destroy() };
  }
  const name = `mlops_bench_${randomBytes(6).toString('hex')}`;
  const inDatabase = (database: string) => {
    const url = new URL(PG_CONNECTION);
    url.pathname = `/${database}`;
    return url.toString();
  };
  const adminUrl = inDatabase('postgres');
  const admin = knexFactory({ client: 'pg', connection: adminUrl });
  await admin.raw('CREATE DATABASE ??', [name]);
  await admin.destroy();
  const knex = knexFactory({ client: 'pg', connection: inDatabase(name) });
  return {
    knex,
    drop: async () => {
      await knex.destroy();
      const again = knexFactory({ client: 'pg', connection: adminUrl });
      await again.raw('DROP DATABASE IF EXISTS ?? WITH (FORCE)', [name]);
      await again.destroy();
    },
  };
}

/** Lets the bench register file locations through the API, like a user would register a URL. */
const allowFileLocations = createBackendModule({
  pluginId: 'catalog',
  moduleId: 'bench-file-locations',
  register(reg) {
    reg.registerInit({
      deps: { locations: catalogLocationsExtensionPoint },
      async init({ locations }) {
        locations.setAllowedLocationTypes(['url', 'file']);
      },
    });
  },
});

class CatalogApi {
  constructor(private readonly baseUrl: string) {}

  /**
   * One connection per request: the catalog's event loop stalls for seconds
   * while it parses a 5,000-entity file, and a kept-alive socket that the
   * server drops meanwhile would fail the poll for reasons unrelated to the
   * catalog.
   */
  request<T>(method: string, p: string, body?: unknown): Promise<T> {
    const payload = body === undefined ? undefined : JSON.stringify(body);
    return new Promise<T>((resolve, reject) => {
      const req = http.request(
        `${this.baseUrl}${p}`,
        {
          method,
          agent: false,
          headers: {
            Authorization: `Bearer ${mockCredentials.user.token()}`,
            ...(payload
              ? {
                  'Content-Type': 'application/json',
                  'Content-Length': Buffer.byteLength(payload),
                }
              : {}),
          },
        },
        res => {
          const chunks: Buffer[] = [];
          res.on('data', c => chunks.push(c));
          res.on('error', reject);
          res.on('end', () => {
            const text = Buffer.concat(chunks).toString('utf8');
            const status = res.statusCode ?? 0;
            if (status < 200 || status >= 300) {
              reject(new Error(`${method} ${p}: ${status} ${text}`));
            } else {
              resolve((text ? JSON.parse(text) : undefined) as T);
            }
          });
        },
      );
      req.on('error', reject);
      req.end(payload);
    });
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

async function until(what: string, probe: () => Promise<boolean>) {
  const deadline = Date.now() + TIMEOUT_MS;
  while (!(await probe())) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await sleep(POLL_MS);
  }
}

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

async function compact(knex: Knex) {
  await knex.raw(DB === 'postgres' ? 'VACUUM ANALYZE' : 'VACUUM');
}

async function ingestSet(
  knex: Knex,
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
  await compact(knex);
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
async function tableSizes(knex: Knex): Promise<string> {
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
        const [row] = await knex(t).count({ n: '*' });
        return `${t}=${row.n}`;
      } catch {
        return `${t}=?`;
      }
    }),
  );
  return counts.join(' ');
}

function median(values: number[]) {
  const s = [...values].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
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
  const widths = header.map((h, i) =>
    Math.max(h.length, ...rows.map(r => r[i].length)),
  );
  const line = (cells: string[]) =>
    `| ${cells.map((c, i) => c.padEnd(widths[i])).join(' | ')} |`;
  const out = [
    line(header),
    `|${widths.map(w => '-'.repeat(w + 2)).join('|')}|`,
    ...rows.map(line),
  ];
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
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mlops-bench-'));
  const database = await createDatabase();
  const cleanUp = async () => {
    await database.drop().catch(() => {});
    fs.rmSync(dir, { recursive: true, force: true });
  };
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      log(`${signal}: dropping the benchmark database`);
      cleanUp().finally(() => process.exit(130));
    });
  }
  const backend = await startTestBackend({
    features: [
      mockServices.rootConfig.factory({
        data: {
          catalog: {
            // Measure the initial ingestion only: with the default interval
            // (100-150 s) the first entities of a set are refreshed again
            // before the last ones are in, which makes a set that happens to
            // run long run longer still, for both kinds alike.
            processingInterval: { minutes: 30 },
            rules: [
              {
                allow: [
                  'Group',
                  'System',
                  'Resource',
                  'Component',
                  'Location',
                  'MLModel',
                ],
              },
            ],
          },
        },
      }),
      mockServices.database.factory({ knex: database.knex }),
      catalogPlugin,
      catalogModuleMLOpsEntityModel,
      allowFileLocations,
    ],
  });
  const api = new CatalogApi(
    `http://localhost:${backend.server.port()}/api/catalog`,
  );

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
          database.knex,
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
          database.knex,
          api,
          dir,
          targets,
          kind,
          set,
          COUNT,
        );
        results.push(m);
        if (args.tables) {
          log(`rows after removing ${set}: ${await tableSizes(database.knex)}`);
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
    await backend.stop();
    await cleanUp();
  }
}

main().then(
  () => process.exit(0),
  error => {
    process.stderr.write(`${error?.stack ?? error}\n`);
    process.exit(1);
  },
);
