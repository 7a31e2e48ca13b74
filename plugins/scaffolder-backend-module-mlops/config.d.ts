export interface Config {
  mlops?: {
    scaffolder?: {
      /**
       * The portal's own git server: where the templates publish when no
       * GitHub or GitLab integration is used (offline demo portals).
       */
      localGit?: {
        /**
         * Directory of the bare repositories, absolute or relative to the
         * backend's working directory.
         */
        baseDir: string;
        /**
         * URL prefix the portal's URL reader answers for these repositories
         * (`<baseUrl>/<repo>/blob/<branch>/<path>`). Default:
         * `${backend.baseUrl}/local-git`.
         */
        baseUrl?: string;
      };
    };
  };
}
