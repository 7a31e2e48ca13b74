import { CodeSnippet, EmptyState } from '@backstage/core-components';
import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';

const EXAMPLE = `apiVersion: mlops-portal.io/v1alpha1
kind: MLModel
metadata:
  name: fraud-detector
  description: Scores card payments for fraud
spec:
  type: classification      # ranking, regression, forecasting, …
  lifecycle: production     # experimental, staging, production, deprecated
  owner: group:default/fraud-ml
  system: payments
  riskTier: high            # low, medium, high, critical`;

/** Shown when the catalog has no MLModel at all: how to register the first one. */
export function NoModelsEmptyState() {
  return (
    <EmptyState
      missing="data"
      title="No models in the catalog yet"
      description="Models appear here once the catalog has an entity of kind MLModel. Describe a model in a catalog-info.yaml file next to its code and register it (Create → Register existing component), or add its location to the catalog configuration."
      action={
        <Box>
          <Typography variant="body2" paragraph>
            A minimal <code>catalog-info.yaml</code>:
          </Typography>
          <CodeSnippet text={EXAMPLE} language="yaml" showCopyCodeButton />
        </Box>
      }
    />
  );
}
