import { TemplateExample } from '@backstage/plugin-scaffolder-node';
import yaml from 'yaml';

export const publishLocalGitExamples: TemplateExample[] = [
  {
    description:
      "Publish to the portal's git server, then register the catalog file",
    example: yaml.stringify({
      steps: [
        {
          id: 'publish-local',
          name: "Publish to the portal's git server",
          action: 'mlops:publish:local-git',
          input: {
            repoName: 'card-fraud-detector',
            description: 'Card fraud detector',
          },
        },
        {
          id: 'register',
          name: 'Register in the catalog',
          action: 'catalog:register',
          input: {
            catalogInfoUrl:
              "${{ steps['publish-local'].output.catalogInfoUrl }}",
          },
        },
      ],
    }),
  },
  {
    description: 'Publish only a subdirectory, on a branch named trunk',
    example: yaml.stringify({
      steps: [
        {
          id: 'publish-local',
          name: "Publish to the portal's git server",
          action: 'mlops:publish:local-git',
          input: {
            repoName: 'demand-forecast',
            sourcePath: 'project',
            defaultBranch: 'trunk',
          },
        },
      ],
    }),
  },
];
