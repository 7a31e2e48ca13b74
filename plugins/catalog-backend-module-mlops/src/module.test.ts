import {
  mockCredentials,
  mockServices,
  startTestBackend,
  TestDatabases,
} from '@backstage/backend-test-utils';
import { createBackendModule } from '@backstage/backend-plugin-api';
import { Entity } from '@backstage/catalog-model';
import { serializeError } from '@backstage/errors';
import catalogPlugin from '@backstage/plugin-catalog-backend';
import { catalogProcessingExtensionPoint } from '@backstage/plugin-catalog-node';
import { MLOPS_ANNOTATIONS } from '@mlops-portal/plugin-mlops-common';
import path from 'node:path';
import catalogModuleMLOpsEntityModel from './index';

jest.setTimeout(90_000);

const FIXTURE = path.resolve(__dirname, '__fixtures__', 'catalog.yaml');

/** Polls `probe` until it returns a value, failing after `timeoutMs`. */
async function eventually<T>(
  what: string,
  probe: () => Promise<T | undefined>,
  timeoutMs = 45_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) {
      throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}`);
    }
    await new Promise(resolve => setTimeout(resolve, 250));
  }
}

/**
 * The catalog's public hook for processing errors, installed the way a
 * portal would install it, so the test sees the same Error objects that
 * the engine serialises into its processing state.
 */
function processingErrorRecorder() {
  const errorsByRef = new Map<string, Error[]>();
  const module = createBackendModule({
    pluginId: 'catalog',
    moduleId: 'test-processing-errors',
    register(reg) {
      reg.registerInit({
        deps: { processing: catalogProcessingExtensionPoint },
        async init({ processing }) {
          processing.setOnProcessingErrorHandler(
            ({ unprocessedEntity, errors }) => {
              const { kind, metadata } = unprocessedEntity;
              errorsByRef.set(
                `${kind.toLocaleLowerCase('en-US')}:${
                  metadata.namespace ?? 'default'
                }/${metadata.name}`,
                errors,
              );
            },
          );
        },
      });
    },
  });
  return { module, errorsByRef };
}

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

describe.each(databases.eachSupportedId())(
  'catalogModuleMLOpsEntityModel on %s',
  databaseId => {
    it('ingests models with their relations, flags dangling refs and rejects invalid models', async () => {
      const knex = await databases.init(databaseId);
      const recorder = processingErrorRecorder();
      const backend = await startTestBackend({
        features: [
          mockServices.rootConfig.factory({
            data: {
              catalog: {
                // Reprocess every 1-1.5 s: a model processed before its
                // targets were stitched gets the annotation at first, and
                // must lose it on the next round.
                processingInterval: { seconds: 1 },
                rules: [
                  {
                    allow: [
                      'Group',
                      'System',
                      'Resource',
                      'Component',
                      'Location',
                      'MLModel',
                    ],
                  },
                ],
                locations: [{ type: 'file', target: FIXTURE }],
              },
            },
          }),
          mockServices.database.factory({ knex }),
          catalogPlugin,
          catalogModuleMLOpsEntityModel,
          recorder.module,
        ],
      });

      const baseUrl = `http://localhost:${backend.server.port()}/api/catalog`;
      const headers = {
        Authorization: `Bearer ${mockCredentials.user.token()}`,
      };
      const getEntity = async (ref: string) => {
        const res = await fetch(`${baseUrl}/entities/by-name/${ref}`, {
          headers,
        });
        if (res.status === 404) return undefined;
        if (!res.ok) throw new Error(`GET ${ref}: ${res.status}`);
        return (await res.json()) as Entity;
      };
      const relationsOf = (entity: Entity) =>
        (entity.relations ?? []).map(r => `${r.type} ${r.targetRef}`).sort();
      const unresolvedOf = (entity: Entity) =>
        entity.metadata.annotations?.[MLOPS_ANNOTATIONS.unresolvedRefs];

      // The valid model: every relation, and no annotation once its targets
      // have been stitched.
      const model = await eventually(
        'fraud-detector with resolved refs',
        async () => {
          const entity = await getEntity('mlmodel/default/fraud-detector');
          return entity &&
            entity.relations?.length === 4 &&
            !unresolvedOf(entity)
            ? entity
            : undefined;
        },
      );
      expect(relationsOf(model)).toEqual([
        'dependsOn resource:default/transactions-2025',
        'ownedBy group:default/fraud-ml',
        'partOf system:default/payments',
        'servedBy component:default/fraud-scorer',
      ]);

      // The reverse relations land on the targets.
      const reverse = await eventually('reverse relations', async () => {
        const refs = [
          'group/default/fraud-ml',
          'system/default/payments',
          'resource/default/transactions-2025',
          'component/default/fraud-scorer',
        ];
        const entities = await Promise.all(refs.map(getEntity));
        const found = entities.map(e =>
          e
            ? relationsOf(e).filter(r =>
                r.endsWith(' mlmodel:default/fraud-detector'),
              )
            : [],
        );
        return found.every(r => r.length === 1) ? found.flat() : undefined;
      });
      expect(reverse.sort()).toEqual([
        'dependencyOf mlmodel:default/fraud-detector',
        'hasPart mlmodel:default/fraud-detector',
        'ownerOf mlmodel:default/fraud-detector',
        'serves mlmodel:default/fraud-detector',
      ]);

      // The dangling dataset is reported, and its relation is kept.
      const dangling = await eventually(
        'churn-predictor with only the dangling ref',
        async () => {
          const entity = await getEntity('mlmodel/default/churn-predictor');
          return entity &&
            unresolvedOf(entity) === 'resource:default/customer-events'
            ? entity
            : undefined;
        },
      );
      expect(relationsOf(dangling)).toContain(
        'dependsOn resource:default/customer-events',
      );
      expect(relationsOf(dangling)).toContain(
        'dependsOn resource:default/transactions-2025',
      );

      // The invalid model never reaches the catalog, and the error the engine
      // records names the field path and the rule.
      const errors = await eventually(
        'the processing error of risky-model',
        async () => recorder.errorsByRef.get('mlmodel:default/risky-model'),
      );
      const recorded = errors.map(e => serializeError(e).message).join('\n');
      expect(recorded).toContain(
        'Processor MLModelEntitiesProcessor threw an error while validating the entity mlmodel:default/risky-model',
      );
      expect(recorded).toContain(
        'Invalid MLModel "risky-model": spec.riskTier must be one of low, medium, high, critical (got "extreme")',
      );
      expect(await getEntity('mlmodel/default/risky-model')).toBeUndefined();

      // The same text is what the engine stored as the entity's processing
      // state (the table the unprocessed-entities tooling reads).
      const row = await knex('refresh_state')
        .where({ entity_ref: 'mlmodel:default/risky-model' })
        .first();
      expect(row.errors).toContain(
        'spec.riskTier must be one of low, medium, high, critical',
      );

      // The validate-entity endpoint gives the same answer before registering.
      const validate = await fetch(`${baseUrl}/validate-entity`, {
        method: 'POST',
        headers: { ...headers, 'Content-Type': 'application/json' },
        body: JSON.stringify({
          location: 'url:https://example.com/catalog-info.yaml',
          entity: {
            apiVersion: 'mlops-portal.io/v1alpha1',
            kind: 'MLModel',
            metadata: { name: 'risky-model' },
            spec: {
              type: 'classification',
              lifecycle: 'experimental',
              owner: 'fraud-ml',
              riskTier: 'extreme',
            },
          },
        }),
      });
      expect(validate.status).toBe(400);
      expect(JSON.stringify(await validate.json())).toContain(
        'spec.riskTier must be one of low, medium, high, critical',
      );

      await backend.stop();
    });
  },
);
