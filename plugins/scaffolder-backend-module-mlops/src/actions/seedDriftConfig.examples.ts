import { TemplateExample } from '@backstage/plugin-scaffolder-node';
import yaml from 'yaml';

export const seedDriftConfigExamples: TemplateExample[] = [
  {
    description:
      'Seed the drift configuration from the features entered in the form',
    example: yaml.stringify({
      steps: [
        {
          id: 'drift',
          name: 'Seed the drift configuration',
          action: 'mlops:drift:seed-config',
          input: {
            entityRef: 'mlmodel:default/card-fraud-detector',
            features: [
              { name: 'amount', type: 'numerical' },
              { name: 'merchant_category', type: 'categorical' },
            ],
          },
        },
      ],
    }),
  },
  {
    description:
      'Fix the test of one feature and lower the dataset drift share',
    example: yaml.stringify({
      steps: [
        {
          id: 'drift',
          name: 'Seed the drift configuration',
          action: 'mlops:drift:seed-config',
          input: {
            entityRef: 'mlmodel:default/demand-forecast',
            features: [
              { name: 'price', type: 'numerical', test: 'psi', threshold: 0.2 },
              { name: 'store_region', type: 'categorical' },
            ],
            driftShare: 0.3,
            targetPath: 'monitoring/drift.yaml',
          },
        },
      ],
    }),
  },
];
