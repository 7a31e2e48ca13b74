import { ServiceUnavailableError } from '@backstage/errors';
import {
  demoClusterObjects,
  generateEmulatorCertificates,
  KubernetesEmulator,
  ROLLOUTS,
} from '@mlops-portal/kubernetes-emulator';
import {
  normalizeArgoRollout,
  planRolloutAction,
  RolloutActionName,
} from '@mlops-portal/plugin-mlops-common';
import {
  KubernetesApiServerError,
  KubernetesApiTimeoutError,
} from './kubernetesApiErrors';
import {
  KubernetesRolloutClient,
  RolloutWorkloadRef,
} from './KubernetesRolloutClient';

jest.setTimeout(60_000);

const TOKEN = 'rollout-client-faults-token';
const certificates = generateEmulatorCertificates();
// Generous both ways, so that a loaded machine neither times out an answered
// request nor answers a held one: the emulator holds for DELAY_MS.
const TIMEOUT_MS = 1000;
const DELAY_MS = 4000;
const OBJECT_PATH =
  '/apis/argoproj.io/v1alpha1/namespaces/fraud-ml/rollouts/fraud-scorer';
const STATUS_PATH = `${OBJECT_PATH}/status`;

const fraudScorer: RolloutWorkloadRef = {
  cluster: 'demo-cluster',
  namespace: 'fraud-ml',
  kind: 'Rollout',
  name: 'fraud-scorer',
};

type Fault = 403 | 500 | 'timeout';

function arm(
  emulator: KubernetesEmulator,
  fault: Fault,
  path: string,
  skip = 0,
) {
  if (fault === 'timeout') {
    // Far longer than the client waits; the emulator drops it once the client has gone.
    emulator.delayNext({ method: 'PATCH', path, ms: DELAY_MS, skip });
  } else {
    emulator.failNext({ method: 'PATCH', path, status: fault, skip });
  }
}

const expected: Record<Fault, { type: Function; message: RegExp }> = {
  403: {
    type: ServiceUnavailableError,
    message:
      /^Cluster demo-cluster forbids the portal's service account from patching (the status of )?Rollout fraud-ml\/fraud-scorer \(HTTP 403; grant it in the cluster's RBAC\): rollouts\.argoproj\.io "fraud-scorer" is forbidden: User "system:serviceaccount:backstage:mlops-portal" cannot patch resource "rollouts(\/status)?"/,
  },
  500: {
    type: KubernetesApiServerError,
    message:
      /^The Kubernetes API of cluster demo-cluster failed \(HTTP 500\) while patching (the status of )?Rollout fraud-ml\/fraud-scorer: Internal error occurred: etcdserver: request timed out/,
  },
  timeout: {
    type: KubernetesApiTimeoutError,
    message:
      /^The Kubernetes API at demo-cluster \(https:\/\/127\.0\.0\.1:\d+\) did not answer within 1 s while patching (the status of )?Rollout fraud-ml\/fraud-scorer/,
  },
};

/** What a change would touch: everything but the bookkeeping of writes. */
function contentOf(emulator: KubernetesEmulator) {
  const object = emulator.store.get(ROLLOUTS, 'fraud-ml', 'fraud-scorer')!;
  const { resourceVersion: _v, generation: _g, ...metadata } = object.metadata;
  return { metadata, spec: object.spec, status: object.status };
}

/** Waits until a delayed request the client abandoned has been dropped. */
async function droppedRequests(emulator: KubernetesEmulator, count: number) {
  for (
    let i = 0;
    i < 500 && emulator.requests.filter(r => r.status === 0).length < count;
    i++
  ) {
    await new Promise(resolve => setTimeout(resolve, 20));
  }
  expect(emulator.requests.filter(r => r.status === 0)).toHaveLength(count);
}

describe('KubernetesRolloutClient when the API server refuses, fails or hangs', () => {
  let emulator: KubernetesEmulator;
  let client: KubernetesRolloutClient;

  beforeEach(async () => {
    emulator = await KubernetesEmulator.start({
      token: TOKEN,
      certificates,
      objects: demoClusterObjects(),
    });
    emulator.simulation.settle();
    client = clientWith();
  });

  function clientWith(timeoutMs?: number) {
    return new KubernetesRolloutClient({
      clusters: new Map([
        [
          'demo-cluster',
          {
            name: 'demo-cluster',
            url: emulator.url,
            caData: emulator.caData,
            skipTLSVerify: false,
            serviceAccountToken: TOKEN,
            ...(timeoutMs ? { timeoutMs } : {}),
          },
        ],
      ]),
    });
  }

  afterEach(async () => {
    await emulator.stop();
  });

  async function plan(action: RolloutActionName) {
    const workload = await client.getWorkload(fraudScorer);
    const state = normalizeArgoRollout(workload.object, workload);
    const planned = planRolloutAction(state, action);
    if (!planned.ok) throw new Error(planned.reason);
    return { plan: planned.plan, state, object: workload.object };
  }

  /** The demo canary, paused by hand as well: promote needs /status and the object. */
  function pauseByHand() {
    const current = emulator.store.get(ROLLOUTS, 'fraud-ml', 'fraud-scorer')!;
    emulator.store.update(ROLLOUTS, 'fraud-ml', 'fraud-scorer', {
      ...current,
      spec: { ...current.spec, paused: true },
    });
  }

  it.each<Fault>([403, 500, 'timeout'])(
    'a single-patch action (abort) answered with %s: a clear error naming the cluster and the object, and no change',
    async fault => {
      const { plan: abortPlan, state } = await plan('abort');
      expect(Object.keys(abortPlan)).toEqual(['statusPatch', 'unifiedPatch']);
      const before = contentOf(emulator);
      arm(emulator, fault, STATUS_PATH);
      const error = await (fault === 'timeout'
        ? clientWith(TIMEOUT_MS)
        : client
      )
        .applyPatchPlan(fraudScorer, abortPlan, state.resourceVersion)
        .then(
          () => undefined,
          e => e,
        );
      expect(error).toBeInstanceOf(expected[fault].type);
      expect(error.message).toMatch(expected[fault].message);
      expect(error.message).toMatch(
        /while patching the status of|from patching the status of/,
      );
      if (fault === 'timeout') await droppedRequests(emulator, 1);
      expect(contentOf(emulator)).toEqual(before);
    },
  );

  it.each<Fault>([403, 500, 'timeout'])(
    'a two-patch promote whose second patch is answered with %s undoes the first: no partial change',
    async fault => {
      pauseByHand();
      const { plan: promotePlan, state, object } = await plan('promote');
      expect(promotePlan.statusPatch).toEqual({
        status: { pauseConditions: null },
      });
      expect(promotePlan.specPatch).toEqual({ spec: { paused: false } });
      const before = contentOf(emulator);
      arm(emulator, fault, OBJECT_PATH);
      emulator.requests.length = 0;
      const error = await (fault === 'timeout'
        ? clientWith(TIMEOUT_MS)
        : client
      )
        .applyPatchPlan(fraudScorer, promotePlan, state.resourceVersion, object)
        .then(
          () => undefined,
          e => e,
        );
      expect(error).toBeInstanceOf(expected[fault].type);
      expect(error.message).toMatch(expected[fault].message);
      expect(error.message).toMatch(
        /\. Nothing was changed: the status patch sent before it was undone$/,
      );
      if (fault === 'timeout') await droppedRequests(emulator, 1);
      expect(emulator.requests.map(r => [r.method, r.path, r.status])).toEqual(
        fault === 'timeout'
          ? [
              ['PATCH', STATUS_PATH, 200],
              // the undo, then the abandoned spec patch, dropped (0) after its delay
              ['PATCH', STATUS_PATH, 200],
              ['PATCH', OBJECT_PATH, 0],
            ]
          : [
              ['PATCH', STATUS_PATH, 200],
              ['PATCH', OBJECT_PATH, fault],
              ['PATCH', STATUS_PATH, 200],
            ],
      );
      expect(contentOf(emulator)).toEqual(before);
    },
  );

  it('reads the object first when the caller did not pass it, and refuses if it changed', async () => {
    pauseByHand();
    const { plan: promotePlan, state } = await plan('promote');
    const before = contentOf(emulator);
    arm(emulator, 500, OBJECT_PATH);
    await expect(
      client.applyPatchPlan(fraudScorer, promotePlan, state.resourceVersion),
    ).rejects.toThrow(/Nothing was changed/);
    expect(contentOf(emulator)).toEqual(before);

    await expect(
      client.applyPatchPlan(fraudScorer, promotePlan, state.resourceVersion),
    ).rejects.toThrow(/The rollout changed since you loaded it/);
  });

  it('says the rollout may be half-changed when the undo fails too', async () => {
    pauseByHand();
    const { plan: promotePlan, state, object } = await plan('promote');
    arm(emulator, 500, OBJECT_PATH);
    // The first /status patch goes through, the undo fails.
    arm(emulator, 500, STATUS_PATH, 1);
    const error = await client
      .applyPatchPlan(fraudScorer, promotePlan, state.resourceVersion, object)
      .then(
        () => undefined,
        e => e,
      );
    expect(error).toBeInstanceOf(KubernetesApiServerError);
    expect(error.message).toMatch(
      /^The Kubernetes API of cluster demo-cluster failed \(HTTP 500\) while patching Rollout fraud-ml\/fraud-scorer: .+\. The status patch sent before it could not be undone \(The Kubernetes API of cluster demo-cluster failed \(HTTP 500\) while undoing the status patch of Rollout fraud-ml\/fraud-scorer: .+\), so the Rollout may be half-changed: reload it and check it before acting again$/,
    );
  });

  it('bounds reads by the timeout too', async () => {
    emulator.delayNext({ method: 'GET', path: OBJECT_PATH, ms: DELAY_MS });
    await expect(
      clientWith(TIMEOUT_MS).getWorkload(fraudScorer),
    ).rejects.toThrow(
      /^The Kubernetes API at demo-cluster \(https:\/\/127\.0\.0\.1:\d+\) did not answer within 1 s while reading Rollout fraud-ml\/fraud-scorer$/,
    );
  });
});
