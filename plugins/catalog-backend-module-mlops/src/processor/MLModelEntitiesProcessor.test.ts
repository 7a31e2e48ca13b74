import { mockServices } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { CatalogProcessorResult } from '@backstage/plugin-catalog-node';
import { MLOPS_ANNOTATIONS } from '@mlops-portal/plugin-mlops-common';
import { EntityExistenceLookup } from './EntityExistenceLookup';
import { MLModelEntitiesProcessor } from './MLModelEntitiesProcessor';

const location = {
  type: 'url',
  target: 'https://example.com/catalog-info.yaml',
};

function model(
  spec: Record<string, unknown>,
  metadata: Partial<Entity['metadata']> = {},
): Entity {
  return {
    apiVersion: 'mlops-portal.io/v1alpha1',
    kind: 'MLModel',
    metadata: { name: 'fraud-detector', namespace: 'default', ...metadata },
    spec: { type: 'classification', lifecycle: 'production', ...spec },
  };
}

/** A lookup over a fixed set of existing refs, recording every question. */
function existingOnly(...refs: string[]) {
  const existing = new Set(refs);
  return {
    findMissing: jest.fn(async (asked: string[]) =>
      asked.filter(ref => !existing.has(ref)),
    ),
  } satisfies EntityExistenceLookup;
}

async function process(
  entity: Entity,
  existence: EntityExistenceLookup = existingOnly(),
  logger = mockServices.logger.mock(),
) {
  const processor = new MLModelEntitiesProcessor({ existence, logger });
  const emitted: CatalogProcessorResult[] = [];
  const result = await processor.postProcessEntity(entity, location, r =>
    emitted.push(r),
  );
  const relations = emitted.map(r => {
    if (r.type !== 'relation') throw new Error(`unexpected ${r.type} result`);
    const { source, type, target } = r.relation;
    return `${source.kind.toLocaleLowerCase('en-US')}:${source.namespace}/${
      source.name
    } ${type} ${target.kind.toLocaleLowerCase('en-US')}:${target.namespace}/${
      target.name
    }`;
  });
  return { result, relations, logger };
}

const self = 'mlmodel:default/fraud-detector';

describe('MLModelEntitiesProcessor', () => {
  describe('validateEntityKind', () => {
    const processor = new MLModelEntitiesProcessor({
      existence: existingOnly(),
      logger: mockServices.logger.mock(),
    });

    it('accepts a valid MLModel', async () => {
      await expect(
        processor.validateEntityKind(model({ owner: 'fraud-ml' })),
      ).resolves.toBe(true);
    });

    it('rejects an invalid MLModel with the field path and the rule', async () => {
      await expect(
        processor.validateEntityKind(
          model({ owner: 'fraud-ml', riskTier: 'extreme' }),
        ),
      ).rejects.toThrow(
        'spec.riskTier must be one of low, medium, high, critical (got "extreme")',
      );
    });

    it('does not claim other kinds', async () => {
      await expect(
        processor.validateEntityKind({
          apiVersion: 'backstage.io/v1alpha1',
          kind: 'Component',
          metadata: { name: 'fraud-scorer' },
          spec: { type: 'service', lifecycle: 'production', owner: 'x' },
        }),
      ).resolves.toBe(false);
    });
  });

  describe('relations', () => {
    // [field, value, the relations it must produce, with default kinds applied]
    const cases: Array<[string, unknown, string[]]> = [
      [
        'owner',
        'fraud-ml',
        [
          `${self} ownedBy group:default/fraud-ml`,
          `group:default/fraud-ml ownerOf ${self}`,
        ],
      ],
      [
        'owner',
        'user:jane',
        [
          `${self} ownedBy user:default/jane`,
          `user:default/jane ownerOf ${self}`,
        ],
      ],
      [
        'system',
        'payments',
        [
          `${self} partOf system:default/payments`,
          `system:default/payments hasPart ${self}`,
        ],
      ],
      [
        'datasets',
        ['transactions-2025', 'resource:shared/chargebacks'],
        [
          `${self} dependsOn resource:default/transactions-2025`,
          `resource:default/transactions-2025 dependencyOf ${self}`,
          `${self} dependsOn resource:shared/chargebacks`,
          `resource:shared/chargebacks dependencyOf ${self}`,
        ],
      ],
      [
        'servedBy',
        ['fraud-scorer'],
        [
          `${self} servedBy component:default/fraud-scorer`,
          `component:default/fraud-scorer serves ${self}`,
        ],
      ],
    ];

    it.each(cases)(
      'emits the pair for spec.%s = %j',
      async (field, value, expected) => {
        const spec: Record<string, unknown> = { owner: 'user:default/nobody' };
        spec[field] = value;
        const { relations } = await process(model(spec));
        const ownerPair = [
          `${self} ownedBy user:default/nobody`,
          `user:default/nobody ownerOf ${self}`,
        ];
        expect(relations.sort()).toEqual(
          (field === 'owner' ? expected : [...ownerPair, ...expected]).sort(),
        );
      },
    );

    it('emits every pair for a complete model', async () => {
      const { relations } = await process(
        model({
          owner: 'group:default/fraud-ml',
          system: 'payments',
          datasets: ['resource:default/transactions-2025', 'chargebacks'],
          servedBy: ['component:default/fraud-scorer'],
        }),
      );
      expect(relations).toHaveLength(10);
      expect(relations).toEqual(
        expect.arrayContaining([
          `${self} ownedBy group:default/fraud-ml`,
          `group:default/fraud-ml ownerOf ${self}`,
          `${self} partOf system:default/payments`,
          `system:default/payments hasPart ${self}`,
          `${self} dependsOn resource:default/chargebacks`,
          `resource:default/chargebacks dependencyOf ${self}`,
          `${self} servedBy component:default/fraud-scorer`,
          `component:default/fraud-scorer serves ${self}`,
        ]),
      );
    });

    it('resolves refs without a namespace in the model namespace', async () => {
      const { relations } = await process(
        model(
          { owner: 'fraud-ml', datasets: ['resource:default/transactions'] },
          { namespace: 'risk' },
        ),
      );
      expect(relations).toEqual(
        expect.arrayContaining([
          'mlmodel:risk/fraud-detector ownedBy group:risk/fraud-ml',
          'mlmodel:risk/fraud-detector dependsOn resource:default/transactions',
        ]),
      );
    });
  });

  describe('unresolved references', () => {
    const complete = model({
      owner: 'fraud-ml',
      system: 'payments',
      datasets: ['transactions-2025', 'chargebacks'],
      servedBy: ['fraud-scorer'],
    });
    const allTargets = [
      'group:default/fraud-ml',
      'system:default/payments',
      'resource:default/transactions-2025',
      'resource:default/chargebacks',
      'component:default/fraud-scorer',
    ];

    it('emits and asks about a target named twice once, in one batch', async () => {
      const existence = existingOnly(...allTargets);
      const { relations } = await process(
        model({
          owner: 'fraud-ml',
          datasets: ['chargebacks', 'resource:default/chargebacks'],
        }),
        existence,
      );
      expect(relations).toHaveLength(4);
      expect(existence.findMissing).toHaveBeenCalledTimes(1);
      expect(existence.findMissing.mock.calls[0][0].sort()).toEqual([
        'group:default/fraud-ml',
        'resource:default/chargebacks',
      ]);
    });

    it('annotates a dangling dataset and still emits its relations', async () => {
      const existence = existingOnly(
        ...allTargets.filter(r => r !== 'resource:default/chargebacks'),
      );
      const { result, relations } = await process(complete, existence);
      expect(result.metadata.annotations).toEqual({
        [MLOPS_ANNOTATIONS.unresolvedRefs]: 'resource:default/chargebacks',
      });
      expect(relations).toEqual(
        expect.arrayContaining([
          `${self} dependsOn resource:default/chargebacks`,
          `resource:default/chargebacks dependencyOf ${self}`,
        ]),
      );
      expect(relations).toHaveLength(10);
    });

    it('lists several missing refs sorted and comma-separated', async () => {
      const existence = existingOnly('resource:default/transactions-2025');
      const { result } = await process(complete, existence);
      expect(
        result.metadata.annotations?.[MLOPS_ANNOTATIONS.unresolvedRefs],
      ).toBe(
        'component:default/fraud-scorer,group:default/fraud-ml,resource:default/chargebacks,system:default/payments',
      );
    });

    it('removes the annotation once every target exists', async () => {
      const stale = model(complete.spec!, {
        annotations: {
          [MLOPS_ANNOTATIONS.unresolvedRefs]: 'resource:default/chargebacks',
          'backstage.io/techdocs-ref': 'dir:.',
        },
      });
      const { result } = await process(stale, existingOnly(...allTargets));
      expect(result.metadata.annotations).toEqual({
        'backstage.io/techdocs-ref': 'dir:.',
      });
      // The input is not mutated.
      expect(stale.metadata.annotations).toHaveProperty([
        MLOPS_ANNOTATIONS.unresolvedRefs,
      ]);
    });

    it('leaves a model whose targets all exist as it was', async () => {
      const { result } = await process(complete, existingOnly(...allTargets));
      expect(result).toEqual(complete);
    });

    it('keeps processing when the lookup fails, without the annotation', async () => {
      const existence: EntityExistenceLookup = {
        findMissing: jest.fn().mockRejectedValue(new Error('ECONNREFUSED')),
      };
      const logger = mockServices.logger.mock();
      const processor = new MLModelEntitiesProcessor({ existence, logger });
      const stale = model(complete.spec!, {
        annotations: {
          [MLOPS_ANNOTATIONS.unresolvedRefs]: 'resource:default/chargebacks',
        },
      });
      const emitted: CatalogProcessorResult[] = [];

      const first = await processor.postProcessEntity(stale, location, r =>
        emitted.push(r),
      );
      await processor.postProcessEntity(stale, location, () => {});

      expect(first.metadata.annotations).toEqual({});
      expect(emitted.filter(r => r.type === 'relation')).toHaveLength(10);
      expect(logger.warn).toHaveBeenCalledTimes(1);
      expect(logger.warn.mock.calls[0][0]).toMatch(
        /Could not check .* mlmodel:default\/fraud-detector .*ECONNREFUSED/,
      );
      // The second failure in a row is not worth another warning.
      expect(logger.debug).toHaveBeenCalledTimes(1);
    });
  });

  it('leaves other kinds alone', async () => {
    const component: Entity = {
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Component',
      metadata: { name: 'fraud-scorer', annotations: { a: 'b' } },
      spec: {
        type: 'service',
        lifecycle: 'production',
        owner: 'fraud-ml',
        servedBy: ['x'],
      },
    };
    const existence = existingOnly();
    const { result, relations } = await process(component, existence);
    expect(result).toBe(component);
    expect(relations).toEqual([]);
    expect(existence.findMissing).not.toHaveBeenCalled();
  });
});
