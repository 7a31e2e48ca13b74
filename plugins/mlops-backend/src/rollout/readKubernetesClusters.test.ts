import { ConfigReader } from '@backstage/config';
import {
  readKubernetesClusters,
  validateClusterUrl,
} from './readKubernetesClusters';

function config(clusters: object[], type = 'config') {
  return new ConfigReader({
    kubernetes: { clusterLocatorMethods: [{ type, clusters }] },
  });
}

describe('readKubernetesClusters', () => {
  it('reads service-account clusters of config locators', () => {
    const clusters = readKubernetesClusters(
      config([
        {
          name: 'prod',
          url: 'https://k8s.example.com:6443/',
          caData: 'Q0E=',
          serviceAccountToken: 't',
        },
        {
          name: 'oidc',
          url: 'https://other.example.com',
          authProvider: 'oidc',
        },
      ]),
    );
    expect([...clusters.values()]).toEqual([
      {
        name: 'prod',
        url: 'https://k8s.example.com:6443',
        caData: 'Q0E=',
        skipTLSVerify: false,
        serviceAccountToken: 't',
      },
    ]);
  });

  it('ignores other locator types and a missing section', () => {
    expect(
      readKubernetesClusters(
        config([{ name: 'x', url: 'http://x' }], 'catalog'),
      ).size,
    ).toBe(0);
    expect(readKubernetesClusters(new ConfigReader({})).size).toBe(0);
  });

  it.each([
    ['http://k8s.example.com', 'must use https, got http'],
    ['https://admin:secret@k8s.example.com', 'must not contain credentials'],
    ['https://k8s.example.com/?token=x', 'must not have a query or fragment'],
    ['not a url', 'is not a URL'],
  ])('refuses %s', (url, message) => {
    expect(() =>
      readKubernetesClusters(config([{ name: 'bad', url }])),
    ).toThrow(`Invalid kubernetes.clusterLocatorMethods[0].clusters[0].url: `);
    expect(() => validateClusterUrl(url, 'x')).toThrow(message);
  });

  it('refuses a cluster name used twice', () => {
    expect(() =>
      readKubernetesClusters(
        config([
          { name: 'a', url: 'https://a' },
          { name: 'a', url: 'https://b' },
        ]),
      ),
    ).toThrow('cluster "a" is configured twice');
  });
});
