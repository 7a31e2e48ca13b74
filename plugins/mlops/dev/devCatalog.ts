import { Entity } from '@backstage/catalog-model';
import {
  ML_MODEL_LIFECYCLES,
  ML_MODEL_RISK_TIERS,
  ML_MODEL_TYPES,
} from '@mlops-portal/plugin-mlops-common';

const TEAMS = ['fraud-ml', 'search-ranking', 'forecasting', 'ml-platform'];
const SYSTEMS = [
  'payments-risk',
  'search-discovery',
  'supply-planning',
  'customer-care',
];

function ownedBy(owner: string) {
  return [{ type: 'ownedBy', targetRef: owner }];
}

/** The complete example: every field of an MLModel filled in. */
export const cardFraudDetector: Entity = {
  apiVersion: 'mlops-portal.io/v1alpha1',
  kind: 'MLModel',
  metadata: {
    name: 'card-fraud-detector',
    namespace: 'default',
    title: 'Card fraud detector',
    description:
      'Scores every card authorisation for fraud in real time; the score decides whether the payment is approved, challenged with 3-D Secure or declined.',
    tags: ['fraud', 'payments', 'real-time'],
    annotations: {
      'mlops-portal.io/unresolved-refs': 'resource:default/login-events',
    },
    links: [
      {
        url: 'https://runbooks.northwind.example/models/card-fraud-detector',
        title: 'Runbook',
        type: 'runbook',
      },
      {
        url: 'https://grafana.northwind.example/d/card-fraud-detector',
        title: 'Grafana — scoring overview',
        type: 'dashboard',
      },
      {
        url: 'https://mlflow.northwind.example/#/models/card-fraud-detector',
        title: 'MLflow registered model',
        type: 'experiment-tracking',
      },
      {
        url: 'https://git.northwind.example/fraud-ml/card-fraud-detector',
        title: 'Training repository',
        type: 'repository',
      },
      {
        url: 'https://wiki.northwind.example/fraud/thresholds',
        title: 'Threshold policy',
      },
    ],
  },
  spec: {
    type: 'classification',
    lifecycle: 'production',
    owner: 'group:default/fraud-ml',
    system: 'system:default/payments-risk',
    riskTier: 'critical',
    framework: 'xgboost',
    version: '3.2.0',
    versions: [
      {
        version: '3.1.0',
        description: 'Retrained on data to the end of November 2025.',
        artifact: {
          uri: 's3://northwind-model-registry/fraud-ml/card-fraud-detector/3.1.0/model.ubj',
          digest:
            'sha256:efeeebab115eb782518f6d995512ab5cb0e9d204bfe7ac3756839ac193bfac83',
        },
        registeredAt: '2026-01-19T15:02:00Z',
        trainedOn: [
          'resource:default/card-transactions',
          'resource:default/chargebacks',
        ],
        metrics: { auc: 0.961, pr_auc: 0.703, recall_at_1pct_fpr: 0.664 },
      },
      {
        version: '3.2.0',
        description: 'Adds the login risk score of the session as a feature.',
        artifact: {
          uri: 's3://northwind-model-registry/fraud-ml/card-fraud-detector/3.2.0/model.ubj',
          digest:
            'sha256:c3a6873cf60088d34c8e2e146a4e3e08195031aaac82b383d64908093dec4cf7',
        },
        registeredAt: '2026-03-09T10:41:00Z',
        trainedOn: [
          'resource:default/card-transactions',
          'resource:default/chargebacks',
          'resource:default/login-events',
        ],
        metrics: { auc: 0.967, pr_auc: 0.728, recall_at_1pct_fpr: 0.689 },
      },
      {
        version: '3.3.0-rc.1',
        description:
          'Candidate with tuned class weights; awaiting readiness review.',
        artifact: {
          uri: 's3://northwind-model-registry/fraud-ml/card-fraud-detector/3.3.0-rc.1/model.ubj',
          digest:
            'sha256:c8465c94ca880a7b500d9dcf1b40996add3a60a4a2e86e924affb4256aadd5d4',
        },
        registeredAt: '2026-04-21T08:30:00Z',
        trainedOn: [
          'resource:default/card-transactions',
          'resource:default/chargebacks',
          'resource:default/login-events',
        ],
        metrics: { auc: 0.969, pr_auc: 0.735, recall_at_1pct_fpr: 0.697 },
      },
    ],
    datasets: [
      'resource:default/card-transactions',
      'resource:default/chargebacks',
      'resource:default/login-events',
    ],
    servedBy: ['component:default/fraud-scorer'],
    modelCard: {
      summary:
        'Gradient-boosted trees that estimate the probability that a card authorisation will later be reported as fraud.',
      intendedUse:
        'Real-time scoring of card payments in the authorisation path, and offline re-scoring for fraud investigations.',
      limitations:
        'Trained on EU card traffic only; performance on new markets is unknown until they have three months of labels.',
      ethicalConsiderations:
        'Declines fall more often on customers with short histories; Fraud Operations reviews false-decline rates by segment monthly.',
      trainingData:
        'Eighteen months of settled card authorisations with chargeback labels matured for 90 days.',
      evaluation:
        'Out-of-time validation on the most recent month: AUC 0.967, recall 0.689 at 1% false-positive rate.',
    },
  },
  relations: ownedBy('group:default/fraud-ml'),
};

function group(name: string, title: string): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Group',
    metadata: { name, namespace: 'default', title },
    spec: { type: 'team', children: [] },
  };
}

function resource(name: string, title: string, description: string): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Resource',
    metadata: { name, namespace: 'default', title, description },
    spec: { type: 'dataset', owner: 'group:default/data-and-ml' },
  };
}

/** Teams, datasets, a system and a serving component for the example model. */
export const relatedEntities: Entity[] = [
  group('fraud-ml', 'Fraud ML'),
  group('search-ranking', 'Search ranking'),
  group('forecasting', 'Forecasting'),
  group('ml-platform', 'ML platform'),
  resource(
    'card-transactions',
    'Card transactions',
    'Every card authorisation with its outcome, one row per authorisation.',
  ),
  resource(
    'chargebacks',
    'Chargebacks',
    'Chargebacks and fraud reports, joined to the authorisation they dispute.',
  ),
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'System',
    metadata: {
      name: 'payments-risk',
      namespace: 'default',
      title: 'Payments risk',
    },
    spec: { owner: 'group:default/fraud-ml' },
  },
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: {
      name: 'fraud-scorer',
      namespace: 'default',
      title: 'Fraud scorer',
      description:
        'gRPC service that scores authorisations with the card fraud detector.',
    },
    spec: {
      type: 'service',
      lifecycle: 'production',
      owner: 'group:default/fraud-ml',
    },
  },
];

/**
 * Synthetic models, enough to feel how the Models page behaves with a
 * large catalog (the in-memory client pages like the real one).
 */
export function syntheticModels(count: number): Entity[] {
  return Array.from({ length: count }, (_, i) => {
    const team = TEAMS[i % TEAMS.length];
    const owner = `group:default/${team}`;
    return {
      apiVersion: 'mlops-portal.io/v1alpha1',
      kind: 'MLModel',
      metadata: {
        name: `${team}-model-${String(i).padStart(4, '0')}`,
        namespace: 'default',
        description: `Synthetic ${
          ML_MODEL_TYPES[i % ML_MODEL_TYPES.length]
        } model number ${i} of ${team}.`,
      },
      spec: {
        type: ML_MODEL_TYPES[(i * 7) % ML_MODEL_TYPES.length],
        lifecycle:
          ML_MODEL_LIFECYCLES[Math.floor(i / 3) % ML_MODEL_LIFECYCLES.length],
        owner: i % 5 === 0 ? team : owner,
        system: SYSTEMS[i % SYSTEMS.length],
        riskTier:
          ML_MODEL_RISK_TIERS[Math.floor(i / 2) % ML_MODEL_RISK_TIERS.length],
        version: `${1 + (i % 4)}.${i % 10}.0`,
      },
      relations: ownedBy(owner),
    };
  });
}
