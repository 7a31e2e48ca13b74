import { fraudDetector } from '../__testUtils__/fixtures';
import {
  ADA,
  approvedReview,
  openReview,
  replayReview,
  toOverview,
} from '../__testUtils__/reviewFixtures';
import { versionsOpenForReview } from './versionsOpenForReview';

const model = fraudDetector({
  spec: {
    version: '2.1.0',
    versions: [
      { version: '2.0.0', registeredAt: '2026-01-01T00:00:00Z' },
      { version: '2.1.0', registeredAt: '2026-02-01T00:00:00Z' },
      { version: '2.2.0-rc.1', registeredAt: '2026-03-01T00:00:00Z' },
    ],
  },
});

describe('versionsOpenForReview', () => {
  it('suggests the newest version that is not in production', () => {
    const choice = versionsOpenForReview(model, []);
    expect(choice.candidates.map(v => v.version)).toEqual([
      '2.2.0-rc.1',
      '2.1.0',
      '2.0.0',
    ]);
    expect(choice.suggested).toBe('2.2.0-rc.1');
  });

  it('leaves out versions with a review in progress or approved, but not withdrawn ones', () => {
    const open = toOverview(openReview().review); // 2.1.0
    const rc = {
      ...toOverview(approvedReview().review),
      version: '2.2.0-rc.1',
    };
    const withdrawn = toOverview(
      replayReview(
        [
          ['open', ADA],
          [{ type: 'withdraw' }, ADA],
        ],
        { version: '2.0.0' },
      ).review,
    );
    const choice = versionsOpenForReview(model, [open, rc, withdrawn]);
    expect(choice.candidates.map(v => v.version)).toEqual(['2.0.0']);
    expect(choice.suggested).toBe('2.0.0');
    expect(choice.taken.map(t => [t.version, t.review.status])).toEqual([
      ['2.2.0-rc.1', 'approved'],
      ['2.1.0', 'open'],
    ]);
  });

  it('falls back to the production version when it is the only one left', () => {
    const only = fraudDetector({
      spec: { version: '2.1.0', versions: [{ version: '2.1.0' }] },
    });
    expect(versionsOpenForReview(only, []).suggested).toBe('2.1.0');
  });

  it('offers nothing for a model without versions', () => {
    const none = fraudDetector({ spec: { versions: undefined } });
    expect(versionsOpenForReview(none, [])).toEqual({
      candidates: [],
      taken: [],
    });
  });
});
