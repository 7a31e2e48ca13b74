import { kubeConfigFor } from './kubeConfigFor';

describe('kubeConfigFor', () => {
  it('holds the one cluster as current context, with the service-account token', () => {
    const kubeConfig = kubeConfigFor({
      name: 'prod',
      url: 'https://k8s.example.com:6443',
      caData: 'Q0E=',
      skipTLSVerify: false,
      serviceAccountToken: 'secret-token',
    });
    expect(kubeConfig.getCurrentContext()).toBe('prod');
    expect(kubeConfig.getCurrentCluster()).toEqual({
      name: 'prod',
      server: 'https://k8s.example.com:6443',
      caData: 'Q0E=',
      skipTLSVerify: false,
    });
    expect(kubeConfig.getClusters()).toHaveLength(1);
    expect(kubeConfig.getCurrentUser()).toEqual({
      name: 'mlops-portal',
      token: 'secret-token',
    });
  });

  it('passes a CA file and skipTLSVerify through, and sends no token when none is configured', () => {
    const kubeConfig = kubeConfigFor({
      name: 'lab',
      url: 'https://lab.example.com',
      caFile: '/etc/lab/ca.crt',
      skipTLSVerify: true,
    });
    expect(kubeConfig.getCurrentCluster()).toEqual({
      name: 'lab',
      server: 'https://lab.example.com',
      caFile: '/etc/lab/ca.crt',
      skipTLSVerify: true,
    });
    expect(kubeConfig.getCurrentUser()).toEqual({ name: 'mlops-portal' });
  });
});
