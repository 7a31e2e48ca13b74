import Chip from '@material-ui/core/Chip';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Tooltip from '@material-ui/core/Tooltip';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import { FeatureDriftView } from '../../api/driftTypes';
import {
  DRIFT_TEST_TEXT,
  featureFlags,
  formatPValueOrThreshold,
  formatStatistic,
} from './driftPresentation';

const useStyles = makeStyles(theme => ({
  table: {
    '& td, & th': { padding: theme.spacing(0.5, 1) },
  },
  selected: {
    backgroundColor: theme.palette.action.selected,
  },
  row: { cursor: 'pointer' },
  mono: { fontFamily: 'monospace', whiteSpace: 'nowrap' },
  flags: { display: 'flex', flexWrap: 'wrap', gap: theme.spacing(0.5) },
}));

const sizes = new Intl.NumberFormat('en-US');

function verdictOf(feature: FeatureDriftView): string {
  if (feature.insufficientData) return 'No verdict';
  return feature.drifted ? 'Drift' : 'No drift';
}

/** Per feature: test, statistic, p-value or threshold, verdict, sizes and flags. Click a row to plot it. */
export function FeatureDriftTable(props: {
  features: Record<string, FeatureDriftView>;
  selected?: string;
  onSelect: (name: string) => void;
}) {
  const classes = useStyles();
  const names = Object.keys(props.features).sort((a, b) => {
    const fa = props.features[a];
    const fb = props.features[b];
    return Number(fb.drifted) - Number(fa.drifted) || a.localeCompare(b);
  });
  return (
    <Table
      size="small"
      aria-label="Drift per feature"
      className={classes.table}
    >
      <TableHead>
        <TableRow>
          <TableCell>Feature</TableCell>
          <TableCell>Test</TableCell>
          <TableCell align="right">Statistic</TableCell>
          <TableCell>p-value / threshold</TableCell>
          <TableCell>Verdict</TableCell>
          <TableCell align="right">Reference / current</TableCell>
          <TableCell>Flags</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {names.map(name => {
          const feature = props.features[name];
          const verdict = verdictOf(feature);
          return (
            <TableRow
              key={name}
              hover
              data-testid={`drift-row-${name}`}
              className={`${classes.row} ${
                props.selected === name ? classes.selected : ''
              }`}
              onClick={() => props.onSelect(name)}
              aria-selected={props.selected === name}
            >
              <TableCell className={classes.mono}>{name}</TableCell>
              <TableCell>
                <Tooltip title={DRIFT_TEST_TEXT[feature.test].meaning}>
                  <span>
                    {DRIFT_TEST_TEXT[feature.test].label}
                    {feature.method === 'asymptotic' ? ' (asymptotic)' : ''}
                  </span>
                </Tooltip>
              </TableCell>
              <TableCell align="right" className={classes.mono}>
                {formatStatistic(feature)}
              </TableCell>
              <TableCell className={classes.mono}>
                {formatPValueOrThreshold(feature)}
              </TableCell>
              <TableCell>
                <Chip
                  size="small"
                  label={verdict}
                  color={feature.drifted ? 'secondary' : 'default'}
                  variant={feature.drifted ? 'default' : 'outlined'}
                />
              </TableCell>
              <TableCell align="right" className={classes.mono}>
                {sizes.format(feature.referenceSize)} /{' '}
                {sizes.format(feature.currentSize)}
              </TableCell>
              <TableCell>
                <div className={classes.flags}>
                  {featureFlags(feature).map(flag => (
                    <Typography
                      key={flag}
                      variant="caption"
                      color="textSecondary"
                    >
                      {flag}
                    </Typography>
                  ))}
                </div>
              </TableCell>
            </TableRow>
          );
        })}
      </TableBody>
    </Table>
  );
}
