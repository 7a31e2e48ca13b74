import { validateClusterUrl } from './validateClusterUrl';

const WHERE = 'kubernetes.clusterLocatorMethods[0].clusters[0].url';

describe('validateClusterUrl', () => {
  it.each([
    ['https://k8s.example.com', 'https://k8s.example.com'],
    ['https://k8s.example.com/', 'https://k8s.example.com'],
    ['https://K8S.Example.com:6443/', 'https://k8s.example.com:6443'],
    ['https://k8s.example.com:443', 'https://k8s.example.com'],
    [
      'https://proxy.example.com/k8s/prod/',
      'https://proxy.example.com/k8s/prod',
    ],
    ['https://127.0.0.1:7443', 'https://127.0.0.1:7443'],
    ['https://[::1]:6443', 'https://[::1]:6443'],
    ['https://k8s.example.com/?', 'https://k8s.example.com'],
    ['https://k8s.example.com/#', 'https://k8s.example.com'],
  ])('accepts %s as %s', (url, expected) => {
    expect(validateClusterUrl(url, WHERE)).toBe(expected);
  });

  it.each([
    [
      'http://k8s.example.com',
      'the Kubernetes API server URL must use https, got http',
    ],
    [
      'ftp://k8s.example.com',
      'the Kubernetes API server URL must use https, got ftp',
    ],
    [
      'https://admin:secret@k8s.example.com',
      'must not contain credentials; use serviceAccountToken',
    ],
    [
      'https://token@k8s.example.com',
      'must not contain credentials; use serviceAccountToken',
    ],
    [
      'https://:secret@k8s.example.com',
      'must not contain credentials; use serviceAccountToken',
    ],
    ['https://k8s.example.com/?token=x', 'must not have a query or fragment'],
    ['https://k8s.example.com/#x', 'must not have a query or fragment'],
    ['not a url', '"not a url" is not a URL'],
    ['', '"" is not a URL'],
    ['k8s.example.com:6443', 'must use https, got k8s.example.com'],
  ])('refuses %j, naming the configuration path', (url, message) => {
    expect(() => validateClusterUrl(url, WHERE)).toThrow(`Invalid ${WHERE}: `);
    expect(() => validateClusterUrl(url, WHERE)).toThrow(message);
  });
});
