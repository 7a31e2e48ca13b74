import { createServiceFactory } from '@backstage/backend-plugin-api';
import { urlReaderFactoriesServiceRef } from '@backstage/backend-defaults/urlReader';
import { localGitReaderFactory } from '@mlops-portal/scaffolder-backend-module-mlops';

/**
 * Lets the catalog read the repositories the golden-path templates publish
 * to the portal's own git server (mlops.scaffolder.localGit), so that a
 * scaffolded model is registered without GitHub or GitLab.
 */
export default createServiceFactory({
  service: urlReaderFactoriesServiceRef,
  deps: {},
  async factory() {
    return localGitReaderFactory;
  },
});
