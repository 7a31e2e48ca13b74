import { ML_MODEL_RISK_TIERS } from '../kinds/MLModelEntityV1alpha1';
import { checklistFor } from './checklist';
import { containsRef, normalizeEntityRef } from './entityRefs';
import { AutomaticCheckStatus } from './evaluateChecks';
import { isSafeHttpUrl } from './httpUrl';
import {
  CheckStatusChange,
  EffectiveReviewStatus,
  ReadinessReview,
  RecordedCheckResult,
  ReviewCommand,
  ReviewCommandContext,
  ReviewCommandResult,
  ReviewDecision,
  ReviewRefusalCode,
} from './review';
import {
  approvalExpiresAt,
  approvalProgress,
  deriveReviewStatus,
  describeStaleness,
  effectiveStatus,
  formatReviewDate,
  unmetRequiredChecks,
} from './reviewStatus';

type Refusal = Extract<ReviewCommandResult, { ok: false }>;
type CommandOf<T extends ReviewCommand['type']> = Extract<
  ReviewCommand,
  { type: T }
>;
/** What a command handler produces when it succeeds. */
interface Change {
  review: ReadinessReview;
  details: Record<string, unknown>;
}

const RESULT_STATUSES: AutomaticCheckStatus[] = [
  'passed',
  'failed',
  'not-applicable',
];

function refuse(code: ReviewRefusalCode, reason: string): Refusal {
  return { ok: false, code, reason };
}

function isRefusal(value: Change | Refusal): value is Refusal {
  return (value as Refusal).ok === false;
}

function hasText(value: unknown): value is string {
  return typeof value === 'string' && value.trim() !== '';
}

function isAuthor(review: ReadinessReview, ctx: ReviewCommandContext) {
  return normalizeEntityRef(ctx.actor.userRef, 'user') === review.author;
}

function inOwningTeam(ctx: ReviewCommandContext) {
  return containsRef(ctx.actor.ownershipRefs, ctx.model.ownerRef);
}

function ownerName(ctx: ReviewCommandContext) {
  return normalizeEntityRef(ctx.model.ownerRef, 'group');
}

/** Refuses commands that need a review still under way. */
function requireInProgress(
  review: ReadinessReview,
  status: EffectiveReviewStatus,
  ctx: ReviewCommandContext,
  youCannot: string,
): Refusal | undefined {
  const id = review.id;
  switch (status) {
    case 'withdrawn':
      return refuse(
        'conflict',
        `Review ${id} was withdrawn, so you cannot ${youCannot}; open a new review instead.`,
      );
    case 'approved':
      return refuse(
        'conflict',
        `Review ${id} is already approved, so you cannot ${youCannot}; open a new review once it expires or goes stale.`,
      );
    case 'stale':
      return refuse(
        'conflict',
        `Review ${id} is stale (${describeStaleness(
          review.stale!.changes,
        )}), so you cannot ${youCannot}; open a new review instead.`,
      );
    case 'expired':
      return refuse(
        'conflict',
        `The approval of review ${id} expired on ${formatReviewDate(
          approvalExpiresAt(review, ctx.policy)!,
        )}, so you cannot ${youCannot}; open a new review instead.`,
      );
    default:
      return undefined;
  }
}

/** Marks unaddressed change requests as answered by the author's update. */
function addressChangeRequests(review: ReadinessReview, at: string) {
  const addressed: string[] = [];
  const decisions = review.decisions.map(d => {
    if (d.decision !== 'changes-requested' || d.addressedAt) return d;
    addressed.push(d.reviewer);
    return { ...d, addressedAt: at };
  });
  return { decisions, addressed };
}

function replaceDecision(
  review: ReadinessReview,
  decision: ReviewDecision,
): ReviewDecision[] {
  return [
    ...review.decisions.filter(d => d.reviewer !== decision.reviewer),
    decision,
  ];
}

function openReview(
  existing: ReadinessReview | undefined,
  command: CommandOf<'open'>,
  ctx: ReviewCommandContext,
): ReviewCommandResult {
  const { actor, model, policy, now } = ctx;
  if (existing) {
    return refuse(
      'conflict',
      `Review ${existing.id} already exists; "open" creates a new review.`,
    );
  }
  if (!inOwningTeam(ctx)) {
    return refuse(
      'forbidden',
      `Only members of ${ownerName(ctx)}, the owner of ${
        model.ref
      }, can open a readiness review of it.`,
    );
  }
  if (!hasText(command.reviewId)) {
    return refuse('invalid', 'A review id is required.');
  }
  if (!model.versions.includes(command.version)) {
    return refuse(
      'invalid',
      `Version ${command.version} is not a declared version of ${
        model.ref
      } (declared: ${model.versions.join(', ') || 'none'}).`,
    );
  }
  const modelRef = normalizeEntityRef(model.ref);
  for (const other of command.existingReviews ?? []) {
    if (other.id === command.reviewId) {
      return refuse('conflict', `Review ${other.id} already exists.`);
    }
    if (
      other.version !== command.version ||
      normalizeEntityRef(other.modelRef) !== modelRef
    ) {
      continue;
    }
    const status = effectiveStatus(other, now, policy);
    if (status === 'approved') {
      return refuse(
        'conflict',
        `Version ${command.version} already has an approved review (${other.id}); a new one can be opened once it expires or goes stale.`,
      );
    }
    if (status === 'open' || status === 'changes-requested') {
      return refuse(
        'conflict',
        `Version ${command.version} already has a review in progress (${other.id}, ${status}); continue it or withdraw it first.`,
      );
    }
  }
  const at = now.toISOString();
  const review: ReadinessReview = {
    id: command.reviewId,
    modelRef,
    version: command.version,
    tier: model.tier,
    author: normalizeEntityRef(actor.userRef, 'user'),
    openedAt: at,
    updatedAt: at,
    status: 'open',
    checklist: checklistFor(model.tier, policy),
    approvalRequirement: { ...policy.approvals[model.tier] },
    automaticResults: {},
    attestations: {},
    decisions: [],
  };
  review.status = deriveReviewStatus(review);
  return {
    ok: true,
    review,
    events: [
      {
        action: 'review.open',
        reviewId: review.id,
        modelRef,
        version: review.version,
        actor: review.author,
        at,
        before: null,
        after: review.status,
        details: {
          tier: review.tier,
          checks: review.checklist.map(c => c.id),
          requiredApprovals: review.approvalRequirement.count,
          securityGroup: review.approvalRequirement.securityGroup ?? null,
        },
      },
    ],
  };
}

function recordAutomaticResults(
  review: ReadinessReview,
  command: CommandOf<'recordAutomaticResults'>,
  status: EffectiveReviewStatus,
  ctx: ReviewCommandContext,
): Change | Refusal {
  if (status === 'withdrawn') {
    return refuse(
      'conflict',
      `Review ${review.id} was withdrawn, so its checks are no longer recorded.`,
    );
  }
  if (!Array.isArray(command.results)) {
    return refuse(
      'invalid',
      'results must be a list of automatic check results.',
    );
  }
  const at = ctx.now.toISOString();
  const automaticResults = { ...review.automaticResults };
  const seen = new Set<string>();
  const changed: CheckStatusChange[] = [];
  const ignored: string[] = [];
  for (const [i, result] of command.results.entries()) {
    if (!hasText(result?.checkId)) {
      return refuse('invalid', `results[${i}].checkId is required.`);
    }
    if (!RESULT_STATUSES.includes(result.status)) {
      return refuse(
        'invalid',
        `results[${i}].status must be one of ${RESULT_STATUSES.join(
          ', ',
        )} (got ${JSON.stringify(result.status)}).`,
      );
    }
    if (seen.has(result.checkId)) {
      return refuse(
        'invalid',
        `results[${i}] repeats check ${result.checkId}.`,
      );
    }
    seen.add(result.checkId);
    const item = review.checklist.find(c => c.id === result.checkId);
    if (item?.kind === 'manual') {
      return refuse(
        'invalid',
        `Check ${item.id} is manual: it is attested with evidence, not recorded as an automatic result.`,
      );
    }
    // Results for checks outside this review's tier are expected (the
    // evaluator reports every check) and simply not kept.
    if (!item) {
      ignored.push(result.checkId);
      continue;
    }
    const previous = review.automaticResults[item.id]?.status ?? 'pending';
    if (previous !== result.status) {
      changed.push({ checkId: item.id, from: previous, to: result.status });
    }
    const recorded: RecordedCheckResult = {
      checkId: item.id,
      status: result.status,
      evidence: result.evidence ?? {},
      summary: result.summary ?? '',
      evaluatedAt: at,
    };
    automaticResults[item.id] = recorded;
  }
  const next: ReadinessReview = { ...review, automaticResults };
  const details: Record<string, unknown> = {
    results: Object.fromEntries(
      command.results
        .filter(r => !ignored.includes(r.checkId))
        .map(r => [r.checkId, r.status]),
    ),
    changed,
    ignored,
  };
  if (review.approval && !review.stale) {
    const approvedStatuses = review.approval.checkStatuses;
    const staleChanges = review.checklist
      .filter(c => c.kind === 'automatic' && c.required && seen.has(c.id))
      .filter(c => automaticResults[c.id].status !== approvedStatuses[c.id])
      .map(c => ({
        checkId: c.id,
        from: approvedStatuses[c.id] ?? ('pending' as const),
        to: automaticResults[c.id].status,
      }));
    if (staleChanges.length > 0) {
      next.stale = { at, changes: staleChanges };
      details.staleChanges = staleChanges;
    }
  }
  return { review: next, details };
}

function attest(
  review: ReadinessReview,
  command: CommandOf<'attest'>,
  status: EffectiveReviewStatus,
  ctx: ReviewCommandContext,
): Change | Refusal {
  const blocked = requireInProgress(review, status, ctx, 'attest checks on it');
  if (blocked) return blocked;
  if (!inOwningTeam(ctx) && !ctx.actor.canSignOff) {
    return refuse(
      'forbidden',
      `Only members of ${ownerName(
        ctx,
      )} or readiness reviewers can attest checks on review ${review.id}.`,
    );
  }
  const item = review.checklist.find(c => c.id === command.checkId);
  if (!item) {
    return refuse(
      'invalid',
      `Check ${JSON.stringify(
        command.checkId,
      )} is not on the checklist of review ${review.id} (${review.tier} tier).`,
    );
  }
  if (item.kind === 'automatic') {
    return refuse(
      'invalid',
      `Check ${item.id} is automatic: the portal evaluates it from the entity, so it cannot be attested.`,
    );
  }
  if (!isSafeHttpUrl(command.evidenceUrl)) {
    return refuse(
      'invalid',
      `The evidence URL must be an absolute http(s) URL (got ${JSON.stringify(
        command.evidenceUrl ?? null,
      )}).`,
    );
  }
  if (!hasText(command.comment)) {
    return refuse(
      'invalid',
      'A comment is required: say what the evidence shows.',
    );
  }
  const at = ctx.now.toISOString();
  const previous = review.attestations[item.id];
  const { decisions, addressed } = addressChangeRequests(review, at);
  return {
    review: {
      ...review,
      decisions,
      attestations: {
        ...review.attestations,
        [item.id]: {
          checkId: item.id,
          by: normalizeEntityRef(ctx.actor.userRef, 'user'),
          at,
          evidenceUrl: command.evidenceUrl,
          comment: command.comment.trim(),
        },
      },
    },
    details: {
      checkId: item.id,
      evidenceUrl: command.evidenceUrl,
      comment: command.comment.trim(),
      replaced: previous
        ? {
            by: previous.by,
            at: previous.at,
            evidenceUrl: previous.evidenceUrl,
          }
        : null,
      addressedChangeRequests: addressed,
    },
  };
}

function approve(
  review: ReadinessReview,
  command: CommandOf<'approve'>,
  status: EffectiveReviewStatus,
  ctx: ReviewCommandContext,
): Change | Refusal {
  const blocked = requireInProgress(review, status, ctx, 'approve it');
  if (blocked) return blocked;
  if (isAuthor(review, ctx)) {
    return refuse(
      'forbidden',
      'You opened this review, so you cannot approve it.',
    );
  }
  if (!ctx.actor.canSignOff) {
    return refuse(
      'forbidden',
      `You are not a readiness reviewer of ${ctx.model.ref}, so you cannot approve review ${review.id}.`,
    );
  }
  const reviewer = normalizeEntityRef(ctx.actor.userRef, 'user');
  if (status === 'changes-requested') {
    const by = review.decisions
      .filter(d => d.decision === 'changes-requested' && !d.addressedAt)
      .map(d => d.reviewer);
    return refuse(
      'conflict',
      `Changes were requested by ${by.join(', ')}; review ${
        review.id
      } can be approved once the author attests new evidence or reopens it.`,
    );
  }
  if (
    review.decisions.some(
      d => d.reviewer === reviewer && d.decision === 'approved',
    )
  ) {
    return refuse(
      'conflict',
      `You have already approved review ${review.id}; each reviewer approves once.`,
    );
  }
  const tiers = ML_MODEL_RISK_TIERS as readonly string[];
  if (tiers.indexOf(ctx.model.tier) > tiers.indexOf(review.tier)) {
    return refuse(
      'conflict',
      `The risk tier of ${ctx.model.ref} rose from ${review.tier} to ${ctx.model.tier} after review ${review.id} was opened; withdraw it and open a new review against the ${ctx.model.tier} checklist.`,
    );
  }
  const unmet = unmetRequiredChecks(review);
  if (unmet.length > 0) {
    return refuse(
      'conflict',
      `Review ${
        review.id
      } cannot be approved while required checks are not met: ${unmet
        .map(s => `${s.check.id} (${s.state})`)
        .join(', ')}.`,
    );
  }
  const decision: ReviewDecision = {
    reviewer,
    decision: 'approved',
    comment: (command.comment ?? '').trim(),
    at: ctx.now.toISOString(),
    ownershipRefs: ctx.actor.ownershipRefs.map(ref => normalizeEntityRef(ref)),
  };
  const next = { ...review, decisions: replaceDecision(review, decision) };
  const progress = approvalProgress(next);
  return {
    review: next,
    details: {
      comment: decision.comment,
      securityApproval: progress.securityApprovers.includes(reviewer),
      approvals: progress.approvers.length,
      requiredApprovals: progress.required,
    },
  };
}

function requestChanges(
  review: ReadinessReview,
  command: CommandOf<'requestChanges'>,
  status: EffectiveReviewStatus,
  ctx: ReviewCommandContext,
): Change | Refusal {
  const blocked = requireInProgress(
    review,
    status,
    ctx,
    'request changes on it',
  );
  if (blocked) return blocked;
  if (isAuthor(review, ctx)) {
    return refuse(
      'forbidden',
      'You opened this review, so you cannot sign it off; attest new evidence or withdraw it instead.',
    );
  }
  if (!ctx.actor.canSignOff) {
    return refuse(
      'forbidden',
      `You are not a readiness reviewer of ${ctx.model.ref}, so you cannot request changes on review ${review.id}.`,
    );
  }
  if (!hasText(command.comment)) {
    return refuse('invalid', 'A comment is required: say what has to change.');
  }
  const reviewer = normalizeEntityRef(ctx.actor.userRef, 'user');
  const current = review.decisions.find(d => d.reviewer === reviewer);
  if (current?.decision === 'changes-requested' && !current.addressedAt) {
    return refuse(
      'conflict',
      `You have already requested changes on review ${review.id}; they have not been addressed yet.`,
    );
  }
  const decision: ReviewDecision = {
    reviewer,
    decision: 'changes-requested',
    comment: command.comment.trim(),
    at: ctx.now.toISOString(),
    ownershipRefs: ctx.actor.ownershipRefs.map(ref => normalizeEntityRef(ref)),
  };
  return {
    review: { ...review, decisions: replaceDecision(review, decision) },
    details: {
      comment: decision.comment,
      withdrewApproval: current?.decision === 'approved',
    },
  };
}

function reopen(
  review: ReadinessReview,
  command: CommandOf<'reopen'>,
  status: EffectiveReviewStatus,
  ctx: ReviewCommandContext,
): Change | Refusal {
  if (status !== 'changes-requested') {
    return refuse(
      'conflict',
      `Review ${review.id} is ${status}; only a review with changes requested can be reopened.`,
    );
  }
  if (!isAuthor(review, ctx) && !inOwningTeam(ctx)) {
    return refuse(
      'forbidden',
      `Only the author or members of ${ownerName(ctx)} can reopen review ${
        review.id
      }.`,
    );
  }
  const { decisions, addressed } = addressChangeRequests(
    review,
    ctx.now.toISOString(),
  );
  return {
    review: { ...review, decisions },
    details: {
      comment: (command.comment ?? '').trim(),
      addressedChangeRequests: addressed,
    },
  };
}

function withdraw(
  review: ReadinessReview,
  command: CommandOf<'withdraw'>,
  status: EffectiveReviewStatus,
  ctx: ReviewCommandContext,
): Change | Refusal {
  if (status === 'withdrawn') {
    return refuse('conflict', `Review ${review.id} is already withdrawn.`);
  }
  if (status === 'approved' || status === 'expired') {
    return refuse(
      'conflict',
      `Review ${review.id} is approved; an approved review cannot be withdrawn.`,
    );
  }
  if (!isAuthor(review, ctx) && !inOwningTeam(ctx)) {
    return refuse(
      'forbidden',
      `Only the author or members of ${ownerName(ctx)} can withdraw review ${
        review.id
      }.`,
    );
  }
  const reason = hasText(command.reason) ? command.reason.trim() : undefined;
  return {
    review: {
      ...review,
      withdrawal: {
        at: ctx.now.toISOString(),
        by: normalizeEntityRef(ctx.actor.userRef, 'user'),
        ...(reason ? { reason } : {}),
      },
    },
    details: { reason: reason ?? null },
  };
}

const ACTIONS: Record<Exclude<ReviewCommand['type'], 'open'>, string> = {
  recordAutomaticResults: 'review.record-automatic-results',
  attest: 'review.attest',
  approve: 'review.approve',
  requestChanges: 'review.request-changes',
  reopen: 'review.reopen',
  withdraw: 'review.withdraw',
};

function handle(
  review: ReadinessReview,
  command: Exclude<ReviewCommand, { type: 'open' }>,
  status: EffectiveReviewStatus,
  ctx: ReviewCommandContext,
): Change | Refusal {
  switch (command.type) {
    case 'recordAutomaticResults':
      return recordAutomaticResults(review, command, status, ctx);
    case 'attest':
      return attest(review, command, status, ctx);
    case 'approve':
      return approve(review, command, status, ctx);
    case 'requestChanges':
      return requestChanges(review, command, status, ctx);
    case 'reopen':
      return reopen(review, command, status, ctx);
    case 'withdraw':
      return withdraw(review, command, status, ctx);
    default:
      return refuse(
        'invalid',
        `Unknown review command ${JSON.stringify(
          (command as { type?: unknown }).type,
        )}.`,
      );
  }
}

/**
 * Applies one command to a review and returns the new review with its audit
 * events, or why the command was refused. Pure: the input review is never
 * modified, and the time comes from `context.now`.
 * @public
 */
export function applyReviewCommand(
  review: ReadinessReview | undefined,
  command: ReviewCommand,
  context: ReviewCommandContext,
): ReviewCommandResult {
  if (command.type === 'open') return openReview(review, command, context);
  if (!review) {
    return refuse(
      'invalid',
      `There is no review to apply "${command.type}" to; open one first.`,
    );
  }
  if (
    normalizeEntityRef(review.modelRef) !==
    normalizeEntityRef(context.model.ref)
  ) {
    return refuse(
      'invalid',
      `Review ${review.id} is a review of ${review.modelRef}, not of ${context.model.ref}.`,
    );
  }
  const before = effectiveStatus(review, context.now, context.policy);
  const outcome = handle(review, command, before, context);
  if (isRefusal(outcome)) return outcome;

  const at = context.now.toISOString();
  const next: ReadinessReview = { ...outcome.review, updatedAt: at };
  if (!next.approval && deriveReviewStatus(next) === 'approved') {
    next.approval = {
      at,
      approvers: approvalProgress(next).approvers,
      checkStatuses: Object.fromEntries(
        next.checklist
          .filter(c => c.kind === 'automatic' && c.required)
          .map(c => [c.id, next.automaticResults[c.id].status]),
      ),
    };
  }
  next.status = deriveReviewStatus(next);
  return {
    ok: true,
    review: next,
    events: [
      {
        action: ACTIONS[command.type],
        reviewId: next.id,
        modelRef: next.modelRef,
        version: next.version,
        actor: normalizeEntityRef(context.actor.userRef, 'user'),
        at,
        before,
        after: effectiveStatus(next, context.now, context.policy),
        details: outcome.details,
      },
    ],
  };
}
