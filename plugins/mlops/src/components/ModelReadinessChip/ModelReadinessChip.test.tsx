import {
  approvedReview,
  openReview,
  replayReview,
  ADA,
  toOverview,
  NOW,
} from '../../__testUtils__/reviewFixtures';
import { readinessChipText } from './ModelReadinessChip';

describe('readinessChipText', () => {
  it('labels each status the way the Models page shows it', () => {
    expect(readinessChipText(null).label).toBe('None');
    expect(readinessChipText(toOverview(openReview().review))).toEqual({
      label: 'Open 0/2',
      title:
        'Review of 2.1.0 in progress: 0 of 2 approvals; 10 of 16 checks passed.',
    });
    expect(readinessChipText(toOverview(approvedReview().review))).toEqual({
      label: 'Approved',
      title: '2.1.0 approved on 2026-04-21, valid until 2026-07-20.',
    });
    const later = new Date(NOW.getTime() + 100 * 86_400_000);
    expect(
      readinessChipText(toOverview(approvedReview().review, later)).label,
    ).toBe('Expired');
    const withdrawn = replayReview([
      ['open', ADA],
      [{ type: 'withdraw', reason: 'Wrong version' }, ADA],
    ]).review;
    expect(readinessChipText(toOverview(withdrawn))).toEqual({
      label: 'Withdrawn',
      title:
        'Review of 2.1.0: Withdrawn by user:default/ada on 2026-04-21: Wrong version',
    });
  });
});
