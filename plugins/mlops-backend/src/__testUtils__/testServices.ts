/*
 * Service fakes for the tests: user info from the fixture organisation, a
 * permission policy shaped like the demo's, and an auditor that records.
 */
import {
  AuditorService,
  AuditorServiceCreateEventOptions,
  BackstageCredentials,
  coreServices,
  createServiceFactory,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import {
  AuthorizeResult,
  PolicyDecision,
  QueryPermissionRequest,
} from '@backstage/plugin-permission-common';
import {
  mlopsReviewCreatePermission,
  mlopsReviewReadPermission,
  mlopsReviewSignoffPermission,
} from '@mlops-portal/plugin-mlops-common';
import {
  createMLOpsConditionalDecision,
  mlopsConditions,
} from '../permissions/rules';
import { ownershipRefsOf } from './fixtures';

/** Ownership refs from the fixture organisation. */
export const fixtureUserInfoFactory = createServiceFactory({
  service: coreServices.userInfo,
  deps: {},
  factory: () => ({
    async getUserInfo(credentials: BackstageCredentials) {
      const principal = credentials.principal as { userEntityRef?: string };
      if (!principal.userEntityRef) throw new Error('not a user');
      return {
        userEntityRef: principal.userEntityRef,
        ownershipEntityRefs: ownershipRefsOf(principal.userEntityRef),
      };
    },
  }),
});

const REVIEWER_GROUPS = [
  'group:default/ml-reviewers',
  'group:default/security-reviewers',
];

/**
 * Like the demo policy, with the conditional decision the README suggests:
 * owners (conditionally) may open and change reviews, reviewers may sign
 * off, everybody may read. Service principals are allowed everything, as
 * the real permissions service does for unrestricted service tokens.
 */
export class FixturePolicyPermissions implements PermissionsService {
  readonly requests: QueryPermissionRequest[] = [];

  /** `readOwnersOnly`: reading reviews is also limited to the model's owners. */
  constructor(private readonly options: { readOwnersOnly?: boolean } = {}) {}

  async authorizeConditional(
    requests: QueryPermissionRequest[],
    options?: { credentials: BackstageCredentials },
  ): Promise<PolicyDecision[]> {
    this.requests.push(...requests);
    const principal = options?.credentials.principal as {
      type: string;
      userEntityRef?: string;
    };
    if (principal?.type === 'service') {
      return requests.map(() => ({ result: AuthorizeResult.ALLOW }));
    }
    const refs = ownershipRefsOf(principal?.userEntityRef ?? '');
    return requests.map(({ permission }) => {
      if (permission.name === mlopsReviewSignoffPermission.name) {
        return {
          result: refs.some(ref => REVIEWER_GROUPS.includes(ref))
            ? AuthorizeResult.ALLOW
            : AuthorizeResult.DENY,
        };
      }
      if (
        permission.name === mlopsReviewCreatePermission.name ||
        (this.options.readOwnersOnly &&
          permission.name === mlopsReviewReadPermission.name)
      ) {
        return createMLOpsConditionalDecision(
          permission as typeof mlopsReviewCreatePermission,
          mlopsConditions.isModelOwner({ claims: refs }),
        );
      }
      return { result: AuthorizeResult.ALLOW };
    });
  }

  async authorize(): Promise<never> {
    throw new Error('the mlops backend decides with authorizeConditional');
  }
}

export function permissionsFactory(permissions: PermissionsService) {
  return createServiceFactory({
    service: coreServices.permissions,
    deps: {},
    factory: () => permissions,
  });
}

export interface RecordedAuditEvent {
  eventId: string;
  meta?: unknown;
  outcome?: 'success' | 'fail';
  outcomeMeta?: unknown;
  error?: Error;
}

/** An auditor that keeps every event with its outcome. */
export class RecordingAuditor implements AuditorService {
  readonly events: RecordedAuditEvent[] = [];

  async createEvent(options: AuditorServiceCreateEventOptions) {
    const event: RecordedAuditEvent = {
      eventId: options.eventId,
      meta: options.meta,
    };
    this.events.push(event);
    return {
      success: async (result?: { meta?: unknown }) => {
        event.outcome = 'success';
        event.outcomeMeta = result?.meta;
      },
      fail: async (result: { meta?: unknown; error: Error }) => {
        event.outcome = 'fail';
        event.error = result.error;
      },
    };
  }

  factory() {
    return createServiceFactory({
      service: coreServices.auditor,
      deps: {},
      factory: () => this,
    });
  }
}

/** A scheduler that only records tasks; tests run them by id. */
export class RecordingScheduler {
  readonly tasks = new Map<string, () => Promise<void>>();

  factory() {
    return createServiceFactory({
      service: coreServices.scheduler,
      deps: {},
      factory: () => ({
        scheduleTask: async (task: {
          id: string;
          fn: (signal: AbortSignal) => void | Promise<void>;
        }) => {
          this.tasks.set(task.id, async () => {
            await task.fn(new AbortController().signal);
          });
        },
        triggerTask: async (id: string) => this.run(id),
        createScheduledTaskRunner: () => {
          throw new Error('not used by the mlops backend');
        },
        getScheduledTasks: async () =>
          [...this.tasks.keys()].map(id => ({
            id,
            scope: 'global' as const,
            settings: { version: 1 },
          })),
        cancelTask: async () => {},
      }),
    });
  }

  async run(id: string) {
    const task = this.tasks.get(id);
    if (!task) throw new Error(`No task ${id} was scheduled`);
    await task();
  }
}
