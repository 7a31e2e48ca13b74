import { Content, Header, Page } from '@backstage/core-components';
import { ReviewsAwaitingContent } from './ReviewsAwaitingContent';

/** "Reviews waiting for me", for the legacy frontend system. */
export function ReviewsAwaitingPage() {
  return (
    <Page themeId="tool">
      <Header
        title="Reviews waiting for me"
        subtitle="Readiness reviews of model versions that need your sign-off"
      />
      <Content>
        <ReviewsAwaitingContent />
      </Content>
    </Page>
  );
}
