import { Content, Header, Page } from '@backstage/core-components';
import { MLModelsContent } from './MLModelsContent';

/** The Models page for the legacy frontend system, with its own header. */
export function MLModelsPage() {
  return (
    <Page themeId="tool">
      <Header
        title="Models"
        subtitle="Every machine-learning model in the catalog: owners, risk tiers and lifecycle"
      />
      <Content>
        <MLModelsContent />
      </Content>
    </Page>
  );
}
