import { stringifyEntityRef } from '@backstage/catalog-model';
import {
  InfoCard,
  InfoCardVariants,
  Link,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { EntityRefLink, useEntity } from '@backstage/plugin-catalog-react';
import { usePermission } from '@backstage/plugin-permission-react';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Divider from '@material-ui/core/Divider';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import ArrowForwardIcon from '@material-ui/icons/ArrowForward';
import Alert from '@material-ui/lab/Alert';
import {
  formatReviewDate,
  isMLModelEntity,
  MLModelEntityV1alpha1,
  mlopsReviewCreatePermission,
} from '@mlops-portal/plugin-mlops-common';
import { useMemo } from 'react';
import { Link as RouterLink, useNavigate } from 'react-router-dom';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { mlopsApiRef } from '../../api';
import { ReviewOverview } from '../../api/types';
import { useReviewLink } from '../../hooks/useReviewLink';
import { versionsOpenForReview } from '../../readiness/versionsOpenForReview';
import { NotAnMLModel } from '../NotAnMLModel';
import { ApprovalCount, BlockingReasons, CheckCounts } from '../ReviewProgress';
import { ReviewStatusChip } from '../ReviewStatusChip';
import { OpenReviewForm } from './OpenReviewForm';

/** @public */
export interface MLModelReadinessCardProps {
  variant?: InfoCardVariants;
}

const useStyles = makeStyles(theme => ({
  headline: {
    display: 'flex',
    alignItems: 'center',
    flexWrap: 'wrap',
    gap: theme.spacing(1.5),
  },
  version: {
    fontFamily: 'monospace',
    fontWeight: 700,
    fontSize: '1.1rem',
  },
  section: {
    marginTop: theme.spacing(2),
  },
  earlier: {
    display: 'flex',
    alignItems: 'center',
    gap: theme.spacing(1),
    marginTop: theme.spacing(0.5),
  },
  mono: {
    fontFamily: 'monospace',
  },
}));

function LatestReview(props: {
  review: ReviewOverview;
  link?: (id: string) => string;
}) {
  const { review, link } = props;
  const classes = useStyles();
  const href = link?.(review.id);
  return (
    <Box data-testid="latest-review">
      <div className={classes.headline}>
        <ReviewStatusChip status={review.status} size="medium" />
        <Typography className={classes.version} component="span">
          {review.version}
        </Typography>
        <Typography variant="body2" color="textSecondary" component="span">
          opened by{' '}
          <EntityRefLink entityRef={review.author} defaultKind="user" /> on{' '}
          {formatReviewDate(review.openedAt)}
          {review.approvedAt &&
            ` · approved ${formatReviewDate(review.approvedAt)}`}
          {review.expiresAt &&
            !review.expired &&
            !review.stale &&
            ` · valid until ${formatReviewDate(review.expiresAt)}`}
        </Typography>
      </div>
      {review.stale && (
        <Box mt={1.5}>
          <Alert severity="warning">
            Stale: a required check changed after the approval, so the deploy
            gate is closed for {review.version}. Open a new review.
          </Alert>
        </Box>
      )}
      {review.expired && (
        <Box mt={1.5}>
          <Alert severity="warning">
            The approval expired
            {review.expiresAt
              ? ` on ${formatReviewDate(review.expiresAt)}`
              : ''}
            : the deploy gate is closed for {review.version} until a new review
            is approved.
          </Alert>
        </Box>
      )}
      <Box className={classes.section}>
        <CheckCounts checks={review.checks} />
      </Box>
      <Box mt={1}>
        <ApprovalCount approvals={review.approvals} />
      </Box>
      {review.status !== 'approved' && review.blockingReasons.length > 0 && (
        <Box className={classes.section}>
          <BlockingReasons
            title={
              review.status === 'withdrawn'
                ? 'Withdrawn'
                : 'Why it cannot ship yet'
            }
            reasons={review.blockingReasons}
            limit={4}
            more={href ? <Link to={href}>See the review.</Link> : undefined}
          />
        </Box>
      )}
      {href && (
        <Box mt={2}>
          <Button
            component={RouterLink}
            to={href}
            role="link"
            variant="outlined"
            color="primary"
            endIcon={<ArrowForwardIcon />}
          >
            View review
          </Button>
        </Box>
      )}
    </Box>
  );
}

function EarlierReviews(props: {
  reviews: ReviewOverview[];
  link?: (id: string) => string;
}) {
  const classes = useStyles();
  if (props.reviews.length === 0) return null;
  return (
    <Box className={classes.section} data-testid="earlier-reviews">
      <Typography variant="subtitle2">Earlier reviews</Typography>
      {props.reviews.slice(0, 4).map(review => (
        <div key={review.id} className={classes.earlier}>
          <Typography variant="body2" className={classes.mono}>
            {review.version}
          </Typography>
          <ReviewStatusChip
            status={review.status}
            to={props.link?.(review.id)}
          />
          <Typography variant="caption" color="textSecondary">
            opened {formatReviewDate(review.openedAt)}
          </Typography>
        </div>
      ))}
    </Box>
  );
}

function ReadinessCardBody(props: { entity: MLModelEntityV1alpha1 }) {
  const { entity } = props;
  const classes = useStyles();
  const api = useApi(mlopsApiRef);
  const navigate = useNavigate();
  const link = useReviewLink();
  const entityRef = stringifyEntityRef(entity);
  const reviews = useAsyncRetry(
    () => api.getModelReviews(entityRef),
    [api, entityRef],
  );
  const permission = usePermission({
    permission: mlopsReviewCreatePermission,
    resourceRef: entityRef,
  });
  const items = useMemo(() => reviews.value?.items ?? [], [reviews.value]);
  const choice = useMemo(
    () => versionsOpenForReview(entity, items),
    [entity, items],
  );

  if (reviews.loading && !reviews.value) return <Progress />;
  if (reviews.error) return <ResponseErrorPanel error={reviews.error} />;

  const [latest, ...earlier] = items;
  const onOpen = async (version: string) => {
    const opened = await api.openReview(entityRef, { version });
    if (link) navigate(link(opened.review.id));
    else reviews.retry();
  };
  const form = (
    <OpenReviewForm
      choice={choice}
      productionVersion={entity.spec.version}
      owner={entity.spec.owner}
      canCreate={permission.loading ? undefined : permission.allowed}
      hasVersions={
        Array.isArray(entity.spec.versions) && entity.spec.versions.length > 0
      }
      onOpen={onOpen}
    />
  );

  if (!latest) {
    return (
      <Box data-testid="readiness-empty">
        <Typography variant="h6" component="p" gutterBottom>
          {choice.suggested
            ? `No readiness review yet — open one for version ${choice.suggested}`
            : 'No readiness review yet'}
        </Typography>
        <Typography variant="body2" color="textSecondary" paragraph>
          A review checks one version against the {entity.spec.riskTier ?? ''}
          {entity.spec.riskTier ? '-tier ' : ''}checklist: the portal evaluates
          the automatic checks from this entity, the team attests the manual
          ones with evidence, and reviewers sign off. Only an approved review
          lets the version be deployed.
        </Typography>
        {form}
      </Box>
    );
  }

  return (
    <>
      <LatestReview review={latest} link={link} />
      <EarlierReviews reviews={earlier} link={link} />
      <Box className={classes.section}>
        <Divider />
      </Box>
      <Box className={classes.section}>
        <Typography variant="subtitle2" gutterBottom>
          Review another version
        </Typography>
        {form}
      </Box>
    </>
  );
}

/**
 * The production readiness of the current MLModel: its latest review
 * (status, checks, approvals, what blocks it) and a way to open a review
 * of another version.
 */
export function MLModelReadinessCard(props: MLModelReadinessCardProps) {
  const { entity } = useEntity();
  if (!isMLModelEntity(entity)) {
    return <NotAnMLModel entity={entity} />;
  }
  return (
    <InfoCard
      title="Production readiness"
      subheader="Readiness reviews of this model's versions: the deploy gate"
      variant={props.variant}
    >
      <ReadinessCardBody entity={entity} />
    </InfoCard>
  );
}
