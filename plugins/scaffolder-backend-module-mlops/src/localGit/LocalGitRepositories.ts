import { ConflictError, InputError, NotFoundError } from '@backstage/errors';
import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { LocalGitConfig } from './localGitConfig';

const execFileAsync = promisify(execFile);

/** Repository names double as directory names, so they are kept boring. */
const REPO_NAME = /^[a-z0-9]([-a-z0-9._]*[a-z0-9])?$/;
const REF = /^[A-Za-z0-9][A-Za-z0-9._/-]*$/;
const MAX_FILE_BYTES = 10 * 1024 * 1024;

/** A file read from a repository, with the commit it was read at. @public */
export type LocalGitFile = { content: Buffer; commit: string };

/** Where a published repository can be read and cloned. @public */
export type LocalGitPublishResult = {
  commit: string;
  bareRepoPath: string;
  /** Prefix of file URLs the portal's URL reader serves from this repository. */
  repoContentsUrl: string;
};

async function git(
  args: string[],
  options: { cwd?: string; env?: NodeJS.ProcessEnv } = {},
) {
  const { stdout } = await execFileAsync('git', args, {
    cwd: options.cwd,
    env: { ...process.env, GIT_TERMINAL_PROMPT: '0', ...options.env },
    maxBuffer: MAX_FILE_BYTES,
    encoding: 'buffer',
  });
  return stdout as Buffer;
}

/**
 * Bare git repositories on the portal's own disk: the offline publishing
 * target of the golden-path templates. Publishing creates a repository with
 * one commit (never overwrites one); reading returns a file at a ref.
 * @public
 */
export class LocalGitRepositories {
  constructor(private readonly config: LocalGitConfig) {}

  get baseUrl(): string {
    return this.config.baseUrl;
  }

  bareRepoPath(repoName: string): string {
    if (!REPO_NAME.test(repoName) || repoName.length > 100) {
      throw new InputError(
        `repoName must be lowercase letters, digits, '.', '_' and '-', at most 100 characters (got ${JSON.stringify(
          repoName,
        )})`,
      );
    }
    return path.join(this.config.baseDir, `${repoName}.git`);
  }

  contentsUrl(repoName: string, ref: string): string {
    return `${this.config.baseUrl}/${repoName}/blob/${ref}`;
  }

  async exists(repoName: string): Promise<boolean> {
    return fs
      .stat(this.bareRepoPath(repoName))
      .then(() => true)
      .catch(() => false);
  }

  /**
   * Commits every file of `sourceDir` as the first commit of a new bare
   * repository. The repository appears under its final name only once it is
   * complete, so a failed publish leaves nothing behind.
   */
  async publish(options: {
    repoName: string;
    sourceDir: string;
    scratchDir: string;
    defaultBranch: string;
    commitMessage: string;
    author: { name: string; email: string };
  }): Promise<LocalGitPublishResult> {
    const target = this.bareRepoPath(options.repoName);
    if (!REF.test(options.defaultBranch)) {
      throw new InputError(
        `defaultBranch is not a valid branch name: ${options.defaultBranch}`,
      );
    }
    if (await this.exists(options.repoName)) {
      throw new ConflictError(
        `A repository named ${options.repoName} already exists on the portal's git server`,
      );
    }
    await fs.mkdir(this.config.baseDir, { recursive: true });
    const staging = path.join(
      this.config.baseDir,
      `.${options.repoName}.${randomUUID()}.tmp`,
    );
    const gitDir = path.join(options.scratchDir, 'git');
    const env = {
      GIT_AUTHOR_NAME: options.author.name,
      GIT_AUTHOR_EMAIL: options.author.email,
      GIT_COMMITTER_NAME: options.author.name,
      GIT_COMMITTER_EMAIL: options.author.email,
    };
    try {
      // The git directory lives outside the workspace so that later steps
      // (and a dry run's file listing) see exactly the rendered files.
      const tree = ['--git-dir', gitDir, '--work-tree', options.sourceDir];
      await git([
        '--git-dir',
        gitDir,
        'init',
        '--quiet',
        '--initial-branch',
        options.defaultBranch,
      ]);
      await git([...tree, 'add', '--all']);
      await git(
        [
          ...tree,
          '-c',
          'commit.gpgsign=false',
          'commit',
          '--quiet',
          '--no-verify',
          '-m',
          options.commitMessage,
        ],
        { env },
      );
      await git([
        'init',
        '--quiet',
        '--bare',
        '--initial-branch',
        options.defaultBranch,
        staging,
      ]);
      await git([
        '--git-dir',
        gitDir,
        'push',
        '--quiet',
        staging,
        `HEAD:refs/heads/${options.defaultBranch}`,
      ]);
      const commit = (
        await git(['--git-dir', staging, 'rev-parse', options.defaultBranch])
      )
        .toString('utf8')
        .trim();
      await fs.rename(staging, target);
      return {
        commit,
        bareRepoPath: target,
        repoContentsUrl: this.contentsUrl(
          options.repoName,
          options.defaultBranch,
        ),
      };
    } catch (error) {
      await fs.rm(staging, { recursive: true, force: true });
      throw error;
    }
  }

  /** Reads one file at a ref (branch, tag or commit). */
  async readFile(
    repoName: string,
    ref: string,
    filePath: string,
  ): Promise<LocalGitFile> {
    const repo = this.bareRepoPath(repoName);
    const cleanPath = filePath.replace(/^\/+/, '');
    if (
      !REF.test(ref) ||
      ref.includes('..') ||
      cleanPath.split('/').some(part => part === '..' || part === '') ||
      cleanPath.startsWith('-')
    ) {
      throw new InputError(
        `Not a file in a repository: ${repoName}/${ref}/${filePath}`,
      );
    }
    if (!(await this.exists(repoName))) {
      throw new NotFoundError(
        `No repository ${repoName} on the portal's git server`,
      );
    }
    let commit: string;
    try {
      commit = (
        await git([
          '--git-dir',
          repo,
          'rev-parse',
          '--verify',
          '--quiet',
          `${ref}^{commit}`,
        ])
      )
        .toString('utf8')
        .trim();
    } catch {
      throw new NotFoundError(`No ref ${ref} in repository ${repoName}`);
    }
    try {
      const content = await git([
        '--git-dir',
        repo,
        'show',
        `${commit}:${cleanPath}`,
      ]);
      return { content, commit };
    } catch {
      throw new NotFoundError(
        `No file ${cleanPath} at ${ref} in repository ${repoName}`,
      );
    }
  }

  /** Splits `<baseUrl>/<repo>/blob/<ref>/<path>` into its parts. */
  parseFileUrl(
    url: string,
  ): { repoName: string; ref: string; filePath: string } | undefined {
    const prefix = `${this.config.baseUrl}/`;
    if (!url.startsWith(prefix)) return undefined;
    const match = /^([^/]+)\/blob\/([^/]+)\/(.+)$/.exec(
      url.slice(prefix.length).split(/[?#]/)[0],
    );
    if (!match) return undefined;
    return {
      repoName: decodeURIComponent(match[1]),
      ref: decodeURIComponent(match[2]),
      filePath: decodeURIComponent(match[3]),
    };
  }
}
