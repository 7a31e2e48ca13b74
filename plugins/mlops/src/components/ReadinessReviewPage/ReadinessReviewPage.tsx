import { Content, Header, Page } from '@backstage/core-components';
import { useParams } from 'react-router-dom';
import { useReviewsIndexLink } from '../../hooks/useReviewLink';
import { ReadinessReviewContent } from './ReadinessReviewContent';

/** One readiness review, for the legacy frontend system (with its own header). */
export function ReadinessReviewPage() {
  const { reviewId = '' } = useParams();
  const index = useReviewsIndexLink();
  return (
    <Page themeId="tool">
      <Header
        title="Readiness review"
        subtitle="Checks, evidence and sign-offs for one model version: the deploy gate"
        type="Reviews"
        typeLink={index}
      />
      <Content>
        <ReadinessReviewContent reviewId={reviewId} />
      </Content>
    </Page>
  );
}
