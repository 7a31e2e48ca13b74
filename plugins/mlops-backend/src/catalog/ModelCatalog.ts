import {
  AuthService,
  BackstageCredentials,
} from '@backstage/backend-plugin-api';
import { CompoundEntityRef } from '@backstage/catalog-model';
import { NotFoundError } from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  isMLModelEntity,
  MLModelEntityV1alpha1,
  ReadinessFacts,
} from '@mlops-portal/plugin-mlops-common';
import {
  canonicalEntityRef,
  tryCanonicalEntityRef,
} from './canonicalEntityRef';

/** Only these fields prove that an entity exists. */
const EXISTENCE_FIELDS = ['kind', 'metadata.namespace', 'metadata.name'];

/** `getEntitiesByRefs` is answered in pages of this many refs. */
const REFS_PER_REQUEST = 500;

/** A model version whose platform facts are wanted. */
export interface ModelVersionRef {
  model: MLModelEntityV1alpha1;
  version: string;
}

function list(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

/**
 * The refs whose existence the automatic checks depend on: the owner, the
 * model's datasets and the datasets the version was trained on. Entity data
 * is untrusted, so anything that is not a ref is simply left out (the checks
 * then report it as missing).
 */
export function referencedRefs({ model, version }: ModelVersionRef): string[] {
  const spec = (model.spec ?? {}) as Partial<MLModelEntityV1alpha1['spec']>;
  const entry = list(spec.versions).find(
    v => (v as { version?: unknown } | null)?.version === version,
  ) as { trainedOn?: unknown } | undefined;
  const trainedOn = list(entry?.trainedOn);
  const refs = [
    tryCanonicalEntityRef(spec.owner, 'group'),
    ...[...list(spec.datasets), ...trainedOn].map(ref =>
      tryCanonicalEntityRef(ref, 'resource'),
    ),
  ];
  return [...new Set(refs.filter((ref): ref is string => !!ref))];
}

/**
 * Reads MLModel entities and the platform facts about them from the catalog.
 */
export class ModelCatalog {
  readonly #catalog: CatalogService;
  readonly #auth: AuthService;

  constructor(options: { catalog: CatalogService; auth: AuthService }) {
    this.#catalog = options.catalog;
    this.#auth = options.auth;
  }

  /**
   * The model as the caller may see it; `NotFoundError` when it does not
   * exist, is not an MLModel, or the catalog hides it from the caller.
   */
  async getModel(
    ref: string | CompoundEntityRef,
    credentials: BackstageCredentials,
  ): Promise<MLModelEntityV1alpha1> {
    const entityRef = canonicalEntityRef(ref, 'mlmodel');
    const entity = await this.#catalog.getEntityByRef(entityRef, {
      credentials: await this.#readAs(credentials),
    });
    if (!isMLModelEntity(entity)) {
      throw new NotFoundError(`No MLModel ${entityRef} in the catalog`);
    }
    return entity;
  }

  /**
   * Many models at once (one request per 500 refs), in the order asked;
   * `undefined` where a ref is missing, hidden, or not an MLModel.
   */
  async getModels(
    refs: string[],
    credentials?: BackstageCredentials,
  ): Promise<Array<MLModelEntityV1alpha1 | undefined>> {
    const result: Array<MLModelEntityV1alpha1 | undefined> = [];
    for (let i = 0; i < refs.length; i += REFS_PER_REQUEST) {
      const { items } = await this.#catalog.getEntitiesByRefs(
        { entityRefs: refs.slice(i, i + REFS_PER_REQUEST) },
        {
          credentials: credentials
            ? await this.#readAs(credentials)
            : await this.#ownCredentials(),
        },
      );
      result.push(
        ...items.map(item => (isMLModelEntity(item) ? item : undefined)),
      );
    }
    return result;
  }

  /**
   * Which of the refs the automatic checks need exist in the catalog, for
   * any number of model versions, with one `getEntitiesByRefs` request per
   * 500 distinct refs. Asked with the plugin's own credentials: whether a
   * dataset exists is a fact about the platform, and must not depend on who
   * happens to open or refresh a review.
   */
  async gatherFacts(versions: ModelVersionRef[]): Promise<ReadinessFacts> {
    const wanted = [...new Set(versions.flatMap(referencedRefs))];
    const existingRefs: string[] = [];
    for (let i = 0; i < wanted.length; i += REFS_PER_REQUEST) {
      const batch = wanted.slice(i, i + REFS_PER_REQUEST);
      const { items } = await this.#catalog.getEntitiesByRefs(
        { entityRefs: batch, fields: EXISTENCE_FIELDS },
        { credentials: await this.#ownCredentials() },
      );
      batch.forEach((ref, index) => {
        if (items[index]) existingRefs.push(ref);
      });
    }
    return { existingRefs };
  }

  async #ownCredentials() {
    return this.#auth.getOwnServiceCredentials();
  }

  /**
   * Users read the catalog as themselves, so that catalog permissions hide
   * models from them here too. A service token (CI asking the gate) is
   * usually restricted to this plugin and may not call the catalog itself;
   * what it may learn is decided by the mlops permissions, so the model is
   * read with the plugin's own credentials.
   */
  async #readAs(credentials: BackstageCredentials) {
    return this.#auth.isPrincipal(credentials, 'service')
      ? this.#ownCredentials()
      : credentials;
  }
}
