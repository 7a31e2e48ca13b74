import { MLOPS_ANNOTATIONS } from '@mlops-portal/plugin-mlops-common';
import { fraudDetector } from '../__testUtils__/fixtures';
import {
  collectModelRefs,
  describeUnresolvedRefs,
  hasMLModelUnresolvedRefs,
  normalizeEntityRef,
  readUnresolvedRefs,
  uniqueRefs,
} from './modelRefs';

describe('normalizeEntityRef', () => {
  it('fills in kind and namespace and lower-cases', () => {
    expect(normalizeEntityRef('Chargebacks', { defaultKind: 'resource' })).toBe(
      'resource:default/chargebacks',
    );
    expect(normalizeEntityRef('Group:Team-A/ML', {})).toBe('group:team-a/ml');
    expect(
      normalizeEntityRef('x', {
        defaultKind: 'group',
        defaultNamespace: 'risk',
      }),
    ).toBe('group:risk/x');
  });

  it('returns undefined for text that is not a ref', () => {
    expect(normalizeEntityRef('no-kind-given')).toBeUndefined();
    expect(
      normalizeEntityRef('group:a/b/c', { defaultKind: 'group' }),
    ).toBeUndefined();
  });
});

describe('collectModelRefs', () => {
  it('finds every ref with its role and path, applying default kinds', () => {
    expect(collectModelRefs(fraudDetector())).toEqual([
      {
        ref: 'group:default/fraud-ml',
        role: 'owner',
        path: 'spec.owner',
        raw: 'group:default/fraud-ml',
      },
      {
        ref: 'system:default/payments',
        role: 'system',
        path: 'spec.system',
        raw: 'payments',
      },
      {
        ref: 'resource:default/transactions-2025',
        role: 'dataset',
        path: 'spec.datasets[0]',
        raw: 'resource:default/transactions-2025',
      },
      {
        ref: 'resource:default/chargebacks',
        role: 'dataset',
        path: 'spec.datasets[1]',
        raw: 'chargebacks',
      },
      {
        ref: 'component:default/fraud-scorer',
        role: 'servedBy',
        path: 'spec.servedBy[0]',
        raw: 'component:default/fraud-scorer',
      },
      {
        ref: 'resource:default/transactions-2025',
        role: 'trainedOn',
        path: 'spec.versions[0].trainedOn[0]',
        raw: 'resource:default/transactions-2025',
      },
      {
        ref: 'resource:default/transactions-2025',
        role: 'trainedOn',
        path: 'spec.versions[1].trainedOn[0]',
        raw: 'transactions-2025',
      },
    ]);
  });

  it("resolves short refs in the model's own namespace", () => {
    const model = fraudDetector({ metadata: { namespace: 'risk' } });
    expect(uniqueRefs(collectModelRefs(model))).toEqual([
      'group:default/fraud-ml',
      'system:risk/payments',
      'resource:default/transactions-2025',
      'resource:risk/chargebacks',
      'component:default/fraud-scorer',
      'resource:risk/transactions-2025',
    ]);
  });

  it('skips fields that are not strings instead of crashing', () => {
    const model = fraudDetector({
      spec: {
        system: 42 as any,
        datasets: [null as any, 'ok'],
        servedBy: 'x' as any,
        versions: [null as any],
      },
    });
    expect(collectModelRefs(model).map(r => r.path)).toEqual([
      'spec.owner',
      'spec.datasets[1]',
    ]);
  });
});

describe('unresolved refs', () => {
  const withAnnotation = (value: string) =>
    fraudDetector({
      metadata: { annotations: { [MLOPS_ANNOTATIONS.unresolvedRefs]: value } },
    });

  it('reads and normalises the comma-separated annotation', () => {
    expect(
      readUnresolvedRefs(
        withAnnotation(
          ' resource:default/Chargebacks, component:fraud-scorer,,',
        ),
      ),
    ).toEqual([
      'resource:default/chargebacks',
      'component:default/fraud-scorer',
    ]);
    expect(readUnresolvedRefs(fraudDetector())).toEqual([]);
  });

  it('says where the spec uses each unresolved ref', () => {
    expect(
      describeUnresolvedRefs(
        withAnnotation(
          'resource:default/transactions-2025,system:default/payments,weird',
        ),
      ),
    ).toEqual([
      {
        ref: 'resource:default/transactions-2025',
        paths: [
          'spec.datasets[0]',
          'spec.versions[0].trainedOn[0]',
          'spec.versions[1].trainedOn[0]',
        ],
      },
      { ref: 'system:default/payments', paths: ['spec.system'] },
      { ref: 'weird', paths: [] },
    ]);
  });

  it('hasMLModelUnresolvedRefs is true only for MLModels with a non-empty annotation', () => {
    expect(hasMLModelUnresolvedRefs(withAnnotation('resource:default/x'))).toBe(
      true,
    );
    expect(hasMLModelUnresolvedRefs(withAnnotation('  '))).toBe(false);
    expect(hasMLModelUnresolvedRefs(fraudDetector())).toBe(false);
    expect(
      hasMLModelUnresolvedRefs({
        ...withAnnotation('resource:default/x'),
        kind: 'Component',
        apiVersion: 'backstage.io/v1alpha1',
      } as any),
    ).toBe(false);
  });
});
