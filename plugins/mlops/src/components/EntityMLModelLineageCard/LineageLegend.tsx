import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import { red } from '@material-ui/core/colors';
import { LINEAGE_ROLE_COLORS } from './LineageNodeView';

const ENTRIES: Array<{ label: string; color: string; dashed?: boolean }> = [
  { label: 'Owner', color: LINEAGE_ROLE_COLORS.owner },
  { label: 'Dataset', color: LINEAGE_ROLE_COLORS.dataset },
  { label: 'Served by', color: LINEAGE_ROLE_COLORS.serving },
  { label: 'System', color: LINEAGE_ROLE_COLORS.system },
  { label: 'Missing from the catalog', color: red[700], dashed: true },
];

export function LineageLegend() {
  return (
    <Box display="flex" flexWrap="wrap" style={{ gap: 16 }} mt={1}>
      {ENTRIES.map(entry => (
        <Box
          key={entry.label}
          display="flex"
          alignItems="center"
          style={{ gap: 6 }}
        >
          <span
            aria-hidden
            style={{
              display: 'inline-block',
              width: 14,
              height: 14,
              borderRadius: 3,
              background: entry.dashed ? red[50] : entry.color,
              border: entry.dashed ? `1.5px dashed ${entry.color}` : 'none',
            }}
          />
          <Typography variant="caption">{entry.label}</Typography>
        </Box>
      ))}
    </Box>
  );
}
