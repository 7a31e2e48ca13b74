/** Which requests a fault applies to. */
export interface FaultMatcher {
  /** HTTP method, e.g. `PATCH`; any method when absent. */
  method?: string;
  /**
   * The request path (without the query): a string must equal it, a RegExp
   * must match it; any path when absent.
   */
  path?: string | RegExp;
  /** How many matching requests the fault applies to (default 1). */
  times?: number;
  /** How many matching requests to let through untouched first (default 0). */
  skip?: number;
}

/** An error answer, as the API server writes it (a `Status` body). */
export interface FailureFault extends FaultMatcher {
  status: 403 | 500 | 503;
  /** The Status message; the API server's wording for the request by default. */
  message?: string;
}

/** A request held before it is served, as by an API server that hangs. */
export interface DelayFault extends FaultMatcher {
  ms: number;
}

type Armed =
  | { type: 'fail'; fault: FailureFault; remaining: number; skip: number }
  | { type: 'delay'; fault: DelayFault; remaining: number; skip: number };

/** What the request was, for the API server's wording of an error. */
export interface FaultTarget {
  method: string;
  path: string;
  /** `rollouts.argoproj.io`, `services`… when the path names a resource. */
  resource?: string;
  group?: string;
  plural?: string;
  subresource?: string;
  namespace?: string;
  name?: string;
}

const VERBS: Record<string, string> = {
  GET: 'get',
  POST: 'create',
  PUT: 'update',
  PATCH: 'patch',
  DELETE: 'delete',
};

/** The service account the API server names in a Forbidden answer. */
const PORTAL_SERVICE_ACCOUNT = 'system:serviceaccount:backstage:mlops-portal';

/**
 * The message of the API server's RBAC refusal, e.g. `rollouts.argoproj.io
 * "fraud-scorer" is forbidden: User "…" cannot patch resource
 * "rollouts/status" in API group "argoproj.io" in the namespace "fraud-ml"`.
 */
export function forbiddenMessage(target: FaultTarget): string {
  const verb =
    target.method === 'GET' && !target.name
      ? 'list'
      : VERBS[target.method] ?? target.method.toLowerCase();
  const resource = target.resource ?? target.path;
  const subject = target.name ? `${resource} "${target.name}"` : resource;
  const plural = target.plural
    ? `${target.plural}${target.subresource ? `/${target.subresource}` : ''}`
    : resource;
  return `${subject} is forbidden: User "${PORTAL_SERVICE_ACCOUNT}" cannot ${verb} resource "${plural}" in API group "${
    target.group ?? ''
  }"${target.namespace ? ` in the namespace "${target.namespace}"` : ''}`;
}

/**
 * The emulator's test hooks: answers and delays armed for the next matching
 * requests, consumed in the order they were armed.
 */
export class FaultPlan {
  #armed: Armed[] = [];

  fail(fault: FailureFault) {
    this.#armed.push({
      type: 'fail',
      fault,
      remaining: fault.times ?? 1,
      skip: fault.skip ?? 0,
    });
  }

  delay(fault: DelayFault) {
    this.#armed.push({
      type: 'delay',
      fault,
      remaining: fault.times ?? 1,
      skip: fault.skip ?? 0,
    });
  }

  clear() {
    this.#armed = [];
  }

  /** Whether faults are still armed (a test can check they were all used). */
  get pending(): number {
    return this.#armed.reduce((sum, a) => sum + a.remaining, 0);
  }

  /** Takes the first fault armed for this request, if any. */
  take(method: string, path: string): Armed | undefined {
    const matches = ({ fault }: Armed) => {
      if (fault.method && fault.method.toUpperCase() !== method) return false;
      if (fault.path === undefined) return true;
      return typeof fault.path === 'string'
        ? fault.path === path
        : fault.path.test(path);
    };
    const index = this.#armed.findIndex(armed => {
      if (!matches(armed)) return false;
      if (armed.skip > 0) {
        armed.skip--;
        return false;
      }
      return true;
    });
    if (index < 0) return undefined;
    const armed = this.#armed[index];
    armed.remaining--;
    if (armed.remaining <= 0) this.#armed.splice(index, 1);
    return armed;
  }
}
