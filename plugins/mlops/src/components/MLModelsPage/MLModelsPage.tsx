import {
  Content,
  ContentHeader,
  Header,
  Page,
  SupportButton,
} from '@backstage/core-components';
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
        <ContentHeader title="">
          <SupportButton>
            Models are catalog entities of kind MLModel. Filter by team, risk
            tier, lifecycle or type, or search by name; the address bar keeps
            the filters so you can share the view.
          </SupportButton>
        </ContentHeader>
        <MLModelsContent />
      </Content>
    </Page>
  );
}
