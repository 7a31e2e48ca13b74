import { renderInTestApp } from '@backstage/test-utils';
import { screen } from '@testing-library/react';
import { RiskTierChip } from './RiskTierChip';

// The same colours everywhere: low green, medium blue, high orange, critical red.
const EXPECTED = {
  low: ['Low', 'rgb(46, 125, 50)'],
  medium: ['Medium', 'rgb(25, 118, 210)'],
  high: ['High', 'rgb(230, 81, 0)'],
  critical: ['Critical', 'rgb(198, 40, 40)'],
};

describe('RiskTierChip', () => {
  it.each(Object.entries(EXPECTED))(
    'colours %s consistently',
    async (tier, [label, colour]) => {
      await renderInTestApp(<RiskTierChip tier={tier} />);
      const chip = screen.getByText(label).closest('[data-tier]');
      expect(chip).toHaveAttribute('data-tier', tier);
      expect(chip).toHaveStyle({
        backgroundColor: colour,
        color: 'rgb(255, 255, 255)',
      });
    },
  );

  it('shows an unset tier as "Not set"', async () => {
    await renderInTestApp(<RiskTierChip />);
    expect(screen.getByText('Not set')).toBeInTheDocument();
  });

  it('shows an unknown tier in grey', async () => {
    await renderInTestApp(<RiskTierChip tier="extreme" />);
    expect(screen.getByText('Extreme').closest('[data-tier]')).toHaveStyle({
      backgroundColor: 'rgb(117, 117, 117)',
    });
  });
});
