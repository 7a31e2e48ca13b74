import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import { SloStatusView } from '../../api/sloTypes';
import { formatBurnRate } from './sloPresentation';

/**
 * The multi-window, multi-burn-rate alerts: per pair of windows the burn
 * rate over each, the rate both must exceed, and whether the alert fires.
 */
export function BurnRateTable(props: { slo: SloStatusView }) {
  const { slo } = props;
  return (
    <Table size="small" aria-label={`Burn rates of ${slo.name}`}>
      <TableHead>
        <TableRow>
          <TableCell>Alert</TableCell>
          <TableCell>Long window</TableCell>
          <TableCell>Short window</TableCell>
          <TableCell>Fires above</TableCell>
          <TableCell>State</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {slo.alerts.map(alert => (
          <TableRow
            key={`${alert.long}/${alert.short}`}
            data-testid="burn-rate-row"
          >
            <TableCell>
              {alert.severity === 'page' ? 'Page' : 'Ticket'}
            </TableCell>
            <TableCell>
              {alert.long}: {formatBurnRate(slo.burnRates[alert.long])}
            </TableCell>
            <TableCell>
              {alert.short}: {formatBurnRate(slo.burnRates[alert.short])}
            </TableCell>
            <TableCell>{formatBurnRate(alert.factor)}</TableCell>
            <TableCell>
              <Typography
                variant="body2"
                color={alert.firing ? 'error' : 'textSecondary'}
                component="span"
              >
                {alert.firing ? 'Firing' : 'OK'}
              </Typography>
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
