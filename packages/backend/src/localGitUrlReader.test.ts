/*
 * The offline publishing path end to end: a repository published by the
 * mlops:publish:local-git machinery is read by the real catalog backend
 * through the portal's URL reader, which is what catalog:register relies on.
 */
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import catalogPlugin from '@backstage/plugin-catalog-backend';
import catalogModuleMlops from '@mlops-portal/catalog-backend-module-mlops';
import { LocalGitRepositories } from '@mlops-portal/scaffolder-backend-module-mlops';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import request from 'supertest';
import localGitUrlReader from './localGitUrlReader';

const MODEL = `apiVersion: mlops-portal.io/v1alpha1
kind: MLModel
metadata:
  name: scaffolded-model
spec:
  type: classification
  lifecycle: experimental
  owner: group:default/fraud-ml
---
apiVersion: backstage.io/v1alpha1
kind: Component
metadata:
  name: scaffolded-model-server
spec:
  type: service
  lifecycle: experimental
  owner: group:default/fraud-ml
`;

// Starting a catalog backend takes a while on a busy machine.
jest.setTimeout(120_000);

describe('the portal git server as a catalog location', () => {
  let tmp: string;

  beforeEach(() => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'local-git-catalog-'));
  });
  afterEach(() => fs.rmSync(tmp, { recursive: true, force: true }));

  it('lets the catalog read a published repository by URL', async () => {
    const baseDir = path.join(tmp, 'git');
    const source = path.join(tmp, 'workspace');
    fs.mkdirSync(source);
    fs.writeFileSync(path.join(source, 'catalog-info.yaml'), MODEL);
    const repositories = new LocalGitRepositories({
      baseDir,
      baseUrl: 'http://localhost:7007/local-git',
    });
    const published = await repositories.publish({
      repoName: 'scaffolded-model',
      sourceDir: source,
      scratchDir: fs.mkdtempSync(path.join(tmp, 'scratch-')),
      defaultBranch: 'main',
      commitMessage: 'Initial commit',
      author: { name: 'Ada Lindqvist', email: 'ada@northwind.example' },
    });

    const backend = await startTestBackend({
      features: [
        catalogPlugin,
        catalogModuleMlops,
        localGitUrlReader,
        mockServices.rootConfig.factory({
          data: {
            backend: { baseUrl: 'http://localhost:7007' },
            catalog: {
              rules: [{ allow: ['Component', 'Location', 'MLModel'] }],
            },
            mlops: { scaffolder: { localGit: { baseDir } } },
          },
        }),
      ],
    });
    try {
      const response = await request(backend.server)
        .post('/api/catalog/locations?dryRun=true')
        .set('Authorization', mockCredentials.user.header('user:default/ada'))
        .send({
          type: 'url',
          target: `${published.repoContentsUrl}/catalog-info.yaml`,
        });
      expect({
        status: response.status,
        body: response.status === 201 ? null : response.body,
      }).toEqual({ status: 201, body: null });
      expect(
        response.body.entities.map((e: any) => `${e.kind}:${e.metadata.name}`),
      ).toEqual(
        expect.arrayContaining([
          'MLModel:scaffolded-model',
          'Component:scaffolded-model-server',
        ]),
      );

      const missing = await request(backend.server)
        .post('/api/catalog/locations?dryRun=true')
        .set('Authorization', mockCredentials.user.header('user:default/ada'))
        .send({
          type: 'url',
          target:
            'http://localhost:7007/local-git/no-such-repo/blob/main/catalog-info.yaml',
        });
      expect(missing.status).toBeGreaterThanOrEqual(400);
      expect(JSON.stringify(missing.body)).toContain('no-such-repo');
    } finally {
      await backend.stop();
    }
  });
});
