import { InputError } from '@backstage/errors';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import {
  generateSloPrometheusRules,
  isMLModelEntity,
  MLModelEntityV1alpha1,
} from '@mlops-portal/plugin-mlops-common';
import yaml from 'yaml';
import { generateSloRulesExamples } from './generateSloRules.examples';
import {
  readWorkspaceYamlDocuments,
  writeWorkspaceFile,
} from './workspaceFiles';

/** Action id of {@link createGenerateSloRulesAction}. @public */
export const GENERATE_SLO_RULES_ACTION_ID = 'mlops:slo:generate-rules';

const HEADER = (source: string) =>
  `# Generated from the SLOs in ${source} (spec.slos) by ${GENERATE_SLO_RULES_ACTION_ID}.\n` +
  '# Recording rules per alert window, SLO metadata, and multi-window,\n' +
  '# multi-burn-rate alerts. Change the SLOs, then regenerate; do not edit by hand.\n';

/**
 * Writes the Prometheus recording and alerting rules for the SLOs declared
 * on the generated MLModel into the workspace.
 * @public
 */
export function createGenerateSloRulesAction() {
  return createTemplateAction({
    id: GENERATE_SLO_RULES_ACTION_ID,
    description:
      "Generates Prometheus recording and burn-rate alerting rules from the MLModel's spec.slos and writes them into the workspace.",
    examples: generateSloRulesExamples,
    supportsDryRun: true,
    schema: {
      input: {
        entityPath: z =>
          z
            .string()
            .describe('Workspace path of the catalog file holding the MLModel')
            .default('catalog-info.yaml'),
        targetPath: z =>
          z
            .string()
            .describe('Workspace path of the rule file to write')
            .default('slo/prometheus-rules.yaml'),
      },
      output: {
        targetPath: z => z.string().describe('Where the rules were written'),
        groupCount: z => z.number().describe('Rule groups written'),
        ruleCount: z => z.number().describe('Rules written, over all groups'),
      },
    },
    async handler(ctx) {
      const entityPath = ctx.input.entityPath ?? 'catalog-info.yaml';
      const targetPath = ctx.input.targetPath ?? 'slo/prometheus-rules.yaml';
      const documents = await readWorkspaceYamlDocuments(
        ctx.workspacePath,
        entityPath,
      );
      const model = documents.find(doc =>
        isMLModelEntity(doc as MLModelEntityV1alpha1),
      ) as MLModelEntityV1alpha1 | undefined;
      if (!model) {
        throw new InputError(`${entityPath} contains no MLModel entity`);
      }
      const slos = model.spec?.slos ?? [];
      if (slos.length === 0) {
        throw new InputError(
          `The MLModel in ${entityPath} declares no SLOs (spec.slos); there is nothing to generate rules from`,
        );
      }
      let rules;
      try {
        rules = generateSloPrometheusRules({
          model: model.metadata.name,
          slos,
        });
      } catch (error) {
        throw new InputError(
          `The SLOs in ${entityPath} cannot be turned into Prometheus rules: ${
            (error as Error).message
          }`,
        );
      }
      await writeWorkspaceFile(
        ctx.workspacePath,
        targetPath,
        HEADER(entityPath) + yaml.stringify(rules, { lineWidth: 0 }),
      );
      const ruleCount = rules.groups.reduce((n, g) => n + g.rules.length, 0);
      ctx.logger.info(
        `Wrote ${ruleCount} rules in ${rules.groups.length} groups for ${slos.length} SLOs to ${targetPath}`,
      );
      ctx.output('targetPath', targetPath);
      ctx.output('groupCount', rules.groups.length);
      ctx.output('ruleCount', ruleCount);
    },
  });
}
