export interface Config {
  /**
   * The configuration of Backstage's Kubernetes plugin, which ModelOps Portal
   * reads so that a portal declares its clusters once. Only the keys the
   * portal reads are declared here, all optional and the secrets secret as
   * in the Kubernetes plugin, so this merges with that plugin's declaration
   * when it is installed (also under `config:check --strict`, which is why
   * the locators are a union like the plugin's), and still types the keys
   * and keeps the secrets secret when it is not.
   */
  kubernetes?: {
    clusterLocatorMethods?: Array<
      | {
          /** ModelOps Portal reads the clusters of locators of type `config`. */
          type: 'config';
          clusters?: Array<{
            /** Name that entities use in `spec.deployment.kubernetes.cluster`. */
            name?: string;
            /** The API server; ModelOps Portal refuses anything but `https:` without credentials, query or fragment. */
            url?: string;
            /** ModelOps Portal acts only on clusters of `serviceAccount`, the default. */
            authProvider?: string;
            /**
             * Bearer token of the service account ModelOps Portal acts as.
             * @visibility secret
             */
            serviceAccountToken?: string;
            /**
             * Base64 PEM of the CA that signs the API server's certificate.
             * @visibility secret
             */
            caData?: string;
            /**
             * Path of a PEM file with that CA.
             * @visibility secret
             */
            caFile?: string;
            skipTLSVerify?: boolean;
            /**
             * Read by ModelOps Portal only (Backstage's Kubernetes plugin ignores
             * it): how long one request to this cluster's API server may take
             * before it is abandoned, in milliseconds, from 1 to 2147483647.
             * Default 10000. The canary panel answers the user with a timeout
             * error, a template's deploy step fails and undoes what it created.
             */
            timeoutMs?: number;
          }>;
        }
      | {
          /** Other locator types (catalog, gke, …) are the Kubernetes plugin's. */
          type: string;
          /**
           * Declared so that an entry with clusters must match the `config`
           * branch above and have them checked, rather than slip through
           * this one.
           */
          clusters?: null;
        }
    >;
  };
}
