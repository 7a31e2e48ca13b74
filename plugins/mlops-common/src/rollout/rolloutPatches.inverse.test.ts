import { inverseMergePatch } from './rolloutPatches';

describe('inverseMergePatch', () => {
  const original = {
    metadata: {
      name: 'fraud-scorer',
      resourceVersion: '1042',
      labels: { a: '1' },
    },
    spec: { paused: true, replicas: 10 },
    status: {
      pauseConditions: [
        { reason: 'CanaryPauseStep', startTime: '2026-11-27T00:00:00Z' },
      ],
      currentStepIndex: 2,
    },
  };

  it('restores the values a promote status patch removed or changed, and nothing else', () => {
    expect(
      inverseMergePatch(
        { status: { pauseConditions: null, currentStepIndex: 3 } },
        original,
      ),
    ).toEqual({
      status: {
        pauseConditions: [
          { reason: 'CanaryPauseStep', startTime: '2026-11-27T00:00:00Z' },
        ],
        currentStepIndex: 2,
      },
    });
  });

  it('removes fields the original did not have, recursing into objects both have', () => {
    expect(
      inverseMergePatch(
        {
          spec: { paused: false, strategy: { canary: { steps: [] } } },
          status: { abort: true },
        },
        original,
      ),
    ).toEqual({
      spec: { paused: true, strategy: null },
      status: { abort: null },
    });
  });

  it('leaves the resourceVersion precondition out and copies rather than shares values', () => {
    const inverse = inverseMergePatch(
      {
        metadata: { resourceVersion: '1042' },
        status: { pauseConditions: null },
      },
      original,
    );
    expect(inverse).toEqual({
      status: { pauseConditions: original.status.pauseConditions },
    });
    expect((inverse.status as any).pauseConditions).not.toBe(
      original.status.pauseConditions,
    );
    expect(
      inverseMergePatch(
        { metadata: { resourceVersion: '1', labels: { a: '2', b: 'x' } } },
        original,
      ),
    ).toEqual({
      metadata: { labels: { a: '1', b: null } },
    });
  });

  it('treats a missing original as empty', () => {
    expect(inverseMergePatch({ status: { abort: true } }, undefined)).toEqual({
      status: null,
    });
  });
});
