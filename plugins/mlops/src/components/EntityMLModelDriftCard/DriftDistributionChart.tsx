import Typography from '@material-ui/core/Typography';
import { useTheme } from '@material-ui/core/styles';
import {
  Bar,
  BarChart,
  CartesianGrid,
  Legend,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import { FeatureDriftView } from '../../api/driftTypes';
import { distributionRows } from './driftPresentation';

const percent = (value: number) => `${(value * 100).toFixed(1)}%`;

/** Reference against current shares over the frozen bins (or the categories) of one feature. */
export function DriftDistributionChart(props: {
  name: string;
  feature: FeatureDriftView;
}) {
  const theme = useTheme();
  const rows = distributionRows(props.feature.bins);
  return (
    <div data-testid="drift-distribution">
      <Typography variant="subtitle2" gutterBottom>
        {props.name}: share per{' '}
        {props.feature.bins.kind === 'numerical' ? 'frozen bin' : 'category'}
      </Typography>
      <ResponsiveContainer width="100%" height={220}>
        <BarChart data={rows} margin={{ top: 4, right: 8, bottom: 4, left: 0 }}>
          <CartesianGrid strokeDasharray="3 3" />
          <XAxis
            dataKey="bin"
            tick={{ fontSize: 11 }}
            interval={0}
            angle={-20}
            textAnchor="end"
            height={50}
          />
          <YAxis tickFormatter={percent} width={48} />
          <Tooltip formatter={(value: number) => percent(value)} />
          <Legend />
          <Bar
            dataKey="reference"
            name="Reference"
            fill={theme.palette.grey[500]}
            isAnimationActive={false}
          />
          <Bar
            dataKey="current"
            name="Current window"
            fill={theme.palette.primary.main}
            isAnimationActive={false}
          />
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}
