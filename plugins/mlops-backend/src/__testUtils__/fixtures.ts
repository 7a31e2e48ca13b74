/*
 * Catalog fixtures for the tests: a small slice of the demo organisation and
 * two models. Only test files import this module.
 */
import { Entity } from '@backstage/catalog-model';
import { MLModelEntityV1alpha1 } from '@mlops-portal/plugin-mlops-common';

/** Who belongs where (a slice of demo/catalog/org.yaml). */
export const PEOPLE: Record<string, string[]> = {
  'user:default/ada': ['group:default/fraud-ml'],
  'user:default/hedy': ['group:default/fraud-ml'],
  'user:default/barbara': [
    'group:default/fraud-ml',
    'group:default/ml-reviewers',
  ],
  'user:default/grace': [
    'group:default/search-ranking',
    'group:default/ml-reviewers',
  ],
  'user:default/katherine': ['group:default/forecasting'],
  'user:default/margaret': ['group:default/security-reviewers'],
};

export function ownershipRefsOf(userRef: string): string[] {
  return [userRef, ...(PEOPLE[userRef] ?? [])];
}

function group(name: string): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Group',
    metadata: { name, namespace: 'default' },
    spec: { type: 'team', children: [] },
  };
}

function dataset(name: string): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Resource',
    metadata: { name, namespace: 'default' },
    spec: { type: 'dataset', owner: 'group:default/fraud-ml' },
  };
}

/** A critical model that passes every automatic check (given its owner and datasets exist). */
export function cardFraudDetector(): MLModelEntityV1alpha1 {
  return {
    apiVersion: 'mlops-portal.io/v1alpha1',
    kind: 'MLModel',
    metadata: {
      name: 'card-fraud-detector',
      namespace: 'default',
      title: 'Card fraud detector',
      links: [
        {
          url: 'https://runbooks.example/fraud',
          title: 'Runbook',
          type: 'runbook',
        },
        {
          url: 'https://grafana.example/d/fraud',
          title: 'Grafana',
          type: 'dashboard',
        },
      ],
    },
    spec: {
      type: 'classification',
      lifecycle: 'production',
      owner: 'group:default/fraud-ml',
      riskTier: 'critical',
      version: '3.2.0',
      versions: [
        { version: '3.2.0', metrics: { auc: 0.967 } },
        {
          version: '3.3.0',
          trainedOn: ['resource:default/card-transactions'],
          metrics: { auc: 0.969, pr_auc: 0.735 },
        },
      ],
      datasets: ['resource:default/card-transactions', 'chargebacks'],
      features: [
        { name: 'amount_eur', type: 'numerical' },
        { name: 'currency', type: 'categorical' },
      ],
      slos: [
        {
          name: 'availability',
          objective: 0.9995,
          window: '28d',
          indicator: { ratio: { bad: 'errors', total: 'requests' } },
        },
      ],
      deployment: {
        kubernetes: {
          cluster: 'demo-cluster',
          namespace: 'fraud-ml',
          kind: 'Rollout',
          name: 'fraud-scorer',
        },
      },
      modelCard: {
        intendedUse: 'Real-time scoring of card payments.',
        limitations: 'Labels arrive late.',
        ethicalConsiderations: 'Decline rates are monitored per country.',
        trainingData: '18 months of authorisations.',
        evaluation: 'Out-of-time AUC 0.967.',
      },
    },
  };
}

/** A medium-tier model without a runbook link, so one automatic check fails. */
export function searchRanker(): MLModelEntityV1alpha1 {
  return {
    apiVersion: 'mlops-portal.io/v1alpha1',
    kind: 'MLModel',
    metadata: {
      name: 'search-ranker',
      namespace: 'default',
      links: [
        {
          url: 'https://grafana.example/d/search',
          title: 'Grafana',
          type: 'dashboard',
        },
      ],
    },
    spec: {
      type: 'ranking',
      lifecycle: 'production',
      owner: 'group:default/search-ranking',
      riskTier: 'medium',
      versions: [{ version: '4.2.0', metrics: { ndcg: 0.55 } }],
      datasets: ['resource:default/search-logs'],
      features: [{ name: 'query_length', type: 'numerical' }],
      slos: [
        {
          name: 'latency',
          objective: 0.99,
          window: '28d',
          indicator: { latency: { metric: 'latency_seconds', threshold: 0.2 } },
        },
      ],
      modelCard: {
        intendedUse: 'Ranking search results.',
        limitations: 'English only.',
      },
    },
  };
}

/** The manual checks of the critical tier, in checklist order. */
export const CRITICAL_MANUAL_CHECKS = [
  'on-call-rotation',
  'rollback-rehearsed',
  'champion-comparison',
  'load-test',
  'bias-fairness-review',
  'privacy-review',
  'security-threat-model',
];

export const CARD_FRAUD_REF = 'mlmodel:default/card-fraud-detector';
export const SEARCH_RANKER_REF = 'mlmodel:default/search-ranker';

/** Everything the catalog holds in the tests; fresh objects on every call. */
export function catalogEntities(): Entity[] {
  return [
    group('fraud-ml'),
    group('search-ranking'),
    group('ml-reviewers'),
    group('security-reviewers'),
    dataset('card-transactions'),
    dataset('chargebacks'),
    dataset('search-logs'),
    cardFraudDetector(),
    searchRanker(),
    {
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Component',
      metadata: { name: 'fraud-scorer', namespace: 'default' },
      spec: { type: 'service', lifecycle: 'production', owner: 'fraud-ml' },
    },
  ];
}
