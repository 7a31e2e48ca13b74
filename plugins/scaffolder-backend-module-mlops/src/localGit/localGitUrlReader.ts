import {
  UrlReaderService,
  UrlReaderServiceReadTreeResponse,
  UrlReaderServiceReadUrlOptions,
  UrlReaderServiceReadUrlResponse,
  UrlReaderServiceSearchOptions,
  UrlReaderServiceSearchResponse,
  RootConfigService,
} from '@backstage/backend-plugin-api';
import { NotModifiedError } from '@backstage/errors';
import { Readable } from 'node:stream';
import { readLocalGitConfig } from './localGitConfig';
import { LocalGitRepositories } from './LocalGitRepositories';

/**
 * Lets the catalog (and any plugin's URL reader) read files of the
 * repositories the portal publishes itself, by URL:
 * `<baseUrl>/<repo>/blob/<ref>/<path>`. The files are read from the bare
 * repositories on disk, so no HTTP endpoint (and no credential) is involved.
 * @public
 */
export class LocalGitUrlReader implements UrlReaderService {
  constructor(private readonly repositories: LocalGitRepositories) {}

  predicate = (url: URL): boolean =>
    url.toString().startsWith(`${this.repositories.baseUrl}/`);

  async readUrl(
    url: string,
    options?: UrlReaderServiceReadUrlOptions,
  ): Promise<UrlReaderServiceReadUrlResponse> {
    const parts = this.repositories.parseFileUrl(url);
    if (!parts) {
      throw new Error(`${url} is not a file URL of the portal's git server`);
    }
    const file = await this.repositories.readFile(
      parts.repoName,
      parts.ref,
      parts.filePath,
    );
    // Contents at a commit never change, so the commit is a sufficient etag.
    const etag = `${file.commit}:${parts.filePath}`;
    if (options?.etag === etag) {
      throw new NotModifiedError();
    }
    return {
      buffer: async () => file.content,
      stream: () => Readable.from(file.content),
      etag,
    };
  }

  async readTree(): Promise<UrlReaderServiceReadTreeResponse> {
    throw new Error(
      "Reading trees from the portal's git server is not supported",
    );
  }

  /**
   * The catalog reads locations through search; a URL without a glob is a
   * search for exactly that file.
   */
  async search(
    url: string,
    options?: UrlReaderServiceSearchOptions,
  ): Promise<UrlReaderServiceSearchResponse> {
    if (/[*?[\]{}]/.test(new URL(url).pathname)) {
      throw new Error(
        `Glob patterns are not supported by the portal's git server (got ${url}); name the file`,
      );
    }
    const response = await this.readUrl(url, { etag: options?.etag });
    return {
      etag: response.etag!,
      files: [{ url, content: response.buffer }],
    };
  }

  toString(): string {
    return `mlops-local-git{baseUrl=${this.repositories.baseUrl}}`;
  }
}

/**
 * The reader for `urlReaderFactoriesServiceRef` of `@backstage/backend-defaults`
 * (a reader factory): none when `mlops.scaffolder.localGit` is not configured.
 * @public
 */
export function localGitReaderFactory(options: { config: RootConfigService }) {
  const config = readLocalGitConfig(options.config);
  if (!config) return [];
  const reader = new LocalGitUrlReader(new LocalGitRepositories(config));
  return [{ predicate: reader.predicate, reader }];
}
