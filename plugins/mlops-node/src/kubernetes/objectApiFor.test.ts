import { ApiException } from '@kubernetes/client-node';
import {
  demoClusterObjects,
  generateEmulatorCertificates,
  KubernetesEmulator,
} from '@mlops-portal/kubernetes-emulator';
import { KubernetesClusterDetails } from './KubernetesClusterDetails';
import { objectApiFor } from './objectApiFor';

jest.setTimeout(60_000);

const TOKEN = 'object-api-test-token';
const certificates = generateEmulatorCertificates();
// Generous both ways, so that a loaded machine neither times out an answered
// request nor answers a held one: the emulator holds for DELAY_MS.
const TIMEOUT_MS = 1000;
const DELAY_MS = 4000;

const fraudScorer = {
  apiVersion: 'argoproj.io/v1alpha1',
  kind: 'Rollout',
  metadata: { namespace: 'fraud-ml', name: 'fraud-scorer' },
};

function errorOf(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => {
      throw new Error('expected the request to fail');
    },
    error => error,
  );
}

describe('objectApiFor (against the emulator, over HTTPS)', () => {
  let emulator: KubernetesEmulator;
  let cluster: KubernetesClusterDetails;

  beforeEach(async () => {
    emulator = await KubernetesEmulator.start({
      token: TOKEN,
      certificates,
      objects: demoClusterObjects(),
    });
    cluster = {
      name: 'demo-cluster',
      url: emulator.url,
      caData: emulator.caData,
      skipTLSVerify: false,
      serviceAccountToken: TOKEN,
    };
  });

  afterEach(async () => {
    await emulator.stop();
  });

  it('reads an object with the service-account token, trusting the configured CA', async () => {
    const rollout = await objectApiFor(cluster).read(fraudScorer);
    expect(rollout.metadata?.uid).toEqual(expect.any(String));
    expect(rollout.kind).toBe('Rollout');
  });

  it('is refused without the right token', async () => {
    const error = await errorOf(
      objectApiFor({ ...cluster, serviceAccountToken: 'wrong' }).read(
        fraudScorer,
      ),
    );
    expect(error).toBeInstanceOf(ApiException);
    expect((error as ApiException<unknown>).code).toBe(401);
  });

  it('does not trust the API server without its CA', async () => {
    const { caData: _, ...withoutCa } = cluster;
    const error = await errorOf(objectApiFor(withoutCa).read(fraudScorer));
    expect(error).not.toBeInstanceOf(ApiException);
    expect(String(error)).toMatch(/certificate/i);
    expect(
      emulator.requests.filter(r => r.path.includes('fraud-scorer')),
    ).toEqual([]);
  });

  it('abandons a request the API server holds longer than timeoutMs', async () => {
    const api = objectApiFor({ ...cluster, timeoutMs: TIMEOUT_MS });
    emulator.delayNext({
      method: 'GET',
      path: '/apis/argoproj.io/v1alpha1/namespaces/fraud-ml/rollouts/fraud-scorer',
      ms: DELAY_MS,
    });
    const error = await errorOf(api.read(fraudScorer));
    expect((error as Error).name).toMatch(/^(AbortError|TimeoutError)$/);
    // The same client keeps working once the API server answers again.
    await expect(api.read(fraudScorer)).resolves.toMatchObject({
      kind: 'Rollout',
    });
  });

  it('also bounds the API discovery made before the first request', async () => {
    const api = objectApiFor({ ...cluster, timeoutMs: TIMEOUT_MS });
    emulator.delayNext({
      method: 'GET',
      path: '/apis/argoproj.io/v1alpha1',
      ms: DELAY_MS,
    });
    const error = await errorOf(api.read(fraudScorer));
    expect((error as Error).name).toMatch(/^(AbortError|TimeoutError)$/);
  });
});
