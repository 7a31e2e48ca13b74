import { createMockDirectory } from '@backstage/backend-test-utils';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import { generateSloPrometheusRules } from '@mlops-portal/plugin-mlops-common';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { parse } from 'yaml';
import { exampleInputs, modelYaml } from '../__testUtils__/examples';
import { createGenerateSloRulesAction } from './generateSloRules';
import { generateSloRulesExamples } from './generateSloRules.examples';

describe('mlops:slo:generate-rules', () => {
  const workspace = createMockDirectory();
  const action = createGenerateSloRulesAction();

  beforeEach(() => workspace.clear());

  it('writes the rules generateSloPrometheusRules produces for the model, valid for promtool', async () => {
    workspace.setContent({ 'catalog-info.yaml': modelYaml() });
    const ctx = createMockActionContext<any>({
      workspacePath: workspace.path,
      input: {
        entityPath: 'catalog-info.yaml',
        targetPath: 'slo/prometheus-rules.yaml',
      },
    });
    await action.handler(ctx);

    const file = workspace.resolve('slo/prometheus-rules.yaml');
    const written = parse(fs.readFileSync(file, 'utf8'));
    const model = parse(modelYaml().split('---')[0]);
    const expected = generateSloPrometheusRules({
      model: 'card-fraud-scorer',
      slos: model.spec.slos,
    });
    expect(written).toEqual(JSON.parse(JSON.stringify(expected)));
    const rules = expected.groups.reduce((n, g) => n + g.rules.length, 0);
    expect(ctx.output).toHaveBeenCalledWith('ruleCount', rules);
    expect(ctx.output).toHaveBeenCalledWith(
      'groupCount',
      expected.groups.length,
    );

    const promtool = spawnSync('promtool', ['check', 'rules', file], {
      encoding: 'utf8',
    });
    expect(promtool.stdout).toContain(`SUCCESS: ${rules} rules found`);
  });

  it('refuses a model without SLOs', async () => {
    const withoutSlos = modelYaml().replace(/ {2}slos:\n( {4}.*\n)+/, '');
    expect(withoutSlos).not.toContain('slos:');
    workspace.setContent({ 'catalog-info.yaml': withoutSlos });
    const ctx = createMockActionContext<any>({
      workspacePath: workspace.path,
      input: {},
    });
    await expect(action.handler(ctx)).rejects.toThrow(
      'declares no SLOs (spec.slos)',
    );
    expect(fs.existsSync(workspace.resolve('slo/prometheus-rules.yaml'))).toBe(
      false,
    );
  });

  it('refuses SLOs the generator cannot handle, with its reason', async () => {
    workspace.setContent({
      'catalog-info.yaml': modelYaml().replace(/\[\{\{window\}\}\]/g, '[5m]'),
    });
    const ctx = createMockActionContext<any>({
      workspacePath: workspace.path,
      input: {},
    });
    await expect(action.handler(ctx)).rejects.toThrow(
      /cannot be turned into Prometheus rules: .*\{\{window\}\}/,
    );
  });

  it.each(exampleInputs(generateSloRulesExamples, 'mlops:slo:generate-rules'))(
    'runs the example: $description',
    async ({ input }) => {
      workspace.setContent({ 'catalog-info.yaml': modelYaml() });
      const ctx = createMockActionContext<any>({
        workspacePath: workspace.path,
        input,
      });
      await action.handler(ctx);
      expect(fs.existsSync(workspace.resolve(input.targetPath))).toBe(true);
    },
  );
});
