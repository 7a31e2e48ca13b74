import { Entity } from '@backstage/catalog-model';
import { MLModelEntityV1alpha1 } from '@mlops-portal/plugin-mlops-common';
import { UnprocessedEntity } from '../api/types';

/** The demo fraud model (the `valid` shape from the validator's tests). */
export function fraudDetector(
  overrides: {
    spec?: Partial<MLModelEntityV1alpha1['spec']>;
    metadata?: Partial<MLModelEntityV1alpha1['metadata']>;
  } = {},
): MLModelEntityV1alpha1 {
  return {
    apiVersion: 'mlops-portal.io/v1alpha1',
    kind: 'MLModel',
    metadata: {
      name: 'fraud-detector',
      namespace: 'default',
      title: 'Fraud detector',
      description: 'Scores card payments for fraud',
      links: [
        {
          url: 'https://runbooks.example.com/fraud',
          title: 'Fraud runbook',
          type: 'runbook',
        },
        {
          url: 'https://grafana.example.com/d/fraud',
          title: 'Grafana',
          type: 'dashboard',
        },
        {
          url: 'https://mlflow.example.com/#/experiments/7',
          title: 'MLflow',
          type: 'experiment-tracking',
        },
        { url: 'https://wiki.example.com/fraud', title: 'Design doc' },
      ],
      ...overrides.metadata,
    },
    spec: {
      type: 'classification',
      lifecycle: 'production',
      owner: 'group:default/fraud-ml',
      system: 'payments',
      riskTier: 'high',
      framework: 'xgboost',
      version: '2.1.0',
      versions: [
        {
          version: '2.0.0',
          artifact: {
            uri: 's3://models/fraud/2.0.0',
            digest: 'sha256:9f86d081884c7d659a2feaa0c55ad015',
          },
          registeredAt: '2026-03-01T12:00:00Z',
          trainedOn: ['resource:default/transactions-2025'],
          metrics: { auc: 0.93, recall_at_1pct_fpr: 0.61 },
        },
        { version: '2.1.0', trainedOn: ['transactions-2025'] },
      ],
      datasets: ['resource:default/transactions-2025', 'chargebacks'],
      servedBy: ['component:default/fraud-scorer'],
      modelCard: {
        intendedUse: 'Score card payments for fraud.',
        limitations: 'Card-present only.',
      },
      ...overrides.spec,
    },
  };
}

/** A catalog entity of any kind, as `getEntitiesByRefs` returns it. */
export function catalogEntity(
  ref: string,
  extra: { title?: string; description?: string; type?: string } = {},
): Entity {
  const [kind, rest] = ref.split(':');
  const [namespace, name] = rest.split('/');
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: kind.charAt(0).toUpperCase() + kind.slice(1),
    metadata: {
      name,
      namespace,
      ...(extra.title ? { title: extra.title } : {}),
      ...(extra.description ? { description: extra.description } : {}),
    },
    spec: extra.type ? { type: extra.type } : {},
  };
}

/** What the MLModel validator throws for two broken fields. */
export const VALIDATOR_MESSAGE =
  'Invalid MLModel "churn": spec.riskTier must be one of low, medium, high, critical (got "extreme"); spec.versions[1].trainedOn[0] "x" is not declared in spec.datasets';

/** A row of the catalog's failed-entities endpoint. */
export function failedRow(
  name: string,
  options: {
    kind?: string;
    owner?: string;
    namespace?: string;
    errors?: UnprocessedEntity['errors'];
  } = {},
): UnprocessedEntity {
  const kind = options.kind ?? 'MLModel';
  const namespace = options.namespace ?? 'default';
  return {
    entity_id: `id-${name}`,
    entity_ref: `${kind.toLowerCase()}:${namespace}/${name}`,
    unprocessed_entity: {
      apiVersion: 'mlops-portal.io/v1alpha1',
      kind,
      metadata: {
        name,
        namespace,
        annotations: {
          'backstage.io/managed-by-origin-location':
            'url:https://github.com/acme/models/blob/main/catalog-info.yaml',
        },
      },
      spec: options.owner ? { owner: options.owner } : {},
    },
    errors: options.errors ?? [
      {
        name: 'InputError',
        message: `Processor MLModelEntitiesProcessor threw an error while validating the entity mlmodel:default/${name}; caused by MLModelValidationError: ${VALIDATOR_MESSAGE}`,
        cause: { name: 'MLModelValidationError', message: VALIDATOR_MESSAGE },
      },
    ],
  };
}
