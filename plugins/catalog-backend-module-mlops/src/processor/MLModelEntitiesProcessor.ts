import { LoggerService } from '@backstage/backend-plugin-api';
import {
  CompoundEntityRef,
  Entity,
  getCompoundEntityRef,
  parseEntityRef,
  RELATION_DEPENDENCY_OF,
  RELATION_DEPENDS_ON,
  RELATION_HAS_PART,
  RELATION_OWNED_BY,
  RELATION_OWNER_OF,
  RELATION_PART_OF,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { stringifyError } from '@backstage/errors';
import {
  CatalogProcessor,
  CatalogProcessorEmit,
  processingResult,
} from '@backstage/plugin-catalog-node';
import { LocationSpec } from '@backstage/plugin-catalog-common';
import {
  isMLModelEntity,
  MLModelSpec,
  mlModelEntityV1alpha1Validator,
  MLOPS_ANNOTATIONS,
  RELATION_SERVED_BY,
  RELATION_SERVES,
} from '@mlops-portal/plugin-mlops-common';
import { EntityExistenceLookup } from './EntityExistenceLookup';

/**
 * The reference fields of an MLModel, the kind a ref means when it names
 * none, and the relation pair each one produces. The default kinds match the
 * validator in mlops-common and Backstage's own conventions for spec.owner,
 * spec.system and friends.
 */
const REFERENCE_FIELDS: ReadonlyArray<{
  refs: (spec: MLModelSpec) => unknown;
  defaultKind: string;
  forward: string;
  reverse: string;
}> = [
  {
    refs: spec => spec.owner,
    defaultKind: 'Group',
    forward: RELATION_OWNED_BY,
    reverse: RELATION_OWNER_OF,
  },
  {
    refs: spec => spec.system,
    defaultKind: 'System',
    forward: RELATION_PART_OF,
    reverse: RELATION_HAS_PART,
  },
  {
    refs: spec => spec.datasets,
    defaultKind: 'Resource',
    forward: RELATION_DEPENDS_ON,
    reverse: RELATION_DEPENDENCY_OF,
  },
  {
    refs: spec => spec.servedBy,
    defaultKind: 'Component',
    forward: RELATION_SERVED_BY,
    reverse: RELATION_SERVES,
  },
];

/** Repeated lookup failures are logged at warn at most this often. */
const LOOKUP_FAILURE_WARN_INTERVAL_MS = 60_000;

/** @public */
export interface MLModelEntitiesProcessorOptions {
  /** Decides which referenced entities are missing from the catalog. */
  existence: EntityExistenceLookup;
  logger: LoggerService;
}

/**
 * Adds the `mlops-portal.io/v1alpha1` `MLModel` kind to the catalog:
 * validates it, emits its relations in both directions, and flags references
 * to entities that do not exist with the `mlops-portal.io/unresolved-refs`
 * annotation.
 *
 * @public
 */
export class MLModelEntitiesProcessor implements CatalogProcessor {
  readonly #existence: EntityExistenceLookup;
  readonly #logger: LoggerService;
  #lastFailureWarnedAt = -Infinity;

  constructor(options: MLModelEntitiesProcessorOptions) {
    this.#existence = options.existence;
    this.#logger = options.logger;
  }

  getProcessorName(): string {
    return 'MLModelEntitiesProcessor';
  }

  async validateEntityKind(entity: Entity): Promise<boolean> {
    // Throws an MLModelValidationError naming every bad field path; the
    // catalog records it as the entity's processing error.
    return mlModelEntityV1alpha1Validator.check(entity);
  }

  async postProcessEntity(
    entity: Entity,
    _location: LocationSpec,
    emit: CatalogProcessorEmit,
  ): Promise<Entity> {
    if (!isMLModelEntity(entity)) {
      return entity;
    }

    const self = getCompoundEntityRef(entity);
    const targets = new Set<string>();
    const emitted = new Set<string>();
    for (const field of REFERENCE_FIELDS) {
      for (const ref of asRefList(field.refs(entity.spec))) {
        const target = parseEntityRef(ref, {
          defaultKind: field.defaultKind,
          defaultNamespace: self.namespace,
        });
        const targetRef = stringifyEntityRef(target);
        // `chargebacks` and `resource:default/chargebacks` are one target.
        if (emitted.has(`${field.forward} ${targetRef}`)) {
          continue;
        }
        emitted.add(`${field.forward} ${targetRef}`);
        // Relations are emitted whether or not the target exists yet, so that
        // they link up as soon as it appears.
        emit(
          processingResult.relation({
            source: self,
            type: field.forward,
            target,
          }),
        );
        emit(
          processingResult.relation({
            source: target,
            type: field.reverse,
            target: self,
          }),
        );
        targets.add(targetRef);
      }
    }

    const missing = await this.#findMissing(self, [...targets]);
    return withUnresolvedRefs(entity, missing);
  }

  /** undefined when the lookup failed: unknown is not the same as missing. */
  async #findMissing(
    self: CompoundEntityRef,
    refs: string[],
  ): Promise<string[] | undefined> {
    if (refs.length === 0) {
      return [];
    }
    try {
      return await this.#existence.findMissing(refs);
    } catch (error) {
      const message = `Could not check whether the entities referenced by ${stringifyEntityRef(
        self,
      )} exist, leaving ${
        MLOPS_ANNOTATIONS.unresolvedRefs
      } unset: ${stringifyError(error)}`;
      // The catalog API is often not answering yet while the backend starts,
      // and every model hits the same failure: warn once in a while, not per
      // entity.
      const now = Date.now();
      if (now - this.#lastFailureWarnedAt >= LOOKUP_FAILURE_WARN_INTERVAL_MS) {
        this.#lastFailureWarnedAt = now;
        this.#logger.warn(message);
      } else {
        this.#logger.debug(message);
      }
      return undefined;
    }
  }
}

function asRefList(value: unknown): string[] {
  const values = Array.isArray(value) ? value : [value];
  return values.filter((v): v is string => typeof v === 'string' && !!v);
}

function withUnresolvedRefs(
  entity: Entity,
  missing: string[] | undefined,
): Entity {
  const current = entity.metadata.annotations;
  const hasMissing = !!missing && missing.length > 0;
  if (!hasMissing && !current?.[MLOPS_ANNOTATIONS.unresolvedRefs]) {
    return entity;
  }
  const { [MLOPS_ANNOTATIONS.unresolvedRefs]: _previous, ...annotations } =
    current ?? {};
  if (hasMissing) {
    annotations[MLOPS_ANNOTATIONS.unresolvedRefs] = [...new Set(missing!)]
      .sort()
      .join(',');
  }
  return {
    ...entity,
    metadata: { ...entity.metadata, annotations },
  };
}
