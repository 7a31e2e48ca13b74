import { Content, Header, Page } from '@backstage/core-components';
import { makeStyles } from '@material-ui/core/styles';
import { MLModelsContent } from './MLModelsContent';

// The page is a CSS grid: without this its content area grows to the
// table's full width instead of letting the table scroll inside it.
const useStyles = makeStyles({ content: { minWidth: 0 } });

/** The Models page for the legacy frontend system, with its own header. */
export function MLModelsPage() {
  const classes = useStyles();
  return (
    <Page themeId="tool">
      <Header
        title="Models"
        subtitle="Every machine-learning model in the catalog: owners, risk tiers and lifecycle"
      />
      <Content className={classes.content}>
        <MLModelsContent />
      </Content>
    </Page>
  );
}
