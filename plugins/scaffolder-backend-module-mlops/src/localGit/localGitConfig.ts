import { RootConfigService } from '@backstage/backend-plugin-api';
import path from 'node:path';

/** Where the portal keeps the repositories it publishes itself. @public */
export type LocalGitConfig = {
  /** Absolute directory holding one bare repository per project. */
  baseDir: string;
  /** URL prefix under which the portal's URL reader reads those repositories. */
  baseUrl: string;
};

/**
 * Reads `mlops.scaffolder.localGit`; undefined when the section is absent, so
 * portals with a GitHub or GitLab integration need not configure it.
 * @public
 */
export function readLocalGitConfig(
  config: RootConfigService,
): LocalGitConfig | undefined {
  const section = config.getOptionalConfig('mlops.scaffolder.localGit');
  if (!section) return undefined;
  const baseDir = path.resolve(section.getString('baseDir'));
  const baseUrl = (
    section.getOptionalString('baseUrl') ??
    `${config.getString('backend.baseUrl')}/local-git`
  ).replace(/\/+$/, '');
  try {
    // eslint-disable-next-line no-new
    new URL(baseUrl);
  } catch {
    throw new Error(
      `mlops.scaffolder.localGit.baseUrl must be an absolute URL (got ${JSON.stringify(
        baseUrl,
      )})`,
    );
  }
  return { baseDir, baseUrl };
}
