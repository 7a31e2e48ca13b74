import {
  mockCredentials,
  mockServices,
  startTestBackend,
  TestDatabaseId,
  TestDatabases,
} from '@backstage/backend-test-utils';
import { PermissionsService } from '@backstage/backend-plugin-api';
import { Entity } from '@backstage/catalog-model';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { JsonObject } from '@backstage/types';
import request from 'supertest';
import {
  CARD_FRAUD_REF,
  catalogEntities,
  CRITICAL_MANUAL_CHECKS,
  SEARCH_RANKER_REF,
} from '../__testUtils__/fixtures';
import {
  FixturePolicyPermissions,
  fixtureUserInfoFactory,
  permissionsFactory,
  RecordingAuditor,
  RecordingScheduler,
} from '../__testUtils__/testServices';
import { mlopsPlugin } from '../plugin';
import { READINESS_REFRESH_TASK_ID } from '../scheduling/readinessRefreshTask';

jest.setTimeout(60_000);

const BASE = '/api/mlops';
const CFD = `${BASE}/models/default/card-fraud-detector`;

function as(user: string) {
  return { Authorization: mockCredentials.user.header(`user:default/${user}`) };
}
const anonymous = { Authorization: mockCredentials.none.header() };
const ciService = { Authorization: mockCredentials.service.header() };

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

async function startBackend(
  options: {
    databaseId?: TestDatabaseId;
    permissions?: PermissionsService;
    entities?: Entity[];
    config?: JsonObject;
    /** Use Backstage's own auditor instead of the recording one. */
    defaultAuditor?: boolean;
  } = {},
) {
  const knex = await databases.init(options.databaseId ?? 'SQLITE_3');
  const auditor = new RecordingAuditor();
  const scheduler = new RecordingScheduler();
  const entities = options.entities ?? catalogEntities();
  const { server } = await startTestBackend({
    features: [
      mlopsPlugin,
      catalogServiceMock.factory({ entities }),
      mockServices.database.factory({ knex }),
      mockServices.rootConfig.factory({ data: options.config ?? {} }),
      fixtureUserInfoFactory,
      permissionsFactory(options.permissions ?? new FixturePolicyPermissions()),
      ...(options.defaultAuditor ? [] : [auditor.factory()]),
      scheduler.factory(),
    ],
  });
  return { api: request(server), auditor, scheduler, entities };
}

type Api = Awaited<ReturnType<typeof startBackend>>['api'];

async function openReview(api: Api, user = 'ada', version = '3.3.0') {
  const res = await api.post(`${CFD}/reviews`).set(as(user)).send({ version });
  expect(res.status).toBe(201);
  return res.body;
}

async function attestAll(api: Api, reviewId: string, user = 'ada') {
  for (const checkId of CRITICAL_MANUAL_CHECKS) {
    const res = await api
      .post(`${BASE}/reviews/${reviewId}/attest`)
      .set(as(user))
      .send({
        checkId,
        evidenceUrl: `https://wiki.example/fraud/${checkId}`,
        comment: `Evidence for ${checkId}.`,
      });
    expect(res.status).toBe(200);
  }
}

/** Opened by Ada, every manual check attested, approved by Barbara and Margaret. */
async function approvedReview(api: Api) {
  const { review } = await openReview(api);
  await attestAll(api, review.id);
  for (const user of ['barbara', 'margaret']) {
    const res = await api
      .post(`${BASE}/reviews/${review.id}/approve`)
      .set(as(user))
      .send({});
    expect(res.status).toBe(200);
  }
  return review.id as string;
}

describe('mlops backend REST API', () => {
  describe('authentication', () => {
    it('answers 401 to requests without credentials', async () => {
      const { api } = await startBackend();
      const calls = [
        api.get(`${CFD}/reviews`),
        api.post(`${CFD}/reviews`).send({ version: '3.3.0' }),
        api.get(`${BASE}/reviews/some-id`),
        api.post(`${BASE}/reviews/some-id/approve`).send({}),
        api.get(`${BASE}/reviews?awaiting=me`),
        api.post(`${BASE}/readiness/summary`).send({ entityRefs: [] }),
        api.get(`${BASE}/gate/default/card-fraud-detector/3.3.0`),
      ];
      for (const call of calls) {
        const res = await call.set(anonymous);
        expect(res.status).toBe(401);
      }
    });
  });

  describe('permissions', () => {
    it('answers 403 when the policy denies the mlops permissions', async () => {
      const { api } = await startBackend({
        permissions: mockServices.permissions({ result: AuthorizeResult.DENY }),
      });
      expect((await api.get(`${CFD}/reviews`).set(as('ada'))).status).toBe(403);
      const open = await api
        .post(`${CFD}/reviews`)
        .set(as('ada'))
        .send({ version: '3.3.0' });
      expect(open.status).toBe(403);
      expect(open.body.error.message).toContain('mlops.review.create');
      expect(
        (
          await api
            .get(`${BASE}/gate/default/card-fraud-detector/3.3.0`)
            .set(as('ada'))
        ).status,
      ).toBe(403);
      expect(
        (
          await api
            .post(`${BASE}/readiness/summary`)
            .set(as('ada'))
            .send({ entityRefs: [CARD_FRAUD_REF] })
        ).status,
      ).toBe(403);
    });

    it('lets only the owning team open reviews when the policy says "owners may open"', async () => {
      const { api } = await startBackend();

      const outsider = await api
        .post(`${CFD}/reviews`)
        .set(as('katherine'))
        .send({ version: '3.3.0' });
      expect(outsider.status).toBe(403);

      const owner = await api
        .post(`${CFD}/reviews`)
        .set(as('hedy'))
        .send({ version: '3.3.0' });
      expect(owner.status).toBe(201);
    });

    it('needs the sign-off permission to approve or request changes', async () => {
      const { api } = await startBackend();
      const { review } = await openReview(api);
      await attestAll(api, review.id);

      const approve = await api
        .post(`${BASE}/reviews/${review.id}/approve`)
        .set(as('hedy'))
        .send({});
      expect(approve.status).toBe(403);
      expect(approve.body.error.message).toContain('mlops.review.signoff');
      const requestChanges = await api
        .post(`${BASE}/reviews/${review.id}/request-changes`)
        .set(as('katherine'))
        .send({ comment: 'No.' });
      expect(requestChanges.status).toBe(403);
    });

    it('lets reviewers outside the owning team attest, but not others', async () => {
      const { api } = await startBackend();
      const { review } = await openReview(api);
      const attest = (user: string) =>
        api.post(`${BASE}/reviews/${review.id}/attest`).set(as(user)).send({
          checkId: 'security-threat-model',
          evidenceUrl: 'https://security.example/threat-model',
          comment: 'Reviewed with AppSec.',
        });

      expect((await attest('katherine')).status).toBe(403);
      expect((await attest('margaret')).status).toBe(200);
    });

    it('does not let a service token change reviews, but lets it ask the gate', async () => {
      const { api } = await startBackend();
      const { review } = await openReview(api);

      const approve = await api
        .post(`${BASE}/reviews/${review.id}/approve`)
        .set(ciService)
        .send({});
      expect(approve.status).toBe(403);
      expect(approve.body.error.message).toMatch(/signed-in people/);

      const gate = await api
        .get(`${BASE}/gate/default/card-fraud-detector/3.3.0`)
        .set(ciService);
      expect(gate.status).toBe(200);
      expect(gate.body.allowed).toBe(false);
    });

    it('reads models with conditional read permissions in the summary', async () => {
      const { api } = await startBackend({
        permissions: new FixturePolicyPermissions({ readOwnersOnly: true }),
      });
      await openReview(api);

      const summary = (user: string) =>
        api
          .post(`${BASE}/readiness/summary`)
          .set(as(user))
          .send({ entityRefs: [CARD_FRAUD_REF] });

      expect((await summary('ada')).body.items[0].review).toMatchObject({
        version: '3.3.0',
      });
      expect((await summary('katherine')).body.items).toEqual([
        { entityRef: CARD_FRAUD_REF, review: null },
      ]);
    });
  });

  describe('input validation', () => {
    it('answers 400 naming the offending field', async () => {
      const { api } = await startBackend();
      const { review } = await openReview(api);
      const cases: Array<[request.Test, RegExp]> = [
        [
          api.post(`${CFD}/reviews`).set(as('ada')).send({}),
          /version is required/,
        ],
        [
          api.post(`${CFD}/reviews`).set(as('ada')).send({ version: 3 }),
          /version must be a string/,
        ],
        [
          api.post(`${BASE}/reviews/${review.id}/attest`).set(as('ada')).send({
            checkId: 'load-test',
            // eslint-disable-next-line no-script-url
            evidenceUrl: 'javascript:alert(1)',
            comment: 'x',
          }),
          /evidenceUrl must be an absolute http\(s\) URL/,
        ],
        [
          api
            .post(`${BASE}/reviews/${review.id}/attest`)
            .set(as('ada'))
            .send({ checkId: 'load-test', evidenceUrl: 'https://x.example' }),
          /comment is required/,
        ],
        [
          api
            .post(`${BASE}/reviews/${review.id}/request-changes`)
            .set(as('barbara'))
            .send({ comment: '  ' }),
          /comment is required/,
        ],
        [
          api
            .post(`${BASE}/readiness/summary`)
            .set(as('ada'))
            .send({ entityRefs: 'mlmodel:default/x' }),
          /entityRefs must be a list of entity refs/,
        ],
        [
          api
            .post(`${BASE}/readiness/summary`)
            .set(as('ada'))
            .send({ entityRefs: [CARD_FRAUD_REF, '  '] }),
          /entityRefs\[1\] must not be empty/,
        ],
        [
          api
            .post(`${BASE}/readiness/summary`)
            .set(as('ada'))
            .send({ entityRefs: [CARD_FRAUD_REF, 'mlmodel:'] }),
          /entityRefs\[1\] is not an entity ref/,
        ],
        [api.get(`${BASE}/reviews`).set(as('ada')), /awaiting/],
        [
          api.get(`${BASE}/reviews?awaiting=you`).set(as('ada')),
          /awaiting must be 'me'/,
        ],
        [
          api
            .get(`${BASE}/reviews/${review.id}/audit?format=pdf`)
            .set(as('ada')),
          /format/,
        ],
      ];
      for (const [call, message] of cases) {
        const res = await call;
        expect({
          status: res.status,
          message: res.body.error?.message,
        }).toEqual({
          status: 400,
          message: expect.stringMatching(message),
        });
      }
    });

    it('answers 400 for commands the engine finds invalid', async () => {
      const { api } = await startBackend();
      const undeclared = await api
        .post(`${CFD}/reviews`)
        .set(as('ada'))
        .send({ version: '9.9.9' });
      expect(undeclared.status).toBe(400);
      expect(undeclared.body.error.message).toMatch(
        /Version 9.9.9 is not a declared version/,
      );

      const { review } = await openReview(api);
      const automatic = await api
        .post(`${BASE}/reviews/${review.id}/attest`)
        .set(as('ada'))
        .send({
          checkId: 'runbook-link',
          evidenceUrl: 'https://wiki.example/runbook',
          comment: 'We have one.',
        });
      expect(automatic.status).toBe(400);
      expect(automatic.body.error.message).toMatch(/runbook-link is automatic/);
    });
  });

  describe('not found', () => {
    it('answers 404 for unknown models, entities of another kind and unknown reviews', async () => {
      const { api } = await startBackend();
      const calls: Array<[string, request.Test]> = [
        [
          'list, unknown model',
          api.get(`${BASE}/models/default/no-such-model/reviews`),
        ],
        [
          'open, unknown model',
          api
            .post(`${BASE}/models/default/no-such-model/reviews`)
            .send({ version: '1.0.0' }),
        ],
        [
          'list, a Component',
          api.get(`${BASE}/models/default/fraud-scorer/reviews`),
        ],
        ['get, unknown review', api.get(`${BASE}/reviews/no-such-review`)],
        [
          'approve, unknown review',
          api.post(`${BASE}/reviews/no-such-review/approve`).send({}),
        ],
        [
          'refresh, unknown review',
          api.post(`${BASE}/reviews/no-such-review/refresh`),
        ],
        [
          'audit, unknown review',
          api.get(`${BASE}/reviews/no-such-review/audit`),
        ],
        [
          'gate, unknown model',
          api.get(`${BASE}/gate/default/no-such-model/1.0.0`),
        ],
      ];
      for (const [name, call] of calls) {
        const res = await call.set(as('barbara'));
        expect({ name, status: res.status }).toEqual({ name, status: 404 });
      }
    });
  });

  describe('conflicts', () => {
    it('answers 409 when the author signs off their own review', async () => {
      const { api } = await startBackend();
      // Barbara is in the owning team and a reviewer: she may open and sign
      // off reviews, but never her own.
      const { review } = await openReview(api, 'barbara');
      await attestAll(api, review.id, 'barbara');

      const approve = await api
        .post(`${BASE}/reviews/${review.id}/approve`)
        .set(as('barbara'))
        .send({ comment: 'LGTM' });
      expect(approve.status).toBe(409);
      expect(approve.body.error.message).toBe(
        'You opened this review, so you cannot approve it.',
      );
      const requestChanges = await api
        .post(`${BASE}/reviews/${review.id}/request-changes`)
        .set(as('barbara'))
        .send({ comment: 'Hmm.' });
      expect(requestChanges.status).toBe(409);
    });

    it('answers 409 to a sign-off on a closed review', async () => {
      const { api } = await startBackend();
      const { review } = await openReview(api);
      await attestAll(api, review.id);
      const withdraw = await api
        .post(`${BASE}/reviews/${review.id}/withdraw`)
        .set(as('ada'))
        .send({ reason: 'Superseded by 3.3.1.' });
      expect(withdraw.status).toBe(200);
      expect(withdraw.body.status).toBe('withdrawn');

      const approve = await api
        .post(`${BASE}/reviews/${review.id}/approve`)
        .set(as('barbara'))
        .send({});
      expect(approve.status).toBe(409);
      expect(approve.body.error.message).toMatch(/was withdrawn/);
    });

    it('answers 409 to a second review of a version in progress, and to approving an approved review', async () => {
      const { api } = await startBackend();
      const reviewId = await approvedReview(api);

      const again = await api
        .post(`${CFD}/reviews`)
        .set(as('hedy'))
        .send({ version: '3.3.0' });
      expect(again.status).toBe(409);
      expect(again.body.error.message).toMatch(
        /already has an approved review/,
      );

      const approve = await api
        .post(`${BASE}/reviews/${reviewId}/approve`)
        .set(as('grace'))
        .send({});
      expect(approve.status).toBe(409);
    });
  });

  describe('the review journey', () => {
    it('opens, attests, collects two approvals including security, and opens the gate', async () => {
      const { api, auditor } = await startBackend();

      const opened = await openReview(api);
      expect(opened.status).toBe('open');
      expect(opened.review).toMatchObject({
        modelRef: CARD_FRAUD_REF,
        version: '3.3.0',
        tier: 'critical',
        author: 'user:default/ada',
      });
      // Automatic checks were evaluated with catalog facts on opening.
      expect(opened.summary.checks).toMatchObject({
        total: 17,
        passed: 10,
        pending: 7,
        failed: 0,
      });
      const ownerCheck = opened.checklist.find(
        (c: { id: string }) => c.id === 'owner-exists',
      );
      expect(ownerCheck).toMatchObject({
        state: 'passed',
        result: { evidence: { owner: 'group:default/fraud-ml', exists: true } },
      });
      const id = opened.review.id;

      await attestAll(api, id);
      const first = await api
        .post(`${BASE}/reviews/${id}/approve`)
        .set(as('barbara'))
        .send({ comment: 'Evidence complete.' });
      expect(first.status).toBe(200);
      expect(first.body.status).toBe('open');
      expect(first.body.summary.approvals).toMatchObject({
        count: 1,
        required: 2,
        missingSecurityApproval: true,
      });

      const notYet = await api
        .get(`${BASE}/gate/default/card-fraud-detector/3.3.0`)
        .set(as('ada'));
      expect(notYet.status).toBe(200);
      expect(notYet.body).toMatchObject({ allowed: false, reviewId: id });
      expect(notYet.body.reasons).toEqual([
        `Review ${id} is open, not approved`,
        'Has 1 of 2 required approvals.',
        'Needs an approval from a member of group:default/security-reviewers.',
      ]);

      const second = await api
        .post(`${BASE}/reviews/${id}/approve`)
        .set(as('margaret'))
        .send({ comment: 'Threat model reviewed.' });
      expect(second.status).toBe(200);
      expect(second.body.status).toBe('approved');
      expect(second.body.review.approval.approvers).toEqual([
        'user:default/barbara',
        'user:default/margaret',
      ]);

      const gate = await api
        .get(`${BASE}/gate/default/card-fraud-detector/3.3.0`)
        .set(ciService);
      expect(gate.status).toBe(200);
      expect(gate.body).toEqual({
        modelRef: CARD_FRAUD_REF,
        version: '3.3.0',
        allowed: true,
        reasons: [],
        reviewId: id,
        expiresAt: expect.any(String),
        evaluatedAt: expect.any(String),
      });
      expect(
        Date.parse(gate.body.expiresAt) -
          Date.parse(second.body.review.approval.at),
      ).toBe(90 * 86_400_000);

      const fetched = await api
        .get(`${BASE}/reviews/${id}`)
        .set(as('katherine'));
      expect(fetched.status).toBe(200);
      expect(fetched.body.status).toBe('approved');
      expect(fetched.body.revision).toBe(1 + CRITICAL_MANUAL_CHECKS.length + 2);

      const eventIds = auditor.events.map(e => `${e.eventId}:${e.outcome}`);
      expect(
        eventIds.filter(e => e.startsWith('readiness-review-open')),
      ).toEqual(['readiness-review-open:success']);
      expect(
        eventIds.filter(e => e.startsWith('readiness-review-attest')),
      ).toHaveLength(CRITICAL_MANUAL_CHECKS.length);
      const approvals = auditor.events.filter(
        e => e.eventId === 'readiness-review-approve',
      );
      expect(approvals.map(e => e.outcomeMeta)).toEqual([
        expect.objectContaining({
          reviewId: id,
          statusBefore: 'open',
          statusAfter: 'open',
        }),
        expect.objectContaining({
          reviewId: id,
          statusBefore: 'open',
          statusAfter: 'approved',
        }),
      ]);
      expect(eventIds).toContain('readiness-review-gate-check:success');
    });

    it('requests changes, and the author answers by attesting new evidence', async () => {
      const { api } = await startBackend();
      const { review } = await openReview(api);

      const requested = await api
        .post(`${BASE}/reviews/${review.id}/request-changes`)
        .set(as('barbara'))
        .send({ comment: 'Add per-region slices to the comparison.' });
      expect(requested.status).toBe(200);
      expect(requested.body.status).toBe('changes-requested');

      const reopened = await api
        .post(`${BASE}/reviews/${review.id}/reopen`)
        .set(as('ada'))
        .send({ comment: 'Slices added.' });
      expect(reopened.status).toBe(200);
      expect(reopened.body.status).toBe('open');
    });

    it("lists a model's reviews newest first", async () => {
      const { api } = await startBackend();
      const older = await openReview(api, 'ada', '3.2.0');
      const newer = await openReview(api, 'ada', '3.3.0');

      const res = await api.get(`${CFD}/reviews`).set(as('katherine'));
      expect(res.status).toBe(200);
      expect(res.body.modelRef).toBe(CARD_FRAUD_REF);
      expect(res.body.items.map((r: { id: string }) => r.id)).toEqual([
        newer.review.id,
        older.review.id,
      ]);
      expect(res.body.items[0]).toMatchObject({
        version: '3.3.0',
        status: 'open',
        checks: { total: 17, pending: 7 },
        approvals: { count: 0, required: 2 },
      });
      expect(res.body.items[0].checks.items).toBeUndefined();
    });
  });

  describe('deploy gate', () => {
    it('refuses a version without a review, and names what blocks an open one', async () => {
      const { api, auditor } = await startBackend();

      const none = await api
        .get(`${BASE}/gate/default/card-fraud-detector/3.3.0`)
        .set(ciService);
      expect(none.status).toBe(200);
      expect(none.body).toEqual({
        modelRef: CARD_FRAUD_REF,
        version: '3.3.0',
        allowed: false,
        reasons: ['No readiness review for version 3.3.0'],
        reviewId: null,
        expiresAt: null,
        evaluatedAt: expect.any(String),
      });

      const rankerOpen = await api
        .post(`${BASE}/models/default/search-ranker/reviews`)
        .set(as('grace'))
        .send({ version: '4.2.0' });
      expect(rankerOpen.status).toBe(201);
      const blocked = await api
        .get(`${BASE}/gate/default/search-ranker/4.2.0`)
        .set(ciService);
      expect(blocked.body.allowed).toBe(false);
      expect(blocked.body.reasons).toEqual(
        expect.arrayContaining([
          `Review ${rankerOpen.body.review.id} is open, not approved`,
          expect.stringMatching(
            /^Check runbook-link \(Runbook linked\) failed/,
          ),
          'Check on-call-rotation (On-call rotation set up) has not been attested.',
          'Has 0 of 1 required approvals.',
        ]),
      );
      expect(
        auditor.events.filter(e => e.eventId === 'readiness-review-gate-check'),
      ).toHaveLength(2);
    });

    it('closes again when an approved review goes stale', async () => {
      const { api, entities, scheduler, auditor } = await startBackend();
      const reviewId = await approvedReview(api);
      const model = entities.find(
        e => e.metadata.name === 'card-fraud-detector',
      )!;

      // Nothing changed: the periodic run records nothing.
      await scheduler.run(READINESS_REFRESH_TASK_ID);
      expect(
        (await api.get(`${BASE}/reviews/${reviewId}`).set(as('ada'))).body
          .revision,
      ).toBe(1 + CRITICAL_MANUAL_CHECKS.length + 2);

      // The runbook link is removed from the entity in the catalog.
      model.metadata.links = model.metadata.links!.filter(
        l => l.type !== 'runbook',
      );
      await scheduler.run(READINESS_REFRESH_TASK_ID);

      const review = await api
        .get(`${BASE}/reviews/${reviewId}`)
        .set(as('ada'));
      expect(review.body.status).toBe('stale');
      expect(review.body.review.stale.changes).toEqual([
        { checkId: 'runbook-link', from: 'passed', to: 'failed' },
      ]);
      const gate = await api
        .get(`${BASE}/gate/default/card-fraud-detector/3.3.0`)
        .set(ciService);
      expect(gate.body).toMatchObject({ allowed: false, reviewId });
      expect(gate.body.reasons).toEqual([
        `Review ${reviewId} is approved but stale: check runbook-link changed from passed to failed after approval`,
      ]);
      const audit = await api
        .get(`${BASE}/reviews/${reviewId}/audit`)
        .set(as('ada'));
      expect(audit.body.items.at(-1)).toMatchObject({
        action: 'review.record-automatic-results',
        actor: 'plugin:mlops',
        before: 'approved',
        after: 'stale',
      });
      const scheduled = auditor.events.filter(
        e =>
          e.eventId === 'readiness-review-refresh' && e.outcome === 'success',
      );
      expect(scheduled.at(-1)?.outcomeMeta).toMatchObject({
        trigger: 'schedule',
        recorded: [reviewId],
        becameStale: [reviewId],
      });
    });

    it('re-evaluates the checks on request', async () => {
      const { api, entities } = await startBackend();
      const { review } = await openReview(api);
      const model = entities.find(
        e => e.metadata.name === 'card-fraud-detector',
      )!;
      (model.spec as { lifecycle: string }).lifecycle = 'experimental';

      const refreshed = await api
        .post(`${BASE}/reviews/${review.id}/refresh`)
        .set(ciService);

      expect(refreshed.status).toBe(200);
      const lifecycle = refreshed.body.checklist.find(
        (c: { id: string }) => c.id === 'lifecycle-not-experimental',
      );
      expect(lifecycle).toMatchObject({
        state: 'failed',
        result: { evidence: { lifecycle: 'experimental' } },
      });
      expect(refreshed.body.events).toEqual([
        expect.objectContaining({
          action: 'review.record-automatic-results',
          actor: 'external:test-service',
        }),
      ]);
    });
  });

  describe('reviews waiting for me', () => {
    it('lists open reviews the caller may sign off and has not approved, never their own', async () => {
      const { api } = await startBackend();
      const { review } = await openReview(api);
      await attestAll(api, review.id);
      const rankerOpen = await api
        .post(`${BASE}/models/default/search-ranker/reviews`)
        .set(as('grace'))
        .send({ version: '4.2.0' });
      const awaiting = async (user: string) => {
        const res = await api.get(`${BASE}/reviews?awaiting=me`).set(as(user));
        expect(res.status).toBe(200);
        return res.body.items.map((r: { id: string }) => r.id);
      };

      expect(await awaiting('barbara')).toEqual([
        review.id,
        rankerOpen.body.review.id,
      ]);
      expect(await awaiting('margaret')).toEqual([
        review.id,
        rankerOpen.body.review.id,
      ]);
      // Grace opened the ranker review; Ada and Katherine may not sign off.
      expect(await awaiting('grace')).toEqual([review.id]);
      expect(await awaiting('ada')).toEqual([]);
      expect(await awaiting('katherine')).toEqual([]);

      await api
        .post(`${BASE}/reviews/${review.id}/approve`)
        .set(as('barbara'))
        .send({});
      expect(await awaiting('barbara')).toEqual([rankerOpen.body.review.id]);
      expect(await awaiting('margaret')).toContain(review.id);

      const service = await api
        .get(`${BASE}/reviews?awaiting=me`)
        .set(ciService);
      expect(service.status).toBe(400);
    });
  });

  describe('readiness summary', () => {
    it('returns the newest review of each model asked about', async () => {
      const { api } = await startBackend();
      await openReview(api, 'ada', '3.2.0');
      const newest = await openReview(api, 'ada', '3.3.0');

      const res = await api
        .post(`${BASE}/readiness/summary`)
        .set(as('katherine'))
        .send({
          entityRefs: [
            'mlmodel:default/card-fraud-detector',
            SEARCH_RANKER_REF,
            'MLModel:default/Card-Fraud-Detector',
          ],
        });

      expect(res.status).toBe(200);
      expect(res.body.items).toEqual([
        {
          entityRef: CARD_FRAUD_REF,
          review: expect.objectContaining({
            id: newest.review.id,
            version: '3.3.0',
            status: 'open',
            approvals: expect.objectContaining({ count: 0, required: 2 }),
          }),
        },
        { entityRef: SEARCH_RANKER_REF, review: null },
        {
          entityRef: CARD_FRAUD_REF,
          review: expect.objectContaining({ version: '3.3.0' }),
        },
      ]);
    });
  });

  describe('audit trail', () => {
    it('returns the timeline and exports an evidence document for auditors', async () => {
      const { api, auditor } = await startBackend();
      const reviewId = await approvedReview(api);

      const timeline = await api
        .get(`${BASE}/reviews/${reviewId}/audit`)
        .set(as('katherine'));
      expect(timeline.status).toBe(200);
      expect(
        timeline.body.items.map((e: { action: string }) => e.action),
      ).toEqual([
        'review.open',
        'review.record-automatic-results',
        ...CRITICAL_MANUAL_CHECKS.map(() => 'review.attest'),
        'review.approve',
        'review.approve',
      ]);
      expect(timeline.body.items.at(-1)).toMatchObject({
        actor: 'user:default/margaret',
        before: 'open',
        after: 'approved',
      });

      const exported = await api
        .get(`${BASE}/reviews/${reviewId}/audit?format=evidence`)
        .set(as('katherine'));
      expect(exported.status).toBe(200);
      expect(exported.headers['content-disposition']).toBe(
        `attachment; filename="readiness-evidence-card-fraud-detector-3.3.0-${reviewId}.json"`,
      );
      const doc = JSON.parse(exported.text);
      expect(doc).toMatchObject({
        kind: 'mlops-portal.io/readiness-review-evidence',
        formatVersion: 1,
        generatedBy: 'user:default/katherine',
        model: {
          ref: CARD_FRAUD_REF,
          owner: 'group:default/fraud-ml',
          currentTier: 'critical',
        },
        review: {
          id: reviewId,
          version: '3.3.0',
          status: 'approved',
          author: 'user:default/ada',
        },
        summary: { status: 'approved', blockingReasons: [] },
      });
      expect(Date.parse(doc.generatedAt)).not.toBeNaN();
      expect(
        doc.decisions.map((d: { reviewer: string }) => d.reviewer),
      ).toEqual(['user:default/barbara', 'user:default/margaret']);
      expect(doc.auditTrail).toEqual(timeline.body.items);
      const loadTest = doc.checklist.find(
        (c: { id: string }) => c.id === 'load-test',
      );
      expect(loadTest.attestation).toMatchObject({
        by: 'user:default/ada',
        evidenceUrl: 'https://wiki.example/fraud/load-test',
      });
      const datasets = doc.checklist.find(
        (c: { id: string }) => c.id === 'datasets-exist',
      );
      expect(datasets.result.evidence).toEqual({
        declared: [
          'resource:default/card-transactions',
          'resource:default/chargebacks',
        ],
        missing: [],
      });

      const byAccept = await api
        .get(`${BASE}/reviews/${reviewId}/audit`)
        .set(as('katherine'))
        .set('Accept', 'application/vnd.mlops-portal.readiness-evidence+json');
      expect(byAccept.headers['content-type']).toMatch(
        /^application\/vnd\.mlops-portal\.readiness-evidence\+json/,
      );
      expect(JSON.parse(byAccept.text).kind).toBe(
        'mlops-portal.io/readiness-review-evidence',
      );
      expect(
        auditor.events.filter(
          e => e.eventId === 'readiness-review-evidence-export',
        ),
      ).toHaveLength(2);
    });
  });

  describe('auditor events', () => {
    it('works with the default auditor service', async () => {
      const { api } = await startBackend({ defaultAuditor: true });
      const { review } = await openReview(api);
      expect(
        (
          await api
            .post(`${BASE}/reviews/${review.id}/approve`)
            .set(as('hedy'))
            .send({})
        ).status,
      ).toBe(403);
      expect(
        (
          await api
            .post(`${BASE}/reviews/${review.id}/withdraw`)
            .set(anonymous)
            .send({})
        ).status,
      ).toBe(401);
      expect(
        (
          await api
            .get(`${BASE}/gate/default/card-fraud-detector/3.3.0`)
            .set(ciService)
        ).status,
      ).toBe(200);
    });

    it('records failed mutations as failed events', async () => {
      const { api, auditor } = await startBackend();
      const { review } = await openReview(api);

      await api
        .post(`${BASE}/reviews/${review.id}/approve`)
        .set(as('hedy'))
        .send({});
      await api
        .post(`${BASE}/reviews/${review.id}/withdraw`)
        .set(as('ada'))
        .send({ reason: 'Wrong artifact.' });

      expect(
        auditor.events
          .filter(e => e.eventId !== 'readiness-review-open')
          .map(e => [e.eventId, e.outcome, e.error?.name]),
      ).toEqual([
        ['readiness-review-approve', 'fail', 'NotAllowedError'],
        ['readiness-review-withdraw', 'success', undefined],
      ]);
    });
  });

  describe('configuration', () => {
    it('refuses to start with an invalid mlops.readiness section', async () => {
      await expect(
        startBackend({
          config: { mlops: { readiness: { approvals: { high: 0 } } } },
        }),
      ).rejects.toThrow(
        /mlops\.readiness\.approvals\.high must be a whole number of at least 1/,
      );
    });

    it('reviews against the configured policy', async () => {
      const { api } = await startBackend({
        config: {
          mlops: {
            readiness: {
              approvals: { critical: 3 },
              disable: ['load-test'],
            },
          },
        },
      });
      const opened = await openReview(api);
      expect(opened.review.approvalRequirement).toEqual({
        count: 3,
        securityGroup: 'group:default/security-reviewers',
      });
      expect(opened.checklist.map((c: { id: string }) => c.id)).not.toContain(
        'load-test',
      );
    });
  });

  describe.each(databases.eachSupportedId())('on %p', databaseId => {
    it('counts simultaneous approvals sent to the API', async () => {
      const { api } = await startBackend({ databaseId });
      const { review } = await openReview(api);
      await attestAll(api, review.id);

      const responses = await Promise.all(
        ['barbara', 'margaret'].map(user =>
          api
            .post(`${BASE}/reviews/${review.id}/approve`)
            .set(as(user))
            .send({ comment: `Approved by ${user}.` }),
        ),
      );

      expect(responses.map(r => r.status)).toEqual([200, 200]);
      const final = await api
        .get(`${BASE}/reviews/${review.id}`)
        .set(as('ada'));
      expect(final.body.status).toBe('approved');
      expect(final.body.review.decisions).toHaveLength(2);
      const approvals = (
        await api.get(`${BASE}/reviews/${review.id}/audit`).set(as('ada'))
      ).body.items.filter(
        (e: { action: string }) => e.action === 'review.approve',
      );
      expect(approvals).toHaveLength(2);
    });
  });
});
