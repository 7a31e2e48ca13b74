/*
 * The demo portal's catalog (demo/catalog/*.yaml) as entities, so that the
 * demo seed is tested against the data it will meet. Only tests import this.
 */
import { Entity } from '@backstage/catalog-model';
import { parseEntityYaml } from '@backstage/plugin-catalog-node';
import fs from 'node:fs';
import path from 'node:path';

const DEMO_CATALOG_DIR = path.resolve(__dirname, '../../../../demo/catalog');

export function loadDemoCatalog(): Entity[] {
  const entities: Entity[] = [];
  for (const file of fs.readdirSync(DEMO_CATALOG_DIR).sort()) {
    if (!file.endsWith('.yaml')) continue;
    const location = {
      type: 'file',
      target: path.join(DEMO_CATALOG_DIR, file),
    };
    for (const result of parseEntityYaml(
      fs.readFileSync(path.join(DEMO_CATALOG_DIR, file)),
      location,
    )) {
      if (result.type !== 'entity') {
        throw new Error(`Unexpected ${result.type} while reading ${file}`);
      }
      entities.push(result.entity);
    }
  }
  return entities;
}
