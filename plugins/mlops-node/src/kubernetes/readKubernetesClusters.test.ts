import { ConfigReader } from '@backstage/config';
import { DEFAULT_KUBERNETES_TIMEOUT_MS } from './KubernetesClusterDetails';
import { readKubernetesClusters } from './readKubernetesClusters';

function config(...methods: object[]) {
  return new ConfigReader({ kubernetes: { clusterLocatorMethods: methods } });
}

function configLocator(...clusters: object[]) {
  return { type: 'config', clusters };
}

describe('readKubernetesClusters', () => {
  it('reads the service-account clusters of config locators, by name', () => {
    const clusters = readKubernetesClusters(
      config(
        configLocator(
          {
            name: 'prod',
            url: 'https://k8s.example.com:6443/',
            authProvider: 'serviceAccount',
            caData: 'Q0E=',
            serviceAccountToken: 't',
            timeoutMs: 2500,
          },
          { name: 'staging', url: 'https://staging.example.com' },
        ),
        configLocator({
          name: 'lab',
          url: 'https://lab.example.com',
          caFile: '/etc/lab/ca.crt',
          skipTLSVerify: true,
        }),
      ),
    );
    expect([...clusters.keys()]).toEqual(['prod', 'staging', 'lab']);
    expect(clusters.get('prod')).toEqual({
      name: 'prod',
      url: 'https://k8s.example.com:6443',
      caData: 'Q0E=',
      skipTLSVerify: false,
      serviceAccountToken: 't',
      timeoutMs: 2500,
    });
    // authProvider defaults to serviceAccount, as in the Kubernetes plugin.
    expect(clusters.get('staging')).toEqual({
      name: 'staging',
      url: 'https://staging.example.com',
      skipTLSVerify: false,
      timeoutMs: DEFAULT_KUBERNETES_TIMEOUT_MS,
    });
    expect(clusters.get('lab')).toEqual({
      name: 'lab',
      url: 'https://lab.example.com',
      caFile: '/etc/lab/ca.crt',
      skipTLSVerify: true,
      timeoutMs: DEFAULT_KUBERNETES_TIMEOUT_MS,
    });
  });

  it('reads a timeout given as a string, as environment substitution gives it', () => {
    const clusters = readKubernetesClusters(
      config(configLocator({ name: 'a', url: 'https://a', timeoutMs: '1500' })),
    );
    expect(clusters.get('a')?.timeoutMs).toBe(1500);
  });

  it('ignores locators of other types, even with clusters that would be invalid here', () => {
    const clusters = readKubernetesClusters(
      config(
        { type: 'catalog' },
        { type: 'localKubectlProxy' },
        { type: 'gke', projectId: 'p', region: 'europe-west1' },
        {
          type: 'custom',
          clusters: [{ name: 'x', url: 'http://x', timeoutMs: -1 }],
        },
        configLocator({ name: 'kept', url: 'https://kept' }),
      ),
    );
    expect([...clusters.keys()]).toEqual(['kept']);
  });

  it('ignores clusters of other auth providers, even when they would be invalid here', () => {
    const clusters = readKubernetesClusters(
      config(
        configLocator(
          {
            name: 'oidc',
            url: 'http://oidc.example.com',
            authProvider: 'oidc',
          },
          { name: 'eks', url: 'https://eks', authProvider: 'aws' },
          { name: 'gke', url: 'https://gke', authProvider: 'google' },
          { name: 'kept', url: 'https://kept' },
          { name: 'eks', url: 'https://eks-sa', timeoutMs: 100 },
        ),
      ),
    );
    expect([...clusters.keys()]).toEqual(['kept', 'eks']);
    expect(clusters.get('eks')?.url).toBe('https://eks-sa');
  });

  it('reads nothing from a configuration without clusters', () => {
    expect(readKubernetesClusters(new ConfigReader({})).size).toBe(0);
    expect(
      readKubernetesClusters(new ConfigReader({ kubernetes: {} })).size,
    ).toBe(0);
    expect(readKubernetesClusters(config({ type: 'config' })).size).toBe(0);
  });

  it.each([
    ['http://k8s.example.com', 'must use https, got http'],
    ['https://admin:secret@k8s.example.com', 'must not contain credentials'],
    ['https://k8s.example.com/?token=x', 'must not have a query or fragment'],
    ['not a url', '"not a url" is not a URL'],
  ])('refuses the URL %s naming its path', (url, message) => {
    const read = () =>
      readKubernetesClusters(
        config(
          { type: 'catalog' },
          configLocator(
            { name: 'good', url: 'https://good' },
            { name: 'bad', url },
          ),
        ),
      );
    expect(read).toThrow(
      `Invalid kubernetes.clusterLocatorMethods[1].clusters[1].url: `,
    );
    expect(read).toThrow(message);
  });

  it.each([0, -5, 2_147_483_648, Infinity, Number.NaN])(
    'refuses timeoutMs %p naming its path',
    timeoutMs => {
      expect(() =>
        readKubernetesClusters(
          config(configLocator({ name: 'a', url: 'https://a', timeoutMs })),
        ),
      ).toThrow(
        `Invalid kubernetes.clusterLocatorMethods[0].clusters[0].timeoutMs: must be a positive number of milliseconds, at most 2147483647, got ${timeoutMs}`,
      );
    },
  );

  it('refuses a timeoutMs that is not a number, naming its path', () => {
    expect(() =>
      readKubernetesClusters(
        config(
          configLocator({ name: 'a', url: 'https://a', timeoutMs: 'soon' }),
        ),
      ),
    ).toThrow("kubernetes.clusterLocatorMethods[0].clusters[0].timeoutMs'");
  });

  it.each([
    [
      { url: 'https://a' },
      "kubernetes.clusterLocatorMethods[0].clusters[0].name'",
    ],
    [{ name: 'a' }, "kubernetes.clusterLocatorMethods[0].clusters[0].url'"],
    [
      { name: 'a', url: 'https://a', skipTLSVerify: 'maybe' },
      "kubernetes.clusterLocatorMethods[0].clusters[0].skipTLSVerify'",
    ],
    [
      { name: 'a', url: 'https://a', serviceAccountToken: 42 },
      "kubernetes.clusterLocatorMethods[0].clusters[0].serviceAccountToken'",
    ],
  ])(
    'refuses the incomplete or mistyped cluster %j naming the path',
    (cluster, path) => {
      expect(() =>
        readKubernetesClusters(config(configLocator(cluster))),
      ).toThrow(path);
    },
  );

  it('refuses a locator without a type, naming its path', () => {
    expect(() =>
      readKubernetesClusters(config({ clusters: [] }, { type: 'catalog' })),
    ).toThrow("kubernetes.clusterLocatorMethods[0].type'");
  });

  it('refuses a cluster name used twice, also across locators', () => {
    expect(() =>
      readKubernetesClusters(
        config(
          configLocator({ name: 'a', url: 'https://a' }),
          configLocator({ name: 'a', url: 'https://b' }),
        ),
      ),
    ).toThrow(
      'Invalid kubernetes.clusterLocatorMethods[1].clusters[0].name: cluster "a" is configured twice',
    );
  });
});
