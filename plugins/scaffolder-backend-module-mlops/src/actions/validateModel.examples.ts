import { TemplateExample } from '@backstage/plugin-scaffolder-node';
import yaml from 'yaml';

export const validateModelExamples: TemplateExample[] = [
  {
    description:
      'Validate the MLModel in catalog-info.yaml after fetch:template, before publishing',
    example: yaml.stringify({
      steps: [
        {
          id: 'validate',
          name: 'Validate the model entity',
          action: 'mlops:model:validate',
          input: { entityPath: 'catalog-info.yaml' },
        },
      ],
    }),
  },
  {
    description:
      'Validate the model and stop unless the user running the template belongs to its owner group (before steps that act for the user)',
    example: yaml.stringify({
      steps: [
        {
          id: 'validate',
          name: 'Validate the model entity',
          action: 'mlops:model:validate',
          input: {
            entityPath: 'catalog-info.yaml',
            requireOwnerMembership: true,
          },
        },
      ],
    }),
  },
  {
    description: 'Validate a model kept in its own file',
    example: yaml.stringify({
      steps: [
        {
          id: 'validate',
          name: 'Validate the model entity',
          action: 'mlops:model:validate',
          input: { entityPath: 'catalog/model.yaml' },
        },
      ],
    }),
  },
];
