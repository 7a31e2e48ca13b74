import { TemplateExample } from '@backstage/plugin-scaffolder-node';
import yaml from 'yaml';

export const generateSloRulesExamples: TemplateExample[] = [
  {
    description:
      'Generate the rules for the SLOs of the model in catalog-info.yaml into slo/prometheus-rules.yaml',
    example: yaml.stringify({
      steps: [
        {
          id: 'slo-rules',
          name: 'Generate Prometheus rules from the SLOs',
          action: 'mlops:slo:generate-rules',
          input: {
            entityPath: 'catalog-info.yaml',
            targetPath: 'slo/prometheus-rules.yaml',
          },
        },
      ],
    }),
  },
  {
    description:
      'Write the rules where a Prometheus Operator repository expects them',
    example: yaml.stringify({
      steps: [
        {
          id: 'slo-rules',
          name: 'Generate Prometheus rules from the SLOs',
          action: 'mlops:slo:generate-rules',
          input: { targetPath: 'monitoring/rules/slo.yaml' },
        },
      ],
    }),
  },
];
