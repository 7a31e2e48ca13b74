import {
  ApiException,
  CustomObjectsApi,
  KubeConfig,
  PatchStrategy,
  setHeaderOptions,
} from '@kubernetes/client-node';
import { request } from 'node:https';
import { generateEmulatorCertificates } from './certificates';
import { demoClusterObjects } from './demoClusterObjects';
import { KubernetesEmulator } from './KubernetesEmulator';

jest.setTimeout(30_000);

const TOKEN = 'emulator-faults-test-token';
const certificates = generateEmulatorCertificates();
const STATUS_PATH =
  '/apis/argoproj.io/v1alpha1/namespaces/fraud-ml/rollouts/fraud-scorer/status';
const rolloutRef = {
  group: 'argoproj.io',
  version: 'v1alpha1',
  namespace: 'fraud-ml',
  plural: 'rollouts',
  name: 'fraud-scorer',
};
const mergePatch = setHeaderOptions('Content-Type', PatchStrategy.MergePatch);

async function failure(promise: Promise<unknown>) {
  const error = await promise.then(
    () => undefined,
    e => e,
  );
  expect(error).toBeInstanceOf(ApiException);
  const { code, body } = error as ApiException<string>;
  return { code, status: typeof body === 'string' ? JSON.parse(body) : body };
}

/** A PATCH on the wire that the client gives up on after `abortAfterMs`. */
function abandonedPatch(emulator: KubernetesEmulator, abortAfterMs: number) {
  return new Promise<string>(resolve => {
    const req = request(
      `${emulator.url}${STATUS_PATH}`,
      {
        method: 'PATCH',
        ca: emulator.caCert,
        headers: {
          authorization: `Bearer ${TOKEN}`,
          'content-type': 'application/merge-patch+json',
        },
      },
      () => resolve('answered'),
    );
    req.on('error', error => resolve(error.message));
    setTimeout(() => req.destroy(new Error('client gave up')), abortAfterMs);
    req.end(JSON.stringify({ status: { pauseConditions: null } }));
  });
}

describe('KubernetesEmulator fault injection', () => {
  let emulator: KubernetesEmulator;
  let api: CustomObjectsApi;

  beforeEach(async () => {
    emulator = await KubernetesEmulator.start({
      token: TOKEN,
      certificates,
      objects: demoClusterObjects(),
    });
    emulator.simulation.settle();
    const kubeConfig = new KubeConfig();
    kubeConfig.loadFromOptions({
      clusters: [{ name: 'e', server: emulator.url, caData: emulator.caData }],
      users: [{ name: 'u', token: TOKEN }],
      contexts: [{ name: 'e', cluster: 'e', user: 'u' }],
      currentContext: 'e',
    });
    api = kubeConfig.makeApiClient(CustomObjectsApi);
  });

  afterEach(async () => {
    await emulator.stop();
  });

  it('answers the next matching request with a Forbidden Status in the API server wording, and changes nothing', async () => {
    const before = await api.getNamespacedCustomObject(rolloutRef);
    emulator.failNext({ method: 'PATCH', path: STATUS_PATH, status: 403 });
    const { code, status } = await failure(
      api.patchNamespacedCustomObjectStatus(
        { ...rolloutRef, body: { status: { pauseConditions: null } } },
        mergePatch,
      ),
    );
    expect(code).toBe(403);
    expect(status).toEqual({
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Failure',
      reason: 'Forbidden',
      code: 403,
      message:
        'rollouts.argoproj.io "fraud-scorer" is forbidden: User "system:serviceaccount:backstage:mlops-portal" cannot patch resource "rollouts/status" in API group "argoproj.io" in the namespace "fraud-ml"',
      details: { name: 'fraud-scorer', group: 'argoproj.io', kind: 'rollouts' },
    });
    const after = await api.getNamespacedCustomObject(rolloutRef);
    expect(after).toEqual(before);
    expect(emulator.pendingFaults).toBe(0);

    // Used up: the same request now goes through.
    await api.patchNamespacedCustomObjectStatus(
      { ...rolloutRef, body: { status: { pauseConditions: null } } },
      mergePatch,
    );
  });

  it('answers with an InternalError Status and only for the method and path it was armed for', async () => {
    emulator.failNext({
      method: 'PATCH',
      path: /\/rollouts\/fraud-scorer$/,
      status: 500,
      message: 'etcdserver: leader changed',
      times: 2,
    });
    // A GET and a /status PATCH do not match.
    await api.getNamespacedCustomObject(rolloutRef);
    await api.patchNamespacedCustomObjectStatus(
      { ...rolloutRef, body: { metadata: { labels: { a: 'b' } } } },
      mergePatch,
    );
    for (let i = 0; i < 2; i++) {
      const { code, status } = await failure(
        api.patchNamespacedCustomObject(
          { ...rolloutRef, body: { spec: { paused: true } } },
          mergePatch,
        ),
      );
      expect(code).toBe(500);
      expect(status).toMatchObject({
        reason: 'InternalError',
        message: 'Internal error occurred: etcdserver: leader changed',
        details: { causes: [{ message: 'etcdserver: leader changed' }] },
      });
    }
    expect(
      (await api.getNamespacedCustomObject(rolloutRef)).spec.paused,
    ).toBeUndefined();
    await api.patchNamespacedCustomObject(
      { ...rolloutRef, body: { spec: { paused: true } } },
      mergePatch,
    );
    emulator.failNext({ status: 500 });
    emulator.clearFaults();
    await api.getNamespacedCustomObject(rolloutRef);
  });

  it('lets `skip` matching requests through before it answers', async () => {
    emulator.failNext({ method: 'GET', status: 500, skip: 1 });
    await api.getNamespacedCustomObject(rolloutRef);
    expect(
      (await failure(api.getNamespacedCustomObject(rolloutRef))).code,
    ).toBe(500);
    await api.getNamespacedCustomObject(rolloutRef);
  });

  it('serves a delayed request after the delay when the client waits', async () => {
    emulator.delayNext({ method: 'PATCH', path: STATUS_PATH, ms: 50 });
    const patched = await api.patchNamespacedCustomObjectStatus(
      { ...rolloutRef, body: { status: { pauseConditions: null } } },
      mergePatch,
    );
    expect(patched.status.pauseConditions).toBeUndefined();
  });

  it('drops a delayed request whose client gave up, so a client timeout changes nothing', async () => {
    const before = await api.getNamespacedCustomObject(rolloutRef);
    // Only this test's requests: earlier tests may have dropped some too.
    const start = emulator.requests.length;
    const dropped = () =>
      emulator.requests.slice(start).find(r => r.status === 0);
    emulator.delayNext({ method: 'PATCH', path: STATUS_PATH, ms: 300 });
    expect(await abandonedPatch(emulator, 20)).toBe('client gave up');
    // The emulator records the dropped request once the delay is over.
    for (let i = 0; i < 500 && !dropped(); i++) {
      await new Promise(resolve => setTimeout(resolve, 20));
    }
    expect(dropped()).toMatchObject({
      method: 'PATCH',
      path: STATUS_PATH,
      status: 0,
    });
    expect(await api.getNamespacedCustomObject(rolloutRef)).toEqual(before);
  });
});
