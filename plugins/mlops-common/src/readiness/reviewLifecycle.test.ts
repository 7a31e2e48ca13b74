import { checklistFor } from './checklist';
import { evaluateAutomaticChecks } from './evaluateChecks';
import { DEFAULT_READINESS_POLICY } from './policy';
import { readReadinessConfig } from './readReadinessConfig';
import {
  ALL_REFS_EXIST,
  MODEL_REF,
  SECURITY,
  T0,
  approvedReview,
  completeModel,
  contextFor,
  daysAfter,
  deepFreeze,
  minutesAfter,
  mustApply,
  passingResults,
  people,
  readyReview,
} from './readinessTestFixtures';
import { ReadinessReview, ReviewCommand } from './review';
import { applyReviewCommand } from './reviewLifecycle';
import { deriveReviewStatus, effectiveStatus } from './reviewStatus';

const LATER = minutesAfter(T0, 10);
const open = (
  version = '3.3.0',
  existingReviews: ReadinessReview[] = [],
  reviewId = '12',
): ReviewCommand => ({ type: 'open', reviewId, version, existingReviews });
const attestCmd = (
  checkId: string,
  evidenceUrl = 'https://wiki.example/evidence',
): ReviewCommand => ({
  type: 'attest',
  checkId,
  evidenceUrl,
  comment: 'Done, see the page.',
});
const failing = (checkId: string) => ({
  checkId,
  status: 'failed' as const,
  evidence: {},
  summary: `${checkId} failed.`,
});

function refusal(
  review: ReadinessReview | undefined,
  command: ReviewCommand,
  context: ReturnType<typeof contextFor>,
) {
  const result = applyReviewCommand(review, command, context);
  if (result.ok) throw new Error(`${command.type} was accepted`);
  return { code: result.code, reason: result.reason };
}

function eventOf(
  review: ReadinessReview | undefined,
  command: ReviewCommand,
  context: ReturnType<typeof contextFor>,
) {
  const result = applyReviewCommand(review, command, context);
  if (!result.ok) throw new Error(result.reason);
  expect(result.events).toHaveLength(1);
  return result.events[0];
}

function withdrawn() {
  return mustApply(
    readyReview(),
    { type: 'withdraw', reason: 'Superseded by 3.3.1.' },
    contextFor(people.ada, { now: LATER }),
  );
}

function stale() {
  return mustApply(
    approvedReview(),
    { type: 'recordAutomaticResults', results: [failing('slos-defined')] },
    contextFor(people.ada, { now: daysAfter(T0, 3) }),
  );
}

function changesRequested() {
  return mustApply(
    readyReview(),
    { type: 'requestChanges', comment: 'The load test report is from 3.1.0.' },
    contextFor(people.grace, { now: LATER }),
  );
}

describe('open', () => {
  it('opens a review of a declared version, freezing the tier checklist and approval rule', () => {
    const result = applyReviewCommand(
      undefined,
      open(),
      contextFor(people.ada),
    );
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const review = result.review;
    expect(review).toMatchObject({
      id: '12',
      modelRef: MODEL_REF,
      version: '3.3.0',
      tier: 'critical',
      author: 'user:default/ada',
      openedAt: '2026-04-21T09:00:00.000Z',
      updatedAt: '2026-04-21T09:00:00.000Z',
      status: 'open',
      approvalRequirement: { count: 2, securityGroup: SECURITY },
      automaticResults: {},
      attestations: {},
      decisions: [],
    });
    expect(review.checklist).toEqual(
      checklistFor('critical', DEFAULT_READINESS_POLICY),
    );
    expect(result.events).toEqual([
      {
        action: 'review.open',
        reviewId: '12',
        modelRef: MODEL_REF,
        version: '3.3.0',
        actor: 'user:default/ada',
        at: '2026-04-21T09:00:00.000Z',
        before: null,
        after: 'open',
        details: {
          tier: 'critical',
          checks: checklistFor('critical', DEFAULT_READINESS_POLICY).map(
            c => c.id,
          ),
          requiredApprovals: 2,
          securityGroup: SECURITY,
        },
      },
    ]);
  });

  it('uses the tier the caller passes', () => {
    const review = mustApply(
      undefined,
      open(),
      contextFor(people.ada, { tier: 'low' }),
    );
    expect(review.tier).toBe('low');
    expect(review.checklist).toHaveLength(6);
    expect(review.approvalRequirement).toEqual({ count: 1 });
  });

  it('refuses someone outside the owning team', () => {
    expect(refusal(undefined, open(), contextFor(people.donald))).toEqual({
      code: 'forbidden',
      reason: `Only members of group:default/fraud-ml, the owner of ${MODEL_REF}, can open a readiness review of it.`,
    });
  });

  it('refuses a reviewer outside the owning team too', () => {
    expect(refusal(undefined, open(), contextFor(people.grace)).code).toBe(
      'forbidden',
    );
  });

  it('accepts the owner when the owner is a user', () => {
    const review = mustApply(
      undefined,
      open(),
      contextFor(people.ada, { ownerRef: 'user:default/ada' }),
    );
    expect(review.status).toBe('open');
  });

  it('refuses a version that is not declared', () => {
    expect(refusal(undefined, open('3.4.0'), contextFor(people.ada))).toEqual({
      code: 'invalid',
      reason: `Version 3.4.0 is not a declared version of ${MODEL_REF} (declared: 3.2.0, 3.3.0).`,
    });
  });

  it('refuses a missing review id', () => {
    expect(
      refusal(undefined, open('3.3.0', [], ' '), contextFor(people.ada)).code,
    ).toBe('invalid');
  });

  it('refuses a second review of a version while one is open', () => {
    const first = mustApply(undefined, open(), contextFor(people.ada));
    expect(
      refusal(undefined, open('3.3.0', [first], '13'), contextFor(people.hedy)),
    ).toEqual({
      code: 'conflict',
      reason:
        'Version 3.3.0 already has a review in progress (12, open); continue it or withdraw it first.',
    });
  });

  it('refuses a second review while changes are requested', () => {
    expect(
      refusal(
        undefined,
        open('3.3.0', [changesRequested()], '13'),
        contextFor(people.ada, { now: LATER }),
      ).reason,
    ).toBe(
      'Version 3.3.0 already has a review in progress (12, changes-requested); continue it or withdraw it first.',
    );
  });

  it('refuses a second review of an approved version', () => {
    expect(
      refusal(
        undefined,
        open('3.3.0', [approvedReview()], '13'),
        contextFor(people.ada, { now: LATER }),
      ),
    ).toEqual({
      code: 'conflict',
      reason:
        'Version 3.3.0 already has an approved review (12); a new one can be opened once it expires or goes stale.',
    });
  });

  it('allows a new review once the previous one is withdrawn, stale or expired', () => {
    for (const [previous, now] of [
      [withdrawn(), LATER],
      [stale(), daysAfter(T0, 4)],
      [approvedReview(), daysAfter(T0, 91)],
    ] as const) {
      const review = mustApply(
        undefined,
        open('3.3.0', [previous], '13'),
        contextFor(people.ada, { now }),
      );
      expect(review.id).toBe('13');
      expect(review.status).toBe('open');
    }
  });

  it('allows a review of another version while one version is approved', () => {
    const review = mustApply(
      undefined,
      open('3.2.0', [approvedReview()], '13'),
      contextFor(people.ada, { now: LATER }),
    );
    expect(review.version).toBe('3.2.0');
  });

  it('refuses an id that is already taken', () => {
    expect(
      refusal(
        undefined,
        open('3.2.0', [withdrawn()], '12'),
        contextFor(people.ada),
      ),
    ).toEqual({
      code: 'conflict',
      reason: 'Review 12 already exists.',
    });
  });

  it('refuses to open on top of an existing review', () => {
    expect(refusal(readyReview(), open(), contextFor(people.ada)).code).toBe(
      'conflict',
    );
  });
});

describe('recordAutomaticResults', () => {
  it('stores the results of the review checklist and reports what changed', () => {
    const opened = mustApply(
      undefined,
      open(),
      contextFor(people.ada, { tier: 'low' }),
    );
    const results = evaluateAutomaticChecks({
      entity: completeModel({ riskTier: 'low', slos: [] }),
      version: '3.3.0',
      facts: ALL_REFS_EXIST,
    });
    const result = applyReviewCommand(
      opened,
      { type: 'recordAutomaticResults', results },
      contextFor(people.ada, { tier: 'low', now: LATER }),
    );
    if (!result.ok) throw new Error(result.reason);
    expect(Object.keys(result.review.automaticResults)).toEqual([
      'owner-exists',
      'lifecycle-not-experimental',
      'evaluation-metrics',
      'model-card',
      'datasets-exist',
      'dashboard-link',
    ]);
    expect(result.review.automaticResults['dashboard-link']).toEqual({
      checkId: 'dashboard-link',
      status: 'passed',
      evidence: { url: 'https://grafana.example/d/fraud', title: 'Grafana' },
      summary: 'The dashboard link points to https://grafana.example/d/fraud.',
      evaluatedAt: LATER.toISOString(),
    });
    expect(result.events[0]).toMatchObject({
      action: 'review.record-automatic-results',
      before: 'open',
      after: 'open',
      details: {
        ignored: [
          'runbook-link',
          'slos-defined',
          'drift-features',
          'rollout-declared',
        ],
      },
    });
    expect((result.events[0].details.changed as unknown[]).length).toBe(6);
    expect((result.events[0].details.changed as unknown[])[0]).toEqual({
      checkId: 'owner-exists',
      from: 'pending',
      to: 'passed',
    });
  });

  it('merges partial results and reports only real changes', () => {
    const review = readyReview();
    const result = applyReviewCommand(
      review,
      {
        type: 'recordAutomaticResults',
        results: [
          failing('runbook-link'),
          {
            checkId: 'owner-exists',
            status: 'passed',
            evidence: {},
            summary: '',
          },
        ],
      },
      contextFor(people.ada, { now: LATER }),
    );
    if (!result.ok) throw new Error(result.reason);
    expect(result.events[0].details.changed).toEqual([
      { checkId: 'runbook-link', from: 'passed', to: 'failed' },
    ]);
    expect(result.review.automaticResults['slos-defined'].status).toBe(
      'passed',
    );
    expect(result.review.automaticResults['runbook-link'].status).toBe(
      'failed',
    );
  });

  it('refuses a result for a manual check', () => {
    expect(
      refusal(
        readyReview(),
        {
          type: 'recordAutomaticResults',
          results: [{ ...failing('load-test') }],
        },
        contextFor(people.ada),
      ),
    ).toEqual({
      code: 'invalid',
      reason:
        'Check load-test is manual: it is attested with evidence, not recorded as an automatic result.',
    });
  });

  it('refuses repeated check ids and unknown statuses', () => {
    const ctx = contextFor(people.ada);
    expect(
      refusal(
        readyReview(),
        {
          type: 'recordAutomaticResults',
          results: [failing('slos-defined'), failing('slos-defined')],
        },
        ctx,
      ).reason,
    ).toBe('results[1] repeats check slos-defined.');
    expect(
      refusal(
        readyReview(),
        {
          type: 'recordAutomaticResults',
          results: [{ ...failing('slos-defined'), status: 'ok' as any }],
        },
        ctx,
      ).reason,
    ).toBe(
      'results[0].status must be one of passed, failed, not-applicable (got "ok").',
    );
  });

  it('refuses results for a withdrawn review', () => {
    expect(
      refusal(
        withdrawn(),
        { type: 'recordAutomaticResults', results: [] },
        contextFor(people.ada, { now: LATER }),
      ),
    ).toEqual({
      code: 'conflict',
      reason: 'Review 12 was withdrawn, so its checks are no longer recorded.',
    });
  });

  it('marks an approved review stale when a required check changes', () => {
    const result = applyReviewCommand(
      approvedReview(),
      { type: 'recordAutomaticResults', results: [failing('slos-defined')] },
      contextFor(people.ada, { now: daysAfter(T0, 3) }),
    );
    if (!result.ok) throw new Error(result.reason);
    expect(result.review.status).toBe('stale');
    expect(result.review.stale).toEqual({
      at: daysAfter(T0, 3).toISOString(),
      changes: [{ checkId: 'slos-defined', from: 'passed', to: 'failed' }],
    });
    expect(result.events[0]).toMatchObject({
      before: 'approved',
      after: 'stale',
      details: {
        staleChanges: [
          { checkId: 'slos-defined', from: 'passed', to: 'failed' },
        ],
      },
    });
  });

  it('treats passed → not-applicable as a change too', () => {
    const result = mustApply(
      approvedReview(),
      {
        type: 'recordAutomaticResults',
        results: [
          {
            checkId: 'model-card',
            status: 'not-applicable',
            evidence: {},
            summary: '',
          },
        ],
      },
      contextFor(people.ada, { now: LATER }),
    );
    expect(result.status).toBe('stale');
  });

  it('keeps an approved review approved when the results are unchanged', () => {
    const review = approvedReview();
    const result = mustApply(
      review,
      {
        type: 'recordAutomaticResults',
        results: passingResults(review.checklist),
      },
      contextFor(people.ada, { now: daysAfter(T0, 3) }),
    );
    expect(result.status).toBe('approved');
    expect(result.stale).toBeUndefined();
    expect(result.approval).toEqual(review.approval);
  });

  it('ignores changes of optional checks', () => {
    const policy = readReadinessConfig({
      overrides: { 'dashboard-link': { required: false } },
    });
    const review = approvedReview({ policy });
    expect(
      review.checklist.find(c => c.id === 'dashboard-link')!.required,
    ).toBe(false);
    const result = mustApply(
      review,
      { type: 'recordAutomaticResults', results: [failing('dashboard-link')] },
      contextFor(people.ada, { now: LATER, policy }),
    );
    expect(result.status).toBe('approved');
  });

  it('keeps a stale review stale even when the check recovers', () => {
    const recovered = mustApply(
      stale(),
      {
        type: 'recordAutomaticResults',
        results: passingResults(stale().checklist),
      },
      contextFor(people.ada, { now: daysAfter(T0, 4) }),
    );
    expect(recovered.status).toBe('stale');
    expect(recovered.stale!.changes).toEqual([
      { checkId: 'slos-defined', from: 'passed', to: 'failed' },
    ]);
  });
});

describe('attest', () => {
  const opened = () => mustApply(undefined, open(), contextFor(people.ada));

  it('records evidence for a manual check by a member of the owning team', () => {
    const result = applyReviewCommand(
      opened(),
      attestCmd('load-test'),
      contextFor(people.hedy, { now: LATER }),
    );
    if (!result.ok) throw new Error(result.reason);
    expect(result.review.attestations['load-test']).toEqual({
      checkId: 'load-test',
      by: 'user:default/hedy',
      at: LATER.toISOString(),
      evidenceUrl: 'https://wiki.example/evidence',
      comment: 'Done, see the page.',
    });
    expect(result.events[0]).toEqual({
      action: 'review.attest',
      reviewId: '12',
      modelRef: MODEL_REF,
      version: '3.3.0',
      actor: 'user:default/hedy',
      at: LATER.toISOString(),
      before: 'open',
      after: 'open',
      details: {
        checkId: 'load-test',
        evidenceUrl: 'https://wiki.example/evidence',
        comment: 'Done, see the page.',
        replaced: null,
        addressedChangeRequests: [],
      },
    });
  });

  it('lets a reviewer from another team attest', () => {
    const review = mustApply(
      opened(),
      attestCmd('security-threat-model'),
      contextFor(people.margaret),
    );
    expect(review.attestations['security-threat-model'].by).toBe(
      'user:default/margaret',
    );
  });

  it('refuses someone who is neither in the owning team nor a reviewer', () => {
    expect(
      refusal(opened(), attestCmd('load-test'), contextFor(people.donald)),
    ).toEqual({
      code: 'forbidden',
      reason:
        'Only members of group:default/fraud-ml or readiness reviewers can attest checks on review 12.',
    });
  });

  it('replaces an earlier attestation and says so', () => {
    const first = mustApply(
      opened(),
      attestCmd('load-test'),
      contextFor(people.hedy),
    );
    const event = eventOf(
      first,
      attestCmd('load-test', 'https://wiki.example/v2'),
      contextFor(people.ada, { now: LATER }),
    );
    expect(event.details.replaced).toEqual({
      by: 'user:default/hedy',
      at: T0.toISOString(),
      evidenceUrl: 'https://wiki.example/evidence',
    });
  });

  it('refuses an unknown check', () => {
    expect(
      refusal(opened(), attestCmd('chaos-test'), contextFor(people.ada)),
    ).toEqual({
      code: 'invalid',
      reason:
        'Check "chaos-test" is not on the checklist of review 12 (critical tier).',
    });
  });

  it('refuses a check of another tier', () => {
    const high = mustApply(
      undefined,
      open(),
      contextFor(people.ada, { tier: 'high' }),
    );
    expect(
      refusal(
        high,
        attestCmd('security-threat-model'),
        contextFor(people.ada, { tier: 'high' }),
      ).reason,
    ).toBe(
      'Check "security-threat-model" is not on the checklist of review 12 (high tier).',
    );
  });

  it('refuses an automatic check', () => {
    expect(
      refusal(opened(), attestCmd('runbook-link'), contextFor(people.ada)),
    ).toEqual({
      code: 'invalid',
      reason:
        'Check runbook-link is automatic: the portal evaluates it from the entity, so it cannot be attested.',
    });
  });

  it.each([
    'ftp://files.example/report.pdf',
    // eslint-disable-next-line no-script-url
    'javascript:alert(1)',
    // eslint-disable-next-line no-script-url
    'javascript://wiki.example/%0Aalert(1)',
    '/wiki/load-test',
    'https://token@wiki.example/x',
    'https://user:pw@wiki.example/x',
    '',
  ])('refuses the evidence URL %j', url => {
    expect(
      refusal(opened(), attestCmd('load-test', url), contextFor(people.ada)),
    ).toEqual({
      code: 'invalid',
      reason: `The evidence URL must be an absolute http(s) URL (got ${JSON.stringify(
        url,
      )}).`,
    });
  });

  it('accepts plain http evidence', () => {
    expect(
      mustApply(
        opened(),
        attestCmd('load-test', 'http://intranet.example/x'),
        contextFor(people.ada),
      ).attestations['load-test'].evidenceUrl,
    ).toBe('http://intranet.example/x');
  });

  it('requires a comment', () => {
    expect(
      refusal(
        opened(),
        { ...(attestCmd('load-test') as any), comment: '  ' },
        contextFor(people.ada),
      ),
    ).toEqual({
      code: 'invalid',
      reason: 'A comment is required: say what the evidence shows.',
    });
  });

  it('refuses attestations on a withdrawn review', () => {
    expect(
      refusal(
        withdrawn(),
        attestCmd('load-test'),
        contextFor(people.ada, { now: LATER }),
      ),
    ).toEqual({
      code: 'conflict',
      reason:
        'Review 12 was withdrawn, so you cannot attest checks on it; open a new review instead.',
    });
  });

  it('refuses attestations on an approved review', () => {
    expect(
      refusal(
        approvedReview(),
        attestCmd('load-test'),
        contextFor(people.ada, { now: LATER }),
      ),
    ).toEqual({
      code: 'conflict',
      reason:
        'Review 12 is already approved, so you cannot attest checks on it; open a new review once it expires or goes stale.',
    });
  });

  it('refuses attestations on a stale review', () => {
    expect(
      refusal(
        stale(),
        attestCmd('load-test'),
        contextFor(people.ada, { now: daysAfter(T0, 4) }),
      ),
    ).toEqual({
      code: 'conflict',
      reason:
        'Review 12 is stale (check slos-defined changed from passed to failed after approval), so you cannot attest checks on it; open a new review instead.',
    });
  });

  it('returns a review with changes requested to open', () => {
    const result = applyReviewCommand(
      changesRequested(),
      attestCmd('load-test', 'https://wiki.example/load-test-3.3.0'),
      contextFor(people.ada, { now: minutesAfter(T0, 20) }),
    );
    if (!result.ok) throw new Error(result.reason);
    expect(result.review.status).toBe('open');
    expect(result.events[0]).toMatchObject({
      before: 'changes-requested',
      after: 'open',
      details: { addressedChangeRequests: ['user:default/grace'] },
    });
    expect(result.review.decisions).toEqual([
      expect.objectContaining({
        reviewer: 'user:default/grace',
        decision: 'changes-requested',
        addressedAt: minutesAfter(T0, 20).toISOString(),
      }),
    ]);
  });
});

describe('approve', () => {
  it('never lets the author approve', () => {
    const author = { ...people.ada, canSignOff: true };
    expect(
      refusal(readyReview(), { type: 'approve' }, contextFor(author)),
    ).toEqual({
      code: 'forbidden',
      reason: 'You opened this review, so you cannot approve it.',
    });
  });

  it('recognises the author whatever the ref spelling', () => {
    const author = {
      ...people.ada,
      userRef: 'User:default/Ada',
      canSignOff: true,
    };
    expect(
      refusal(readyReview(), { type: 'approve' }, contextFor(author)).code,
    ).toBe('forbidden');
  });

  it('refuses someone without the sign-off permission, even in the owning team', () => {
    expect(
      refusal(readyReview(), { type: 'approve' }, contextFor(people.hedy)),
    ).toEqual({
      code: 'forbidden',
      reason: `You are not a readiness reviewer of ${MODEL_REF}, so you cannot approve review 12.`,
    });
  });

  it('refuses while required checks are not met', () => {
    let review = mustApply(
      undefined,
      open(),
      contextFor(people.ada, { tier: 'medium' }),
    );
    review = mustApply(
      review,
      {
        type: 'recordAutomaticResults',
        results: [
          ...passingResults(review.checklist).slice(1),
          failing('owner-exists'),
        ],
      },
      contextFor(people.ada, { tier: 'medium' }),
    );
    review = mustApply(
      review,
      attestCmd('on-call-rotation'),
      contextFor(people.ada, { tier: 'medium' }),
    );
    expect(
      refusal(
        review,
        { type: 'approve' },
        contextFor(people.grace, { tier: 'medium' }),
      ),
    ).toEqual({
      code: 'conflict',
      reason:
        'Review 12 cannot be approved while required checks are not met: owner-exists (failed), rollback-rehearsed (pending), champion-comparison (pending).',
    });
  });

  it('does not wait for optional checks', () => {
    const policy = readReadinessConfig({
      overrides: { 'load-test': { required: false } },
    });
    const ctx = (actor: typeof people.ada, now = T0) =>
      contextFor(actor, { tier: 'high', policy, now });
    let review = mustApply(undefined, open(), ctx(people.ada));
    review = mustApply(
      review,
      {
        type: 'recordAutomaticResults',
        results: passingResults(review.checklist),
      },
      ctx(people.ada),
    );
    for (const id of [
      'on-call-rotation',
      'rollback-rehearsed',
      'champion-comparison',
      'bias-fairness-review',
      'privacy-review',
    ]) {
      review = mustApply(review, attestCmd(id), ctx(people.ada));
    }
    review = mustApply(review, { type: 'approve' }, ctx(people.grace));
    review = mustApply(review, { type: 'approve' }, ctx(people.alan, LATER));
    expect(review.status).toBe('approved');
    expect(review.attestations['load-test']).toBeUndefined();
  });

  it('approves a low-tier review with one approval', () => {
    const review = readyReview({ tier: 'low' });
    const result = applyReviewCommand(
      review,
      { type: 'approve', comment: 'LGTM' },
      contextFor(people.grace, { tier: 'low', now: LATER }),
    );
    if (!result.ok) throw new Error(result.reason);
    expect(result.review.status).toBe('approved');
    expect(result.review.approval).toEqual({
      at: LATER.toISOString(),
      approvers: ['user:default/grace'],
      checkStatuses: {
        'owner-exists': 'passed',
        'lifecycle-not-experimental': 'passed',
        'evaluation-metrics': 'passed',
        'model-card': 'passed',
        'datasets-exist': 'passed',
        'dashboard-link': 'passed',
      },
    });
    expect(result.events[0]).toEqual({
      action: 'review.approve',
      reviewId: '12',
      modelRef: MODEL_REF,
      version: '3.3.0',
      actor: 'user:default/grace',
      at: LATER.toISOString(),
      before: 'open',
      after: 'approved',
      details: {
        comment: 'LGTM',
        securityApproval: false,
        approvals: 1,
        requiredApprovals: 1,
      },
    });
  });

  it('needs two approvals at high', () => {
    const ctx = (actor: typeof people.ada, now: Date) =>
      contextFor(actor, { tier: 'high', now });
    let review = readyReview({ tier: 'high' });
    review = mustApply(review, { type: 'approve' }, ctx(people.grace, LATER));
    expect(review.status).toBe('open');
    review = mustApply(
      review,
      { type: 'approve' },
      ctx(people.barbara, minutesAfter(LATER, 1)),
    );
    expect(review.status).toBe('approved');
    expect(review.approval!.approvers).toEqual([
      'user:default/grace',
      'user:default/barbara',
    ]);
  });

  it('refuses a second approval by the same reviewer', () => {
    const once = mustApply(
      readyReview(),
      { type: 'approve' },
      contextFor(people.grace),
    );
    expect(
      refusal(
        once,
        { type: 'approve' },
        contextFor(people.grace, { now: LATER }),
      ),
    ).toEqual({
      code: 'conflict',
      reason:
        'You have already approved review 12; each reviewer approves once.',
    });
  });

  it('keeps a critical review open without an approval from the security group', () => {
    let review = mustApply(
      readyReview(),
      { type: 'approve' },
      contextFor(people.grace),
    );
    review = mustApply(
      review,
      { type: 'approve' },
      contextFor(people.alan, { now: LATER }),
    );
    expect(
      review.decisions.filter(d => d.decision === 'approved'),
    ).toHaveLength(2);
    expect(review.status).toBe('open');
    expect(review.approval).toBeUndefined();

    const result = applyReviewCommand(
      review,
      { type: 'approve' },
      contextFor(people.margaret, { now: minutesAfter(LATER, 5) }),
    );
    if (!result.ok) throw new Error(result.reason);
    expect(result.review.status).toBe('approved');
    expect(result.review.approval!.approvers).toEqual([
      'user:default/grace',
      'user:default/alan',
      'user:default/margaret',
    ]);
    expect(result.events[0].details).toEqual({
      comment: '',
      securityApproval: true,
      approvals: 3,
      requiredApprovals: 2,
    });
  });

  it('approves a critical review with one security and one other approval', () => {
    const review = approvedReview();
    expect(review.status).toBe('approved');
    expect(review.approval!.at).toBe(minutesAfter(T0, 2).toISOString());
  });

  it('judges security membership on the ownership refs passed with the approval', () => {
    const alanAsSecurity = {
      ...people.alan,
      ownershipRefs: [
        ...people.alan.ownershipRefs,
        'Group:default/Security-Reviewers',
      ],
    };
    let review = mustApply(
      readyReview(),
      { type: 'approve' },
      contextFor(people.grace),
    );
    review = mustApply(
      review,
      { type: 'approve' },
      contextFor(alanAsSecurity, { now: LATER }),
    );
    expect(review.status).toBe('approved');
    expect(review.decisions[1].ownershipRefs).toContain(SECURITY);
  });

  it('lets an approval from a security member count only once towards the total', () => {
    const review = mustApply(
      readyReview(),
      { type: 'approve' },
      contextFor(people.margaret),
    );
    expect(review.status).toBe('open');
  });

  it('refuses sign-off on a withdrawn review', () => {
    expect(
      refusal(
        withdrawn(),
        { type: 'approve' },
        contextFor(people.grace, { now: LATER }),
      ),
    ).toEqual({
      code: 'conflict',
      reason:
        'Review 12 was withdrawn, so you cannot approve it; open a new review instead.',
    });
  });

  it('refuses sign-off on an approved review', () => {
    expect(
      refusal(
        approvedReview(),
        { type: 'approve' },
        contextFor(people.alan, { now: LATER }),
      ),
    ).toEqual({
      code: 'conflict',
      reason:
        'Review 12 is already approved, so you cannot approve it; open a new review once it expires or goes stale.',
    });
  });

  it('refuses sign-off on a stale review', () => {
    expect(
      refusal(
        stale(),
        { type: 'approve' },
        contextFor(people.alan, { now: daysAfter(T0, 4) }),
      ).code,
    ).toBe('conflict');
  });

  it('refuses sign-off on an expired review', () => {
    expect(
      refusal(
        approvedReview(),
        { type: 'approve' },
        contextFor(people.alan, { now: daysAfter(T0, 100) }),
      ),
    ).toEqual({
      code: 'conflict',
      reason:
        'The approval of review 12 expired on 2026-07-20, so you cannot approve it; open a new review instead.',
    });
  });

  it('refuses approval while changes are requested', () => {
    expect(
      refusal(
        changesRequested(),
        { type: 'approve' },
        contextFor(people.alan, { now: LATER }),
      ),
    ).toEqual({
      code: 'conflict',
      reason:
        'Changes were requested by user:default/grace; review 12 can be approved once the author attests new evidence or reopens it.',
    });
  });

  it('refuses approval when the model tier rose after opening', () => {
    const high = readyReview({ tier: 'high' });
    expect(
      refusal(
        high,
        { type: 'approve' },
        contextFor(people.grace, { tier: 'critical' }),
      ),
    ).toEqual({
      code: 'conflict',
      reason: `The risk tier of ${MODEL_REF} rose from high to critical after review 12 was opened; withdraw it and open a new review against the critical checklist.`,
    });
    // A lower tier now is fine: the review was held to a stricter checklist.
    expect(
      mustApply(
        high,
        { type: 'approve' },
        contextFor(people.grace, { tier: 'low' }),
      ).decisions,
    ).toHaveLength(1);
  });

  it('is not swayed by a later configuration change', () => {
    const review = readyReview();
    const lenient = readReadinessConfig({
      approvals: { critical: { count: 1, securityApproval: false } },
    });
    const result = mustApply(
      review,
      { type: 'approve' },
      contextFor(people.grace, { policy: lenient }),
    );
    expect(result.status).toBe('open');
    expect(result.approvalRequirement).toEqual({
      count: 2,
      securityGroup: SECURITY,
    });
  });
});

describe('requestChanges', () => {
  it('moves the review to changes-requested', () => {
    const result = applyReviewCommand(
      readyReview(),
      {
        type: 'requestChanges',
        comment: ' The load test report is from 3.1.0. ',
      },
      contextFor(people.grace, { now: LATER }),
    );
    if (!result.ok) throw new Error(result.reason);
    expect(result.review.status).toBe('changes-requested');
    expect(result.review.decisions).toEqual([
      {
        reviewer: 'user:default/grace',
        decision: 'changes-requested',
        comment: 'The load test report is from 3.1.0.',
        at: LATER.toISOString(),
        ownershipRefs: people.grace.ownershipRefs,
      },
    ]);
    expect(result.events[0]).toMatchObject({
      action: 'review.request-changes',
      before: 'open',
      after: 'changes-requested',
      details: {
        comment: 'The load test report is from 3.1.0.',
        withdrewApproval: false,
      },
    });
  });

  it('requires a comment', () => {
    expect(
      refusal(
        readyReview(),
        { type: 'requestChanges', comment: '' },
        contextFor(people.grace),
      ),
    ).toEqual({
      code: 'invalid',
      reason: 'A comment is required: say what has to change.',
    });
  });

  it('is not for the author or for non-reviewers', () => {
    expect(
      refusal(
        readyReview(),
        { type: 'requestChanges', comment: 'x' },
        contextFor({ ...people.ada, canSignOff: true }),
      ).code,
    ).toBe('forbidden');
    expect(
      refusal(
        readyReview(),
        { type: 'requestChanges', comment: 'x' },
        contextFor(people.donald),
      ).code,
    ).toBe('forbidden');
  });

  it('replaces the reviewer’s approval', () => {
    const approvedOnce = mustApply(
      readyReview(),
      { type: 'approve' },
      contextFor(people.grace),
    );
    const event = eventOf(
      approvedOnce,
      { type: 'requestChanges', comment: 'Second thoughts.' },
      contextFor(people.grace, { now: LATER }),
    );
    expect(event.details.withdrewApproval).toBe(true);
    const review = mustApply(
      approvedOnce,
      { type: 'requestChanges', comment: 'Second thoughts.' },
      contextFor(people.grace, { now: LATER }),
    );
    expect(review.decisions.map(d => [d.reviewer, d.decision])).toEqual([
      ['user:default/grace', 'changes-requested'],
    ]);
  });

  it('refuses a second unaddressed change request by the same reviewer', () => {
    expect(
      refusal(
        changesRequested(),
        { type: 'requestChanges', comment: 'Again.' },
        contextFor(people.grace, { now: LATER }),
      ),
    ).toEqual({
      code: 'conflict',
      reason:
        'You have already requested changes on review 12; they have not been addressed yet.',
    });
  });

  it('lets another reviewer add a change request', () => {
    const review = mustApply(
      changesRequested(),
      { type: 'requestChanges', comment: 'Threat model too.' },
      contextFor(people.margaret, { now: LATER }),
    );
    expect(review.status).toBe('changes-requested');
    expect(review.decisions).toHaveLength(2);
  });

  it('refuses on an approved review', () => {
    expect(
      refusal(
        approvedReview(),
        { type: 'requestChanges', comment: 'x' },
        contextFor(people.alan, { now: LATER }),
      ).code,
    ).toBe('conflict');
  });

  it('lets the reviewer approve after the author reopens', () => {
    let review = mustApply(
      changesRequested(),
      { type: 'reopen', comment: 'New report attached.' },
      contextFor(people.ada, { now: minutesAfter(T0, 30) }),
    );
    expect(review.status).toBe('open');
    review = mustApply(
      review,
      { type: 'approve' },
      contextFor(people.grace, { now: minutesAfter(T0, 40) }),
    );
    review = mustApply(
      review,
      { type: 'approve' },
      contextFor(people.margaret, { now: minutesAfter(T0, 50) }),
    );
    expect(review.status).toBe('approved');
    expect(review.decisions.map(d => [d.reviewer, d.decision])).toEqual([
      ['user:default/grace', 'approved'],
      ['user:default/margaret', 'approved'],
    ]);
  });
});

describe('reopen', () => {
  it('returns a review with changes requested to open, for the author or the team', () => {
    for (const actor of [people.ada, people.hedy]) {
      const result = applyReviewCommand(
        changesRequested(),
        { type: 'reopen', comment: 'Fixed.' },
        contextFor(actor, { now: LATER }),
      );
      if (!result.ok) throw new Error(result.reason);
      expect(result.review.status).toBe('open');
      expect(result.events[0]).toMatchObject({
        action: 'review.reopen',
        before: 'changes-requested',
        after: 'open',
        details: {
          comment: 'Fixed.',
          addressedChangeRequests: ['user:default/grace'],
        },
      });
    }
  });

  it('refuses outsiders', () => {
    expect(
      refusal(
        changesRequested(),
        { type: 'reopen' },
        contextFor(people.grace, { now: LATER }),
      ),
    ).toEqual({
      code: 'forbidden',
      reason:
        'Only the author or members of group:default/fraud-ml can reopen review 12.',
    });
  });

  it('refuses a review that has no change request', () => {
    expect(
      refusal(readyReview(), { type: 'reopen' }, contextFor(people.ada)),
    ).toEqual({
      code: 'conflict',
      reason:
        'Review 12 is open; only a review with changes requested can be reopened.',
    });
  });
});

describe('withdraw', () => {
  it('withdraws a review for the author, with the reason', () => {
    const result = applyReviewCommand(
      readyReview(),
      { type: 'withdraw', reason: 'Superseded by 3.3.1.' },
      contextFor(people.ada, { now: LATER }),
    );
    if (!result.ok) throw new Error(result.reason);
    expect(result.review.status).toBe('withdrawn');
    expect(result.review.withdrawal).toEqual({
      at: LATER.toISOString(),
      by: 'user:default/ada',
      reason: 'Superseded by 3.3.1.',
    });
    expect(result.events[0]).toMatchObject({
      action: 'review.withdraw',
      before: 'open',
      after: 'withdrawn',
      details: { reason: 'Superseded by 3.3.1.' },
    });
  });

  it('lets another member of the owning team withdraw, also with changes requested or stale', () => {
    expect(
      mustApply(
        changesRequested(),
        { type: 'withdraw' },
        contextFor(people.hedy, { now: LATER }),
      ).status,
    ).toBe('withdrawn');
    expect(
      mustApply(
        stale(),
        { type: 'withdraw' },
        contextFor(people.hedy, { now: daysAfter(T0, 4) }),
      ).status,
    ).toBe('withdrawn');
  });

  it('lets the author withdraw after leaving the team', () => {
    const leftTeam = { ...people.ada, ownershipRefs: ['user:default/ada'] };
    expect(
      mustApply(readyReview(), { type: 'withdraw' }, contextFor(leftTeam))
        .status,
    ).toBe('withdrawn');
  });

  it('refuses outsiders', () => {
    expect(
      refusal(readyReview(), { type: 'withdraw' }, contextFor(people.grace)),
    ).toEqual({
      code: 'forbidden',
      reason:
        'Only the author or members of group:default/fraud-ml can withdraw review 12.',
    });
  });

  it('refuses a withdrawn or approved review', () => {
    expect(
      refusal(
        withdrawn(),
        { type: 'withdraw' },
        contextFor(people.ada, { now: LATER }),
      ),
    ).toEqual({
      code: 'conflict',
      reason: 'Review 12 is already withdrawn.',
    });
    expect(
      refusal(
        approvedReview(),
        { type: 'withdraw' },
        contextFor(people.ada, { now: LATER }),
      ),
    ).toEqual({
      code: 'conflict',
      reason: 'Review 12 is approved; an approved review cannot be withdrawn.',
    });
    expect(
      refusal(
        approvedReview(),
        { type: 'withdraw' },
        contextFor(people.ada, { now: daysAfter(T0, 200) }),
      ).code,
    ).toBe('conflict');
  });

  it('ends the review: nothing but reading is possible afterwards', () => {
    const review = withdrawn();
    const ctx = contextFor(people.grace, { now: daysAfter(T0, 1) });
    for (const command of [
      { type: 'approve' },
      { type: 'requestChanges', comment: 'x' },
      { type: 'reopen' },
      { type: 'recordAutomaticResults', results: [] },
      attestCmd('load-test'),
    ] as ReviewCommand[]) {
      expect(refusal(review, command, ctx).code).toBe('conflict');
    }
  });
});

describe('status over time', () => {
  it('expires an approval exactly when the validity period ends', () => {
    const review = approvedReview();
    const expiry = new Date('2026-07-20T09:02:00.000Z');
    expect(
      effectiveStatus(
        review,
        new Date(expiry.getTime() - 1),
        DEFAULT_READINESS_POLICY,
      ),
    ).toBe('approved');
    expect(effectiveStatus(review, expiry, DEFAULT_READINESS_POLICY)).toBe(
      'expired',
    );
    expect(deriveReviewStatus(review)).toBe('approved');
  });

  it('uses the configured validity', () => {
    const policy = readReadinessConfig({ approvalValidity: '36h' });
    const review = approvedReview();
    expect(effectiveStatus(review, daysAfter(T0, 1), policy)).toBe('approved');
    expect(effectiveStatus(review, daysAfter(T0, 2), policy)).toBe('expired');
  });

  it('records an expired approval as expired in the audit trail', () => {
    const event = eventOf(
      approvedReview(),
      { type: 'recordAutomaticResults', results: [] },
      contextFor(people.ada, { now: daysAfter(T0, 120) }),
    );
    expect([event.before, event.after]).toEqual(['expired', 'expired']);
  });

  it('keeps the stored status equal to the derived one through a whole review', () => {
    const reviews = [
      readyReview(),
      changesRequested(),
      approvedReview(),
      stale(),
      withdrawn(),
    ];
    expect(reviews.map(r => r.status)).toEqual([
      'open',
      'changes-requested',
      'approved',
      'stale',
      'withdrawn',
    ]);
    for (const review of reviews)
      expect(review.status).toBe(deriveReviewStatus(review));
  });

  it('needs a new review for a new version', () => {
    const approved = approvedReview({ version: '3.2.0' });
    const next = mustApply(
      undefined,
      open('3.3.0', [approved], '13'),
      contextFor(people.ada, { now: LATER }),
    );
    expect(next.status).toBe('open');
    expect(next.decisions).toEqual([]);
  });
});

describe('applyReviewCommand', () => {
  it('never modifies the review it is given', () => {
    const review = deepFreeze(readyReview());
    const copy = JSON.parse(JSON.stringify(review));
    let next = mustApply(review, { type: 'approve' }, contextFor(people.grace));
    next = mustApply(
      deepFreeze(next),
      { type: 'approve' },
      contextFor(people.margaret),
    );
    mustApply(
      deepFreeze(next),
      { type: 'recordAutomaticResults', results: [failing('slos-defined')] },
      contextFor(people.ada),
    );
    mustApply(
      deepFreeze(changesRequested()),
      attestCmd('load-test'),
      contextFor(people.ada),
    );
    mustApply(review, { type: 'withdraw' }, contextFor(people.ada));
    expect(review).toEqual(copy);
  });

  it('refuses commands without a review', () => {
    expect(
      refusal(undefined, { type: 'approve' }, contextFor(people.grace)),
    ).toEqual({
      code: 'invalid',
      reason: 'There is no review to apply "approve" to; open one first.',
    });
  });

  it('refuses a review of another model', () => {
    const ctx = contextFor(people.grace);
    ctx.model.ref = 'mlmodel:default/other';
    expect(refusal(readyReview(), { type: 'approve' }, ctx)).toEqual({
      code: 'invalid',
      reason: `Review 12 is a review of ${MODEL_REF}, not of mlmodel:default/other.`,
    });
  });

  it('refuses an unknown command', () => {
    expect(
      refusal(readyReview(), { type: 'merge' } as any, contextFor(people.ada)),
    ).toEqual({
      code: 'invalid',
      reason: 'Unknown review command "merge".',
    });
  });

  it('emits one audit event per successful command with the actor and time', () => {
    const ctx = contextFor(people.hedy, { now: LATER });
    const event = eventOf(readyReview(), { type: 'withdraw' }, ctx);
    expect(event).toEqual({
      action: 'review.withdraw',
      reviewId: '12',
      modelRef: MODEL_REF,
      version: '3.3.0',
      actor: 'user:default/hedy',
      at: LATER.toISOString(),
      before: 'open',
      after: 'withdrawn',
      details: { reason: null },
    });
  });
});
