import { InputError } from '@backstage/errors';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import yaml from 'yaml';
import { buildDriftConfig } from '../drift/buildDriftConfig';
import { seedDriftConfigExamples } from './seedDriftConfig.examples';
import { writeWorkspaceFile } from './workspaceFiles';

/** Action id of {@link createSeedDriftConfigAction}. @public */
export const SEED_DRIFT_CONFIG_ACTION_ID = 'mlops:drift:seed-config';

/**
 * Writes the drift configuration for the declared features into the
 * workspace: one statistical test and threshold per feature.
 * @public
 */
export function createSeedDriftConfigAction() {
  return createTemplateAction({
    id: SEED_DRIFT_CONFIG_ACTION_ID,
    description:
      'Writes drift/drift-config.yaml from the declared features: a test and threshold per feature (Evidently defaults unless fixed) and the dataset drift share.',
    examples: seedDriftConfigExamples,
    supportsDryRun: true,
    schema: {
      input: {
        entityRef: z =>
          z
            .string()
            .regex(
              /^mlmodel:/i,
              'must be an MLModel ref (mlmodel:namespace/name)',
            )
            .describe('Ref of the model the configuration belongs to'),
        features: z =>
          z
            .array(
              z.object({
                name: z
                  .string()
                  .regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'must be an identifier'),
                type: z.enum(['numerical', 'categorical']),
                test: z
                  .enum([
                    'ks',
                    'chisquare',
                    'z',
                    'wasserstein',
                    'jensenshannon',
                    'psi',
                  ])
                  .optional(),
                threshold: z.number().positive().optional(),
              }),
            )
            .min(1, 'must declare at least one feature')
            .describe(
              'The model features; test and threshold fix the test instead of the defaults',
            ),
        driftShare: z =>
          z
            .number()
            .gt(0)
            .max(1)
            .optional()
            .describe(
              'Share of drifted features from which the dataset counts as drifted (default 0.5)',
            ),
        targetPath: z =>
          z
            .string()
            .default('drift/drift-config.yaml')
            .describe('Workspace path of the file to write'),
      },
      output: {
        targetPath: z => z.string(),
        featureCount: z => z.number(),
      },
    },
    async handler(ctx) {
      const targetPath = ctx.input.targetPath ?? 'drift/drift-config.yaml';
      let config;
      try {
        config = buildDriftConfig(ctx.input);
      } catch (error) {
        throw new InputError(
          `Invalid drift features: ${(error as Error).message}`,
        );
      }
      await writeWorkspaceFile(
        ctx.workspacePath,
        targetPath,
        [
          `# Drift monitoring for ${ctx.input.entityRef}, seeded from the declared features.`,
          '# smallReference applies while the reference profile has at most',
          '# referenceSizeThreshold rows, largeReference above that.',
          yaml.stringify(config),
        ].join('\n'),
      );
      ctx.logger.info(
        `Wrote drift configuration for ${config.spec.features.length} features to ${targetPath}`,
      );
      ctx.output('targetPath', targetPath);
      ctx.output('featureCount', config.spec.features.length);
    },
  });
}
