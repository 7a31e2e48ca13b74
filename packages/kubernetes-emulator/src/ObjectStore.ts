import { randomUUID } from 'node:crypto';
import { Json } from './patches';
import { apiVersionOf, EmulatedResourceType } from './resources';

/** The metadata fields the emulator maintains. */
export interface ObjectMeta {
  name: string;
  namespace: string;
  uid?: string;
  resourceVersion?: string;
  generation?: number;
  creationTimestamp?: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  ownerReferences?: Array<{
    apiVersion: string;
    kind: string;
    name: string;
    uid: string;
    controller?: boolean;
    blockOwnerDeletion?: boolean;
  }>;
  [key: string]: unknown;
}

/** A stored object: any JSON with `metadata`. */
export interface StoredObject {
  apiVersion: string;
  kind: string;
  metadata: ObjectMeta;
  spec?: any;
  status?: any;
  [key: string]: unknown;
}

/** Why a write was refused, as the API server reports it. */
export class StoreError extends Error {
  constructor(
    readonly code: 404 | 409 | 422,
    readonly reason: 'NotFound' | 'Conflict' | 'AlreadyExists' | 'Invalid',
    message: string,
    readonly details: { name: string; group: string; kind: string },
  ) {
    super(message);
  }
}

function key(type: EmulatedResourceType, namespace: string, name: string) {
  return `${type.group}/${type.plural}/${namespace}/${name}`;
}

function resourceName(type: EmulatedResourceType) {
  return type.group ? `${type.plural}.${type.group}` : type.plural;
}

/**
 * The emulator's etcd: objects by type, namespace and name, with one
 * resourceVersion counter shared by every object as in Kubernetes, so that a
 * client can never reuse a version it saw on another object.
 */
export class ObjectStore {
  #objects = new Map<string, StoredObject>();
  #lastResourceVersion = 1000;
  readonly #clock: () => Date;
  readonly #listeners: Array<
    (type: EmulatedResourceType, object: StoredObject) => void
  > = [];

  constructor(options?: { clock?: () => Date }) {
    this.#clock = options?.clock ?? (() => new Date());
  }

  /** Called after every write that changed an object. */
  onWrite(
    listener: (type: EmulatedResourceType, object: StoredObject) => void,
  ) {
    this.#listeners.push(listener);
  }

  get(
    type: EmulatedResourceType,
    namespace: string,
    name: string,
  ): StoredObject | undefined {
    const object = this.#objects.get(key(type, namespace, name));
    return object && structuredClone(object);
  }

  require(
    type: EmulatedResourceType,
    namespace: string,
    name: string,
  ): StoredObject {
    const object = this.get(type, namespace, name);
    if (!object) {
      throw new StoreError(
        404,
        'NotFound',
        `${resourceName(type)} "${name}" not found`,
        {
          name,
          group: type.group,
          kind: type.plural,
        },
      );
    }
    return object;
  }

  list(type: EmulatedResourceType, namespace?: string): StoredObject[] {
    const prefix = `${type.group}/${type.plural}/`;
    return [...this.#objects.entries()]
      .filter(
        ([k, o]) =>
          k.startsWith(prefix) &&
          (!namespace || o.metadata.namespace === namespace),
      )
      .map(([, o]) => structuredClone(o))
      .sort((a, b) => a.metadata.name.localeCompare(b.metadata.name));
  }

  get resourceVersion(): string {
    return String(this.#lastResourceVersion);
  }

  create(type: EmulatedResourceType, object: StoredObject): StoredObject {
    const { namespace, name } = object.metadata ?? {};
    if (!namespace || !name) {
      throw new StoreError(
        422,
        'Invalid',
        'metadata.name and metadata.namespace are required',
        {
          name: name ?? '',
          group: type.group,
          kind: type.plural,
        },
      );
    }
    if (this.#objects.has(key(type, namespace, name))) {
      throw new StoreError(
        409,
        'AlreadyExists',
        `${resourceName(type)} "${name}" already exists`,
        {
          name,
          group: type.group,
          kind: type.plural,
        },
      );
    }
    const stored: StoredObject = structuredClone({
      ...object,
      apiVersion: apiVersionOf(type),
      kind: type.kind,
      metadata: {
        ...object.metadata,
        uid: object.metadata.uid ?? randomUUID(),
        creationTimestamp:
          object.metadata.creationTimestamp ?? this.#clock().toISOString(),
        generation: object.metadata.generation ?? 1,
        resourceVersion: String(++this.#lastResourceVersion),
      },
    });
    this.#objects.set(key(type, namespace, name), stored);
    this.#notify(type, stored);
    return structuredClone(stored);
  }

  /**
   * Replaces an object with `next` (computed from the stored one). When
   * `next` names a resourceVersion it must be the stored one (optimistic
   * concurrency); a write that changes nothing keeps the version, as the API
   * server does.
   */
  update(
    type: EmulatedResourceType,
    namespace: string,
    name: string,
    next: StoredObject,
    options?: { requireResourceVersion?: boolean },
  ): StoredObject {
    const current = this.require(type, namespace, name);
    const details = { name, group: type.group, kind: type.plural };
    const asked = next.metadata?.resourceVersion;
    if (asked === undefined || asked === '') {
      if (options?.requireResourceVersion) {
        throw new StoreError(
          422,
          'Invalid',
          `${type.kind}.${type.group} "${name}" is invalid: metadata.resourceVersion: Invalid value: 0x0: must be specified for an update`,
          details,
        );
      }
    } else if (String(asked) !== current.metadata.resourceVersion) {
      throw new StoreError(
        409,
        'Conflict',
        `Operation cannot be fulfilled on ${resourceName(
          type,
        )} "${name}": the object has been modified; please apply your changes to the latest version and try again`,
        details,
      );
    }
    if (next.metadata?.name !== undefined && next.metadata.name !== name) {
      throw new StoreError(
        422,
        'Invalid',
        `the name of the object (${next.metadata.name}) does not match the name on the URL (${name})`,
        details,
      );
    }
    const candidate: StoredObject = {
      ...next,
      apiVersion: current.apiVersion,
      kind: current.kind,
      metadata: {
        ...next.metadata,
        name,
        namespace,
        uid: current.metadata.uid,
        creationTimestamp: current.metadata.creationTimestamp,
        generation: current.metadata.generation,
        resourceVersion: current.metadata.resourceVersion,
      },
    };
    if (JSON.stringify(candidate) === JSON.stringify(current)) return current;
    if (JSON.stringify(candidate.spec) !== JSON.stringify(current.spec)) {
      candidate.metadata.generation = (current.metadata.generation ?? 1) + 1;
    }
    candidate.metadata.resourceVersion = String(++this.#lastResourceVersion);
    this.#objects.set(key(type, namespace, name), structuredClone(candidate));
    this.#notify(type, candidate);
    return structuredClone(candidate);
  }

  delete(
    type: EmulatedResourceType,
    namespace: string,
    name: string,
  ): StoredObject {
    const current = this.require(type, namespace, name);
    this.#objects.delete(key(type, namespace, name));
    return current;
  }

  #notify(type: EmulatedResourceType, object: StoredObject) {
    for (const listener of this.#listeners)
      listener(type, structuredClone(object));
  }
}

/** Clone helper typed for JSON. */
export function asJson(object: StoredObject): Json {
  return object as unknown as Json;
}
