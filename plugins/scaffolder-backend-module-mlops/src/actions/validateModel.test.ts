import { createMockDirectory } from '@backstage/backend-test-utils';
import { InputError, NotAllowedError } from '@backstage/errors';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import { exampleInputs, modelYaml } from '../__testUtils__/examples';
import { createValidateModelAction } from './validateModel';
import { validateModelExamples } from './validateModel.examples';

describe('mlops:model:validate', () => {
  const workspace = createMockDirectory();
  const action = createValidateModelAction();

  beforeEach(() => workspace.clear());

  it('outputs the ref of a valid model', async () => {
    workspace.setContent({ 'catalog-info.yaml': modelYaml() });
    const ctx = createMockActionContext<any>({
      workspacePath: workspace.path,
      input: { entityPath: 'catalog-info.yaml' },
    });
    await action.handler(ctx);
    expect(ctx.output).toHaveBeenCalledWith(
      'entityRef',
      'mlmodel:default/card-fraud-scorer',
    );
    expect(ctx.output).toHaveBeenCalledWith('name', 'card-fraud-scorer');
    expect(ctx.output).toHaveBeenCalledWith('version', '0.1.0');
  });

  it('refuses an invalid model, listing every field path and rule', async () => {
    const invalid = modelYaml()
      .replace('objective: 0.999', 'objective: 1.5')
      .replace('riskTier: high', 'riskTier: extreme')
      .replace(
        '{ name: merchant_category, type: categorical }',
        '{ name: merchant_category, type: text }',
      );
    workspace.setContent({ 'catalog-info.yaml': invalid });
    const ctx = createMockActionContext<any>({
      workspacePath: workspace.path,
      input: { entityPath: 'catalog-info.yaml' },
    });
    const run = action.handler(ctx);
    await expect(run).rejects.toThrow(InputError);
    await expect(run).rejects.toThrow(
      /^The MLModel in catalog-info.yaml is invalid: /,
    );
    const message = await run.catch((e: Error) => e.message);
    expect(message).toMatch(/spec\.slos\[0\]\.objective [^;]*1\.5/);
    expect(message).toMatch(/spec\.riskTier [^;]*(low|one of)/);
    expect(message).toMatch(/spec\.features\[1\]\.type /);
    expect(ctx.output).not.toHaveBeenCalled();
  });

  describe('requireOwnerMembership', () => {
    const ada = (relations: string[], memberOf: string[] = []) => ({
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'User',
      metadata: { name: 'ada', namespace: 'default' },
      spec: { memberOf },
      relations: relations.map(targetRef => ({
        type: 'memberOf',
        targetRef,
      })),
    });
    const run = (entity: unknown, requireOwnerMembership = true) =>
      action.handler(
        createMockActionContext<any>({
          workspacePath: workspace.path,
          input: { entityPath: 'catalog-info.yaml', requireOwnerMembership },
          user: entity
            ? { entity: entity as any, ref: 'user:default/ada' }
            : undefined,
        }),
      );

    beforeEach(() =>
      workspace.setContent({ 'catalog-info.yaml': modelYaml() }),
    );

    it('passes a member of the owner group (by relation or by spec.memberOf)', async () => {
      await expect(
        run(ada(['group:default/fraud-ml'])),
      ).resolves.toBeUndefined();
      await expect(run(ada([], ['fraud-ml']))).resolves.toBeUndefined();
    });

    it('stops a user outside the owner group, naming the owner and their groups', async () => {
      const refused = run(
        ada(['group:default/search-ranking', 'group:default/ml-reviewers']),
      );
      await expect(refused).rejects.toThrow(NotAllowedError);
      await expect(refused).rejects.toThrow(
        'user:default/ada is not a member of group:default/fraud-ml, the owner chosen for this model; choose one of your own groups (group:default/ml-reviewers, group:default/search-ranking) so that you can open its readiness review',
      );
    });

    it('stops a run without a signed-in catalog user', async () => {
      await expect(run(undefined)).rejects.toThrow(
        /must be a member of group:default\/fraud-ml; the run has no signed-in catalog user/,
      );
    });

    it('checks nothing when not asked to', async () => {
      await expect(run(ada([]), false)).resolves.toBeUndefined();
    });
  });

  it('refuses a file without exactly one MLModel', async () => {
    workspace.setContent({
      'catalog-info.yaml':
        'apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata: { name: x }\n',
    });
    const ctx = createMockActionContext<any>({
      workspacePath: workspace.path,
      input: {},
    });
    await expect(action.handler(ctx)).rejects.toThrow(
      'catalog-info.yaml must contain exactly one MLModel entity (found 0)',
    );
  });

  it('refuses paths outside the workspace and unreadable YAML', async () => {
    workspace.setContent({ 'broken.yaml': 'kind: [unclosed' });
    await expect(
      action.handler(
        createMockActionContext<any>({
          workspacePath: workspace.path,
          input: { entityPath: '../etc/passwd' },
        }),
      ),
    ).rejects.toThrow(/outside/i);
    await expect(
      action.handler(
        createMockActionContext<any>({
          workspacePath: workspace.path,
          input: { entityPath: 'broken.yaml' },
        }),
      ),
    ).rejects.toThrow('broken.yaml is not valid YAML');
  });

  it.each(exampleInputs(validateModelExamples, 'mlops:model:validate'))(
    'runs the example: $description',
    async ({ input }) => {
      workspace.setContent({ [input.entityPath]: modelYaml() });
      const ctx = createMockActionContext<any>({
        workspacePath: workspace.path,
        input,
        // A member of the example model's owner, for the membership example.
        user: {
          ref: 'user:default/ada',
          entity: {
            apiVersion: 'backstage.io/v1alpha1',
            kind: 'User',
            metadata: { name: 'ada', namespace: 'default' },
            spec: { memberOf: ['fraud-ml'] },
          },
        },
      });
      await action.handler(ctx);
      expect(ctx.output).toHaveBeenCalledWith(
        'entityRef',
        'mlmodel:default/card-fraud-scorer',
      );
    },
  );
});
