import Typography from '@material-ui/core/Typography';
import { useTheme } from '@material-ui/core/styles';
import {
  CartesianGrid,
  Line,
  LineChart,
  ReferenceLine,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import { DriftWindowSummaryView } from '../../api/driftTypes';

const day = (iso: string) => iso.slice(0, 10);
const percent = (value: number) => `${Math.round(value * 100)}%`;

/** Share of drifted features over the last windows, with the dataset threshold. */
export function DriftTrendChart(props: { windows: DriftWindowSummaryView[] }) {
  const theme = useTheme();
  const { windows } = props;
  if (windows.length === 0) return null;
  const threshold = windows[windows.length - 1].driftShare;
  const data = windows.map(w => ({
    end: day(w.windowEnd),
    share: w.shareOfDriftedFeatures,
    drifted: w.numberOfDriftedFeatures,
    features: w.numberOfFeatures,
  }));
  return (
    <div data-testid="drift-trend">
      <Typography variant="subtitle2" gutterBottom>
        Share of drifted features, last {windows.length} windows (dataset drifts
        at {percent(threshold)})
      </Typography>
      <ResponsiveContainer width="100%" height={180}>
        <LineChart
          data={data}
          margin={{ top: 4, right: 8, bottom: 4, left: 0 }}
        >
          <CartesianGrid strokeDasharray="3 3" />
          <XAxis dataKey="end" tick={{ fontSize: 11 }} />
          <YAxis domain={[0, 1]} tickFormatter={percent} width={44} />
          <Tooltip formatter={(value: number) => percent(value)} />
          <ReferenceLine
            y={threshold}
            stroke={theme.palette.error.main}
            strokeDasharray="4 4"
          />
          <Line
            type="linear"
            dataKey="share"
            name="Drifted share"
            stroke={theme.palette.primary.main}
            dot
            isAnimationActive={false}
          />
        </LineChart>
      </ResponsiveContainer>
    </div>
  );
}
