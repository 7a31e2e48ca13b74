import { ConfigReader } from '@backstage/config';
import { InputError } from '@backstage/errors';
import { DEFAULT_KUBERNETES_TIMEOUT_MS } from './KubernetesClusterDetails';
import { KubernetesClusters } from './KubernetesClusters';

function clusters(...methods: object[]) {
  return new KubernetesClusters(
    new ConfigReader({ kubernetes: { clusterLocatorMethods: methods } }),
  );
}

function thrown(fn: () => unknown): Error {
  try {
    fn();
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected an error');
}

const demo = {
  type: 'config',
  clusters: [
    {
      name: 'demo-cluster',
      url: 'https://127.0.0.1:7443/',
      authProvider: 'serviceAccount',
      serviceAccountToken: 'token',
      caFile: '.data/ca.crt',
    },
    { name: 'staging', url: 'https://staging.example.com', timeoutMs: 3000 },
    {
      name: 'oidc-only',
      url: 'https://oidc.example.com',
      authProvider: 'oidc',
    },
    { name: 'broken', url: 'http://broken.example.com' },
  ],
};

describe('KubernetesClusters', () => {
  it('gets one validated cluster, the timeout defaulted', () => {
    const all = clusters({ type: 'catalog' }, demo);
    expect(all.get('demo-cluster')).toEqual({
      name: 'demo-cluster',
      url: 'https://127.0.0.1:7443',
      caFile: '.data/ca.crt',
      skipTLSVerify: false,
      serviceAccountToken: 'token',
      timeoutMs: DEFAULT_KUBERNETES_TIMEOUT_MS,
    });
    expect(all.get('staging').timeoutMs).toBe(3000);
  });

  it('lists the service-account clusters of config locators', () => {
    expect(
      clusters({ type: 'gke', projectId: 'p' }, demo, {
        type: 'custom',
        clusters: [{ name: 'elsewhere', url: 'https://e' }],
      }).names(),
    ).toEqual(['demo-cluster', 'staging', 'broken']);
  });

  it('refuses an unknown cluster with an InputError naming the configured ones', () => {
    const error = thrown(() => clusters(demo).get('prod-eu'));
    expect(error).toBeInstanceOf(InputError);
    expect(error.message).toBe(
      'Cluster "prod-eu" is not configured in kubernetes.clusterLocatorMethods (type config, authProvider serviceAccount); configured: demo-cluster, staging, broken',
    );
  });

  it('says when no cluster is configured at all', () => {
    for (const all of [
      new KubernetesClusters(new ConfigReader({})),
      clusters({ type: 'catalog' }),
    ]) {
      expect(() => all.get('demo-cluster')).toThrow(
        'Cluster "demo-cluster" is not configured in kubernetes.clusterLocatorMethods (type config, authProvider serviceAccount); no cluster is configured',
      );
    }
  });

  it('does not hand out a cluster of another auth provider, and says why', () => {
    const error = thrown(() => clusters(demo).get('oidc-only'));
    expect(error).toBeInstanceOf(InputError);
    expect(error.message).toBe(
      'Cluster "oidc-only" is configured at kubernetes.clusterLocatorMethods[0].clusters[2] with authProvider oidc; the portal acts only on clusters of kubernetes.clusterLocatorMethods (type config, authProvider serviceAccount)',
    );
  });

  it('does not hand out a cluster of another locator type', () => {
    expect(() =>
      clusters({
        type: 'custom',
        clusters: [{ name: 'elsewhere', url: 'https://e' }],
      }).get('elsewhere'),
    ).toThrow('Cluster "elsewhere" is not configured');
  });

  it('refuses an invalid cluster with an InputError naming the path, and only when it is asked for', () => {
    const all = clusters(demo);
    const error = thrown(() => all.get('broken'));
    expect(error).toBeInstanceOf(InputError);
    expect(error.message).toBe(
      'Invalid kubernetes.clusterLocatorMethods[0].clusters[3].url: the Kubernetes API server URL must use https, got http',
    );
    expect(all.get('staging').url).toBe('https://staging.example.com');
  });

  it.each([
    [
      { timeoutMs: 0 },
      'Invalid kubernetes.clusterLocatorMethods[0].clusters[0].timeoutMs: must be a positive number of milliseconds',
    ],
    [
      { timeoutMs: 'soon' },
      "kubernetes.clusterLocatorMethods[0].clusters[0].timeoutMs'",
    ],
    [
      { url: undefined },
      "kubernetes.clusterLocatorMethods[0].clusters[0].url'",
    ],
    [{ url: 'https://user:pw@a' }, 'must not contain credentials'],
  ])(
    'turns the configuration error of %j into an InputError',
    (override, message) => {
      const error = thrown(() =>
        clusters({
          type: 'config',
          clusters: [{ name: 'a', url: 'https://a', ...override }],
        }).get('a'),
      );
      expect(error).toBeInstanceOf(InputError);
      expect(error.message).toContain(message);
    },
  );

  it('refuses a cluster name configured twice, naming both places', () => {
    expect(() =>
      clusters(demo, {
        type: 'config',
        clusters: [{ name: 'staging', url: 'https://other.example.com' }],
      }).get('staging'),
    ).toThrow(
      'Invalid kubernetes.clusterLocatorMethods[1].clusters[0].name: cluster "staging" is configured twice (first at kubernetes.clusterLocatorMethods[0].clusters[1])',
    );
  });
});
