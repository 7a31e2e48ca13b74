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

function changes(value: unknown): string[] {
  if (!Array.isArray(value)) return [];
  return value
    .filter((c): c is StatusChange => !!c && typeof c === 'object')
    .map(c => `${String(c.checkId)}: ${String(c.from)} → ${String(c.to)}`);
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
      const changed = changes(details.changed);
      const stale = changes(details.staleChanges);
      return {
        what: 'evaluated the automatic checks',
        notes: [
          ...(changed.length > 0
            ? [`Changed: ${changed.join(', ')}.`]
            : ['No check changed.']),
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
