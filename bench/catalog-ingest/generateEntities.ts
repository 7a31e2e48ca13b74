/*
 * Entity generation for the catalog ingestion benchmark.
 *
 * Both sets point at the same shared targets and carry five forward
 * relations each, so that the catalog does the same relation and stitching
 * work for a model as for a component:
 *   MLModel:   ownedBy, partOf, dependsOn x2 (datasets), servedBy x1
 *   Component: ownedBy, partOf, dependsOn x2 (datasets), dependsOn x1 (component)
 * The components carry extra metadata and spec bulk (annotations, links and
 * a free-form runtime block, which the Component schema allows) so that the
 * YAML of the two sets is about the same size.
 */
import { stringify } from 'yaml';

export const TARGETS = {
  groups: 25,
  systems: 10,
  datasets: 100,
  services: 100,
};

type Doc = Record<string, unknown>;

const pick = (i: number, n: number, salt = 0) => (i * 7919 + salt * 104729) % n;

export function targetEntities(): Doc[] {
  const docs: Doc[] = [];
  for (let g = 0; g < TARGETS.groups; g++) {
    docs.push({
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Group',
      metadata: { name: `bench-team-${g}` },
      spec: { type: 'team', children: [] },
    });
  }
  for (let s = 0; s < TARGETS.systems; s++) {
    docs.push({
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'System',
      metadata: { name: `bench-system-${s}` },
      spec: { owner: `bench-team-${s % TARGETS.groups}` },
    });
  }
  for (let d = 0; d < TARGETS.datasets; d++) {
    docs.push({
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Resource',
      metadata: { name: `bench-dataset-${d}` },
      spec: { type: 'dataset', owner: `bench-team-${d % TARGETS.groups}` },
    });
  }
  for (let c = 0; c < TARGETS.services; c++) {
    docs.push({
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Component',
      metadata: { name: `bench-serving-${c}` },
      spec: {
        type: 'service',
        lifecycle: 'production',
        owner: `bench-team-${c % TARGETS.groups}`,
      },
    });
  }
  return docs;
}

/** The refs of all targets, for reading their reverse relations back. */
export function targetRefs(): string[] {
  return targetEntities().map(
    d =>
      `${String(d.kind).toLocaleLowerCase('en-US')}:default/${
        (d.metadata as { name: string }).name
      }`,
  );
}

function shared(i: number) {
  const d1 = pick(i, TARGETS.datasets, 1);
  let d2 = pick(i, TARGETS.datasets, 2);
  if (d2 === d1) d2 = (d2 + 1) % TARGETS.datasets;
  return {
    owner: `group:default/bench-team-${pick(i, TARGETS.groups)}`,
    system: `bench-system-${pick(i, TARGETS.systems, 3)}`,
    datasets: [`bench-dataset-${d1}`, `resource:default/bench-dataset-${d2}`],
    service: `component:default/bench-serving-${pick(i, TARGETS.services, 4)}`,
  };
}

export function mlModel(set: string, i: number): Doc {
  const t = shared(i);
  return {
    apiVersion: 'mlops-portal.io/v1alpha1',
    kind: 'MLModel',
    metadata: {
      name: `${set}-${i}`,
      description: `Benchmark model ${i}: scores events for the ${t.system} system.`,
      labels: { 'bench-set': set },
      tags: ['benchmark', 'xgboost'],
      annotations: { 'mlops-portal.io/slo-provider': 'builtin' },
    },
    spec: {
      type: 'classification',
      lifecycle: 'production',
      owner: t.owner,
      system: t.system,
      riskTier: 'high',
      framework: 'xgboost',
      version: '2.1.0',
      versions: [
        {
          version: '2.0.0',
          artifact: {
            uri: `s3://models/${set}-${i}/2.0.0`,
            digest: 'sha256:9f86d081884c7d659a2feaa0c55ad015',
          },
          registeredAt: '2026-03-01T12:00:00Z',
          trainedOn: [t.datasets[0]],
          metrics: { auc: 0.93, recall_at_1pct_fpr: 0.61 },
        },
        {
          version: '2.1.0',
          registeredAt: '2026-04-01T12:00:00Z',
          trainedOn: t.datasets,
          metrics: { auc: 0.94, recall_at_1pct_fpr: 0.63 },
        },
      ],
      datasets: t.datasets,
      servedBy: [t.service],
      features: [
        { name: 'amount', type: 'numerical' },
        { name: 'merchant_category', type: 'categorical' },
        { name: 'country', type: 'categorical' },
        { name: 'hour_of_day', type: 'numerical' },
        { name: 'card_age_days', type: 'numerical' },
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
      ],
      deployment: {
        kubernetes: {
          cluster: 'prod-eu',
          namespace: 'models',
          kind: 'Rollout',
          name: `${set}-${i}`,
        },
      },
      modelCard: {
        intendedUse: 'Score events in near real time.',
        limitations: 'Trained on the last twelve months only.',
      },
    },
  };
}

export function component(set: string, i: number): Doc {
  const t = shared(i);
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: {
      name: `${set}-${i}`,
      description: `Benchmark service ${i}: serves requests for the ${t.system} system.`,
      labels: { 'bench-set': set },
      tags: ['benchmark', 'java'],
      annotations: {
        'backstage.io/techdocs-ref': 'dir:.',
        'github.com/project-slug': `example/${set}-${i}`,
        'pagerduty.com/service-id': `P${100000 + i}`,
        'prometheus.io/rule': 'sum(rate(http_requests_total{code=~"5.."}[5m]))',
        'backstage.io/kubernetes-id': `${set}-${i}`,
        'sonarqube.org/project-key': `example_${set}-${i}`,
        'argocd/app-name': `${set}-${i}-prod-eu`,
      },
      links: [
        {
          url: `https://grafana.example.com/d/${set}-${i}`,
          title: 'Dashboard',
          type: 'dashboard',
        },
        {
          url: `https://runbooks.example.com/${set}-${i}`,
          title: 'Runbook',
          type: 'runbook',
        },
        {
          url: `https://ci.example.com/${set}-${i}/pipelines`,
          title: 'CI',
          type: 'ci',
        },
      ],
    },
    spec: {
      type: 'service',
      lifecycle: 'production',
      owner: t.owner,
      system: t.system,
      dependsOn: [`resource:${t.datasets[0]}`, t.datasets[1], t.service],
      runtime: {
        language: 'java',
        version: '2.1.0',
        image: `registry.example.com/${set}-${i}@sha256:9f86d081884c7d659a2feaa0c55ad015`,
        replicas: { min: 2, max: 10 },
        resources: { cpu: '500m', memory: '1Gi' },
        endpoints: [
          { name: 'http', port: 8080, path: '/api' },
          { name: 'metrics', port: 9090, path: '/metrics' },
        ],
        env: ['JAVA_OPTS', 'LOG_LEVEL', 'REGION', 'FEATURE_FLAGS'],
        probes: {
          readiness: { path: '/health/ready', periodSeconds: 10 },
          liveness: { path: '/health/live', periodSeconds: 30 },
        },
        deployment: {
          cluster: 'prod-eu',
          namespace: 'services',
          strategy: 'RollingUpdate',
          maxSurge: '25%',
        },
      },
    },
  };
}

export function toYaml(docs: Doc[]): string {
  return docs.map(d => stringify(d)).join('---\n');
}

/** Reverse relations one entity of either set puts on the shared targets. */
export const FORWARD_RELATIONS_PER_ENTITY = 5;
