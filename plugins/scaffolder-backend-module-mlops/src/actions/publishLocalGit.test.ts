import {
  createMockDirectory,
  mockServices,
} from '@backstage/backend-test-utils';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import { UserEntity } from '@backstage/catalog-model';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { exampleInputs, modelYaml } from '../__testUtils__/examples';
import { localGitReaderFactory } from '../localGit/localGitUrlReader';
import { createPublishLocalGitAction } from './publishLocalGit';
import { publishLocalGitExamples } from './publishLocalGit.examples';

const ada: UserEntity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'User',
  metadata: { name: 'ada', namespace: 'default' },
  spec: {
    profile: { displayName: 'Ada Lindqvist', email: 'ada@northwind.example' },
    memberOf: [],
  },
};

describe('mlops:publish:local-git', () => {
  const workspace = createMockDirectory();
  let gitRoot: string;
  let scratch: string;
  let config: ReturnType<typeof mockServices.rootConfig>;

  beforeEach(() => {
    workspace.clear();
    workspace.setContent({
      'catalog-info.yaml': modelYaml(),
      'README.md': '# card fraud scorer\n',
      'project/catalog-info.yaml': modelYaml(),
    });
    gitRoot = fs.mkdtempSync(path.join(os.tmpdir(), 'local-git-'));
    scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'local-git-scratch-'));
    config = mockServices.rootConfig({
      data: {
        backend: { baseUrl: 'http://localhost:7007' },
        mlops: { scaffolder: { localGit: { baseDir: gitRoot } } },
      },
    });
  });

  afterEach(() => {
    fs.rmSync(gitRoot, { recursive: true, force: true });
    fs.rmSync(scratch, { recursive: true, force: true });
  });

  function context(input: any) {
    return {
      ...createMockActionContext<any>({
        workspacePath: workspace.path,
        input,
        user: { entity: ada, ref: 'user:default/ada' },
      }),
      createTemporaryDirectory: jest.fn(async () =>
        fs.mkdtempSync(path.join(scratch, 'tmp-')),
      ),
    } as any;
  }

  it('commits the workspace as the initiating user and the catalog reads it back by URL', async () => {
    const action = createPublishLocalGitAction({ config });
    const ctx = context({
      repoName: 'card-fraud-scorer',
      description: 'Card fraud scorer',
    });
    await action.handler(ctx);

    const bare = path.join(gitRoot, 'card-fraud-scorer.git');
    const git = (...args: string[]) =>
      execFileSync('git', ['--git-dir', bare, ...args], { encoding: 'utf8' });
    expect(git('log', '--format=%an <%ae>|%s', 'main').trim()).toBe(
      'Ada Lindqvist <ada@northwind.example>|Initial commit: Card fraud scorer',
    );
    expect(
      git('ls-tree', '-r', '--name-only', 'main').trim().split('\n'),
    ).toEqual(['README.md', 'catalog-info.yaml', 'project/catalog-info.yaml']);
    // The git directory was kept out of the workspace.
    expect(fs.existsSync(path.join(workspace.path, '.git'))).toBe(false);

    const catalogInfoUrl =
      'http://localhost:7007/local-git/card-fraud-scorer/blob/main/catalog-info.yaml';
    expect(ctx.output).toHaveBeenCalledWith('catalogInfoUrl', catalogInfoUrl);
    expect(ctx.output).toHaveBeenCalledWith(
      'repoContentsUrl',
      'http://localhost:7007/local-git/card-fraud-scorer/blob/main',
    );
    expect(ctx.output).toHaveBeenCalledWith('cloneUrl', bare);
    expect(ctx.output).toHaveBeenCalledWith(
      'commitHash',
      git('rev-parse', 'main').trim(),
    );

    const [{ predicate, reader }] = localGitReaderFactory({ config });
    expect(predicate(new URL(catalogInfoUrl))).toBe(true);
    expect(
      predicate(
        new URL('https://github.com/acme/x/blob/main/catalog-info.yaml'),
      ),
    ).toBe(false);
    const response = await reader.readUrl(catalogInfoUrl);
    expect((await response.buffer()).toString('utf8')).toBe(modelYaml());
    await expect(
      reader.readUrl(catalogInfoUrl, { etag: response.etag }),
    ).rejects.toMatchObject({
      name: 'NotModifiedError',
    });
    // The catalog reads locations through search.
    const search = await reader.search(catalogInfoUrl);
    expect(search.files.map(f => f.url)).toEqual([catalogInfoUrl]);
    expect((await search.files[0].content()).toString('utf8')).toBe(
      modelYaml(),
    );
    await expect(
      reader.search(
        'http://localhost:7007/local-git/card-fraud-scorer/blob/main/*.yaml',
      ),
    ).rejects.toThrow('Glob patterns are not supported');
    await expect(
      reader.readUrl(
        'http://localhost:7007/local-git/card-fraud-scorer/blob/main/missing.yaml',
      ),
    ).rejects.toMatchObject({ name: 'NotFoundError' });
    await expect(
      reader.readUrl(
        'http://localhost:7007/local-git/card-fraud-scorer/blob/main/../../etc/passwd',
      ),
    ).rejects.toThrow();
  });

  it('refuses to overwrite an existing repository, leaving it untouched', async () => {
    const action = createPublishLocalGitAction({ config });
    await action.handler(context({ repoName: 'card-fraud-scorer' }));
    const head = execFileSync(
      'git',
      [
        '--git-dir',
        path.join(gitRoot, 'card-fraud-scorer.git'),
        'rev-parse',
        'main',
      ],
      {
        encoding: 'utf8',
      },
    );
    workspace.setContent({ 'other.txt': 'x' });
    await expect(
      action.handler(context({ repoName: 'card-fraud-scorer' })),
    ).rejects.toThrow(
      "A repository named card-fraud-scorer already exists on the portal's git server",
    );
    expect(
      execFileSync(
        'git',
        [
          '--git-dir',
          path.join(gitRoot, 'card-fraud-scorer.git'),
          'rev-parse',
          'main',
        ],
        { encoding: 'utf8' },
      ),
    ).toBe(head);
    expect(fs.readdirSync(gitRoot)).toEqual(['card-fraud-scorer.git']);
  });

  it('leaves nothing behind when the commit fails', async () => {
    const action = createPublishLocalGitAction({ config });
    workspace.clear(); // nothing to commit
    await expect(
      action.handler(context({ repoName: 'empty-project' })),
    ).rejects.toThrow();
    expect(fs.readdirSync(gitRoot)).toEqual([]);
  });

  it('writes nothing in a dry run', async () => {
    const action = createPublishLocalGitAction({ config });
    const ctx = {
      ...context({ repoName: 'card-fraud-scorer' }),
      isDryRun: true,
    };
    await action.handler(ctx);
    expect(fs.readdirSync(gitRoot)).toEqual([]);
    expect(ctx.output).toHaveBeenCalledWith(
      'catalogInfoUrl',
      'http://localhost:7007/local-git/card-fraud-scorer/blob/main/catalog-info.yaml',
    );
  });

  it('says what to configure when the portal has no git server', async () => {
    const action = createPublishLocalGitAction({
      config: mockServices.rootConfig({ data: {} }),
    });
    await expect(action.handler(context({ repoName: 'x' }))).rejects.toThrow(
      'mlops.scaffolder.localGit.baseDir',
    );
    expect(
      localGitReaderFactory({ config: mockServices.rootConfig({ data: {} }) }),
    ).toEqual([]);
  });

  it('refuses a repository name that is not a plain directory name', async () => {
    const action = createPublishLocalGitAction({ config });
    await expect(
      action.handler(context({ repoName: '../escape' })),
    ).rejects.toThrow(/repoName must be/);
  });

  it.each(exampleInputs(publishLocalGitExamples, 'mlops:publish:local-git'))(
    'runs the example: $description',
    async ({ input }) => {
      const action = createPublishLocalGitAction({ config });
      const ctx = context(input);
      await action.handler(ctx);
      const branch = input.defaultBranch ?? 'main';
      const files = execFileSync(
        'git',
        [
          '--git-dir',
          path.join(gitRoot, `${input.repoName}.git`),
          'ls-tree',
          '-r',
          '--name-only',
          branch,
        ],
        { encoding: 'utf8' },
      );
      expect(files).toContain('catalog-info.yaml');
    },
  );
});
