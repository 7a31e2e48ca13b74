import { Config } from '@backstage/config';
import { InputError } from '@backstage/errors';
import { ConfiguredKubernetesCluster } from './KubernetesClusterDetails';
import {
  isServiceAccountEntry,
  kubernetesClusterEntries,
  readKubernetesClusterEntry,
  SERVICE_ACCOUNT_CLUSTERS,
} from './kubernetesClusterEntries';

/**
 * The clusters the portal acts on (as {@link readKubernetesClusters}), read
 * from configuration each time one is asked for, for work that a user
 * starts (a template's deploy step): configuration changes apply without a
 * restart, and a bad cluster fails only the work that asked for it, with an
 * `InputError` naming the configuration path, instead of stopping the
 * backend.
 *
 * @public
 */
export class KubernetesClusters {
  readonly #config: Config;

  constructor(config: Config) {
    this.#config = config;
  }

  /** The names of the configured service-account clusters, in configuration order. */
  names(): string[] {
    return kubernetesClusterEntries(this.#config)
      .filter(isServiceAccountEntry)
      .map(entry => entry.config.getString('name'));
  }

  /**
   * The cluster, validated. Throws an `InputError` when it is not
   * configured (naming the clusters that are), when it is configured with
   * another auth provider or twice, or when its configuration is invalid.
   */
  get(name: string): ConfiguredKubernetesCluster {
    try {
      return this.#get(name);
    } catch (error) {
      if (error instanceof InputError) throw error;
      throw new InputError(
        error instanceof Error ? error.message : String(error),
      );
    }
  }

  #get(name: string): ConfiguredKubernetesCluster {
    const entries = kubernetesClusterEntries(this.#config).filter(
      entry => entry.config.getOptionalString('name') === name,
    );
    const usable = entries.filter(isServiceAccountEntry);
    if (usable.length > 1) {
      throw new InputError(
        `Invalid ${usable[1].path}.name: cluster "${name}" is configured twice (first at ${usable[0].path})`,
      );
    }
    if (usable.length === 1) return readKubernetesClusterEntry(usable[0]);
    if (entries.length > 0) {
      throw new InputError(
        `Cluster "${name}" is configured at ${entries[0].path} with authProvider ${entries[0].authProvider}; the portal acts only on clusters of ${SERVICE_ACCOUNT_CLUSTERS}`,
      );
    }
    const names = this.names();
    throw new InputError(
      `Cluster "${name}" is not configured in ${SERVICE_ACCOUNT_CLUSTERS}; ${
        names.length > 0
          ? `configured: ${names.join(', ')}`
          : 'no cluster is configured'
      }`,
    );
  }
}
