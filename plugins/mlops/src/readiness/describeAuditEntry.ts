import { ReviewAuditEntry } from '../api/types';

/** A timeline entry in words. */
export interface AuditEntryDescription {
  /** "approved the review", "attested on-call-rotation", … */
  what: string;
  /** The comment or reason the actor gave, if any. */
  comment?: string;
  /** The evidence link of an attestation. */
  evidenceUrl?: string;
  /** Further facts, one sentence each (checks that changed, …). */
  notes: string[];
}

const str = (value: unknown) =>
  typeof value === 'string' && value.trim() !== '' ? value : undefined;

interface StatusChange {
  checkId?: unknown;
  from?: unknown;
  to?: unknown;
}

function statusChanges(value: unknown): StatusChange[] {
  return Array.isArray(value)
    ? value.filter((c): c is StatusChange => !!c && typeof c === 'object')
    : [];
}

function changes(value: unknown): string[] {
  return statusChanges(value).map(
    c => `${String(c.checkId)}: ${String(c.from)} → ${String(c.to)}`,
  );
}

/**
 * The first evaluation turns every check from pending into a result; a
 * count reads better than a list of ten "pending → passed".
 */
function describeResultChanges(value: unknown): string[] {
  const all = statusChanges(value);
  if (all.length === 0) return ['No check changed.'];
  const first = all.filter(c => c.from === 'pending');
  const rest = all.filter(c => c.from !== 'pending');
  const notes: string[] = [];
  if (first.length > 0) {
    const counts = new Map<string, number>();
    for (const c of first) {
      counts.set(String(c.to), (counts.get(String(c.to)) ?? 0) + 1);
    }
    const failed = first
      .filter(c => c.to === 'failed')
      .map(c => String(c.checkId));
    notes.push(
      `First results: ${[...counts.entries()]
        .map(([to, n]) => `${n} ${to}`)
        .join(', ')}${failed.length ? ` (failed: ${failed.join(', ')})` : ''}.`,
    );
  }
  if (rest.length > 0) notes.push(`Changed: ${changes(rest).join(', ')}.`);
  return notes;
}

/**
 * Says what an audit event recorded. Unknown actions (a newer backend)
 * fall back to the action name, so that the timeline never hides an event.
 */
export function describeAuditEntry(
  entry: Pick<ReviewAuditEntry, 'action' | 'details'>,
): AuditEntryDescription {
  const details = entry.details ?? {};
  switch (entry.action) {
    case 'review.open': {
      const notes: string[] = [];
      const checks = Array.isArray(details.checks) ? details.checks.length : 0;
      if (str(details.tier)) {
        notes.push(
          `${details.tier} tier: ${checks} checks, ${String(
            details.requiredApprovals ?? '?',
          )} approvals required${
            str(details.securityGroup)
              ? `, one from ${details.securityGroup}`
              : ''
          }.`,
        );
      }
      return { what: 'opened the review', notes };
    }
    case 'review.record-automatic-results': {
      const stale = changes(details.staleChanges);
      return {
        what: 'evaluated the automatic checks',
        notes: [
          ...describeResultChanges(details.changed),
          ...(stale.length > 0
            ? [`The approval went stale: ${stale.join(', ')}.`]
            : []),
        ],
      };
    }
    case 'review.attest': {
      const replaced =
        details.replaced && typeof details.replaced === 'object'
          ? (details.replaced as { by?: unknown })
          : undefined;
      return {
        what: `attested ${str(details.checkId) ?? 'a check'}`,
        comment: str(details.comment),
        evidenceUrl: str(details.evidenceUrl),
        notes: [
          ...(replaced
            ? [`Replaces the attestation by ${String(replaced.by)}.`]
            : []),
          ...(Array.isArray(details.addressedChangeRequests) &&
          details.addressedChangeRequests.length > 0
            ? [
                `Answers the change request of ${details.addressedChangeRequests.join(
                  ', ',
                )}.`,
              ]
            : []),
        ],
      };
    }
    case 'review.approve':
      return {
        what: details.securityApproval
          ? 'approved the review (security approval)'
          : 'approved the review',
        comment: str(details.comment),
        notes:
          typeof details.approvals === 'number'
            ? [
                `Approval ${details.approvals} of ${String(
                  details.requiredApprovals,
                )}.`,
              ]
            : [],
      };
    case 'review.request-changes':
      return {
        what: 'requested changes',
        comment: str(details.comment),
        notes: details.withdrewApproval
          ? ['This replaces their earlier approval.']
          : [],
      };
    case 'review.reopen':
      return {
        what: 'reopened the review',
        comment: str(details.comment),
        notes: [],
      };
    case 'review.withdraw':
      return {
        what: 'withdrew the review',
        comment: str(details.reason),
        notes: [],
      };
    default:
      return { what: entry.action, notes: [] };
  }
}
