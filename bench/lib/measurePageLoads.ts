/*
 * Models page loads, timed two ways: the catalog entities query of the page
 * alone (what a page without an extra column costs), and the same query
 * followed by the column's one batched request for the page's models (what
 * the Models page does for its readiness or SLO column).
 */
import http from 'node:http';
import {
  MODEL_SEARCH_FIELDS,
  MODEL_TABLE_FIELDS,
  MODELS_PAGE_SIZE,
} from '../../plugins/mlops/src/models/modelQuery';
import { JsonHttpClient } from './JsonHttpClient';
import { markdownTable, median, percentile } from './runTools';

/** One view of the Models page: its name in the tables and its first query. */
export type ModelsPageView = { name: string; params: URLSearchParams };

type Page = {
  items: Array<{ metadata: { namespace?: string; name: string } }>;
  pageInfo: { nextCursor?: string };
};

/**
 * The page loads people make on the Models page: the default view, other
 * sort orders, a team filter, and a text search for `searchTerm`.
 */
export function modelsPageViews(searchTerm: string): ModelsPageView[] {
  const base = (extra: Record<string, string>) => {
    const params = new URLSearchParams();
    params.append('filter', 'kind=mlmodel');
    for (const [k, v] of Object.entries(extra)) params.append(k, v);
    params.set('limit', String(MODELS_PAGE_SIZE));
    params.set('fields', MODEL_TABLE_FIELDS.join(','));
    return params;
  };
  const oneTeam = base({ orderField: 'metadata.name,asc' });
  oneTeam.set('filter', 'kind=mlmodel,spec.owner=group:default/bench-team-3');
  return [
    { name: 'by name', params: base({ orderField: 'metadata.name,asc' }) },
    {
      name: 'by name, desc',
      params: base({ orderField: 'metadata.name,desc' }),
    },
    { name: 'by owner', params: base({ orderField: 'spec.owner,asc' }) },
    { name: 'by version', params: base({ orderField: 'spec.version,desc' }) },
    { name: 'one team', params: oneTeam },
    {
      name: 'text search',
      params: base({
        orderField: 'metadata.name,asc',
        fullTextFilterTerm: searchTerm,
        fullTextFilterFields: MODEL_SEARCH_FIELDS.join(','),
      }),
    },
  ];
}

/** Milliseconds of each timed load, overall and per view. */
export interface PageLoadTimings {
  /** The catalog query alone. */
  plain: number[];
  /** The catalog query, then the column's request. */
  withColumn: number[];
  /** The column's request alone (part of `withColumn`). */
  summary: number[];
  /** Per view, in the order of the views: the plain and with-column loads. */
  byView: Map<string, { plain: number[]; withColumn: number[] }>;
  /** Wall-clock seconds of the timed loads. */
  seconds: number;
  /** Summary items returned by the timed loads, and how many `countItem` counted. */
  rows: { shown: number; counted: number };
}

/**
 * Loads Models pages `loads` times each way, cycling through the views, on
 * one kept-alive connection as a browser keeps its connection. Before the
 * timed loads, one untimed load of each view each way, so that the first
 * timed ones do not pay for cold caches and lazy initialisation.
 */
export async function measurePageLoads<Item>(options: {
  /** `http://localhost:<port>` of the backend. */
  origin: string;
  views: ModelsPageView[];
  loads: number;
  /** The column's batched request, under `/api/mlops`, e.g. `/slo/summary`. */
  summaryPath: string;
  /** Which items of a summary the bench reports as counted (e.g. with a review). */
  countItem: (item: Item) => boolean;
}): Promise<PageLoadTimings> {
  const { origin, views, loads, summaryPath, countItem } = options;
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  const catalog = new JsonHttpClient(`${origin}/api/catalog`, { agent });
  const mlops = new JsonHttpClient(`${origin}/api/mlops`, { agent });
  const cursors = new Map<string, string | undefined>();
  const timings: PageLoadTimings = {
    plain: [],
    withColumn: [],
    summary: [],
    byView: new Map(),
    seconds: 0,
    rows: { shown: 0, counted: 0 },
  };

  const pageRequest = (view: ModelsPageView) => {
    const cursor = cursors.get(view.name);
    return cursor
      ? `/entities/by-query?${new URLSearchParams({
          cursor,
          limit: String(MODELS_PAGE_SIZE),
          fields: MODEL_TABLE_FIELDS.join(','),
        })}`
      : `/entities/by-query?${view.params}`;
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
  const columnLoad = async (url: string) => {
    const t0 = process.hrtime.bigint();
    const page = await catalog.request<Page>('GET', url);
    const t1 = process.hrtime.bigint();
    const summary = await mlops.request<{ items: Item[] }>(
      'POST',
      summaryPath,
      { entityRefs: refsOf(page) },
    );
    const t2 = process.hrtime.bigint();
    timings.withColumn.push(Number(t2 - t0) / 1e6);
    timings.summary.push(Number(t2 - t1) / 1e6);
    timings.rows.shown += summary.items.length;
    timings.rows.counted += summary.items.filter(countItem).length;
    return page;
  };

  try {
    for (const view of views) {
      await plainLoad(pageRequest(view));
      await columnLoad(pageRequest(view));
    }
    timings.plain.length = 0;
    timings.withColumn.length = 0;
    timings.summary.length = 0;
    timings.rows = { shown: 0, counted: 0 };

    const start = Date.now();
    for (let i = 0; i < loads; i++) {
      const view = views[i % views.length];
      const url = pageRequest(view);
      // Alternate which way goes first, so that drift over the run (load
      // from other processes, caches warming) hits both alike.
      const [first, second] =
        i % 2 ? [plainLoad, columnLoad] : [columnLoad, plainLoad];
      const page = await first(url);
      await second(url);
      const byView = timings.byView.get(view.name) ?? {
        plain: [],
        withColumn: [],
      };
      byView.plain.push(timings.plain[timings.plain.length - 1]);
      byView.withColumn.push(timings.withColumn[timings.withColumn.length - 1]);
      timings.byView.set(view.name, byView);
      // Two loads of three follow the cursor to the next page, as someone
      // paging through the table does; the third starts over.
      cursors.set(
        view.name,
        Math.floor(i / views.length) % 3 < 2
          ? page.pageInfo.nextCursor
          : undefined,
      );
    }
    timings.seconds = (Date.now() - start) / 1000;
    return timings;
  } finally {
    agent.destroy();
  }
}

/**
 * The two tables of a page-load measurement: per request (p50 to max) and
 * per view (p50 and p95 each way). `column` names the column's summary in
 * the rows ("readiness summary"), `withColumn` the second way in the
 * per-view headers ("with readiness").
 */
export function pageLoadTables(
  timings: PageLoadTimings,
  labels: { column: string; withColumn: string },
): string {
  const ms = (v: number) => v.toFixed(1);
  const row = (name: string, values: number[]) => [
    name,
    String(values.length),
    ms(median(values)),
    ms(percentile(values, 95)),
    ms(percentile(values, 99)),
    ms(Math.max(...values)),
  ];
  const requests = markdownTable(
    ['request', 'loads', 'p50 ms', 'p95 ms', 'p99 ms', 'max ms'],
    [
      row('catalog query (plain)', timings.plain),
      row(`catalog query + ${labels.column}`, timings.withColumn),
      row(`${labels.column} alone`, timings.summary),
    ],
  );
  const perView = markdownTable(
    [
      'view',
      'loads',
      'plain p50 ms',
      `${labels.withColumn} p50 ms`,
      'plain p95 ms',
      `${labels.withColumn} p95 ms`,
    ],
    [...timings.byView].map(([name, v]) => [
      name,
      String(v.plain.length),
      ms(median(v.plain)),
      ms(median(v.withColumn)),
      ms(percentile(v.plain, 95)),
      ms(percentile(v.withColumn, 95)),
    ]),
  );
  return `${requests}\n\n${perView}`;
}
