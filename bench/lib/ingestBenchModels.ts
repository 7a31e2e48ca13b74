import fs from 'node:fs';
import path from 'node:path';
import {
  mlModel,
  TARGETS,
  targetEntities,
  toYaml,
} from '../catalog-ingest/generateEntities';
import { JsonHttpClient } from './JsonHttpClient';
import { log, until } from './runTools';

/**
 * Registers the shared targets and `count` generated models of `set` with a
 * bench catalog (one file location) and waits until every model can be
 * queried. Returns the models as registered.
 */
export async function ingestBenchModels(options: {
  origin: string;
  dir: string;
  set: string;
  count: number;
  timeoutMs: number;
}): Promise<ReturnType<typeof mlModel>[]> {
  const { origin, dir, set, count, timeoutMs } = options;
  const catalog = new JsonHttpClient(`${origin}/api/catalog`, {
    agent: false,
  });
  const file = path.join(dir, 'catalog.yaml');
  const models = Array.from({ length: count }, (_, i) => mlModel(set, i));
  fs.writeFileSync(file, toYaml([...targetEntities(), ...models]));
  const started = Date.now();
  await catalog.request('POST', '/locations', { type: 'file', target: file });
  const modelsIn = async () => {
    const q = new URLSearchParams({
      filter: 'kind=mlmodel',
      limit: '1',
      fields: 'kind',
    });
    const { totalItems } = await catalog.request<{ totalItems: number }>(
      'GET',
      `/entities/by-query?${q}`,
    );
    return totalItems;
  };
  await until(
    'models in the catalog',
    async () => (await modelsIn()) >= count,
    { timeoutMs, pollMs: 1000 },
  );
  const targets =
    TARGETS.groups + TARGETS.systems + TARGETS.datasets + TARGETS.services;
  log(
    `${count} models and ${targets} targets ingested in ${(
      (Date.now() - started) /
      1000
    ).toFixed(0)} s`,
  );
  return models;
}
