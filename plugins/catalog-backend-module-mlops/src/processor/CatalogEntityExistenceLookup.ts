import { AuthService } from '@backstage/backend-plugin-api';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { EntityExistenceLookup } from './EntityExistenceLookup';

/**
 * A found entity is remembered this long. Long enough that bulk ingestion of
 * thousands of models pointing at the same few owners, systems and datasets
 * asks the catalog about each target about once; short compared with the
 * catalog's default refresh interval (100-150 s), so that a deleted target is
 * reported by the next processing round after the entry expires.
 */
const DEFAULT_TTL_MS = 60_000;

/** Bounds memory in catalogs with very many distinct targets. */
const DEFAULT_MAX_ENTRIES = 50_000;

/**
 * Only the fields that prove existence are fetched: the answer is a yes/no,
 * so there is no reason to move whole entities over the wire.
 */
const EXISTENCE_FIELDS = ['kind', 'metadata.namespace', 'metadata.name'];

/** @public */
export interface CatalogEntityExistenceLookupOptions {
  catalog: Pick<CatalogService, 'getEntitiesByRefs'>;
  auth: Pick<AuthService, 'getOwnServiceCredentials'>;
  /** How long a found entity is remembered, in milliseconds. */
  ttlMs?: number;
  /** Upper bound on remembered refs; the oldest are dropped first. */
  maxEntries?: number;
  /** Clock, for tests. */
  now?: () => number;
}

/**
 * Looks entity refs up through the catalog API with the module's own service
 * credentials, one batched `getEntitiesByRefs` call per question.
 *
 * Only positive answers are cached. A missing ref is asked again every time,
 * so that a model stops being flagged as soon as its target shows up;
 * caching "missing" would delay that by the TTL for no gain, because a model
 * with a dangling ref is reprocessed rarely anyway.
 *
 * @public
 */
export class CatalogEntityExistenceLookup implements EntityExistenceLookup {
  readonly #catalog: CatalogEntityExistenceLookupOptions['catalog'];
  readonly #auth: CatalogEntityExistenceLookupOptions['auth'];
  readonly #ttlMs: number;
  readonly #maxEntries: number;
  readonly #now: () => number;
  /** ref → time (ms) until which it is known to exist; insertion ordered. */
  readonly #foundUntil = new Map<string, number>();

  constructor(options: CatalogEntityExistenceLookupOptions) {
    this.#catalog = options.catalog;
    this.#auth = options.auth;
    this.#ttlMs = options.ttlMs ?? DEFAULT_TTL_MS;
    this.#maxEntries = options.maxEntries ?? DEFAULT_MAX_ENTRIES;
    this.#now = options.now ?? Date.now;
  }

  async findMissing(entityRefs: string[]): Promise<string[]> {
    const now = this.#now();
    const unknown = [...new Set(entityRefs)].filter(ref => {
      const until = this.#foundUntil.get(ref);
      if (until === undefined) return true;
      if (until > now) return false;
      this.#foundUntil.delete(ref);
      return true;
    });
    if (unknown.length === 0) {
      return [];
    }

    const { items } = await this.#catalog.getEntitiesByRefs(
      { entityRefs: unknown, fields: EXISTENCE_FIELDS },
      { credentials: await this.#auth.getOwnServiceCredentials() },
    );

    // getEntitiesByRefs answers position by position, null where not found.
    const missing: string[] = [];
    unknown.forEach((ref, index) => {
      if (items[index]) {
        this.#remember(ref, now + this.#ttlMs);
      } else {
        missing.push(ref);
      }
    });
    return missing;
  }

  #remember(ref: string, until: number) {
    this.#foundUntil.delete(ref);
    this.#foundUntil.set(ref, until);
    while (this.#foundUntil.size > this.#maxEntries) {
      const oldest = this.#foundUntil.keys().next().value as string;
      this.#foundUntil.delete(oldest);
    }
  }
}
