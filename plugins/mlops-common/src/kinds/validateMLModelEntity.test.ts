import {
  mlModelEntityV1alpha1Validator,
  validateMLModelEntity,
  MLModelValidationError,
} from './validateMLModelEntity';
import { isMLModelEntity } from './MLModelEntityV1alpha1';

function model(
  spec: Record<string, unknown>,
  extra: Record<string, unknown> = {},
) {
  return {
    apiVersion: 'mlops-portal.io/v1alpha1',
    kind: 'MLModel',
    metadata: { name: 'fraud-detector' },
    spec,
    ...extra,
  };
}

const valid = {
  type: 'classification',
  lifecycle: 'production',
  owner: 'group:default/fraud-ml',
  system: 'payments',
  riskTier: 'high',
  framework: 'xgboost',
  version: '2.1.0',
  versions: [
    {
      version: '2.0.0',
      artifact: {
        uri: 's3://models/fraud/2.0.0',
        digest: 'sha256:9f86d081884c7d659a2feaa0c55ad015',
      },
      registeredAt: '2026-03-01T12:00:00Z',
      trainedOn: ['resource:default/transactions-2025'],
      metrics: { auc: 0.93, recall_at_1pct_fpr: 0.61 },
    },
    { version: '2.1.0', trainedOn: ['transactions-2025'] },
  ],
  datasets: ['resource:default/transactions-2025', 'chargebacks'],
  servedBy: ['component:default/fraud-scorer'],
  features: [
    { name: 'amount', type: 'numerical' },
    { name: 'merchant_category', type: 'categorical', description: 'MCC' },
  ],
  slos: [
    {
      name: 'availability',
      objective: 0.999,
      window: '30d',
      indicator: {
        ratio: {
          bad: 'sum(rate(http_requests_total{code=~"5.."}[{{window}}]))',
          total: 'sum(rate(http_requests_total[{{window}}]))',
        },
      },
    },
    {
      name: 'latency-p99',
      objective: 0.99,
      window: '1M',
      calendar: true,
      budgetingMethod: 'Timeslices',
      timeSliceTarget: 0.95,
      timeSliceWindow: '5m',
      indicator: {
        latency: { metric: 'http_request_duration_seconds', threshold: 0.25 },
      },
    },
  ],
  deployment: {
    kubernetes: {
      cluster: 'prod-eu',
      namespace: 'fraud',
      kind: 'Rollout',
      name: 'fraud-scorer',
    },
  },
  modelCard: {
    intendedUse: 'Score card payments for fraud.',
    limitations: 'Card-present only.',
  },
};

describe('validateMLModelEntity', () => {
  it('accepts a complete model', async () => {
    expect(validateMLModelEntity(model(valid))).toEqual([]);
    await expect(
      mlModelEntityV1alpha1Validator.check(model(valid) as any),
    ).resolves.toBe(true);
  });

  it('accepts a minimal model', () => {
    expect(
      validateMLModelEntity(
        model({ type: 'other', lifecycle: 'experimental', owner: 'user:jane' }),
      ),
    ).toEqual([]);
  });

  it('resolves false for other kinds and api versions', async () => {
    await expect(
      mlModelEntityV1alpha1Validator.check({
        apiVersion: 'backstage.io/v1alpha1',
        kind: 'Component',
        metadata: { name: 'x' },
        spec: {},
      } as any),
    ).resolves.toBe(false);
    await expect(
      mlModelEntityV1alpha1Validator.check({
        apiVersion: 'mlops-portal.io/v1beta9',
        kind: 'MLModel',
        metadata: { name: 'x' },
        spec: {},
      } as any),
    ).resolves.toBe(false);
  });

  const set = (path: string, value: unknown) => {
    const spec = JSON.parse(JSON.stringify(valid));
    const keys = path.split('.');
    let target: any = spec;
    for (const key of keys.slice(0, -1)) target = target[key];
    if (value === undefined) delete target[keys[keys.length - 1]];
    else target[keys[keys.length - 1]] = value;
    return model(spec);
  };

  // [description, entity, expected path, expected fragment of the rule]
  const invalid: Array<[string, unknown, string, RegExp]> = [
    ['missing type', set('type', undefined), 'spec.type', /is required/],
    [
      'missing lifecycle',
      set('lifecycle', undefined),
      'spec.lifecycle',
      /is required/,
    ],
    ['missing owner', set('owner', undefined), 'spec.owner', /is required/],
    [
      'missing spec',
      {
        apiVersion: 'mlops-portal.io/v1alpha1',
        kind: 'MLModel',
        metadata: { name: 'x' },
      },
      'spec',
      /is required/,
    ],
    [
      'bad type enum',
      set('type', 'clustering'),
      'spec.type',
      /must be one of classification, regression.*got "clustering"/,
    ],
    [
      'bad lifecycle enum',
      set('lifecycle', 'retired'),
      'spec.lifecycle',
      /must be one of experimental, staging, production, deprecated/,
    ],
    [
      'bad risk tier',
      set('riskTier', 'extreme'),
      'spec.riskTier',
      /must be one of low, medium, high, critical \(got "extreme"\)/,
    ],
    [
      'owner wrong type',
      set('owner', 42),
      'spec.owner',
      /must be a string \(got 42\)/,
    ],
    [
      'owner wrong kind',
      set('owner', 'component:default/fraud-scorer'),
      'spec.owner',
      /must refer to a group or user/,
    ],
    [
      'owner unparseable',
      set('owner', 'group:default/a/b'),
      'spec.owner',
      /must be an entity reference/,
    ],
    [
      'system wrong kind',
      set('system', 'domain:payments'),
      'spec.system',
      /must refer to a system/,
    ],
    [
      'dataset wrong kind',
      set('datasets', ['api:default/x']),
      'spec.datasets[0]',
      /must refer to a resource/,
    ],
    [
      'datasets not an array',
      set('datasets', 'resource:default/x'),
      'spec.datasets',
      /must be an array/,
    ],
    [
      'duplicate dataset',
      set('datasets', [
        'resource:default/transactions-2025',
        'resource:default/transactions-2025',
      ]),
      'spec.datasets[1]',
      /duplicates the dataset/,
    ],
    [
      'servedBy wrong kind',
      set('servedBy', ['resource:default/db']),
      'spec.servedBy[0]',
      /must refer to a component/,
    ],
    [
      'servedBy item not a string',
      set('servedBy', [{ name: 'x' }]),
      'spec.servedBy[0]',
      /must be a string/,
    ],
    [
      'framework empty',
      set('framework', ''),
      'spec.framework',
      /must not be empty/,
    ],
    [
      'version not semver-like',
      set('version', 'latest'),
      'spec.version',
      /semver-like version/,
    ],
    [
      'version not listed',
      set('version', '3.0.0'),
      'spec.version',
      /not listed in spec.versions/,
    ],
    [
      'versions[].version missing',
      set('versions', [{ artifact: { uri: 's3://x' } }]),
      'spec.versions[0].version',
      /is required/,
    ],
    [
      'duplicate version',
      set('versions', [{ version: '2.1.0' }, { version: '2.1.0' }]),
      'spec.versions[1].version',
      /duplicates the version "2.1.0" at spec.versions\[0\].version/,
    ],
    [
      'bad digest',
      set('versions', [
        { version: '2.1.0', artifact: { uri: 's3://x', digest: 'abc' } },
      ]),
      'spec.versions[0].artifact.digest',
      /hex digest/,
    ],
    [
      'bad registeredAt',
      set('versions', [{ version: '2.1.0', registeredAt: 'yesterday' }]),
      'spec.versions[0].registeredAt',
      /ISO 8601/,
    ],
    [
      'metric not a number',
      set('versions', [{ version: '2.1.0', metrics: { auc: 'high' } }]),
      'spec.versions[0].metrics.auc',
      /must be a number/,
    ],
    [
      'trainedOn not in datasets',
      set('versions', [
        { version: '2.1.0', trainedOn: ['resource:default/other'] },
      ]),
      'spec.versions[0].trainedOn[0]',
      /not declared in spec.datasets/,
    ],
    [
      'duplicate feature name',
      set('features', [
        { name: 'amount', type: 'numerical' },
        { name: 'amount', type: 'categorical' },
      ]),
      'spec.features[1].name',
      /duplicates the feature name "amount"/,
    ],
    [
      'bad feature type',
      set('features', [{ name: 'amount', type: 'float' }]),
      'spec.features[0].type',
      /must be one of numerical, categorical/,
    ],
    [
      'feature without name',
      set('features', [{ type: 'numerical' }]),
      'spec.features[0].name',
      /is required/,
    ],
    [
      'objective above 1',
      set('slos', [{ ...valid.slos[0], objective: 1.5 }]),
      'spec.slos[0].objective',
      /strictly between 0 and 1 \(got 1.5\)/,
    ],
    [
      'objective exactly 1',
      set('slos', [{ ...valid.slos[0], objective: 1 }]),
      'spec.slos[0].objective',
      /strictly between 0 and 1/,
    ],
    [
      'objective zero',
      set('slos', [{ ...valid.slos[0], objective: 0 }]),
      'spec.slos[0].objective',
      /strictly between 0 and 1/,
    ],
    [
      'objective as string',
      set('slos', [{ ...valid.slos[0], objective: '99.9%' }]),
      'spec.slos[0].objective',
      /must be a number/,
    ],
    [
      'unknown window',
      set('slos', [{ ...valid.slos[0], window: '30days' }]),
      'spec.slos[0].window',
      /window such as 7d, 28d, 30d/,
    ],
    [
      'calendar window not marked',
      set('slos', [{ ...valid.slos[0], window: '1M' }]),
      'spec.slos[0].window',
      /calendar window/,
    ],
    [
      'bad budgeting method',
      set('slos', [{ ...valid.slos[0], budgetingMethod: 'RatioTimeslices' }]),
      'spec.slos[0].budgetingMethod',
      /must be one of Occurrences, Timeslices/,
    ],
    [
      'timeslices without target',
      set('slos', [
        {
          ...valid.slos[0],
          budgetingMethod: 'Timeslices',
          timeSliceWindow: '5m',
        },
      ]),
      'spec.slos[0].timeSliceTarget',
      /required when budgetingMethod is Timeslices/,
    ],
    [
      'indicator with both kinds',
      set('slos', [
        {
          ...valid.slos[0],
          indicator: { ...valid.slos[0].indicator, ...valid.slos[1].indicator },
        },
      ]),
      'spec.slos[0].indicator',
      /exactly one of ratio or latency/,
    ],
    [
      'ratio with good and bad',
      set('slos', [
        {
          ...valid.slos[0],
          indicator: { ratio: { good: 'a', bad: 'b', total: 'c' } },
        },
      ]),
      'spec.slos[0].indicator.ratio',
      /exactly one of good or bad/,
    ],
    [
      'ratio without total',
      set('slos', [{ ...valid.slos[0], indicator: { ratio: { good: 'a' } } }]),
      'spec.slos[0].indicator.ratio.total',
      /is required/,
    ],
    [
      'latency threshold not positive',
      set('slos', [
        {
          ...valid.slos[1],
          indicator: { latency: { metric: 'h', threshold: 0 } },
        },
      ]),
      'spec.slos[0].indicator.latency.threshold',
      /greater than 0/,
    ],
    [
      'duplicate SLO name',
      set('slos', [valid.slos[0], valid.slos[0]]),
      'spec.slos[1].name',
      /duplicates the SLO name/,
    ],
    [
      'bad SLO name',
      set('slos', [{ ...valid.slos[0], name: 'Availability SLO' }]),
      'spec.slos[0].name',
      /lowercase DNS label/,
    ],
    [
      'bad deployment kind',
      set('deployment', {
        kubernetes: { ...valid.deployment.kubernetes, kind: 'Deployment' },
      }),
      'spec.deployment.kubernetes.kind',
      /must be one of Rollout, InferenceService/,
    ],
    [
      'deployment missing namespace',
      set('deployment', {
        kubernetes: { cluster: 'c', kind: 'Rollout', name: 'n' },
      }),
      'spec.deployment.kubernetes.namespace',
      /is required/,
    ],
    [
      'bad deployment namespace',
      set('deployment', {
        kubernetes: { ...valid.deployment.kubernetes, namespace: 'Fraud_NS' },
      }),
      'spec.deployment.kubernetes.namespace',
      /DNS label/,
    ],
    [
      'unknown spec field',
      set('riskLevel', 'high'),
      'spec.riskLevel',
      /is not a field/,
    ],
    [
      'unknown model card field',
      set('modelCard', { intendedUsage: 'x' }),
      'spec.modelCard.intendedUsage',
      /is not a field/,
    ],
    [
      'model card field not a string',
      set('modelCard', { limitations: ['a'] }),
      'spec.modelCard.limitations',
      /must be a string \(got an array\)/,
    ],
  ];

  it.each(invalid)(
    'refuses %s, naming the field path',
    async (_, entity, path, rule) => {
      const issues = validateMLModelEntity(entity);
      const issue = issues.find(i => i.path === path);
      expect(issue).toBeDefined();
      expect(issue!.message).toMatch(rule);
      const check = mlModelEntityV1alpha1Validator.check(entity as any);
      await expect(check).rejects.toThrow(MLModelValidationError);
      await expect(check).rejects.toThrow(path);
    },
  );

  it('reports every problem at once, not just the first', () => {
    const entity = model({ type: 'clustering', lifecycle: 'gone', owner: 7 });
    expect(
      validateMLModelEntity(entity)
        .map(i => i.path)
        .sort(),
    ).toEqual(['spec.lifecycle', 'spec.owner', 'spec.type']);
  });

  it('names the entity in the thrown message', async () => {
    await expect(
      mlModelEntityV1alpha1Validator.check(set('riskTier', 'extreme') as any),
    ).rejects.toThrow(
      /Invalid MLModel "fraud-detector": spec.riskTier must be one of/,
    );
  });
});

describe('isMLModelEntity', () => {
  it('recognises models only', () => {
    expect(isMLModelEntity(model(valid) as any)).toBe(true);
    expect(
      isMLModelEntity({
        apiVersion: 'backstage.io/v1alpha1',
        kind: 'Component',
        metadata: { name: 'x' },
      }),
    ).toBe(false);
    expect(isMLModelEntity(undefined)).toBe(false);
  });
});
