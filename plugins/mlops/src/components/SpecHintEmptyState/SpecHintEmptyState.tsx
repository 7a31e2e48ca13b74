import { CodeSnippet, EmptyState } from '@backstage/core-components';
import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';

/** @public */
export interface SpecHintEmptyStateProps {
  title: string;
  /** What is missing and why it is worth adding. */
  description: string;
  /** A catalog-info.yaml excerpt that would fill the card. */
  yaml: string;
}

/**
 * The empty state of a card whose data is not in the entity yet: says what
 * to add to catalog-info.yaml and shows an example.
 */
export function SpecHintEmptyState(props: SpecHintEmptyStateProps) {
  const { title, description, yaml } = props;
  return (
    <EmptyState
      missing="field"
      title={title}
      description={description}
      action={
        <Box>
          <Typography variant="body2" paragraph>
            Add this to the model's <code>catalog-info.yaml</code>:
          </Typography>
          <CodeSnippet text={yaml} language="yaml" showCopyCodeButton />
        </Box>
      }
    />
  );
}
