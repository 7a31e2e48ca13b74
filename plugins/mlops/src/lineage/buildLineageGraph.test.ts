import { MLOPS_ANNOTATIONS } from '@mlops-portal/plugin-mlops-common';
import { fraudDetector } from '../__testUtils__/fixtures';
import { buildLineageGraph } from './buildLineageGraph';

const MODEL = 'mlmodel:default/fraud-detector';

describe('buildLineageGraph', () => {
  it('draws owner, datasets, serving components and system around the model', () => {
    const existingRefs = new Set([
      'group:default/fraud-ml',
      'system:default/payments',
      'resource:default/transactions-2025',
      'component:default/fraud-scorer',
    ]);
    const titles = new Map([
      ['component:default/fraud-scorer', 'Fraud scorer API'],
    ]);
    const graph = buildLineageGraph(fraudDetector(), { existingRefs, titles });

    expect(graph.nodes).toEqual([
      {
        id: MODEL,
        role: 'model',
        kind: 'mlmodel',
        namespace: 'default',
        name: 'fraud-detector',
        label: 'Fraud detector',
        missing: false,
      },
      {
        id: 'group:default/fraud-ml',
        role: 'owner',
        kind: 'group',
        namespace: 'default',
        name: 'fraud-ml',
        label: 'fraud-ml',
        missing: false,
      },
      {
        id: 'system:default/payments',
        role: 'system',
        kind: 'system',
        namespace: 'default',
        name: 'payments',
        label: 'payments',
        missing: false,
      },
      {
        id: 'resource:default/transactions-2025',
        role: 'dataset',
        kind: 'resource',
        namespace: 'default',
        name: 'transactions-2025',
        label: 'transactions-2025',
        missing: false,
      },
      {
        id: 'resource:default/chargebacks',
        role: 'dataset',
        kind: 'resource',
        namespace: 'default',
        name: 'chargebacks',
        label: 'chargebacks',
        missing: true,
      },
      {
        id: 'component:default/fraud-scorer',
        role: 'serving',
        kind: 'component',
        namespace: 'default',
        name: 'fraud-scorer',
        label: 'Fraud scorer API',
        missing: false,
      },
    ]);
    expect(graph.edges).toEqual([
      { from: 'group:default/fraud-ml', to: MODEL, label: 'owns' },
      { from: MODEL, to: 'system:default/payments', label: 'part of' },
      {
        from: 'resource:default/transactions-2025',
        to: MODEL,
        label: 'trains',
      },
      { from: 'resource:default/chargebacks', to: MODEL, label: 'trains' },
      { from: MODEL, to: 'component:default/fraud-scorer', label: 'served by' },
    ]);
  });

  it('every edge connects two nodes of the graph', () => {
    const graph = buildLineageGraph(fraudDetector());
    const ids = new Set(graph.nodes.map(n => n.id));
    for (const edge of graph.edges) {
      expect(ids.has(edge.from) && ids.has(edge.to)).toBe(true);
    }
  });

  it('falls back to the unresolved-refs annotation when existence is unknown', () => {
    const model = fraudDetector({
      metadata: {
        annotations: {
          [MLOPS_ANNOTATIONS.unresolvedRefs]: 'component:default/fraud-scorer',
        },
      },
    });
    const missing = buildLineageGraph(model)
      .nodes.filter(n => n.missing)
      .map(n => n.id);
    expect(missing).toEqual(['component:default/fraud-scorer']);
  });

  it('adds a trainedOn dataset that is not in spec.datasets', () => {
    const model = fraudDetector({
      spec: {
        datasets: [],
        versions: [
          { version: '1.0.0', trainedOn: ['resource:default/old-data'] },
        ],
      },
    });
    const graph = buildLineageGraph(model, { existingRefs: new Set() });
    expect(
      graph.nodes.find(n => n.id === 'resource:default/old-data'),
    ).toMatchObject({
      role: 'dataset',
      missing: true,
    });
  });

  it('draws just the model and its owner for a minimal model', () => {
    const model = fraudDetector({
      metadata: { title: undefined },
      spec: {
        system: undefined,
        datasets: undefined,
        servedBy: undefined,
        versions: undefined,
        owner: 'user:jane',
      },
    });
    const graph = buildLineageGraph(model, {
      existingRefs: new Set(['user:default/jane']),
    });
    expect(graph.nodes.map(n => [n.id, n.label, n.missing])).toEqual([
      [MODEL, 'fraud-detector', false],
      ['user:default/jane', 'jane', false],
    ]);
    expect(graph.edges).toEqual([
      { from: 'user:default/jane', to: MODEL, label: 'owns' },
    ]);
  });
});
