import { TemplateExample } from '@backstage/plugin-scaffolder-node';
import yaml from 'yaml';

export const openReadinessReviewExamples: TemplateExample[] = [
  {
    description:
      'Open the first readiness review once catalog:register has registered the model',
    example: yaml.stringify({
      steps: [
        {
          id: 'review',
          name: 'Open the first readiness review',
          action: 'mlops:review:open',
          input: {
            entityRef: 'mlmodel:default/card-fraud-detector',
            version: '0.1.0',
          },
        },
      ],
    }),
  },
  {
    description:
      'Give a slow catalog up to five minutes to ingest the model first',
    example: yaml.stringify({
      steps: [
        {
          id: 'review',
          name: 'Open the first readiness review',
          action: 'mlops:review:open',
          input: {
            entityRef: 'mlmodel:default/demand-forecast',
            version: '1.0.0',
            waitForEntitySeconds: 300,
          },
        },
      ],
    }),
  },
];
