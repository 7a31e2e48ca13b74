/*
 * The demo portal's catalog (catalog-info.yaml at the repository root and the
 * files under demo/catalog/) is what every demo, screenshot and end-to-end
 * test starts from. These checks keep it loadable by a real Backstage catalog
 * and keep it showing what it is meant to show.
 */
import fs from 'fs';
import path from 'path';
import { parseAllDocuments } from 'yaml';
import {
  DefaultNamespaceEntityPolicy,
  Entity,
  EntityPolicies,
  FieldFormatEntityPolicy,
  NoForeignRootFieldsEntityPolicy,
  SchemaValidEntityPolicy,
  componentEntityV1alpha1Validator,
  groupEntityV1alpha1Validator,
  locationEntityV1alpha1Validator,
  parseEntityRef,
  resourceEntityV1alpha1Validator,
  stringifyEntityRef,
  systemEntityV1alpha1Validator,
  userEntityV1alpha1Validator,
} from '@backstage/catalog-model';
import {
  mlModelEntityV1alpha1Validator,
  validateMLModelEntity,
} from './validateMLModelEntity';
import {
  ML_MODEL_LIFECYCLES,
  ML_MODEL_RISK_TIERS,
  MLModelEntityV1alpha1,
  isMLModelEntity,
} from './MLModelEntityV1alpha1';

const ROOT_LOCATION = path.resolve(__dirname, '../../../../catalog-info.yaml');

/** The one reference that is meant not to resolve (see datasets.yaml). */
const INTENTIONAL_DANGLING_REF = 'resource:default/returns-labels-v2';

interface LoadedEntity {
  entity: Entity;
  file: string;
}

/** Reads a catalog file and, like the catalog, follows Location targets. */
function loadCatalog(file: string, seen = new Set<string>()): LoadedEntity[] {
  if (seen.has(file)) return [];
  seen.add(file);
  const documents = parseAllDocuments(fs.readFileSync(file, 'utf8'));
  const loaded: LoadedEntity[] = [];
  for (const document of documents) {
    if (document.errors.length > 0) {
      throw new Error(
        `${file}: ${document.errors.map(e => e.message).join('; ')}`,
      );
    }
    const entity = document.toJS() as Entity | null;
    if (entity === null) continue; // an empty document, e.g. after a leading ---
    loaded.push({ entity, file });
    if (entity.kind === 'Location') {
      const spec = entity.spec as { target?: string; targets?: string[] };
      const targets = [
        ...(spec.target ? [spec.target] : []),
        ...(spec.targets ?? []),
      ];
      for (const target of targets) {
        const targetFile = path.resolve(path.dirname(file), target);
        if (!fs.existsSync(targetFile)) {
          throw new Error(`${file}: target ${target} does not exist`);
        }
        loaded.push(...loadCatalog(targetFile, seen));
      }
    }
  }
  return loaded;
}

const loaded = loadCatalog(ROOT_LOCATION);
const entities = loaded.map(l => l.entity);
const refOf = (entity: Entity) =>
  stringifyEntityRef({
    kind: entity.kind,
    namespace: entity.metadata.namespace ?? 'default',
    name: entity.metadata.name,
  }).toLocaleLowerCase('en-US');
const byRef = new Map(entities.map(e => [refOf(e), e]));
const ofKind = (kind: string) => entities.filter(e => e.kind === kind);
const models = entities.filter(isMLModelEntity) as MLModelEntityV1alpha1[];
const users = ofKind('User');
const groups = ofKind('Group');

function normalize(ref: string, defaultKind: string | undefined, from: Entity) {
  return stringifyEntityRef(
    parseEntityRef(ref, {
      defaultKind,
      defaultNamespace: from.metadata.namespace ?? 'default',
    }),
  ).toLocaleLowerCase('en-US');
}

interface Reference {
  from: string;
  field: string;
  to: string;
}

/** A reference field holds one reference, a list of them, or nothing. */
function referenceList(value: unknown): unknown[] {
  if (Array.isArray(value)) return value;
  return value === undefined ? [] : [value];
}

/** Every entity reference an entity makes, with the kind Backstage assumes when it is left out. */
function referencesOf(entity: Entity): Reference[] {
  const spec = (entity.spec ?? {}) as Record<string, unknown>;
  const found: Reference[] = [];
  const add = (field: string, value: unknown, defaultKind?: string) => {
    referenceList(value).forEach(v =>
      found.push({
        from: refOf(entity),
        field,
        to: normalize(String(v), defaultKind, entity),
      }),
    );
  };
  add('spec.owner', spec.owner, 'group');
  add('spec.system', spec.system, 'system');
  add('spec.domain', spec.domain, 'domain');
  add('spec.parent', spec.parent, 'group');
  add('spec.children', spec.children, 'group');
  add('spec.memberOf', spec.memberOf, 'group');
  add('spec.subcomponentOf', spec.subcomponentOf, 'component');
  add('spec.providesApis', spec.providesApis, 'api');
  add('spec.consumesApis', spec.consumesApis, 'api');
  add('spec.dependsOn', spec.dependsOn);
  add('spec.dependencyOf', spec.dependencyOf);
  add('spec.datasets', spec.datasets, 'resource');
  add('spec.servedBy', spec.servedBy, 'component');
  const versions = Array.isArray(spec.versions) ? spec.versions : [];
  versions.forEach((v: { trainedOn?: string[] }, i: number) =>
    add(`spec.versions[${i}].trainedOn`, v?.trainedOn, 'resource'),
  );
  return found;
}

const references = entities.flatMap(referencesOf);
const dangling = references.filter(r => !byRef.has(r.to));

const policy = EntityPolicies.allOf([
  new SchemaValidEntityPolicy(),
  new DefaultNamespaceEntityPolicy(),
  new NoForeignRootFieldsEntityPolicy(),
  new FieldFormatEntityPolicy(),
]);
const kindValidators = [
  locationEntityV1alpha1Validator,
  groupEntityV1alpha1Validator,
  userEntityV1alpha1Validator,
  systemEntityV1alpha1Validator,
  resourceEntityV1alpha1Validator,
  componentEntityV1alpha1Validator,
  mlModelEntityV1alpha1Validator,
];

const membersOf = (group: string) =>
  users.filter(u =>
    ((u.spec?.memberOf as string[] | undefined) ?? []).some(
      g => normalize(g, 'group', u) === `group:default/${group}`,
    ),
  );
const memberships = (user: string) =>
  (
    (byRef.get(`user:default/${user}`)?.spec?.memberOf as
      | string[]
      | undefined) ?? []
  ).map(g => parseEntityRef(g, { defaultKind: 'group' }).name);
const ownerName = (m: MLModelEntityV1alpha1) =>
  parseEntityRef(m.spec.owner, { defaultKind: 'group' }).name;

describe('demo catalog', () => {
  it('loads the root Location and every file it targets', () => {
    expect(loaded[0].file).toBe(ROOT_LOCATION);
    expect(loaded[0].entity).toMatchObject({
      kind: 'Location',
      metadata: { name: 'modelops-demo' },
    });
    const files = new Set(
      loaded.map(l => path.relative(path.dirname(ROOT_LOCATION), l.file)),
    );
    expect(files.size).toBeGreaterThanOrEqual(6);
    for (const file of files) {
      expect(
        file === 'catalog-info.yaml' ||
          file.startsWith(`demo${path.sep}catalog${path.sep}`) ||
          file.startsWith(`templates${path.sep}`),
      ).toBe(true);
    }
  });

  it('has no two entities with the same reference', () => {
    expect(byRef.size).toBe(entities.length);
  });

  // Software templates are checked by the scaffolder's own validator in the
  // backend's template tests (this package does not depend on the scaffolder).
  const catalogEntities = entities.filter(e => e.kind !== 'Template');

  it('registers the golden-path templates', () => {
    const templates = entities.filter(e => e.kind === 'Template');
    expect(templates.map(t => t.metadata.name).sort()).toEqual([
      'mlops-batch-scoring',
      'mlops-realtime-inference',
      'mlops-training-pipeline',
    ]);
    for (const template of templates) {
      expect(template.apiVersion).toBe('scaffolder.backstage.io/v1beta3');
    }
  });

  it.each(catalogEntities.map(e => [refOf(e), e] as const))(
    '%s is a valid Backstage entity of a known kind',
    async (_, entity) => {
      await expect(policy.enforce(entity)).resolves.toBeDefined();
      const claimed = await Promise.all(
        kindValidators.map(v => v.check(entity)),
      );
      expect(claimed.filter(Boolean)).toHaveLength(1);
    },
  );

  it.each(models.map(m => [m.metadata.name, m] as const))(
    'MLModel %s validates with no issues',
    (_, model) => {
      expect(validateMLModelEntity(model)).toEqual([]);
    },
  );

  it('has enough models to cover every risk tier, lifecycle and several types', () => {
    expect(models.length).toBeGreaterThanOrEqual(8);
    expect(new Set(models.map(m => m.spec.riskTier))).toEqual(
      new Set(ML_MODEL_RISK_TIERS),
    );
    expect(new Set(models.map(m => m.spec.lifecycle))).toEqual(
      new Set(ML_MODEL_LIFECYCLES),
    );
    expect(new Set(models.map(m => m.spec.type)).size).toBeGreaterThanOrEqual(
      6,
    );
    expect(new Set(models.map(ownerName)).size).toBeGreaterThanOrEqual(4);
  });

  it('resolves every reference except the one intentional dangling dataset', () => {
    expect([...new Set(dangling.map(r => r.to))]).toEqual([
      INTENTIONAL_DANGLING_REF,
    ]);
    const referrers = [...new Set(dangling.map(r => r.from))];
    expect(referrers).toHaveLength(1);
    const referrer = byRef.get(referrers[0])!;
    expect(isMLModelEntity(referrer)).toBe(true);
    expect(referrer.metadata.description).toMatch(/pending registration/);
    // It is declared in spec.datasets, so it is also legal in trainedOn.
    expect(dangling.map(r => r.field)).toContain('spec.datasets');
  });

  it('has at least three team groups with users, and at least two systems', () => {
    const teams = groups.filter(g => g.spec?.type === 'team');
    expect(teams.length).toBeGreaterThanOrEqual(3);
    for (const team of teams) {
      expect(membersOf(team.metadata.name).length).toBeGreaterThan(0);
    }
    expect(ofKind('System').length).toBeGreaterThanOrEqual(2);
    expect(
      ofKind('Resource').filter(r => r.spec?.type === 'dataset').length,
    ).toBeGreaterThanOrEqual(8);
    expect(ofKind('Component').length).toBeGreaterThanOrEqual(6);
  });

  it('keeps the group tree consistent in both directions', () => {
    for (const group of groups) {
      for (const child of (group.spec?.children as string[]) ?? []) {
        const childGroup = byRef.get(normalize(child, 'group', group))!;
        expect(
          normalize(String(childGroup.spec?.parent), 'group', childGroup),
        ).toBe(refOf(group));
      }
    }
    for (const group of groups.filter(g => g.spec?.parent)) {
      const parent = byRef.get(
        normalize(String(group.spec!.parent), 'group', group),
      )!;
      expect(
        ((parent.spec?.children as string[]) ?? []).map(c =>
          normalize(c, 'group', parent),
        ),
      ).toContain(refOf(group));
    }
  });

  it('has the cast the demo and the permission policy rely on', () => {
    expect(memberships('ada')).toEqual(['fraud-ml']);
    expect(memberships('grace')).toEqual(
      expect.arrayContaining(['ml-reviewers', 'search-ranking']),
    );
    expect(memberships('linus')).toEqual(
      expect.arrayContaining(['platform-admins', 'ml-platform']),
    );
    expect(memberships('margaret')).toContain('security-reviewers');
    for (const role of [
      'ml-reviewers',
      'security-reviewers',
      'platform-admins',
    ]) {
      expect(membersOf(role).length).toBeGreaterThan(0);
    }
    const fraudModels = models.filter(m => ownerName(m) === 'fraud-ml');
    expect(fraudModels.length).toBeGreaterThanOrEqual(2);
    expect(fraudModels.length).toBeLessThanOrEqual(3);
    expect(users.length).toBeGreaterThanOrEqual(8);
    expect(users.length).toBeLessThanOrEqual(12);
    for (const user of users) {
      const profile = user.spec?.profile as {
        displayName?: string;
        email?: string;
      };
      expect(profile.displayName).toBeTruthy();
      expect(profile.email).toBe(`${user.metadata.name}@northwind.example`);
    }
  });

  it('shows each thing the portal has a card or a check for', () => {
    const deployments = models
      .map(m => m.spec.deployment?.kubernetes)
      .filter(Boolean);
    expect(new Set(deployments.map(d => d!.kind))).toEqual(
      new Set(['Rollout', 'InferenceService']),
    );
    expect(deployments.every(d => d!.cluster === 'demo-cluster')).toBe(true);

    const slos = models.flatMap(m => m.spec.slos ?? []);
    expect(slos.some(s => s.budgetingMethod === 'Timeslices')).toBe(true);
    expect(slos.some(s => s.window === '1M' && s.calendar === true)).toBe(true);

    // Online production models declare an availability (ratio) and a latency SLO.
    for (const model of models.filter(
      m => m.spec.lifecycle === 'production' && m.spec.deployment,
    )) {
      const indicators = (model.spec.slos ?? []).map(
        s => Object.keys(s.indicator)[0],
      );
      expect({ model: model.metadata.name, indicators }).toEqual({
        model: model.metadata.name,
        indicators: expect.arrayContaining(['ratio', 'latency']),
      });
    }

    // A complete critical production model ...
    const complete = models.find(
      m => m.spec.riskTier === 'critical' && m.spec.lifecycle === 'production',
    );
    expect(complete).toBeDefined();
    const card = complete!.spec.modelCard ?? {};
    for (const section of [
      'summary',
      'intendedUse',
      'outOfScopeUse',
      'limitations',
      'ethicalConsiderations',
      'trainingData',
      'evaluation',
    ] as const) {
      expect(card[section]).toBeTruthy();
    }
    const linkTypes = (complete!.metadata.links ?? []).map(l => l.type);
    expect(linkTypes).toEqual(
      expect.arrayContaining(['runbook', 'dashboard', 'experiment-tracking']),
    );

    // ... and an experimental one that readiness checks find wanting.
    expect(
      models.some(
        m =>
          m.spec.lifecycle === 'experimental' &&
          !m.spec.slos?.length &&
          !m.spec.modelCard,
      ),
    ).toBe(true);

    // The deprecated model names the model that replaced it.
    for (const old of models.filter(m => m.spec.lifecycle === 'deprecated')) {
      const successors = models.filter(
        m =>
          m !== old &&
          m.spec.lifecycle === 'production' &&
          old.metadata.description?.includes(m.metadata.name),
      );
      expect(successors.length).toBeGreaterThan(0);
    }

    // Production models name the version that is live, and every version has an artifact digest.
    for (const model of models.filter(m => m.spec.lifecycle === 'production')) {
      expect(model.spec.version).toBeDefined();
    }
    const artifacts = models.flatMap(m =>
      (m.spec.versions ?? []).flatMap(v => (v.artifact ? [v.artifact] : [])),
    );
    for (const artifact of artifacts) {
      expect(artifact.digest).toMatch(/^sha256:[0-9a-f]{64}$/);
    }
  });
});
