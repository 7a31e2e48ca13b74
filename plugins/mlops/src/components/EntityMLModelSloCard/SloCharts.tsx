import Grid from '@material-ui/core/Grid';
import Typography from '@material-ui/core/Typography';
import { useTheme } from '@material-ui/core/styles';
import {
  Area,
  AreaChart,
  CartesianGrid,
  Line,
  LineChart,
  ReferenceLine,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import { SloStatusView } from '../../api/sloTypes';
import { formatDay, formatPercent, formatTime } from './sloPresentation';

// Recharts finds its axes among a chart's direct children, so the two charts
// share the axis's props rather than a wrapper component.
const timeAxis = {
  dataKey: 't',
  type: 'number' as const,
  domain: ['dataMin', 'dataMax'],
  tickFormatter: formatDay,
  tick: { fontSize: 11 },
};

const chartMargin = { top: 4, right: 8, bottom: 4, left: 0 };

/** The SLI per bucket against the objective, and the budget burning down over the window. */
export function SloCharts(props: { slo: SloStatusView }) {
  const theme = useTheme();
  const { slo } = props;
  if (slo.series.length === 0) return null;
  const data = slo.series.map(p => ({
    t: p.start,
    sli: p.sli,
    budget: p.budgetRemaining,
  }));
  const slis = data.map(d => d.sli).filter((v): v is number => v !== null);
  // Zoom in on the objective: an SLI of 99.9% against 99.95% is invisible on 0–100%.
  const low = Math.min(slo.objective, ...slis);
  const sliFloor = Math.max(
    0,
    slo.objective - 2 * (slo.objective - low) - (1 - slo.objective),
  );
  const budgets = data.map(d => d.budget);
  const budgetFloor = Math.min(0, ...budgets);
  const unit = slo.unit === 'slices' ? 'good slices' : 'good events';
  return (
    <Grid container spacing={2}>
      <Grid item xs={12} md={6} data-testid="slo-sli-chart">
        <Typography variant="subtitle2" gutterBottom>
          SLI ({unit}) against the objective of {formatPercent(slo.objective)}
        </Typography>
        <ResponsiveContainer width="100%" height={180}>
          <LineChart data={data} margin={chartMargin}>
            <CartesianGrid strokeDasharray="3 3" />
            <XAxis {...timeAxis} />
            <YAxis
              domain={[sliFloor, 1]}
              tickFormatter={(v: number) => formatPercent(v, 2)}
              width={60}
              tick={{ fontSize: 11 }}
            />
            <Tooltip
              labelFormatter={(t: number) => formatTime(t)}
              formatter={(v: number) => formatPercent(v, 3)}
            />
            <ReferenceLine
              y={slo.objective}
              stroke={theme.palette.error.main}
              strokeDasharray="4 4"
              label={{
                value: 'objective',
                fontSize: 11,
                position: 'insideBottomRight',
              }}
            />
            <Line
              type="monotone"
              dataKey="sli"
              name="SLI"
              stroke={theme.palette.primary.main}
              dot={false}
              connectNulls={false}
              isAnimationActive={false}
            />
          </LineChart>
        </ResponsiveContainer>
      </Grid>
      <Grid item xs={12} md={6} data-testid="slo-budget-chart">
        <Typography variant="subtitle2" gutterBottom>
          Error budget remaining over the window
        </Typography>
        <ResponsiveContainer width="100%" height={180}>
          <AreaChart data={data} margin={chartMargin}>
            <CartesianGrid strokeDasharray="3 3" />
            <XAxis {...timeAxis} />
            <YAxis
              domain={[budgetFloor, 1]}
              tickFormatter={(v: number) => formatPercent(v, 0)}
              width={52}
              tick={{ fontSize: 11 }}
            />
            <Tooltip
              labelFormatter={(t: number) => formatTime(t)}
              formatter={(v: number) => formatPercent(v, 1)}
            />
            <ReferenceLine y={0} stroke={theme.palette.error.main} />
            <Area
              type="monotone"
              dataKey="budget"
              name="Budget remaining"
              stroke={theme.palette.primary.main}
              fill={theme.palette.primary.light}
              fillOpacity={0.3}
              isAnimationActive={false}
            />
          </AreaChart>
        </ResponsiveContainer>
      </Grid>
    </Grid>
  );
}
