import {
  approvedReview,
  toAuditEntries,
} from '../__testUtils__/reviewFixtures';
import { describeAuditEntry } from './describeAuditEntry';

describe('describeAuditEntry', () => {
  it("says what each of the engine's events did", () => {
    const entries = toAuditEntries(approvedReview().events);
    const described = entries.map(e => describeAuditEntry(e));
    expect(described[0]).toEqual({
      what: 'opened the review',
      notes: ['high tier: 16 checks, 2 approvals required.'],
    });
    expect(described[1].what).toBe('evaluated the automatic checks');
    // The first evaluation is counted, not listed.
    expect(described[1].notes).toEqual(['First results: 10 passed.']);
    expect(described[2]).toEqual({
      what: 'attested on-call-rotation',
      comment: 'Evidence for on-call-rotation.',
      evidenceUrl: 'https://wiki.example.com/on-call-rotation',
      notes: [],
    });
    expect(described[described.length - 2]).toEqual({
      what: 'approved the review',
      comment: 'Looks good',
      notes: ['Approval 1 of 2.'],
    });
  });

  it('describes change requests, withdrawals and stale approvals', () => {
    expect(
      describeAuditEntry({
        action: 'review.request-changes',
        details: { comment: 'Add a runbook', withdrewApproval: true },
      }),
    ).toEqual({
      what: 'requested changes',
      comment: 'Add a runbook',
      notes: ['This replaces their earlier approval.'],
    });
    expect(
      describeAuditEntry({
        action: 'review.withdraw',
        details: { reason: null },
      }),
    ).toEqual({ what: 'withdrew the review', notes: [] });
    expect(
      describeAuditEntry({
        action: 'review.record-automatic-results',
        details: {
          changed: [{ checkId: 'runbook-link', from: 'passed', to: 'failed' }],
          staleChanges: [
            { checkId: 'runbook-link', from: 'passed', to: 'failed' },
          ],
        },
      }).notes,
    ).toEqual([
      'Changed: runbook-link: passed → failed.',
      'The approval went stale: runbook-link: passed → failed.',
    ]);
  });

  it('counts first results and lists later changes', () => {
    expect(
      describeAuditEntry({
        action: 'review.record-automatic-results',
        details: {
          changed: [
            { checkId: 'owner-exists', from: 'pending', to: 'passed' },
            { checkId: 'model-card', from: 'pending', to: 'failed' },
            { checkId: 'slos-defined', from: 'failed', to: 'passed' },
          ],
        },
      }).notes,
    ).toEqual([
      'First results: 1 passed, 1 failed (failed: model-card).',
      'Changed: slos-defined: failed → passed.',
    ]);
    expect(
      describeAuditEntry({
        action: 'review.record-automatic-results',
        details: { changed: [] },
      }).notes,
    ).toEqual(['No check changed.']);
  });

  it('shows unknown actions by name rather than hiding them', () => {
    expect(
      describeAuditEntry({ action: 'review.transfer', details: {} }).what,
    ).toBe('review.transfer');
  });
});
