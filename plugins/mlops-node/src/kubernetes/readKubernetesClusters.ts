import { Config } from '@backstage/config';
import { ConfiguredKubernetesCluster } from './KubernetesClusterDetails';
import {
  isServiceAccountEntry,
  kubernetesClusterEntries,
  readKubernetesClusterEntry,
} from './kubernetesClusterEntries';

/**
 * Every cluster the portal acts on, keyed by name: the clusters of
 * `kubernetes.clusterLocatorMethods` entries of type `config` whose
 * `authProvider` is `serviceAccount` (the default). Reads and validates all
 * of them at once, for a plugin that reads them at start-up: an invalid
 * cluster or a name used twice throws an error naming the configuration
 * path, which stops the backend before anyone relies on it.
 *
 * @public
 */
export function readKubernetesClusters(
  config: Config,
): Map<string, ConfiguredKubernetesCluster> {
  const clusters = new Map<string, ConfiguredKubernetesCluster>();
  for (const entry of kubernetesClusterEntries(config).filter(
    isServiceAccountEntry,
  )) {
    const cluster = readKubernetesClusterEntry(entry);
    if (clusters.has(cluster.name)) {
      throw new Error(
        `Invalid ${entry.path}.name: cluster "${cluster.name}" is configured twice`,
      );
    }
    clusters.set(cluster.name, cluster);
  }
  return clusters;
}
