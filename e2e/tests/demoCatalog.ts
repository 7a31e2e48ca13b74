import fs from 'node:fs';
import path from 'node:path';
import { parseAllDocuments } from 'yaml';

/** The demo catalog's entities, read from the same files the portal loads. */
export function loadDemoEntities(): any[] {
  const root = path.resolve(__dirname, '../..');
  const location = parseAllDocuments(
    fs.readFileSync(path.join(root, 'catalog-info.yaml'), 'utf8'),
  ).map(d => d.toJSON());
  const targets: string[] = location.flatMap(l => [
    ...(l.spec?.targets ?? []),
    ...(l.spec?.target ? [l.spec.target] : []),
  ]);
  return targets.flatMap(target =>
    parseAllDocuments(fs.readFileSync(path.join(root, target), 'utf8'))
      .map(d => d.toJSON())
      .filter(Boolean),
  );
}

export const demoModels = () =>
  loadDemoEntities().filter(e => e.kind === 'MLModel');
