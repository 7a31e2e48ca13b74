import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import { ReviewOverview } from '../../api/types';
import { CHECK_STATE_LOOK, CheckStateIcon } from './CheckStateIcon';

/** "✓ 12 passed ✗ 1 failed ◷ 4 pending" for a review. */
export function CheckCounts(props: { checks: ReviewOverview['checks'] }) {
  const { checks } = props;
  const parts = [
    { state: 'passed' as const, n: checks.passed },
    { state: 'failed' as const, n: checks.failed },
    { state: 'pending' as const, n: checks.pending },
    { state: 'not-applicable' as const, n: checks.notApplicable },
  ].filter(p => p.n > 0 || p.state !== 'not-applicable');
  return (
    <Box
      display="flex"
      alignItems="center"
      flexWrap="wrap"
      style={{ gap: 12 }}
      data-testid="check-counts"
      aria-label={`Checks: ${parts
        .map(p => `${p.n} ${CHECK_STATE_LOOK[p.state].label.toLowerCase()}`)
        .join(', ')} of ${checks.total}`}
    >
      {parts.map(p => (
        <Box
          key={p.state}
          display="flex"
          alignItems="center"
          style={{ gap: 4, opacity: p.n === 0 ? 0.55 : 1 }}
        >
          <CheckStateIcon state={p.state} />
          <Typography variant="body2">
            <strong>{p.n}</strong>{' '}
            {CHECK_STATE_LOOK[p.state].label.toLocaleLowerCase('en-US')}
          </Typography>
        </Box>
      ))}
      <Typography variant="body2" color="textSecondary">
        of {checks.total} checks
      </Typography>
    </Box>
  );
}
