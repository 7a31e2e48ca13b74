/*
 * Runs each golden-path template in templates/ through the scaffolder's
 * dry-run API (the real template engine and built-in actions of Backstage
 * 1.57, plus this module's actions), then checks what it generated: the
 * model entity validates, the rules pass promtool, the manifests are the
 * right kinds, and the generated project's own tests pass.
 */
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import scaffolderPlugin from '@backstage/plugin-scaffolder-backend';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import {
  isMLModelEntity,
  parseOpenSloDocuments,
  validateMLModelEntity,
} from '@mlops-portal/plugin-mlops-common';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import request from 'supertest';
import { parse, parseAllDocuments } from 'yaml';
import scaffolderModuleMlops from '@mlops-portal/scaffolder-backend-module-mlops';

const TEMPLATES_DIR = path.resolve(__dirname, '../../../templates');
const PYTHON = fs.existsSync('/usr/bin/python3')
  ? '/usr/bin/python3'
  : 'python3';

jest.setTimeout(180_000);

function directoryContents(
  dir: string,
  prefix = '',
): Array<{ path: string; base64Content: string }> {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap(entry => {
    const relative = prefix ? `${prefix}/${entry.name}` : entry.name;
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      if (entry.name === '__pycache__' || entry.name === '.pytest_cache')
        return [];
      return directoryContents(full, relative);
    }
    if (entry.name === 'template.yaml') return [];
    return [
      {
        path: relative,
        base64Content: fs.readFileSync(full).toString('base64'),
      },
    ];
  });
}

function yamlDocuments(file: string): any[] {
  const docs = parseAllDocuments(fs.readFileSync(file, 'utf8'));
  for (const doc of docs) expect(doc.errors).toEqual([]);
  return docs.map(d => d.toJS());
}

const baseValues = {
  name: 'card-fraud-scorer',
  title: 'Card fraud scorer',
  description: 'Scores card payments for fraud before authorisation.',
  modelType: 'classification',
  owner: 'group:default/fraud-ml',
  system: 'system:default/payments-risk',
  datasets: [
    'resource:default/card-transactions',
    'resource:default/chargebacks',
  ],
  intendedUse: 'Score card-not-present payments for fraud.',
  limitations: 'Not trained on card-present transactions.',
  features: [
    { name: 'amount', type: 'numerical' },
    { name: 'merchant_category', type: 'categorical' },
    { name: 'account_age_days', type: 'numerical' },
  ],
  publishTarget: 'local',
};

describe('golden-path templates (scaffolder dry-run)', () => {
  let server: any;
  let stopBackend: () => Promise<void>;
  let workDir: string;

  beforeAll(async () => {
    workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'mlops-templates-'));
    const backend = await startTestBackend({
      features: [
        scaffolderPlugin,
        scaffolderModuleMlops,
        // The user running the templates, a member of the owner team: the
        // validate step checks it before anything would be published.
        catalogServiceMock.factory({
          entities: [
            {
              apiVersion: 'backstage.io/v1alpha1',
              kind: 'User',
              metadata: { name: 'ada', namespace: 'default' },
              spec: { memberOf: ['fraud-ml'] },
              relations: [
                { type: 'memberOf', targetRef: 'group:default/fraud-ml' },
              ],
            },
          ],
        }),
        mockServices.rootConfig.factory({
          data: {
            app: { baseUrl: 'http://localhost:3000' },
            backend: {
              baseUrl: 'http://localhost:7007',
              workingDirectory: workDir,
            },
            mlops: {
              scaffolder: { localGit: { baseDir: path.join(workDir, 'git') } },
            },
            // A dry run of mlops:kubernetes:apply only checks that the cluster is configured.
            kubernetes: {
              clusterLocatorMethods: [
                {
                  type: 'config',
                  clusters: [
                    {
                      name: 'demo-cluster',
                      url: 'https://127.0.0.1:7443',
                      serviceAccountToken: 'unused',
                    },
                  ],
                },
              ],
            },
          },
        }),
      ],
    });
    server = backend.server;
    stopBackend = () => backend.stop();
  });

  afterAll(async () => {
    await stopBackend?.();
    fs.rmSync(workDir, { recursive: true, force: true });
  });

  async function dryRun(templateName: string, values: Record<string, unknown>) {
    const templateDir = path.join(TEMPLATES_DIR, templateName);
    const template = parse(
      fs.readFileSync(path.join(templateDir, 'template.yaml'), 'utf8'),
    );
    const response = await request(server)
      .post('/api/scaffolder/v2/dry-run')
      .set('Authorization', mockCredentials.user.header('user:default/ada'))
      .send({
        template,
        values,
        directoryContents: directoryContents(templateDir),
      });
    return response;
  }

  /** Writes the dry run's files to a fresh directory and returns it. */
  function materialise(body: any): string {
    const out = fs.mkdtempSync(path.join(workDir, 'out-'));
    for (const file of body.directoryContents) {
      const target = path.join(out, file.path);
      fs.mkdirSync(path.dirname(target), { recursive: true });
      fs.writeFileSync(target, Buffer.from(file.base64Content, 'base64'));
    }
    return out;
  }

  function expectGovernedProject(
    out: string,
    body: any,
    options: { tier: string; sloTarget: number },
  ) {
    const log = body.log.map((l: any) => l.body.message).join('\n');

    // The model entity and its component.
    const catalog = yamlDocuments(path.join(out, 'catalog-info.yaml'));
    const model = catalog.find(isMLModelEntity)!;
    expect(model).toBeDefined();
    expect(validateMLModelEntity(model)).toEqual([]);
    expect(model.metadata.name).toBe('card-fraud-scorer');
    expect(model.spec.owner).toBe('group:default/fraud-ml');
    expect(model.spec.riskTier).toBe(options.tier);
    expect(model.spec.datasets).toEqual(baseValues.datasets);
    expect(model.spec.features).toEqual(baseValues.features);
    expect(
      model.spec.slos!.every((s: any) => s.objective === options.sloTarget),
    ).toBe(true);
    const component = catalog.find(e => e.kind === 'Component');
    expect(component.spec.owner).toBe('group:default/fraud-ml');

    // OpenSLO documents that the suite's own OpenSLO reader accepts.
    const openSlo = yamlDocuments(path.join(out, 'slo/openslo.yaml'));
    expect(openSlo.map(d => `${d.apiVersion} ${d.kind}`)).toEqual(
      openSlo.map(() => 'openslo/v1 SLO'),
    );
    expect(parseOpenSloDocuments(openSlo).map(s => s.objective)).toEqual(
      openSlo.map(() => options.sloTarget),
    );

    // Rules generated by mlops:slo:generate-rules that promtool accepts.
    const promtool = spawnSync(
      'promtool',
      ['check', 'rules', path.join(out, 'slo/prometheus-rules.yaml')],
      {
        encoding: 'utf8',
      },
    );
    expect(`${promtool.stdout}${promtool.stderr}`).toContain('SUCCESS');
    expect(promtool.status).toBe(0);

    // Drift configuration: one entry per declared feature.
    const [drift] = yamlDocuments(path.join(out, 'drift/drift-config.yaml'));
    expect(drift.kind).toBe('DriftConfig');
    expect(drift.spec.features.map((f: any) => [f.name, f.type])).toEqual(
      baseValues.features.map(f => [f.name, f.type]),
    );

    // CI with the quality gates and the deploy gate call.
    const [ci] = yamlDocuments(path.join(out, '.github/workflows/ci.yaml'));
    expect(Object.keys(ci.jobs)).toEqual([
      'lint',
      'test',
      'dependency-scan',
      'build',
      'deploy-gate',
    ]);
    const gateScript = ci.jobs['deploy-gate'].steps
      .map((s: any) => s.run ?? '')
      .join('\n');
    expect(gateScript).toContain(
      '$BACKSTAGE_URL/api/mlops/gate/$MODEL_NAMESPACE/$MODEL_NAME/$version',
    );
    expect(gateScript).toContain('Authorization: Bearer $BACKSTAGE_TOKEN');
    expect(gateScript).toContain('.allowed == true');
    expect(ci.env).toMatchObject({
      MODEL_NAMESPACE: 'default',
      MODEL_NAME: 'card-fraud-scorer',
    });
    expect(ci.jobs['deploy-gate'].env.BACKSTAGE_TOKEN).toBe(
      '${{ secrets.BACKSTAGE_TOKEN }}',
    );

    // Model card and runbook.
    expect(
      fs.readFileSync(path.join(out, 'docs/model-card.md'), 'utf8'),
    ).toContain('Not trained on card-present transactions.');
    expect(
      fs.readFileSync(path.join(out, 'docs/runbook.md'), 'utf8'),
    ).toContain('mlmodel:default/card-fraud-scorer');

    // Publishing and the review are side effects: described, not done.
    expect(log).toContain('Dry run: would publish the workspace');
    expect(log).toContain(
      'Dry run: would open a readiness review of mlmodel:default/card-fraud-scorer version 0.1.0',
    );
    expect(
      fs.existsSync(path.join(workDir, 'git', 'card-fraud-scorer.git')),
    ).toBe(false);
  }

  /** The generated project's own tests, with Debian's python3-pytest. */
  function expectPytestPasses(out: string) {
    const result = spawnSync(PYTHON, ['-m', 'pytest', '-q'], {
      cwd: out,
      encoding: 'utf8',
      env: { ...process.env, PYTHONDONTWRITEBYTECODE: '1' },
    });
    const output = `${result.stdout}${result.stderr}`;
    if (result.status !== 0) {
      throw new Error(
        `pytest exited with ${result.status} in ${out}:\n${output}`,
      );
    }
    expect(output).toMatch(/^\d+ passed/m);
  }

  it('realtime inference with an Argo Rollout (critical tier)', async () => {
    const response = await dryRun('realtime-inference', {
      ...baseValues,
      riskTier: 'critical',
      sloTarget: 0.9995,
      canarySteps: [5, 10, 25, 50],
      approvers: 2,
      deploymentKind: 'Rollout',
      cluster: 'demo-cluster',
      k8sNamespace: 'fraud',
      latencyThresholdSeconds: 0.25,
      deployFirstCanary: true,
      stableModelVersion: 'baseline',
    });
    expect(response.status).toBe(200);
    const out = materialise(response.body);
    expectGovernedProject(out, response.body, {
      tier: 'critical',
      sloTarget: 0.9995,
    });
    const log = response.body.log.map((l: any) => l.body.message).join('\n');
    expect(log).toContain(
      'Dry run: would create Rollout fraud/card-fraud-scorer on cluster demo-cluster (https://127.0.0.1:7443)',
    );
    expect(log).toContain(
      'Dry run: would create AnalysisTemplate fraud/card-fraud-scorer-availability on cluster demo-cluster',
    );

    const manifests = yamlDocuments(path.join(out, 'deploy/rollout.yaml'));
    expect(manifests.map(m => `${m.apiVersion} ${m.kind}`)).toEqual([
      'argoproj.io/v1alpha1 Rollout',
      'v1 Service',
      'v1 Service',
      'argoproj.io/v1alpha1 AnalysisTemplate',
    ]);
    expect(
      manifests[0].spec.template.metadata.labels[
        'mlops-portal.io/model-version'
      ],
    ).toBe('0.1.0');
    const steps = manifests[0].spec.strategy.canary.steps;
    expect(
      steps.filter((s: any) => s.setWeight).map((s: any) => s.setWeight),
    ).toEqual([5, 10, 25, 50]);
    expect(steps[steps.length - 1]).toEqual({ pause: {} });
    expect(fs.existsSync(path.join(out, 'deploy/inferenceservice.yaml'))).toBe(
      false,
    );
    const [model] = yamlDocuments(path.join(out, 'catalog-info.yaml'));
    expect(model.spec.deployment.kubernetes).toEqual({
      cluster: 'demo-cluster',
      namespace: 'fraud',
      kind: 'Rollout',
      name: 'card-fraud-scorer',
    });

    expectPytestPasses(out);
  });

  it('realtime inference with a KServe InferenceService (low tier)', async () => {
    const response = await dryRun('realtime-inference', {
      ...baseValues,
      riskTier: 'low',
      sloTarget: 0.99,
      canarySteps: [50],
      approvers: 1,
      deploymentKind: 'InferenceService',
      cluster: 'demo-cluster',
      k8sNamespace: 'fraud',
      latencyThresholdSeconds: 0.1,
    });
    expect(response.status).toBe(200);
    const out = materialise(response.body);
    expectGovernedProject(out, response.body, { tier: 'low', sloTarget: 0.99 });
    const [isvc] = yamlDocuments(
      path.join(out, 'deploy/inferenceservice.yaml'),
    );
    expect(`${isvc.apiVersion} ${isvc.kind}`).toBe(
      'serving.kserve.io/v1beta1 InferenceService',
    );
    expect(isvc.spec.predictor.canaryTrafficPercent).toBe(50);
    expect(isvc.metadata.labels['mlops-portal.io/model-version']).toBe('0.1.0');
    // Left off (as in a portal where Argo CD syncs deploy/): nothing would be created.
    expect(
      response.body.log.map((l: any) => l.body.message).join('\n'),
    ).not.toContain('would create');
    expect(fs.existsSync(path.join(out, 'deploy/rollout.yaml'))).toBe(false);

    expectPytestPasses(out);
  });

  const batchValues = {
    ...baseValues,
    riskTier: 'medium',
    sloTarget: 0.995,
    approvers: 1,
    schedule: '0 3 * * *',
    k8sNamespace: 'batch-scoring',
  };

  it('batch scoring orchestrated by Airflow (medium tier)', async () => {
    const response = await dryRun('batch-scoring', {
      ...batchValues,
      orchestrator: 'airflow',
    });
    expect(response.status).toBe(200);
    const out = materialise(response.body);
    expectGovernedProject(out, response.body, {
      tier: 'medium',
      sloTarget: 0.995,
    });
    const dagPath = path.join(out, 'orchestration/airflow_dag.py');
    expect(
      fs.existsSync(path.join(out, 'orchestration/argo-workflow.yaml')),
    ).toBe(false);
    const dag = fs.readFileSync(dagPath, 'utf8');
    expect(dag).toContain('dag_id="card_fraud_scorer_scoring"');
    expect(dag).toContain('catchup=True');
    expect(dag).toContain('"{{ ds }}"');
    const compiled = spawnSync(PYTHON, ['-m', 'py_compile', dagPath], {
      encoding: 'utf8',
    });
    expect(compiled.stderr).toBe('');
    expectPytestPasses(out);
  });

  it('batch scoring orchestrated by Argo Workflows (medium tier)', async () => {
    const response = await dryRun('batch-scoring', {
      ...batchValues,
      orchestrator: 'argo-workflows',
    });
    expect(response.status).toBe(200);
    const out = materialise(response.body);
    expectGovernedProject(out, response.body, {
      tier: 'medium',
      sloTarget: 0.995,
    });
    expect(fs.existsSync(path.join(out, 'orchestration/airflow_dag.py'))).toBe(
      false,
    );
    const manifests = yamlDocuments(
      path.join(out, 'orchestration/argo-workflow.yaml'),
    );
    expect(manifests.map(m => `${m.apiVersion} ${m.kind}`)).toEqual([
      'argoproj.io/v1alpha1 WorkflowTemplate',
      'argoproj.io/v1alpha1 CronWorkflow',
    ]);
    expect(manifests[0].spec.templates.map((t: any) => t.name)).toEqual([
      'run',
      'backfill',
    ]);
    expect(manifests[1].spec.schedule).toBe('0 3 * * *');
    expect(manifests[1].spec.workflowSpec.workflowTemplateRef.name).toBe(
      manifests[0].metadata.name,
    );
    expectPytestPasses(out);
  });

  it('training pipeline with MLflow tracking (high tier)', async () => {
    const response = await dryRun('training-pipeline', {
      ...baseValues,
      riskTier: 'high',
      sloTarget: 0.999,
      approvers: 3,
      trackingUri: 'http://mlflow.ml-platform:5000',
      minimumAuc: 0.75,
    });
    expect(response.status).toBe(200);
    const out = materialise(response.body);
    expectGovernedProject(out, response.body, {
      tier: 'high',
      sloTarget: 0.999,
    });
    const [model] = yamlDocuments(path.join(out, 'catalog-info.yaml'));
    expect(model.spec.servedBy).toBeUndefined();
    expect(
      fs.readFileSync(path.join(out, 'training/pipeline.py'), 'utf8'),
    ).toContain('MINIMUM_AUC = 0.75');
    expect(
      fs.readFileSync(path.join(out, 'training/__main__.py'), 'utf8'),
    ).toContain('"http://mlflow.ml-platform:5000"');
    expectPytestPasses(out);
  });

  it('keeps the governance files of the three templates identical', () => {
    const shared = [
      '.github/workflows/ci.yaml',
      'docs/model-card.md',
      'docs/runbook.md',
    ];
    for (const file of shared) {
      const [first, ...rest] = [
        'realtime-inference',
        'batch-scoring',
        'training-pipeline',
      ].map(t =>
        fs.readFileSync(path.join(TEMPLATES_DIR, t, 'skeleton', file), 'utf8'),
      );
      for (const other of rest) expect(other).toBe(first);
    }
  });

  const highTierValues = {
    ...baseValues,
    riskTier: 'high',
    sloTarget: 0.999,
    canarySteps: [10, 25, 50],
    approvers: 2,
    deploymentKind: 'Rollout',
    cluster: 'demo-cluster',
    k8sNamespace: 'fraud',
    latencyThresholdSeconds: 0.25,
  };

  it('refuses a name that is not a DNS label, naming the field', async () => {
    const response = await dryRun('realtime-inference', {
      ...highTierValues,
      name: 'Card Fraud',
    });
    expect(response.status).toBe(400);
    expect(response.body.errors.map((e: any) => e.stack)).toEqual([
      expect.stringContaining('instance.name does not match pattern'),
    ]);
  });

  it('stops before publishing when the user is not in the owner team', async () => {
    // The validate step runs before publishing: the run ends there.
    const response = await dryRun('realtime-inference', {
      ...highTierValues,
      owner: 'group:default/search-ranking',
    });
    expect(response.status).toBe(403);
    expect(response.body.error).toEqual({
      name: 'NotAllowedError',
      message:
        'user:default/ada is not a member of group:default/search-ranking, the owner chosen for this model; choose one of your own groups (group:default/fraud-ml) so that you can open its readiness review',
    });
  });

  it('refuses lowering a tier default below the tier minimum', async () => {
    const response = await dryRun('realtime-inference', {
      ...highTierValues,
      sloTarget: 0.95,
      approvers: 1,
    });
    expect(response.status).toBe(400);
    const messages = JSON.stringify(response.body.errors);
    expect(messages).toContain('sloTarget');
    expect(messages).toContain('approvers');
  });
});
