import {
  resolveSafeChildPath,
  RootConfigService,
} from '@backstage/backend-plugin-api';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { InputError } from '@backstage/errors';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import { readLocalGitConfig } from '../localGit/localGitConfig';
import { LocalGitRepositories } from '../localGit/LocalGitRepositories';
import { publishLocalGitExamples } from './publishLocalGit.examples';

/** Action id of {@link createPublishLocalGitAction}. @public */
export const PUBLISH_LOCAL_GIT_ACTION_ID = 'mlops:publish:local-git';

/**
 * Publishes the workspace as a new bare git repository on the portal's own
 * machine (`mlops.scaffolder.localGit.baseDir`): the offline counterpart of
 * `publish:github` / `publish:gitlab`. The outputs point at URLs the portal's
 * URL reader resolves, so `catalog:register` can read the catalog file.
 * @public
 */
export function createPublishLocalGitAction(options: {
  config: RootConfigService;
}) {
  const localGit = readLocalGitConfig(options.config);
  const repositories = localGit
    ? new LocalGitRepositories(localGit)
    : undefined;
  return createTemplateAction({
    id: PUBLISH_LOCAL_GIT_ACTION_ID,
    description:
      "Publishes the workspace to a new git repository on the portal's own machine and outputs the URLs catalog:register reads.",
    examples: publishLocalGitExamples,
    supportsDryRun: true,
    schema: {
      input: {
        repoName: z =>
          z
            .string()
            .regex(
              /^[a-z0-9]([-a-z0-9._]*[a-z0-9])?$/,
              'must be lowercase letters, digits, ".", "_" and "-"',
            )
            .max(100)
            .describe('Name of the repository to create'),
        description: z =>
          z
            .string()
            .optional()
            .describe(
              'Repository description (first line of the commit message)',
            ),
        defaultBranch: z =>
          z.string().default('main').describe('Branch of the first commit'),
        sourcePath: z =>
          z
            .string()
            .optional()
            .describe(
              'Subdirectory of the workspace to publish (default: all of it)',
            ),
        catalogInfoPath: z =>
          z
            .string()
            .default('catalog-info.yaml')
            .describe('Path of the catalog file inside the repository'),
      },
      output: {
        remoteUrl: z =>
          z.string().describe('Prefix of file URLs in the repository'),
        repoContentsUrl: z =>
          z
            .string()
            .describe('URL of the repository contents at the default branch'),
        catalogInfoUrl: z =>
          z.string().describe('URL of the catalog file, for catalog:register'),
        cloneUrl: z =>
          z
            .string()
            .describe(
              'Path to clone the repository from, on the portal machine',
            ),
        commitHash: z => z.string().describe('The first commit'),
      },
    },
    async handler(ctx) {
      if (!repositories) {
        throw new InputError(
          "Publishing to the portal's git server is not configured (mlops.scaffolder.localGit.baseDir); choose GitHub or GitLab instead",
        );
      }
      const { repoName } = ctx.input;
      const defaultBranch = ctx.input.defaultBranch ?? 'main';
      const catalogInfoPath = (
        ctx.input.catalogInfoPath ?? 'catalog-info.yaml'
      ).replace(/^\/+/, '');
      const repoContentsUrl = repositories.contentsUrl(repoName, defaultBranch);
      const cloneUrl = repositories.bareRepoPath(repoName);
      const outputs = (commitHash: string) => {
        ctx.output('remoteUrl', `${repositories.baseUrl}/${repoName}`);
        ctx.output('repoContentsUrl', repoContentsUrl);
        ctx.output('catalogInfoUrl', `${repoContentsUrl}/${catalogInfoPath}`);
        ctx.output('cloneUrl', cloneUrl);
        ctx.output('commitHash', commitHash);
      };

      if (ctx.isDryRun) {
        ctx.logger.info(`Dry run: would publish the workspace to ${cloneUrl}`);
        outputs('0000000000000000000000000000000000000000');
        return;
      }

      const author = await ctx.checkpoint({
        key: `mlops.publish.local-git.author.${repoName}`,
        fn: async () => {
          const user = ctx.user?.entity;
          return {
            name:
              user?.spec?.profile?.displayName ??
              user?.metadata.name ??
              'Scaffolder',
            email:
              user?.spec?.profile?.email ??
              `${
                user
                  ? stringifyEntityRef(user).replace(/[:/]/g, '.')
                  : 'scaffolder'
              }@users.noreply.local`,
          };
        },
      });

      const published = await ctx.checkpoint({
        key: `mlops.publish.local-git.${repoName}`,
        fn: async () => {
          const result = await repositories.publish({
            repoName,
            sourceDir: ctx.input.sourcePath
              ? resolveSafeChildPath(ctx.workspacePath, ctx.input.sourcePath)
              : ctx.workspacePath,
            scratchDir: await ctx.createTemporaryDirectory(),
            defaultBranch,
            commitMessage: ctx.input.description
              ? `Initial commit: ${ctx.input.description}`
              : 'Initial commit',
            author,
          });
          return { commitHash: result.commit };
        },
      });
      ctx.logger.info(
        `Published ${repoName} (${published.commitHash}) to ${cloneUrl}`,
      );
      outputs(published.commitHash);
    },
  });
}
