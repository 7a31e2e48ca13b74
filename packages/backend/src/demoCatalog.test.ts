import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import request from 'supertest';
import { parseAllDocuments } from 'yaml';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
  TestBackend,
} from '@backstage/backend-test-utils';
import { databaseServiceFactory } from '@backstage/backend-defaults/database';
import { JsonObject } from '@backstage/types';
import catalogPlugin from '@backstage/plugin-catalog-backend';
import catalogModuleMLOps from '@mlops-portal/catalog-backend-module-mlops';
import { MLOPS_ANNOTATIONS } from '@mlops-portal/plugin-mlops-common';

// The demo portal's own catalog, loaded by the real catalog with the suite's
// module, on each database the backend supports. PostgreSQL runs when the
// test script provides a server (scripts/test.sh does).
const repoRoot = path.resolve(__dirname, '../../..');
const pgConnection = Object.entries(process.env).find(([key]) =>
  /^BACKSTAGE_TEST_DATABASE_POSTGRES\d+_CONNECTION_STRING$/.test(key),
)?.[1];

function demoEntities(): any[] {
  const read = (file: string) =>
    parseAllDocuments(fs.readFileSync(path.join(repoRoot, file), 'utf8'))
      .map(doc => doc.toJSON())
      .filter(Boolean);
  const [location] = read('catalog-info.yaml');
  return (location.spec.targets as string[]).flatMap(read);
}

const databases: Array<[string, () => JsonObject]> = [
  [
    'SQLite files',
    () => ({
      client: 'better-sqlite3',
      connection: {
        directory: fs.mkdtempSync(path.join(os.tmpdir(), 'mlops-demo-')),
      },
    }),
  ],
  ...(pgConnection
    ? ([
        [
          'PostgreSQL',
          () => ({
            client: 'pg',
            connection: pgConnection,
            // A fresh set of per-plugin databases for every run.
            prefix: `mlops_demo_${process.pid}_${Date.now()}_`,
          }),
        ],
      ] as Array<[string, () => JsonObject]>)
    : []),
];

describe.each(databases)('the demo catalog on %s', (_name, database) => {
  jest.setTimeout(180_000);
  let backend: TestBackend;
  const models = demoEntities().filter(e => e.kind === 'MLModel');

  beforeAll(async () => {
    backend = await startTestBackend({
      features: [
        databaseServiceFactory,
        mockServices.rootConfig.factory({
          data: {
            backend: { database: database() },
            catalog: {
              rules: [
                {
                  allow: [
                    'Component',
                    'System',
                    'Resource',
                    'Location',
                    'Group',
                    'User',
                    'MLModel',
                  ],
                },
              ],
              processingInterval: { seconds: 2 },
              locations: [
                {
                  type: 'file',
                  target: path.join(repoRoot, 'catalog-info.yaml'),
                },
              ],
            },
          },
        }),
        catalogPlugin,
        catalogModuleMLOps,
      ],
    });
  });

  afterAll(async () => {
    await backend?.stop();
  });

  async function fetchModels(): Promise<any[]> {
    const res = await request(backend.server)
      .get('/api/catalog/entities/by-query')
      .query({ filter: 'kind=mlmodel', limit: 1000 })
      .set('Authorization', mockCredentials.user.header());
    expect(res.status).toBe(200);
    return res.body.items;
  }

  it('ingests every demo model with its relations', async () => {
    let items: any[] = [];
    const deadline = Date.now() + 150_000;
    const ready = (list: any[]) =>
      list.length === models.length &&
      list.every(
        m =>
          m.relations?.some((r: any) => r.type === 'ownedBy') &&
          // Unresolved-ref lookups settle once the referenced entities exist.
          (m.spec.datasets ?? []).every((d: string) =>
            m.relations.some(
              (r: any) =>
                r.type === 'dependsOn' &&
                r.targetRef.endsWith(d.split('/').pop()),
            ),
          ),
      );
    while (Date.now() < deadline) {
      items = await fetchModels();
      if (ready(items)) break;
      await new Promise(resolve => setTimeout(resolve, 1000));
    }
    expect(items.map(m => m.metadata.name).sort()).toEqual(
      models.map(m => m.metadata.name).sort(),
    );
    for (const model of items) {
      const expectedTypes = ['ownedBy'];
      if (model.spec.system) expectedTypes.push('partOf');
      if (model.spec.servedBy?.length) expectedTypes.push('servedBy');
      expect(model.relations.map((r: any) => r.type)).toEqual(
        expect.arrayContaining(expectedTypes),
      );
    }
  });

  it('reports the one reference to a missing dataset on its model, and only there', async () => {
    const deadline = Date.now() + 60_000;
    let flagged: any[] = [];
    while (Date.now() < deadline) {
      flagged = (await fetchModels()).filter(
        m => m.metadata.annotations?.[MLOPS_ANNOTATIONS.unresolvedRefs],
      );
      // The catalog processes entities in no fixed order: a ref to an
      // entity that is ingested later stays listed until the next pass.
      if (
        flagged.length === 1 &&
        /^resource:default\/[a-z0-9-]+$/.test(
          flagged[0].metadata.annotations[MLOPS_ANNOTATIONS.unresolvedRefs],
        )
      ) {
        break;
      }
      await new Promise(resolve => setTimeout(resolve, 1000));
    }
    expect(flagged).toHaveLength(1);
    expect(
      flagged[0].metadata.annotations[MLOPS_ANNOTATIONS.unresolvedRefs],
    ).toMatch(/^resource:default\/[a-z0-9-]+$/);
  });

  it('serves the reverse relations on the referenced entities', async () => {
    const model = models.find(m => m.spec.servedBy?.length);
    const component = model.spec.servedBy[0].split('/').pop();
    const res = await request(backend.server)
      .get(`/api/catalog/entities/by-name/component/default/${component}`)
      .set('Authorization', mockCredentials.user.header());
    expect(res.status).toBe(200);
    expect(res.body.relations).toContainEqual(
      expect.objectContaining({
        type: 'serves',
        targetRef: `mlmodel:default/${model.metadata.name}`,
      }),
    );
  });
});
