import { Content, Header, Page } from '@backstage/core-components';
import { SloRollupContent } from './SloRollupContent';

/** The SLO roll-up per team, for the legacy frontend system. */
export function SloRollupPage() {
  return (
    <Page themeId="tool">
      <Header
        title="SLOs by team"
        subtitle="Which teams' models are burning their error budgets: worst state and budget left per model"
      />
      <Content>
        <SloRollupContent />
      </Content>
    </Page>
  );
}
