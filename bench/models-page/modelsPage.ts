/*
 * Does the Models page stay responsive with 5,000 models, in a browser?
 *
 * Starts the demo portal (frontend dev server and backend, in-memory SQLite)
 * with 5,000 generated models next to the demo catalog, signs in as Ada in
 * Chromium, and times what a visitor does on the Models page against the same
 * steps on Backstage's own catalog index page listing the same models. Each
 * step is timed in the page, from just before the action until the table
 * shows the new rows with every chip settled. See bench/README.md.
 */
import { ChildProcess, spawn } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Browser, CDPSession, chromium, Page, Response } from 'playwright-core';
import {
  log,
  markdownTable,
  median,
  parseArgs,
  percentile,
  sleep,
  until,
} from '../lib/runTools';
import {
  MINE_EVERY,
  MINE_OWNER,
  MODEL_NAME_PREFIX,
  modelsCatalogYaml,
} from './generateModelsCatalog';
import { chromiumArgs, chromiumExecutablePath } from '../../e2e/chromium';

const args = parseArgs();
const MODELS = Number(args.models ?? 5000);
const RUNS = Number(args.runs ?? 15);
const WARMUP = Number(args.warmup ?? 2);
const APP_PORT = Number(args.appPort ?? 3300);
const BACKEND_PORT = Number(args.backendPort ?? 7300);
const EMULATOR_PORT = Number(args.emulatorPort ?? 7343);
const TIMEOUT_MS = Number(args.timeout ?? 900_000);
const STEP_TIMEOUT_MS = Number(args.stepTimeout ?? 120_000);
const CHROMIUM = args.chromium ?? chromiumExecutablePath;
const USER = args.user ?? 'Ada Lindqvist';
/** Matches bench-model-42, -420…429 and -4200…4299: 111 of 5,000. */
const SEARCH_TERM = args.search ?? `${MODEL_NAME_PREFIX}-42`;
const TIER = args.tier ?? 'critical';

const repoRoot = path.resolve(__dirname, '../..');
const resultsDir = path.join(repoRoot, 'bench/results');
const stateDir = path.join(repoRoot, '.data/bench-models-page');
const stamp = new Date().toISOString().replace(/[:.]/g, '-');
const appUrl = `http://localhost:${APP_PORT}`;
const backendUrl = `http://localhost:${BACKEND_PORT}`;
const serviceToken = crypto.randomBytes(24).toString('hex');

const MODELS_PATH = '/mlops/models';
const CATALOG_PATH = '/catalog?filters%5Bkind%5D=mlmodel&filters%5Buser%5D=all';
/** A light page to start every navigation from, so each open is a route change. */
const NEUTRAL_PATH = '/settings';

type PageName = 'models' | 'catalog';
type StepName = 'open' | 'next page' | 'tier filter' | 'text search' | 'mine';

interface RequestTiming {
  /** Method and path, without the query string. */
  request: string;
  /** ms from the start of the step's first request. */
  start: number;
  ms: number;
}

interface Transfer {
  timings?: RequestTiming[];
  requests: number;
  catalogRequests: number;
  entities: number;
  bytes: number;
}

interface Sample extends Transfer {
  ms: number;
}

// ---------------------------------------------------------------- portal

const portal: ChildProcess[] = [];
let browser: Browser | undefined;

const running = (child: ChildProcess) =>
  child.pid !== undefined &&
  child.exitCode === null &&
  child.signalCode === null;

function signalPortal(signal: NodeJS.Signals) {
  for (const child of portal) {
    if (!child.pid || !running(child)) continue;
    try {
      // Each part runs in its own process group, which goes with it.
      process.kill(-child.pid, signal);
    } catch {
      // already gone
    }
  }
}

async function cleanUp() {
  await browser?.close().catch(() => undefined);
  signalPortal('SIGTERM');
  const deadline = Date.now() + 10_000;
  while (Date.now() < deadline && portal.some(running)) await sleep(200);
  signalPortal('SIGKILL');
}

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    log(`${signal}: stopping the portal`);
    cleanUp().finally(() => process.exit(130));
  });
}

/**
 * Starts the demo portal's backend and frontend dev server. The backend runs
 * without `backstage-cli package start`'s file watcher: the tree is being
 * edited while the benchmark runs, and a restart would empty the in-memory
 * catalog halfway through.
 */
function startPortal(catalogFile: string, logFile: string) {
  const out = fs.openSync(logFile, 'a');
  const configArgs = [
    '--config',
    path.join(repoRoot, 'app-config.yaml'),
    '--config',
    path.join(__dirname, 'app-config.bench.yaml'),
  ];
  const env = {
    ...process.env,
    PATH: `${path.join(repoRoot, '.data/bin')}${path.delimiter}${
      process.env.PATH
    }`,
    NODE_ENV: 'development',
    BROWSER: 'none',
    ESBK_TSCONFIG_PATH: path.join(repoRoot, 'tsconfig.json'),
    BENCH_APP_PORT: String(APP_PORT),
    BENCH_BACKEND_PORT: String(BACKEND_PORT),
    BENCH_EMULATOR_PORT: String(EMULATOR_PORT),
    BENCH_SERVICE_TOKEN: serviceToken,
    BENCH_STATE_DIR: stateDir,
    BENCH_REPO_ROOT: repoRoot,
    BENCH_CATALOG_FILE: catalogFile,
  };
  const start = (
    name: string,
    command: string,
    argv: string[],
    cwd: string,
  ) => {
    const child = spawn(command, argv, {
      cwd,
      detached: true,
      stdio: ['ignore', out, out],
      env,
    });
    child.on('exit', code => log(`${name} exited (${code})`));
    portal.push(child);
  };
  start(
    'backend',
    process.execPath,
    [
      '--enable-source-maps',
      '--require',
      require.resolve('@backstage/cli-node/config/nodeTransform.cjs'),
      'src/index.ts',
      ...configArgs,
    ],
    path.join(repoRoot, 'packages/backend'),
  );
  start(
    'frontend',
    'yarn',
    ['backstage-cli', 'package', 'start', ...configArgs],
    path.join(repoRoot, 'packages/app'),
  );
}

async function answers(url: string) {
  try {
    const res = await fetch(url);
    return res.ok;
  } catch {
    return false;
  }
}

async function countEntities(filter: string): Promise<number> {
  const res = await fetch(
    `${backendUrl}/api/catalog/entities/by-query?limit=1&filter=${encodeURIComponent(
      filter,
    )}`,
    { headers: { authorization: `Bearer ${serviceToken}` } },
  );
  if (!res.ok) throw new Error(`catalog query ${filter}: HTTP ${res.status}`);
  return ((await res.json()) as { totalItems: number }).totalItems;
}

// ---------------------------------------------------------------- browser

/** Everything the browser receives from the backend, per timed step. */
class TransferLog {
  private pending: Promise<void>[] = [];
  private current: Transfer = TransferLog.empty();

  static empty(): Transfer {
    return { requests: 0, catalogRequests: 0, entities: 0, bytes: 0 };
  }

  constructor(page: Page) {
    page.on('response', response => {
      if (!response.url().startsWith(`${backendUrl}/api/`)) return;
      const into = this.current;
      this.pending.push(this.record(response, into));
    });
  }

  private async record(response: Response, into: Transfer) {
    into.requests += 1;
    // Sizes and the end of the timing are known once the body has arrived.
    const sizes = await response
      .request()
      .sizes()
      .catch(() => undefined);
    const timing = response.request().timing();
    const url = new URL(response.url());
    (into.timings ??= []).push({
      request: `${response.request().method()} ${url.pathname}`,
      start: timing.startTime,
      ms: timing.responseEnd,
    });
    into.bytes += sizes ? sizes.responseBodySize : 0;
    if (!new URL(response.url()).pathname.startsWith('/api/catalog/')) return;
    into.catalogRequests += 1;
    const body = await response.json().catch(() => undefined);
    const items: unknown[] | undefined = Array.isArray(body)
      ? body
      : Array.isArray(body?.items)
      ? body.items
      : undefined;
    into.entities += (items ?? []).filter(
      (e: any) => e && typeof e === 'object' && e.kind && e.metadata,
    ).length;
  }

  /** Starts counting afresh; returns what was counted since the last start. */
  async restart(): Promise<Transfer> {
    const done = this.current;
    this.current = TransferLog.empty();
    const pending = this.pending;
    this.pending = [];
    await Promise.all(pending);
    const first = Math.min(...(done.timings ?? []).map(t => t.start));
    done.timings = (done.timings ?? [])
      .map(t => ({
        ...t,
        start: Math.round(t.start - first),
        ms: Math.round(t.ms),
      }))
      .sort((a, b) => a.start - b.start);
    return done;
  }
}

/**
 * Installed in the page before the app loads: counts the app's requests in
 * flight, and reads what the visitor sees of the table.
 */
function installProbes() {
  const w = window as any;
  w.__benchInflight = 0;
  w.__benchPending = new Map<number, string>();
  let nextId = 0;
  const originalFetch = window.fetch.bind(window);
  window.fetch = (...fetchArgs: Parameters<typeof fetch>) => {
    const id = nextId++;
    const [input] = fetchArgs;
    w.__benchPending.set(
      id,
      typeof input === 'string'
        ? input
        : input instanceof URL
        ? input.href
        : input.url,
    );
    w.__benchInflight += 1;
    return originalFetch(...fetchArgs).finally(() => {
      w.__benchInflight -= 1;
      w.__benchPending.delete(id);
    });
  };
  // Changes when new rows arrive; null while anything still loads: a
  // request, a progress bar, or a status cell not filled in yet (a cell is
  // empty for a moment between the rows and the start of its request).
  // Why the state is null, for the error message when a step times out.
  w.__benchExplain = () => {
    const main = document.querySelector('main') ?? document.body;
    return {
      url: location.href,
      inflight: w.__benchInflight,
      pending: Array.from(w.__benchPending.values()),
      progressbars: main.querySelectorAll('[role="progressbar"]').length,
      rows: main.querySelectorAll('table tbody tr').length,
      loadingCells: Array.from(main.querySelectorAll('[data-testid$="-cell"]'))
        .map(cell => cell.textContent?.trim() ?? '')
        .filter(text => text === '' || text === '…').length,
    };
  };
  w.__benchTableState = (): string | null => {
    if (w.__benchInflight > 0) return null;
    const main = document.querySelector('main') ?? document.body;
    if (main.querySelector('[role="progressbar"]')) return null;
    const statusCells = main.querySelectorAll(
      '[data-testid="readiness-cell"], [data-testid="slo-cell"], [data-testid="drift-cell"]',
    );
    for (const cell of Array.from(statusCells)) {
      const text = cell.textContent?.trim() ?? '';
      if (text === '' || text === '…') return null;
    }
    for (const cell of Array.from(
      main.querySelectorAll('[data-testid="rollout-cell"]'),
    )) {
      if (cell.textContent?.trim() === '…') return null;
    }
    const rows = Array.from(main.querySelectorAll('table tbody tr')).filter(
      row => row.querySelector('a[href*="/catalog/"]'),
    );
    if (rows.length === 0) return null;
    const name = (row: Element) =>
      row.querySelector('a[href*="/catalog/"]')?.textContent;
    // The Models page's count and range; the catalog page's title, e.g.
    // "Owned MLModels (103)".
    const total =
      main.querySelector('[data-testid="models-total"]')?.textContent ??
      Array.from(main.querySelectorAll('h1, h2, h3, h4, h5, h6'))
        .map(h => h.textContent)
        .join(' | ');
    const range = main.querySelector(
      '[data-testid="models-range"]',
    )?.textContent;
    return JSON.stringify([
      location.pathname,
      total,
      range,
      rows.length,
      name(rows[0]),
      name(rows[rows.length - 1]),
    ]);
  };
}

async function currentState(page: Page) {
  return page.evaluate(() => (window as any).__benchTableState());
}

/**
 * Times `action` in the page: from just before it until the table state
 * differs from `before` and nothing is loading, polled every frame.
 */
async function timeStep(
  page: Page,
  transfers: TransferLog,
  action: () => Promise<void>,
): Promise<Sample> {
  const before = await currentState(page);
  await transfers.restart();
  await page.evaluate(() => {
    (window as any).__benchStart = performance.now();
  });
  await action();
  const handle = await page
    .waitForFunction(
      previous => {
        const w = window as any;
        const now = w.__benchTableState() as string | null;
        return now !== null && now !== previous
          ? performance.now() - w.__benchStart
          : false;
      },
      before,
      { polling: 'raf', timeout: STEP_TIMEOUT_MS },
    )
    .catch(async error => {
      throw await explainTimeout(page, error);
    });
  const ms = (await handle.jsonValue()) as number;
  // Let late responses (e.g. facets) land before they are counted.
  await sleep(300);
  return { ms, ...(await transfers.restart()) };
}

async function explainTimeout(page: Page, error: Error) {
  const shot = path.join(resultsDir, `models-page-timeout-${stamp}.png`);
  await page.screenshot({ path: shot }).catch(() => undefined);
  const why = await page
    .evaluate(() => (window as any).__benchExplain())
    .catch(() => undefined);
  return new Error(
    `${error.message}\npage: ${JSON.stringify(why)}\nscreenshot: ${shot}`,
  );
}

/** A client-side route change, as a link click does, so each open is not a page reload. */
async function navigate(page: Page, to: string) {
  await page.evaluate(url => {
    window.history.pushState({}, '', url);
    window.dispatchEvent(new PopStateEvent('popstate', { state: {} }));
  }, to);
}

/** Leaves for the neutral page, and waits until the table is gone. */
async function toNeutral(page: Page) {
  await navigate(page, NEUTRAL_PATH);
  await page
    .waitForFunction(
      p => location.pathname === p && !document.querySelector('main table'),
      NEUTRAL_PATH,
      { timeout: STEP_TIMEOUT_MS },
    )
    .catch(async error => {
      throw await explainTimeout(page, error);
    });
}

/** Back to a page's first, unfiltered state, untimed. */
async function settle(page: Page, to: string) {
  await toNeutral(page);
  await navigate(page, to);
  await page
    .waitForFunction(
      () => (window as any).__benchTableState() !== null,
      undefined,
      { polling: 'raf', timeout: STEP_TIMEOUT_MS },
    )
    .catch(async error => {
      throw await explainTimeout(page, error);
    });
}

async function heapUsedMb(cdp: CDPSession) {
  await cdp.send('HeapProfiler.collectGarbage');
  const { usedSize } = await cdp.send('Runtime.getHeapUsage');
  return usedSize / 1024 / 1024;
}

async function signIn(page: Page) {
  await page.goto(appUrl);
  await page.evaluate(() => window.sessionStorage.clear());
  await page.reload();
  await page
    .getByRole('button', { name: `Sign in as ${USER}` })
    .click({ timeout: 120_000 });
  await page
    .getByRole('link', { name: 'Models' })
    .first()
    .waitFor({ timeout: 120_000 });
}

// ---------------------------------------------------------------- steps

type Steps = Partial<Record<StepName, (page: Page) => Promise<void>>>;

const modelsSteps: Steps = {
  'next page': async page => {
    await page.getByRole('button', { name: 'Next page' }).click();
  },
  'tier filter': async page => {
    // Opening the menu is not timed: the visitor is still choosing.
    await page.evaluate(() => {
      (window as any).__benchPaused = performance.now();
    });
    await page.locator('#mlops-filter-tiers').click();
    const option = page.getByRole('option', { name: new RegExp(TIER, 'i') });
    await option.waitFor();
    await page.evaluate(() => {
      const w = window as any;
      w.__benchStart += performance.now() - w.__benchPaused;
    });
    await option.click();
  },
  'text search': async page => {
    await page.getByLabel('Search models').fill(SEARCH_TERM);
  },
  mine: async page => {
    await page.getByLabel("My team's models").check();
  },
};

const catalogSteps: Steps = {
  'next page': async page => {
    await page.getByRole('button', { name: 'Next Page' }).first().click();
  },
  'text search': async page => {
    // The table's own search box (client-side, over the entities it loaded).
    await page
      .getByPlaceholder('Filter', { exact: true })
      .first()
      .fill(SEARCH_TERM);
  },
  // The catalog page's nearest to "my team's models": its Owned filter.
  mine: async page => {
    await page.getByText('Owned', { exact: true }).first().click();
  },
};

const PAGES: Record<PageName, { path: string; steps: Steps }> = {
  models: { path: MODELS_PATH, steps: modelsSteps },
  catalog: { path: CATALOG_PATH, steps: catalogSteps },
};

const STEPS: StepName[] = [
  'open',
  'next page',
  'tier filter',
  'text search',
  'mine',
];

type Results = Record<
  PageName,
  { steps: Partial<Record<StepName, Sample[]>>; heapMb: number[] }
>;

async function runPage(
  page: Page,
  cdp: CDPSession,
  transfers: TransferLog,
  name: PageName,
  into: Results | undefined,
) {
  const { path: to, steps } = PAGES[name];
  const keep = (step: StepName, sample: Sample) => {
    if (!into) return;
    (into[name].steps[step] ??= []).push(sample);
  };
  // Open: from the neutral page to the first rows with their chips.
  await toNeutral(page);
  keep('open', await timeStep(page, transfers, () => navigate(page, to)));
  if (into) into[name].heapMb.push(await heapUsedMb(cdp));
  let fresh = true;
  for (const step of STEPS.slice(1)) {
    const act = steps[step];
    if (!act) continue;
    if (!fresh) await settle(page, to);
    keep(step, await timeStep(page, transfers, () => act(page)));
    await page.keyboard.press('Escape');
    fresh = false;
  }
}

// ---------------------------------------------------------------- report

const fmt = (n: number, digits = 0) =>
  n.toLocaleString('en-US', {
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
  });

function summarise(results: Results) {
  const rows: string[][] = [];
  const summary: Record<string, unknown>[] = [];
  for (const step of STEPS) {
    const m = results.models.steps[step];
    const c = results.catalog.steps[step];
    if (!m) continue;
    const ms = (s?: Sample[]) => (s ?? []).map(x => x.ms);
    const row = {
      step,
      models: {
        p50: median(ms(m)),
        p95: percentile(ms(m), 95),
        entities: median(m.map(x => x.entities)),
        kb: median(m.map(x => x.bytes)) / 1024,
        requests: median(m.map(x => x.requests)),
      },
      catalog: c && {
        p50: median(ms(c)),
        p95: percentile(ms(c), 95),
        entities: median(c.map(x => x.entities)),
        kb: median(c.map(x => x.bytes)) / 1024,
        requests: median(c.map(x => x.requests)),
      },
    };
    summary.push(row);
    rows.push([
      step,
      String(m.length),
      fmt(row.models.p50),
      fmt(row.models.p95),
      row.catalog ? fmt(row.catalog.p50) : '—',
      row.catalog ? fmt(row.catalog.p95) : '—',
      row.catalog ? fmt(row.models.p50 / row.catalog.p50, 2) : '—',
      row.catalog ? fmt(row.models.p95 / row.catalog.p95, 2) : '—',
      `${fmt(row.models.entities)} / ${fmt(row.models.kb, 1)} KB / ${fmt(
        row.models.requests,
      )}`,
      row.catalog
        ? `${fmt(row.catalog.entities)} / ${fmt(row.catalog.kb, 1)} KB / ${fmt(
            row.catalog.requests,
          )}`
        : '—',
    ]);
  }
  const table = markdownTable(
    [
      'step',
      'runs',
      'Models p50 ms',
      'Models p95 ms',
      'catalog p50 ms',
      'catalog p95 ms',
      'ratio p50',
      'ratio p95',
      'Models: entities / body / requests',
      'catalog: entities / body / requests',
    ],
    rows,
  );
  return { table, summary };
}

// ---------------------------------------------------------------- main

async function main() {
  fs.mkdirSync(resultsDir, { recursive: true });
  fs.mkdirSync(stateDir, { recursive: true });
  const catalogFile = path.join(
    resultsDir,
    `models-page-catalog-${MODELS}.yaml`,
  );
  fs.writeFileSync(catalogFile, modelsCatalogYaml(MODELS));
  const logFile = path.join(resultsDir, `models-page-portal-${stamp}.log`);
  const loads: number[] = [os.loadavg()[0]];

  log(`starting the portal (${appUrl}, ${backendUrl}); log: ${logFile}`);
  const started = Date.now();
  startPortal(catalogFile, logFile);
  await until(
    'the backend and the frontend',
    async () => {
      if (!portal.every(running))
        throw new Error(`the portal stopped; see ${logFile}`);
      return (
        (await answers(`${backendUrl}/.backstage/health/v1/readiness`)) &&
        (await answers(appUrl))
      );
    },
    { timeoutMs: TIMEOUT_MS, pollMs: 2000 },
  );
  const portalUpS = (Date.now() - started) / 1000;
  log(`portal up after ${fmt(portalUpS, 1)} s; waiting for ${MODELS} models`);
  // Every generated model, and the ownedBy relations "My team's models" reads.
  const benchFilter = `kind=mlmodel,metadata.labels.bench-set=${MODEL_NAME_PREFIX}`;
  const mineFilter = `${benchFilter},relations.ownedBy=${MINE_OWNER}`;
  const mineExpected = Math.ceil(MODELS / MINE_EVERY);
  let seen = 0;
  await until(
    `${MODELS} models in the catalog`,
    async () => {
      if (!portal.every(running))
        throw new Error(`the portal stopped; see ${logFile}`);
      const generated = await countEntities(benchFilter).catch(() => 0);
      if (generated !== seen)
        log(`  ${generated} generated models in the catalog`);
      seen = generated;
      return (
        generated === MODELS &&
        (await countEntities(mineFilter).catch(() => 0)) === mineExpected
      );
    },
    { timeoutMs: TIMEOUT_MS, pollMs: 3000 },
  );
  const catalogReadyS = (Date.now() - started) / 1000;
  const totalModels = await countEntities('kind=mlmodel');
  log(`${totalModels} models in the catalog after ${fmt(catalogReadyS, 1)} s`);

  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: chromiumArgs,
  });
  const context = await browser.newContext({
    viewport: { width: 1440, height: 900 },
    baseURL: appUrl,
  });
  await context.addInitScript(installProbes);
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  const transfers = new TransferLog(page);
  await signIn(page);

  const results: Results = {
    models: { steps: {}, heapMb: [] },
    catalog: { steps: {}, heapMb: [] },
  };
  for (let run = -WARMUP; run < RUNS; run++) {
    // Alternate which page goes first so drift over the run hits both alike.
    const order: PageName[] =
      run % 2 === 0 ? ['models', 'catalog'] : ['catalog', 'models'];
    for (const name of order) {
      await runPage(page, cdp, transfers, name, run >= 0 ? results : undefined);
    }
    loads.push(os.loadavg()[0]);
    log(
      `${run < 0 ? 'warm-up' : `run ${run + 1}/${RUNS}`} done (load ${fmt(
        os.loadavg()[0],
        2,
      )})`,
    );
  }

  const { table, summary } = summarise(results);
  const heap = (xs: number[]) =>
    `median ${fmt(median(xs), 1)} MB, max ${fmt(Math.max(...xs), 1)} MB`;
  const load = {
    start: loads[0],
    mean: loads.reduce((a, b) => a + b, 0) / loads.length,
    max: Math.max(...loads),
  };
  const text = [
    `${totalModels} models (${MODELS} generated), ${RUNS} runs after ${WARMUP} warm-up, Chromium ${browser.version()}, signed in as ${USER}`,
    `portal up in ${fmt(portalUpS, 1)} s, catalog complete after ${fmt(
      catalogReadyS,
      1,
    )} s`,
    '',
    table,
    '',
    `JS heap after opening (after GC): Models page ${heap(
      results.models.heapMb,
    )}; catalog page ${heap(results.catalog.heapMb)}`,
    `load average (1 min): ${fmt(load.start, 2)} at start, mean ${fmt(
      load.mean,
      2,
    )}, max ${fmt(load.max, 2)}; ${os.cpus().length} CPUs`,
  ].join('\n');
  process.stdout.write(`\n${text}\n`);

  const jsonFile = path.join(resultsDir, `models-page-${stamp}.json`);
  fs.writeFileSync(
    jsonFile,
    JSON.stringify(
      {
        date: new Date().toISOString(),
        models: MODELS,
        modelsInCatalog: totalModels,
        runs: RUNS,
        warmup: WARMUP,
        user: USER,
        searchTerm: SEARCH_TERM,
        tier: TIER,
        chromium: browser.version(),
        node: process.version,
        cpus: os.cpus().length,
        loadAverage: load,
        portalUpSeconds: portalUpS,
        catalogReadySeconds: catalogReadyS,
        summary,
        heapMb: {
          models: results.models.heapMb,
          catalog: results.catalog.heapMb,
        },
        samples: results,
      },
      null,
      2,
    ),
  );
  log(`results: ${jsonFile}`);
}

main()
  .catch(error => {
    process.stderr.write(`${error?.stack ?? error}\n`);
    process.exitCode = 1;
  })
  .finally(() => cleanUp());
