import fs from 'fs';
import path from 'path';
import { parseAllDocuments } from 'yaml';
import { Entity } from '@backstage/catalog-model';
import { MLModelEntityV1alpha1 } from '../kinds/MLModelEntityV1alpha1';
import {
  AutomaticCheckResult,
  evaluateAutomaticChecks,
  isAutomaticCheckId,
} from './evaluateChecks';
import { DEFAULT_READINESS_POLICY } from './policy';
import { readReadinessConfig } from './readReadinessConfig';
import { ALL_REFS_EXIST, OWNER, completeModel } from './readinessTestFixtures';

function evaluate(
  entity: Entity,
  options: Partial<Parameters<typeof evaluateAutomaticChecks>[0]> = {},
) {
  return evaluateAutomaticChecks({
    entity,
    version: '3.3.0',
    facts: ALL_REFS_EXIST,
    ...options,
  });
}

function resultOf(
  checkId: string,
  entity: Entity,
  options: Partial<Parameters<typeof evaluateAutomaticChecks>[0]> = {},
): AutomaticCheckResult {
  const result = evaluate(entity, options).find(r => r.checkId === checkId);
  if (!result) throw new Error(`no result for ${checkId}`);
  return result;
}

// eslint-disable-next-line no-script-url
const SCRIPT_URL = 'javascript:alert(1)';

describe('evaluateAutomaticChecks', () => {
  it('evaluates every automatic check, in checklist order, all passing for a complete model', () => {
    const results = evaluate(completeModel());
    expect(results.map(r => [r.checkId, r.status])).toEqual([
      ['owner-exists', 'passed'],
      ['lifecycle-not-experimental', 'passed'],
      ['evaluation-metrics', 'passed'],
      ['model-card', 'passed'],
      ['datasets-exist', 'passed'],
      ['dashboard-link', 'passed'],
      ['runbook-link', 'passed'],
      ['slos-defined', 'passed'],
      ['drift-features', 'passed'],
      ['rollout-declared', 'passed'],
    ]);
  });

  it('marks checks outside the tier as not applicable', () => {
    const results = evaluate(completeModel({ riskTier: 'low' }));
    expect(
      results.filter(r => r.status === 'not-applicable').map(r => r.checkId),
    ).toEqual([
      'runbook-link',
      'slos-defined',
      'drift-features',
      'rollout-declared',
    ]);
    expect(
      resultOf('rollout-declared', completeModel({ riskTier: 'low' })),
    ).toEqual({
      checkId: 'rollout-declared',
      status: 'not-applicable',
      evidence: { tier: 'low', tiers: ['high', 'critical'] },
      summary: 'Not part of the low-tier checklist.',
    });
  });

  it('uses an explicit tier over the entity tier, and the default tier without one', () => {
    expect(
      resultOf('rollout-declared', completeModel({ riskTier: 'critical' }), {
        tier: 'medium',
      }).status,
    ).toBe('not-applicable');
    // No spec.riskTier: the default (medium) checklist applies.
    const untiered = completeModel({ riskTier: undefined });
    expect(resultOf('runbook-link', untiered).status).toBe('passed');
    expect(resultOf('rollout-declared', untiered).status).toBe(
      'not-applicable',
    );
  });

  it('leaves out disabled checks', () => {
    const policy = readReadinessConfig({
      disable: ['dashboard-link', 'load-test'],
    });
    expect(
      evaluate(completeModel(), { policy }).map(r => r.checkId),
    ).not.toContain('dashboard-link');
  });

  it('knows its evaluators', () => {
    expect(isAutomaticCheckId('slos-defined')).toBe(true);
    expect(isAutomaticCheckId('load-test')).toBe(false);
  });

  describe('owner-exists', () => {
    it('passes when the owner is in the catalog, whatever the ref spelling', () => {
      expect(
        resultOf('owner-exists', completeModel({ owner: 'Fraud-ML' })),
      ).toEqual({
        checkId: 'owner-exists',
        status: 'passed',
        evidence: { owner: OWNER, exists: true },
        summary: 'The owner group:default/fraud-ml exists in the catalog.',
      });
    });

    it('fails when the owner is not in the catalog', () => {
      const result = resultOf(
        'owner-exists',
        completeModel({ owner: 'user:default/ghost' }),
      );
      expect(result.status).toBe('failed');
      expect(result.evidence).toEqual({
        owner: 'user:default/ghost',
        exists: false,
      });
      expect(result.summary).toBe(
        'The owner user:default/ghost is not in the catalog.',
      );
    });

    it('fails without an owner', () => {
      const result = resultOf('owner-exists', completeModel({ owner: '' }));
      expect(result.status).toBe('failed');
      expect(result.evidence).toEqual({ owner: null, exists: false });
    });
  });

  describe('lifecycle-not-experimental', () => {
    it.each(['staging', 'production', 'deprecated'] as const)(
      'passes for %s',
      lifecycle => {
        const result = resultOf(
          'lifecycle-not-experimental',
          completeModel({ lifecycle }),
        );
        expect(result.status).toBe('passed');
        expect(result.evidence).toEqual({ lifecycle });
      },
    );

    it('fails for experimental', () => {
      expect(
        resultOf(
          'lifecycle-not-experimental',
          completeModel({ lifecycle: 'experimental' }),
        ),
      ).toEqual({
        checkId: 'lifecycle-not-experimental',
        status: 'failed',
        evidence: { lifecycle: 'experimental' },
        summary:
          'The lifecycle is experimental; change spec.lifecycle before a production release.',
      });
    });
  });

  it('fails lifecycle-not-experimental without a lifecycle', () => {
    const result = resultOf(
      'lifecycle-not-experimental',
      completeModel({ lifecycle: undefined as any }),
    );
    expect(result).toMatchObject({
      status: 'failed',
      evidence: { lifecycle: null },
      summary: 'No lifecycle is set in spec.lifecycle.',
    });
  });

  describe('evaluation-metrics', () => {
    it('passes with the metrics of the version under review', () => {
      expect(resultOf('evaluation-metrics', completeModel())).toEqual({
        checkId: 'evaluation-metrics',
        status: 'passed',
        evidence: { version: '3.3.0', metrics: { auc: 0.969, pr_auc: 0.735 } },
        summary: 'Version 3.3.0 has 2 evaluation metrics: auc, pr_auc.',
      });
    });

    it('fails when only other versions have metrics', () => {
      const model = completeModel({
        versions: [
          { version: '3.2.0', metrics: { auc: 0.9 } },
          { version: '3.3.0' },
        ],
      });
      const result = resultOf('evaluation-metrics', model);
      expect(result.status).toBe('failed');
      expect(result.evidence).toEqual({ version: '3.3.0', metrics: {} });
      expect(result.summary).toBe(
        'Version 3.3.0 has no evaluation metrics in spec.versions[].metrics.',
      );
    });

    it('fails when the version is not declared', () => {
      const result = resultOf('evaluation-metrics', completeModel(), {
        version: '4.0.0',
      });
      expect(result.status).toBe('failed');
      expect(result.evidence).toEqual({
        version: '4.0.0',
        declaredVersions: ['3.2.0', '3.3.0'],
      });
      expect(result.summary).toBe(
        'Version 4.0.0 is not declared in spec.versions.',
      );
    });

    it('ignores values that are not finite numbers', () => {
      const model = completeModel({
        versions: [
          { version: '3.3.0', metrics: { auc: Number.NaN, note: 'x' as any } },
        ],
      });
      expect(resultOf('evaluation-metrics', model).status).toBe('failed');
    });
  });

  describe('model-card', () => {
    it('passes at critical with all five sections', () => {
      const result = resultOf('model-card', completeModel());
      expect(result.status).toBe('passed');
      expect(result.evidence).toEqual({
        required: [
          'intendedUse',
          'limitations',
          'ethicalConsiderations',
          'evaluation',
          'trainingData',
        ],
        missing: [],
      });
    });

    it('fails at high when ethics and evaluation are missing or blank', () => {
      const model = completeModel({
        riskTier: 'high',
        modelCard: {
          intendedUse: 'x',
          limitations: 'y',
          trainingData: 'z',
          ethicalConsiderations: '   ',
        },
      });
      expect(resultOf('model-card', model)).toEqual({
        checkId: 'model-card',
        status: 'failed',
        evidence: {
          required: [
            'intendedUse',
            'limitations',
            'ethicalConsiderations',
            'evaluation',
            'trainingData',
          ],
          missing: ['ethicalConsiderations', 'evaluation'],
        },
        summary:
          'The model card is missing ethicalConsiderations, evaluation (required at the high tier).',
      });
    });

    it('asks a low-tier model only for intended use and limitations', () => {
      const model = completeModel({
        riskTier: 'low',
        modelCard: { intendedUse: 'x', limitations: 'y' },
      });
      expect(resultOf('model-card', model).status).toBe('passed');
      const bare = completeModel({ riskTier: 'low', modelCard: undefined });
      expect(resultOf('model-card', bare).evidence).toEqual({
        required: ['intendedUse', 'limitations'],
        missing: ['intendedUse', 'limitations'],
      });
    });

    it('is not applicable when the tier requires no sections', () => {
      const policy = readReadinessConfig({ modelCardSections: { low: [] } });
      const result = resultOf(
        'model-card',
        completeModel({ riskTier: 'low' }),
        { policy },
      );
      expect(result.status).toBe('not-applicable');
      expect(result.summary).toBe(
        'The low tier requires no model card sections.',
      );
    });
  });

  describe('datasets-exist', () => {
    it('passes when every declared dataset is registered', () => {
      expect(resultOf('datasets-exist', completeModel())).toEqual({
        checkId: 'datasets-exist',
        status: 'passed',
        evidence: {
          declared: [
            'resource:default/card-transactions',
            'resource:default/chargebacks',
          ],
          missing: [],
        },
        summary: 'All 2 declared datasets exist in the catalog.',
      });
    });

    it('fails listing the datasets that are not registered', () => {
      const result = resultOf('datasets-exist', completeModel(), {
        facts: {
          existingRefs: new Set([OWNER, 'resource:default/card-transactions']),
        },
      });
      expect(result.status).toBe('failed');
      expect(result.evidence).toEqual({
        declared: [
          'resource:default/card-transactions',
          'resource:default/chargebacks',
        ],
        missing: ['resource:default/chargebacks'],
      });
      expect(result.summary).toBe(
        '1 of 2 declared datasets is not in the catalog: resource:default/chargebacks.',
      );
    });

    it('counts the datasets the version was trained on', () => {
      const model = completeModel({
        datasets: ['card-transactions'],
        versions: [
          {
            version: '3.3.0',
            trainedOn: ['resource:default/login-events'],
            metrics: { auc: 1 },
          },
        ],
      });
      const result = resultOf('datasets-exist', model);
      expect(result.evidence).toEqual({
        declared: [
          'resource:default/card-transactions',
          'resource:default/login-events',
        ],
        missing: ['resource:default/login-events'],
      });
    });

    it('fails when no dataset is declared', () => {
      const result = resultOf(
        'datasets-exist',
        completeModel({ datasets: [], versions: [{ version: '3.3.0' }] }),
      );
      expect(result.status).toBe('failed');
      expect(result.summary).toBe('No datasets are declared in spec.datasets.');
    });
  });

  describe.each([
    ['dashboard-link', 'dashboard'],
    ['runbook-link', 'runbook'],
  ])('%s', (checkId, type) => {
    it('passes with the first http(s) link of that type', () => {
      const result = resultOf(checkId, completeModel());
      expect(result.status).toBe('passed');
      expect(result.evidence.url).toMatch(/^https:\/\//);
      expect(result.summary).toBe(
        `The ${type} link points to ${result.evidence.url}.`,
      );
    });

    it('fails without such a link', () => {
      const model = completeModel(
        {},
        {
          links: [
            { url: 'https://mlflow.example/x', type: 'experiment-tracking' },
          ],
        },
      );
      expect(resultOf(checkId, model)).toEqual({
        checkId,
        status: 'failed',
        evidence: { url: null },
        summary: `No link of type ${type} in metadata.links.`,
      });
    });

    it('refuses links that are not http(s)', () => {
      const model = completeModel(
        {},
        {
          links: [{ url: SCRIPT_URL, type }],
        },
      );
      expect(resultOf(checkId, model)).toEqual({
        checkId,
        status: 'failed',
        evidence: { url: null, rejected: [SCRIPT_URL] },
        summary: `The ${type} link ${SCRIPT_URL} is not an http(s) URL.`,
      });
    });
  });

  it('refuses a link with embedded credentials', () => {
    const model = completeModel(
      {},
      {
        links: [
          { url: 'https://user:secret@grafana.example/d/x', type: 'dashboard' },
        ],
      },
    );
    expect(resultOf('dashboard-link', model).status).toBe('failed');
  });

  describe('slos-defined', () => {
    it('passes with spec.slos', () => {
      expect(resultOf('slos-defined', completeModel())).toMatchObject({
        status: 'passed',
        evidence: { source: 'spec.slos', slos: ['availability'] },
        summary: '1 SLO defined: availability.',
      });
    });

    it('passes with an OpenSLO file annotation instead', () => {
      const model = completeModel(
        { slos: undefined },
        {
          annotations: { 'mlops-portal.io/openslo-file': './slo.yaml' },
        },
      );
      expect(resultOf('slos-defined', model)).toMatchObject({
        status: 'passed',
        evidence: { source: 'annotation', openSloFile: './slo.yaml' },
      });
    });

    it('fails with neither', () => {
      expect(resultOf('slos-defined', completeModel({ slos: [] }))).toEqual({
        checkId: 'slos-defined',
        status: 'failed',
        evidence: { source: null, slos: [] },
        summary:
          'No SLOs in spec.slos and no mlops-portal.io/openslo-file annotation.',
      });
    });
  });

  describe('drift-features', () => {
    it('passes with declared features and counts their types', () => {
      expect(resultOf('drift-features', completeModel())).toEqual({
        checkId: 'drift-features',
        status: 'passed',
        evidence: {
          features: ['amount_eur', 'currency', 'txn_count_1h'],
          numerical: 2,
          categorical: 1,
        },
        summary:
          '3 features declared for drift detection (2 numerical, 1 categorical).',
      });
    });

    it('fails without features', () => {
      const result = resultOf(
        'drift-features',
        completeModel({ features: undefined }),
      );
      expect(result.status).toBe('failed');
      expect(result.evidence).toEqual({
        features: [],
        numerical: 0,
        categorical: 0,
      });
    });
  });

  describe('rollout-declared', () => {
    it('passes with spec.deployment.kubernetes', () => {
      expect(resultOf('rollout-declared', completeModel())).toEqual({
        checkId: 'rollout-declared',
        status: 'passed',
        evidence: {
          cluster: 'demo-cluster',
          namespace: 'fraud-ml',
          kind: 'Rollout',
          name: 'fraud-scorer',
        },
        summary: 'Deployed as Rollout fraud-scorer in demo-cluster/fraud-ml.',
      });
    });

    it('fails without it', () => {
      const result = resultOf(
        'rollout-declared',
        completeModel({ deployment: {} }),
      );
      expect(result.status).toBe('failed');
      expect(result.evidence).toEqual({ kubernetes: null });
    });
  });

  it('is deterministic and does not modify the entity', () => {
    const model = completeModel();
    const copy = JSON.parse(JSON.stringify(model));
    expect(evaluate(model)).toEqual(evaluate(model));
    expect(model).toEqual(copy);
  });
});

describe('the demo catalog', () => {
  const dir = path.resolve(__dirname, '../../../../demo/catalog');
  const entities = fs
    .readdirSync(dir)
    .filter(f => f.endsWith('.yaml'))
    .flatMap(f => parseAllDocuments(fs.readFileSync(path.join(dir, f), 'utf8')))
    .map(d => d.toJS() as Entity)
    .filter(Boolean);
  const existingRefs = entities.map(
    e => `${e.kind}:${e.metadata.namespace ?? 'default'}/${e.metadata.name}`,
  );
  const model = (name: string) =>
    entities.find(
      e => e.kind === 'MLModel' && e.metadata.name === name,
    ) as MLModelEntityV1alpha1;
  const failing = (name: string, version: string) =>
    evaluateAutomaticChecks({
      entity: model(name),
      version,
      facts: { existingRefs },
      policy: DEFAULT_READINESS_POLICY,
    })
      .filter(r => r.status === 'failed')
      .map(r => r.checkId);

  it('finds nothing wrong with card-fraud-detector 3.3.0-rc.1', () => {
    expect(failing('card-fraud-detector', '3.3.0-rc.1')).toEqual([]);
  });

  it('finds the incomplete model card and missing runbook of account-takeover-detector 0.5.0', () => {
    expect(failing('account-takeover-detector', '0.5.0')).toEqual([
      'model-card',
      'runbook-link',
    ]);
    const card = evaluateAutomaticChecks({
      entity: model('account-takeover-detector'),
      version: '0.5.0',
      facts: { existingRefs },
    }).find(r => r.checkId === 'model-card')!;
    expect(card.evidence.missing).toEqual([
      'ethicalConsiderations',
      'evaluation',
    ]);
  });

  it('finds almost everything missing on the experimental support-reply-drafter', () => {
    expect(failing('support-reply-drafter', '0.1.0')).toEqual([
      'lifecycle-not-experimental',
      'evaluation-metrics',
      'model-card',
      'dashboard-link',
      'runbook-link',
      'slos-defined',
      'drift-features',
      'rollout-declared',
    ]);
  });

  it('reports the unregistered dataset of return-volume-forecaster', () => {
    const model_ = model('return-volume-forecaster');
    const version = (model_.spec.versions ?? []).slice(-1)[0].version;
    const datasets = evaluateAutomaticChecks({
      entity: model_,
      version,
      facts: { existingRefs },
    }).find(r => r.checkId === 'datasets-exist')!;
    expect(datasets.status).toBe('failed');
    expect(datasets.evidence.missing).toEqual([
      'resource:default/returns-labels-v2',
    ]);
  });
});
