import { TemplateExample } from '@backstage/plugin-scaffolder-node';
import yaml from 'yaml';

export const applyKubernetesManifestExamples: TemplateExample[] = [
  {
    description:
      'Create the generated Argo Rollout (with its Services and AnalysisTemplate) in the demo cluster, as the first canary of a version that replaces the one serving today',
    example: yaml.stringify({
      steps: [
        {
          id: 'deploy',
          name: 'Deploy the first canary to demo-cluster',
          action: 'mlops:kubernetes:apply',
          input: {
            cluster: 'demo-cluster',
            manifestPath: 'deploy/rollout.yaml',
            stableModelVersion: 'baseline',
          },
        },
      ],
    }),
  },
  {
    description:
      'Create a KServe InferenceService as a first deploy (all traffic to the new model)',
    example: yaml.stringify({
      steps: [
        {
          id: 'deploy',
          name: 'Deploy to the staging cluster',
          action: 'mlops:kubernetes:apply',
          input: {
            cluster: 'staging',
            manifestPath: 'deploy/inferenceservice.yaml',
          },
        },
      ],
    }),
  },
];
