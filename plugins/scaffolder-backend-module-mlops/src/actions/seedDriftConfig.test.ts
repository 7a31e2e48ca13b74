import { createMockDirectory } from '@backstage/backend-test-utils';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import fs from 'node:fs';
import { parse } from 'yaml';
import { exampleInputs } from '../__testUtils__/examples';
import { createSeedDriftConfigAction } from './seedDriftConfig';
import { seedDriftConfigExamples } from './seedDriftConfig.examples';

describe('mlops:drift:seed-config', () => {
  const workspace = createMockDirectory();
  const action = createSeedDriftConfigAction();

  beforeEach(() => workspace.clear());

  it('writes a test and threshold per feature, with Evidently defaults', async () => {
    const ctx = createMockActionContext<any>({
      workspacePath: workspace.path,
      input: {
        entityRef: 'mlmodel:default/card-fraud-scorer',
        features: [
          { name: 'amount', type: 'numerical' },
          { name: 'merchant_category', type: 'categorical' },
          { name: 'price', type: 'numerical', test: 'psi', threshold: 0.2 },
        ],
      },
    });
    await action.handler(ctx);
    const config = parse(
      fs.readFileSync(workspace.resolve('drift/drift-config.yaml'), 'utf8'),
    );
    expect(config).toEqual({
      apiVersion: 'mlops-portal.io/v1alpha1',
      kind: 'DriftConfig',
      metadata: { model: 'mlmodel:default/card-fraud-scorer' },
      spec: {
        referenceSizeThreshold: 1000,
        datasetDrift: { driftShare: 0.5 },
        features: [
          {
            name: 'amount',
            type: 'numerical',
            smallReference: { test: 'ks', threshold: 0.05, on: 'p_value' },
            largeReference: {
              test: 'wasserstein',
              threshold: 0.1,
              on: 'distance',
            },
          },
          {
            name: 'merchant_category',
            type: 'categorical',
            smallReference: {
              test: 'chisquare',
              threshold: 0.05,
              on: 'p_value',
              binaryTest: { test: 'z', threshold: 0.05, on: 'p_value' },
            },
            largeReference: {
              test: 'jensenshannon',
              threshold: 0.1,
              on: 'distance',
            },
          },
          {
            name: 'price',
            type: 'numerical',
            smallReference: { test: 'psi', threshold: 0.2, on: 'distance' },
            largeReference: { test: 'psi', threshold: 0.2, on: 'distance' },
          },
        ],
      },
    });
    expect(ctx.output).toHaveBeenCalledWith('featureCount', 3);
  });

  it('refuses duplicate features and a categorical test on a numerical feature', async () => {
    const ctx = createMockActionContext<any>({
      workspacePath: workspace.path,
      input: {
        entityRef: 'mlmodel:default/x',
        features: [
          { name: 'amount', type: 'numerical', test: 'chisquare' },
          { name: 'amount', type: 'numerical' },
        ],
      },
    });
    await expect(action.handler(ctx)).rejects.toThrow(
      'Invalid drift features: features[0].test chisquare is a test for categorical features; features[1].name amount is declared twice',
    );
    expect(fs.existsSync(workspace.resolve('drift/drift-config.yaml'))).toBe(
      false,
    );
  });

  it.each(exampleInputs(seedDriftConfigExamples, 'mlops:drift:seed-config'))(
    'runs the example: $description',
    async ({ input }) => {
      const ctx = createMockActionContext<any>({
        workspacePath: workspace.path,
        input,
      });
      await action.handler(ctx);
      const path = input.targetPath ?? 'drift/drift-config.yaml';
      const config = parse(fs.readFileSync(workspace.resolve(path), 'utf8'));
      expect(config.spec.features).toHaveLength(input.features.length);
    },
  );
});
