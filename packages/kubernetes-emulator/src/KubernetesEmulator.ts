import type { IncomingMessage, ServerResponse } from 'node:http';
import { createServer, Server } from 'node:https';
import { AddressInfo } from 'node:net';
import { timingSafeEqual } from 'node:crypto';
import {
  EmulatorCertificates,
  generateEmulatorCertificates,
} from './certificates';
import {
  DelayFault,
  FailureFault,
  FaultPlan,
  FaultTarget,
  forbiddenMessage,
} from './faults';
import { ObjectStore, StoredObject, StoreError } from './ObjectStore';
import { applyJsonPatch, applyMergePatch, Json, PatchError } from './patches';
import {
  apiVersionOf,
  EMULATED_RESOURCE_TYPES,
  EmulatedResourceType,
} from './resources';
import {
  RolloutSimulation,
  RolloutSimulationOptions,
} from './RolloutSimulation';

/** Options of {@link KubernetesEmulator.start}. */
export interface KubernetesEmulatorOptions {
  /** The bearer token every request must carry. */
  token: string;
  /** 0 (the default) picks a free port. */
  port?: number;
  /** Defaults to 127.0.0.1. */
  host?: string;
  /** Generated with openssl when not given. */
  certificates?: EmulatorCertificates;
  /**
   * Per resource plural, whether `/status` is a subresource. `false`
   * reproduces CRDs without the subresource (Argo Rollouts before v0.10),
   * where `/status` answers 404 and status is written through the object.
   */
  statusSubresources?: Partial<Record<string, boolean>>;
  /** Objects to create at start. */
  objects?: StoredObject[];
  /**
   * Runs the controller simulation every `intervalMs` (the demo); without
   * it, tests drive the simulation with {@link KubernetesEmulator.reconcile}.
   */
  controller?: { intervalMs: number };
  simulation?: RolloutSimulationOptions;
}

/** One request as the emulator saw it, for tests that check the wire. */
export interface RecordedRequest {
  method: string;
  path: string;
  query: string;
  contentType?: string;
  status: number;
}

type Route =
  | {
      type: EmulatedResourceType;
      namespace?: string;
      name?: string;
      subresource?: 'status';
    }
  | undefined;

const STATUS_KIND = { kind: 'Status', apiVersion: 'v1', metadata: {} };

class HttpStatus extends Error {
  constructor(
    readonly code: number,
    readonly reason: string,
    message: string,
    readonly details?: object,
  ) {
    super(message);
  }
}

/**
 * An HTTPS Kubernetes API server for the objects the portal's canary panel
 * reads and writes: Argo Rollouts `Rollout` and `AnalysisRun`, KServe
 * `InferenceService` and `ReplicaSet`. Real paths, real Status objects, merge
 * and JSON patches, status subresources, resourceVersion preconditions and
 * bearer-token authentication, plus a small controller simulation.
 */
export class KubernetesEmulator {
  readonly store: ObjectStore;
  readonly requests: RecordedRequest[] = [];
  readonly simulation: RolloutSimulation;
  readonly #server: Server;
  readonly #token: Buffer;
  readonly #certificates: EmulatorCertificates;
  readonly #statusSubresources: Partial<Record<string, boolean>>;
  readonly #faults = new FaultPlan();
  readonly #delays = new Set<NodeJS.Timeout>();
  #timer?: NodeJS.Timeout;

  private constructor(
    options: KubernetesEmulatorOptions,
    certificates: EmulatorCertificates,
  ) {
    this.#token = Buffer.from(options.token);
    this.#certificates = certificates;
    this.#statusSubresources = options.statusSubresources ?? {};
    this.store = new ObjectStore();
    this.simulation = new RolloutSimulation(this.store, options.simulation);
    for (const object of options.objects ?? []) {
      this.store.create(this.#typeOfObject(object), object);
    }
    this.#server = createServer(
      { cert: certificates.serverCert, key: certificates.serverKey },
      (req, res) => {
        this.#handle(req, res).catch(error => {
          this.#send(
            req,
            res,
            500,
            this.#status(500, 'InternalError', String(error)),
          );
        });
      },
    );
  }

  static async start(
    options: KubernetesEmulatorOptions,
  ): Promise<KubernetesEmulator> {
    const emulator = new KubernetesEmulator(
      options,
      options.certificates ?? generateEmulatorCertificates(),
    );
    await new Promise<void>((resolve, reject) => {
      emulator.#server.once('error', reject);
      emulator.#server.listen(
        options.port ?? 0,
        options.host ?? '127.0.0.1',
        () => {
          emulator.#server.off('error', reject);
          resolve();
        },
      );
    });
    if (options.controller) {
      emulator.#timer = setInterval(
        () => emulator.reconcile(),
        options.controller.intervalMs,
      );
      emulator.#timer.unref();
    }
    return emulator;
  }

  /** `https://127.0.0.1:<port>`. */
  get url(): string {
    const { address, port } = this.#server.address() as AddressInfo;
    return `https://${
      address.includes(':') ? `[${address}]` : address
    }:${port}`;
  }

  /** The CA certificate (PEM) that signed the server certificate. */
  get caCert(): string {
    return this.#certificates.caCert;
  }

  /** The CA certificate as kubeconfig `certificate-authority-data` (base64 of the PEM). */
  get caData(): string {
    return Buffer.from(this.#certificates.caCert).toString('base64');
  }

  /** Runs one pass of the controller simulation; the number of objects it changed. */
  reconcile(): number {
    return this.simulation.reconcile();
  }

  /**
   * Test hook: the next request(s) matching `method` and `path` are answered
   * with this error, as the API server writes it (`403 Forbidden` with its
   * RBAC wording, `500 InternalError`, `503 ServiceUnavailable`), and change
   * nothing.
   */
  failNext(fault: FailureFault): void {
    this.#faults.fail(fault);
  }

  /**
   * Test hook: the next request(s) matching `method` and `path` are held for
   * `ms` before they are served. A request whose client gave up meanwhile
   * is dropped unserved, as the API server drops a request whose context was
   * cancelled before it reached storage; so a client timeout changes nothing.
   */
  delayNext(fault: DelayFault): void {
    this.#faults.delay(fault);
  }

  /** Disarms every fault that has not been used yet. */
  clearFaults(): void {
    this.#faults.clear();
  }

  /** How many armed fault uses are left. */
  get pendingFaults(): number {
    return this.#faults.pending;
  }

  async stop(): Promise<void> {
    if (this.#timer) clearInterval(this.#timer);
    for (const delay of this.#delays) clearTimeout(delay);
    this.#delays.clear();
    this.#server.closeAllConnections();
    await new Promise<void>(resolve => this.#server.close(() => resolve()));
  }

  #typeOfObject(object: StoredObject): EmulatedResourceType {
    const type = EMULATED_RESOURCE_TYPES.find(
      t => apiVersionOf(t) === object.apiVersion && t.kind === object.kind,
    );
    if (!type) {
      throw new Error(
        `The emulator does not serve ${object.apiVersion} ${object.kind}`,
      );
    }
    return type;
  }

  #hasStatusSubresource(type: EmulatedResourceType) {
    return this.#statusSubresources[type.plural] ?? type.statusSubresource;
  }

  #status(code: number, reason: string, message: string, details?: object) {
    return {
      ...STATUS_KIND,
      status: 'Failure',
      message,
      reason,
      ...(details ? { details } : {}),
      code,
    };
  }

  #send(
    req: IncomingMessage,
    res: ServerResponse,
    code: number,
    body: unknown,
  ) {
    const url = new URL(req.url ?? '/', 'https://emulator');
    this.requests.push({
      method: req.method ?? 'GET',
      path: url.pathname,
      query: url.search,
      contentType: req.headers['content-type'],
      status: code,
    });
    res.writeHead(code, { 'content-type': 'application/json' });
    res.end(JSON.stringify(body));
  }

  #sendFault(
    req: IncomingMessage,
    res: ServerResponse,
    url: URL,
    fault: FailureFault,
  ) {
    const route = this.#route(url.pathname);
    const target: FaultTarget = {
      method: req.method ?? 'GET',
      path: url.pathname,
      ...(route
        ? {
            resource: route.type.group
              ? `${route.type.plural}.${route.type.group}`
              : route.type.plural,
            group: route.type.group,
            plural: route.type.plural,
            subresource: route.subresource,
            namespace: route.namespace,
            name: route.name,
          }
        : {}),
    };
    // A request body the client already sent is read and thrown away, so
    // the connection stays usable for the next request.
    req.resume();
    const details = route?.name
      ? { name: route.name, group: route.type.group, kind: route.type.plural }
      : undefined;
    if (fault.status === 403) {
      this.#send(
        req,
        res,
        403,
        this.#status(
          403,
          'Forbidden',
          fault.message ?? forbiddenMessage(target),
          details,
        ),
      );
    } else if (fault.status === 503) {
      this.#send(
        req,
        res,
        503,
        this.#status(
          503,
          'ServiceUnavailable',
          fault.message ??
            'the server is currently unable to handle the request',
          details,
        ),
      );
    } else {
      const cause = fault.message ?? 'etcdserver: request timed out';
      this.#send(
        req,
        res,
        500,
        this.#status(
          500,
          'InternalError',
          `Internal error occurred: ${cause}`,
          {
            ...details,
            causes: [{ message: cause }],
          },
        ),
      );
    }
  }

  #authenticated(req: IncomingMessage): boolean {
    const header = req.headers.authorization ?? '';
    const match = /^Bearer\s+(.+)$/i.exec(header);
    if (!match) return false;
    const given = Buffer.from(match[1].trim());
    return (
      given.length === this.#token.length && timingSafeEqual(given, this.#token)
    );
  }

  async #readBody(req: IncomingMessage): Promise<unknown> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const text = Buffer.concat(chunks).toString('utf8');
    if (!text) return undefined;
    try {
      return JSON.parse(text);
    } catch {
      throw new HttpStatus(
        400,
        'BadRequest',
        'the request body is not valid JSON',
      );
    }
  }

  async #handle(req: IncomingMessage, res: ServerResponse) {
    if (!this.#authenticated(req)) {
      this.#send(
        req,
        res,
        401,
        this.#status(401, 'Unauthorized', 'Unauthorized'),
      );
      return;
    }
    const clientGone = { value: false };
    res.once('close', () => {
      if (!res.writableFinished) clientGone.value = true;
    });
    const url = new URL(req.url ?? '/', 'https://emulator');
    const fault = this.#faults.take(req.method ?? 'GET', url.pathname);
    if (fault?.type === 'delay') {
      await new Promise<void>(resolve => {
        const timer = setTimeout(() => {
          this.#delays.delete(timer);
          resolve();
        }, fault.fault.ms);
        this.#delays.add(timer);
      });
      if (clientGone.value || req.destroyed) {
        this.requests.push({
          method: req.method ?? 'GET',
          path: url.pathname,
          query: url.search,
          contentType: req.headers['content-type'],
          status: 0,
        });
        return;
      }
    } else if (fault?.type === 'fail') {
      this.#sendFault(req, res, url, fault.fault);
      return;
    }
    try {
      const discovery = this.#discovery(url.pathname);
      if (discovery) {
        if (req.method !== 'GET')
          throw new HttpStatus(
            405,
            'MethodNotAllowed',
            'the server does not allow this method on the requested resource',
          );
        this.#send(req, res, 200, discovery);
        return;
      }
      const route = this.#route(url.pathname);
      if (!route)
        throw new HttpStatus(
          404,
          'NotFound',
          'the server could not find the requested resource',
          {},
        );
      const body = await this.#serve(req, route, url);
      this.#send(req, res, body.code, body.object);
    } catch (error) {
      if (error instanceof StoreError) {
        this.#send(
          req,
          res,
          error.code,
          this.#status(error.code, error.reason, error.message, error.details),
        );
      } else if (error instanceof HttpStatus) {
        this.#send(
          req,
          res,
          error.code,
          this.#status(error.code, error.reason, error.message, error.details),
        );
      } else if (error instanceof PatchError) {
        this.#send(req, res, 422, this.#status(422, 'Invalid', error.message));
      } else {
        throw error;
      }
    }
  }

  #discovery(path: string): object | undefined {
    if (path === '/version') {
      return {
        major: '1',
        minor: '30',
        gitVersion: 'v1.30.0-mlops-portal-emulator',
        platform: `${process.platform}/${process.arch}`,
      };
    }
    if (path === '/api') {
      return {
        kind: 'APIVersions',
        versions: ['v1'],
        serverAddressByClientCIDRs: [],
      };
    }
    if (path === '/api/v1' || path === '/api/v1/') {
      return this.#resourceList(
        'v1',
        EMULATED_RESOURCE_TYPES.filter(t => t.group === ''),
      );
    }
    if (path === '/apis') {
      const groups = [
        ...new Set(EMULATED_RESOURCE_TYPES.map(t => t.group).filter(Boolean)),
      ];
      return {
        kind: 'APIGroupList',
        apiVersion: 'v1',
        groups: groups.map(group => {
          const version = EMULATED_RESOURCE_TYPES.find(
            t => t.group === group,
          )!.version;
          const gv = { groupVersion: `${group}/${version}`, version };
          return { name: group, versions: [gv], preferredVersion: gv };
        }),
      };
    }
    const match = /^\/apis\/([^/]+)\/([^/]+)\/?$/.exec(path);
    if (match) {
      const types = EMULATED_RESOURCE_TYPES.filter(
        t => t.group === match[1] && t.version === match[2],
      );
      if (types.length === 0) return undefined;
      return this.#resourceList(`${match[1]}/${match[2]}`, types);
    }
    return undefined;
  }

  #resourceList(groupVersion: string, types: EmulatedResourceType[]) {
    return {
      kind: 'APIResourceList',
      apiVersion: 'v1',
      groupVersion,
      resources: types.flatMap(t => [
        {
          name: t.plural,
          singularName: t.singular,
          namespaced: true,
          kind: t.kind,
          verbs: ['create', 'delete', 'get', 'list', 'patch', 'update'],
          shortNames: t.shortNames,
        },
        ...(this.#hasStatusSubresource(t)
          ? [
              {
                name: `${t.plural}/status`,
                singularName: '',
                namespaced: true,
                kind: t.kind,
                verbs: ['get', 'patch', 'update'],
              },
            ]
          : []),
      ]),
    };
  }

  #route(path: string): Route {
    const parts = path.split('/').filter(Boolean).map(decodeURIComponent);
    let group: string;
    let version: string;
    let rest: string[];
    if (parts[0] === 'api' && parts[1] === 'v1' && parts.length >= 3) {
      // The core group lives under /api/v1, not /apis.
      [group, version, rest] = ['', 'v1', parts.slice(2)];
    } else if (parts[0] === 'apis' && parts.length >= 4) {
      [, group, version, ...rest] = parts;
    } else {
      return undefined;
    }
    let namespace: string | undefined;
    let tail = rest;
    if (rest[0] === 'namespaces' && rest.length >= 3) {
      namespace = rest[1];
      tail = rest.slice(2);
    }
    const type = EMULATED_RESOURCE_TYPES.find(
      t => t.group === group && t.version === version && t.plural === tail[0],
    );
    if (!type || tail.length > 3) return undefined;
    if (tail.length === 3 && tail[2] !== 'status') return undefined;
    if (!namespace && tail.length > 1) return undefined;
    return {
      type,
      namespace,
      name: tail[1],
      subresource: tail[2] === 'status' ? 'status' : undefined,
    };
  }

  async #serve(
    req: IncomingMessage,
    route: NonNullable<Route>,
    url: URL,
  ): Promise<{ code: number; object: unknown }> {
    const { type, namespace, name, subresource } = route;
    const method = req.method ?? 'GET';
    if (subresource && !this.#hasStatusSubresource(type)) {
      throw new HttpStatus(
        404,
        'NotFound',
        'the server could not find the requested resource',
        {},
      );
    }
    if (!name) {
      if (method === 'GET') {
        const selector = url.searchParams.get('labelSelector') ?? '';
        const items = this.store
          .list(type, namespace)
          .filter(o => matchesLabelSelector(o.metadata.labels ?? {}, selector));
        return {
          code: 200,
          object: {
            apiVersion: apiVersionOf(type),
            kind: type.listKind,
            metadata: { resourceVersion: this.store.resourceVersion },
            items,
          },
        };
      }
      if (method === 'POST' && namespace) {
        const body = (await this.#readBody(req)) as StoredObject;
        return { code: 201, object: this.#create(type, namespace, body) };
      }
      throw new HttpStatus(
        405,
        'MethodNotAllowed',
        'the server does not allow this method on the requested resource',
      );
    }
    const ns = namespace!;
    const current = () => this.store.require(type, ns, name);
    switch (method) {
      case 'GET':
        return { code: 200, object: current() };
      case 'DELETE':
        return { code: 200, object: this.store.delete(type, ns, name) };
      case 'PUT': {
        const body = (await this.#readBody(req)) as StoredObject;
        if (!body || typeof body !== 'object')
          throw new HttpStatus(
            400,
            'BadRequest',
            'the request body must be an object',
          );
        const next = this.#restrictToSubresource(
          type,
          current(),
          body,
          subresource,
        );
        return {
          code: 200,
          object: this.store.update(type, ns, name, next, {
            requireResourceVersion: true,
          }),
        };
      }
      case 'PATCH': {
        const contentType = (req.headers['content-type'] ?? '')
          .split(';')[0]
          .trim();
        const body = await this.#readBody(req);
        const existing = current();
        let patched: Json;
        if (contentType === 'application/merge-patch+json') {
          patched = applyMergePatch(
            existing as unknown as Json,
            (body ?? null) as Json,
          );
        } else if (contentType === 'application/json-patch+json') {
          patched = applyJsonPatch(existing as unknown as Json, body);
        } else {
          throw new HttpStatus(
            415,
            'UnsupportedMediaType',
            `the body of the request was in an unknown format - accepted media types include: application/json-patch+json, application/merge-patch+json`,
          );
        }
        const next = this.#restrictToSubresource(
          type,
          existing,
          patched as unknown as StoredObject,
          subresource,
        );
        return { code: 200, object: this.store.update(type, ns, name, next) };
      }
      default:
        throw new HttpStatus(
          405,
          'MethodNotAllowed',
          'the server does not allow this method on the requested resource',
        );
    }
  }

  /**
   * A create as the API server does it: the kind must be the collection's,
   * the namespace the URL's; uid, creationTimestamp, generation and
   * resourceVersion are the server's to set (a client's resourceVersion is
   * refused); with a status subresource the status sent is dropped, so the
   * controller starts from nothing.
   */
  #create(
    type: EmulatedResourceType,
    namespace: string,
    body: StoredObject | undefined,
  ): StoredObject {
    if (!body || typeof body !== 'object' || !body.metadata) {
      throw new HttpStatus(400, 'BadRequest', 'the object has no metadata');
    }
    if (
      (body.apiVersion !== undefined &&
        body.apiVersion !== apiVersionOf(type)) ||
      (body.kind !== undefined && body.kind !== type.kind)
    ) {
      throw new HttpStatus(
        400,
        'BadRequest',
        `the API version in the data (${body.apiVersion}) and kind (${
          body.kind
        }) do not match the collection ${apiVersionOf(type)} ${type.kind}`,
      );
    }
    if (
      body.metadata.namespace !== undefined &&
      body.metadata.namespace !== namespace
    ) {
      throw new HttpStatus(
        400,
        'BadRequest',
        'the namespace of the provided object does not match the namespace sent on the request',
      );
    }
    if (body.metadata.resourceVersion) {
      throw new HttpStatus(
        500,
        'InternalError',
        'Internal error occurred: resourceVersion should not be set on objects to be created',
      );
    }
    const {
      uid: _uid,
      creationTimestamp: _created,
      generation: _generation,
      resourceVersion: _version,
      ...metadata
    } = body.metadata;
    const object: StoredObject = {
      ...body,
      metadata: { ...metadata, name: metadata.name, namespace },
    };
    if (this.#hasStatusSubresource(type)) delete object.status;
    return this.store.create(type, object);
  }

  /**
   * With a status subresource, writes to the object ignore `status` and
   * writes to `/status` ignore everything but `status` (metadata keeps the
   * resourceVersion the client sent, so the precondition still applies).
   */
  #restrictToSubresource(
    type: EmulatedResourceType,
    existing: StoredObject,
    next: StoredObject,
    subresource: 'status' | undefined,
  ): StoredObject {
    if (!this.#hasStatusSubresource(type)) return next;
    const resourceVersion = next.metadata?.resourceVersion;
    if (subresource === 'status') {
      return {
        ...existing,
        status: next.status,
        metadata: { ...existing.metadata, resourceVersion },
      };
    }
    return { ...next, status: existing.status };
  }
}

/**
 * Equality-based label selectors (`a=b`, `a==b`, `a!=b`, `a`, `!a`) and
 * set-based `a in (x,y)` / `a notin (x,y)`.
 */
export function matchesLabelSelector(
  labels: Record<string, string>,
  selector: string,
): boolean {
  const requirements = selector.match(/[^,(]+(\([^)]*\))?/g) ?? [];
  return requirements.every(raw => {
    const requirement = raw.trim();
    if (!requirement) return true;
    const set = /^(\S+)\s+(in|notin)\s+\(([^)]*)\)$/.exec(requirement);
    if (set) {
      const values = set[3].split(',').map(v => v.trim());
      const has = set[1] in labels && values.includes(labels[set[1]]);
      return set[2] === 'in' ? has : !has;
    }
    const inequality = /^([^!=\s]+)\s*!=\s*(.*)$/.exec(requirement);
    if (inequality) return labels[inequality[1]] !== inequality[2].trim();
    const equality = /^([^!=\s]+)\s*==?\s*(.*)$/.exec(requirement);
    if (equality) return labels[equality[1]] === equality[2].trim();
    if (requirement.startsWith('!')) return !(requirement.slice(1) in labels);
    return requirement in labels;
  });
}
