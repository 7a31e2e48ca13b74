import { CodeSnippet, EmptyState } from '@backstage/core-components';
import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';

/** What to send so that the card has something to show. */
export function DriftEmptyState(props: {
  namespace: string;
  name: string;
  version?: string;
}) {
  const version = props.version ?? '<version>';
  const base = `$BACKSTAGE_URL/api/mlops/drift/${props.namespace}/${props.name}/versions/${version}`;
  const curl = [
    '# The reference (usually the training data): CSV, JSON lines, JSON rows,',
    '# or a pre-aggregated profile computed where the data lives.',
    `curl -X PUT "${base}/reference" \\`,
    '  -H "Authorization: Bearer $MLOPS_TOKEN" -H "Content-Type: text/csv" \\',
    '  --data-binary @training-sample.csv',
    '',
    '# Then a window of production data, e.g. daily from the pipeline:',
    `curl -X POST "${base}/windows?windowStart=2026-11-26T00:00:00Z&windowEnd=2026-11-27T00:00:00Z" \\`,
    '  -H "Authorization: Bearer $MLOPS_TOKEN" -H "Content-Type: text/csv" \\',
    '  --data-binary @scoring-log-2026-11-26.csv',
  ].join('\n');
  return (
    <EmptyState
      missing="data"
      title="No drift reference yet"
      description="Drift compares production data with the data the version was trained on, feature by feature (spec.features). Store a reference for the version, then post windows of production data."
      action={
        <Box>
          <Typography variant="body2" paragraph>
            With a service token (or as an owner of the model):
          </Typography>
          <CodeSnippet text={curl} language="bash" showCopyCodeButton />
        </Box>
      }
    />
  );
}
