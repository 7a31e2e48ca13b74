import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import { RolloutAnalysisRun } from '@mlops-portal/plugin-mlops-common';
import { CanaryComparison, CanaryMetrics } from '../../api/rolloutTypes';

function formatPercent(value?: number) {
  return value === undefined ? '—' : `${(value * 100).toFixed(2)}%`;
}

function formatMs(value?: number) {
  return value === undefined ? '—' : `${Math.round(value)} ms`;
}

function ComparisonRow(props: {
  name: string;
  values: CanaryComparison;
  format: (v?: number) => string;
}) {
  const { name, values, format } = props;
  return (
    <TableRow>
      <TableCell>{name}</TableCell>
      <TableCell align="right">{format(values.canary)}</TableCell>
      <TableCell align="right">{format(values.stable)}</TableCell>
    </TableRow>
  );
}

/** Canary-vs-stable error rate and latency. */
export function CanaryMetricsTable(props: { metrics: CanaryMetrics }) {
  const { metrics } = props;
  return (
    <>
      <Table size="small" aria-label="Canary versus stable">
        <TableHead>
          <TableRow>
            <TableCell>Signal</TableCell>
            <TableCell align="right">Canary</TableCell>
            <TableCell align="right">Stable</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          <ComparisonRow
            name="Error rate"
            values={metrics.errorRate}
            format={formatPercent}
          />
          <ComparisonRow
            name="Latency p95"
            values={metrics.latencyP95Ms}
            format={formatMs}
          />
        </TableBody>
      </Table>
      <Typography variant="caption" color="textSecondary">
        From {metrics.source}
      </Typography>
    </>
  );
}

/** The analysis runs of the canary and their metrics. */
export function AnalysisTable(props: { runs: RolloutAnalysisRun[] }) {
  const { runs } = props;
  if (runs.length === 0) {
    return (
      <Typography variant="body2">
        No analysis has run for this canary yet.
      </Typography>
    );
  }
  return (
    <Table size="small" aria-label="Analysis runs">
      <TableHead>
        <TableRow>
          <TableCell>Run</TableCell>
          <TableCell>Result</TableCell>
          <TableCell>Metrics</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {runs.map(run => (
          <TableRow key={run.name}>
            <TableCell>
              {run.stepIndex !== undefined
                ? `Step ${run.stepIndex + 1}`
                : 'Background'}
              <Typography
                variant="caption"
                display="block"
                color="textSecondary"
              >
                {run.name}
              </Typography>
            </TableCell>
            <TableCell>
              {run.phase}
              {run.message && (
                <Typography
                  variant="caption"
                  display="block"
                  color="textSecondary"
                >
                  {run.message}
                </Typography>
              )}
            </TableCell>
            <TableCell>
              {run.metrics.map(metric => (
                <Typography variant="body2" key={metric.name}>
                  {metric.name}: {metric.value ?? '—'} ({metric.phase})
                  {metric.successCondition
                    ? ` — pass if ${metric.successCondition}`
                    : ''}
                </Typography>
              ))}
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
