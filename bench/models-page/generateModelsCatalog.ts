/*
 * The catalog of the Models page benchmark: the catalog-ingest generator's
 * targets and models, with the fields the page filters on spread out so that
 * each filter narrows the list the way it would in a real portal.
 */
import {
  mlModel,
  targetEntities,
  toYaml,
} from '../catalog-ingest/generateEntities';

export const MODEL_NAME_PREFIX = 'bench-model';
const TIERS = ['low', 'medium', 'high', 'critical'] as const;
const LIFECYCLES = ['experimental', 'staging', 'production', 'deprecated'];

/**
 * Every `MINE_EVERY`th model belongs to the demo's fraud-ml team (Ada's), so
 * "My team's models" finds some of them among thousands.
 */
export const MINE_EVERY = 50;
export const MINE_OWNER = 'group:default/fraud-ml';

type Doc = Record<string, unknown>;

export function benchModel(i: number): Doc {
  const model = mlModel(MODEL_NAME_PREFIX, i);
  const spec = model.spec as Record<string, unknown>;
  spec.riskTier = TIERS[i % TIERS.length];
  spec.lifecycle = LIFECYCLES[Math.floor(i / 4) % LIFECYCLES.length];
  if (i % MINE_EVERY === 0) spec.owner = MINE_OWNER;
  return model;
}

/** The YAML of the shared targets and `count` models, one multi-document file. */
export function modelsCatalogYaml(count: number): string {
  const docs: Doc[] = [...targetEntities()];
  for (let i = 0; i < count; i++) docs.push(benchModel(i));
  return toYaml(docs);
}
