/*
 * The golden-path forms: the risk tier's defaults shown to the user are the
 * suite's readiness policy, the owner is one of the user's own teams, and
 * the three templates ask the same questions about the model.
 */
import {
  DEFAULT_APPROVALS,
  ML_MODEL_RISK_TIERS,
  ML_MODEL_TYPES,
} from '@mlops-portal/plugin-mlops-common';
import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';

const TEMPLATES_DIR = path.resolve(__dirname, '../../../templates');
const TEMPLATES = ['realtime-inference', 'batch-scoring', 'training-pipeline'];

function template(name: string) {
  return parse(
    fs.readFileSync(path.join(TEMPLATES_DIR, name, 'template.yaml'), 'utf8'),
  );
}

function tierBranches(t: any): Record<string, any> {
  const page = t.spec.parameters.find((p: any) => p.properties?.riskTier);
  return Object.fromEntries(
    page.dependencies.riskTier.oneOf.map((branch: any) => [
      branch.properties.riskTier.const,
      branch.properties,
    ]),
  );
}

describe.each(TEMPLATES)('the %s form', name => {
  const t = template(name);

  it('is a v1beta3 template listed in all-templates.yaml', () => {
    expect(t.apiVersion).toBe('scaffolder.backstage.io/v1beta3');
    const location = parse(
      fs.readFileSync(path.join(TEMPLATES_DIR, 'all-templates.yaml'), 'utf8'),
    );
    expect(location.spec.targets).toContain(`./${name}/template.yaml`);
  });

  it('offers every tier, with approvers defaulting to the readiness policy and never below it', () => {
    const branches = tierBranches(t);
    expect(Object.keys(branches)).toEqual([...ML_MODEL_RISK_TIERS]);
    for (const tier of ML_MODEL_RISK_TIERS) {
      const { approvers, sloTarget } = branches[tier];
      expect([tier, approvers.default, approvers.minimum]).toEqual([
        tier,
        DEFAULT_APPROVALS[tier].count,
        DEFAULT_APPROVALS[tier].count,
      ]);
      // Visible and editable: a default, a rule in words, a range to stay in.
      expect(sloTarget.default).toBeGreaterThanOrEqual(sloTarget.minimum);
      expect(sloTarget.exclusiveMaximum).toBe(1);
      expect(sloTarget['ui:help']).toContain(String(sloTarget.default));
      expect(approvers['ui:help']).toContain(`Tier default for ${tier}`);
    }
    const targets = ML_MODEL_RISK_TIERS.map(
      tier => branches[tier].sloTarget.default,
    );
    expect([...targets].sort((a, b) => a - b)).toEqual(targets);
  });

  it('offers only the teams of the user as owner, since the run opens the review in their name', () => {
    const model = t.spec.parameters[0].properties;
    // OwnerPicker's catalogFilter cannot say "groups I am a member of";
    // MyGroupsPicker lists exactly those (relations.hasMember = the user).
    expect(model.owner['ui:field']).toBe('MyGroupsPicker');
    expect(model.owner['ui:options']).toBeUndefined();
    expect(t.spec.parameters[0].required).toContain('owner');
    const steps = t.spec.steps as Array<{ action: string; input?: any }>;
    const review = steps.find(s => s.action === 'mlops:review:open');
    expect(review).toBeDefined();
    // A run started through the API, not the form, is stopped before the
    // repository is published when the user is not in the owner team.
    const publishAt = steps.findIndex(
      s =>
        s.action.startsWith('publish:') ||
        s.action === 'mlops:publish:local-git',
    );
    const validateAt = steps.findIndex(
      s => s.action === 'mlops:model:validate',
    );
    expect(steps[validateAt].input.requireOwnerMembership).toBe(true);
    expect(validateAt).toBeLessThan(publishAt);
    // The chosen group is the one written into the model entity.
    const skeletonOwners = steps
      .filter(s => s.action === 'fetch:template')
      .map(s => s.input.values.owner);
    expect(skeletonOwners.length).toBeGreaterThan(0);
    expect(new Set(skeletonOwners)).toEqual(
      new Set(['${{ parameters.owner }}']),
    );
  });

  it('asks for system, datasets and features with the catalog pickers', () => {
    const model = t.spec.parameters[0].properties;
    expect(model.system['ui:options'].catalogFilter.kind).toEqual(['System']);
    expect(model.datasets['ui:field']).toBe('MultiEntityPicker');
    expect(model.datasets['ui:options'].catalogFilter).toEqual({
      kind: ['Resource'],
      'spec.type': 'dataset',
    });
    expect(model.modelType.enum).toEqual([...ML_MODEL_TYPES]);
    const features = t.spec.parameters.find((p: any) => p.properties?.features)
      .properties.features;
    expect(features.items.properties.type.enum).toEqual([
      'numerical',
      'categorical',
    ]);
  });

  it('publishes to the portal git server by default and to GitHub or GitLab when chosen', () => {
    const repo = t.spec.parameters.find((p: any) => p.properties?.publishTarget)
      .properties.publishTarget;
    expect(repo.default).toBe('local');
    const steps = Object.fromEntries(t.spec.steps.map((s: any) => [s.id, s]));
    expect(steps['publish-local'].action).toBe('mlops:publish:local-git');
    expect(steps['publish-github'].action).toBe('publish:github');
    expect(steps['publish-gitlab'].action).toBe('publish:gitlab');
    expect(steps['register-local'].input.catalogInfoUrl).toContain(
      "steps['publish-local'].output.catalogInfoUrl",
    );
    const order = t.spec.steps.map((s: any) => s.id);
    expect(order.indexOf('validate')).toBeLessThan(
      order.indexOf('publish-local'),
    );
    expect(order.indexOf('register')).toBeLessThan(order.indexOf('review'));
  });
});

it('the canary steps of the real-time template get smaller as the tier rises', () => {
  const branches = tierBranches(template('realtime-inference'));
  const first = ML_MODEL_RISK_TIERS.map(
    tier => branches[tier].canarySteps.default[0],
  );
  expect(first).toEqual([50, 20, 10, 5]);
});
