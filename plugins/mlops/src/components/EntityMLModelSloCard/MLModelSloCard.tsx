import { stringifyEntityRef } from '@backstage/catalog-model';
import {
  InfoCard,
  InfoCardVariants,
  Progress,
  ResponseErrorPanel,
  WarningPanel,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { useEntity } from '@backstage/plugin-catalog-react';
import Box from '@material-ui/core/Box';
import Divider from '@material-ui/core/Divider';
import Grid from '@material-ui/core/Grid';
import Tab from '@material-ui/core/Tab';
import Tabs from '@material-ui/core/Tabs';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import {
  isMLModelEntity,
  MLModelEntityV1alpha1,
  MLOPS_ANNOTATIONS,
} from '@mlops-portal/plugin-mlops-common';
import { useState } from 'react';
import useAsync from 'react-use/esm/useAsync';
import { mlopsApiRef } from '../../api';
import { SloEvaluationErrorView, SloStatusView } from '../../api/sloTypes';
import { NotAnMLModel } from '../NotAnMLModel';
import { SloStateChip } from '../SloStateChip';
import { SpecHintEmptyState } from '../SpecHintEmptyState';
import { BudgetBar } from './BudgetBar';
import { BurnRateTable } from './BurnRateTable';
import { SloCharts } from './SloCharts';
import {
  describeSloWindow,
  formatPercent,
  formatTime,
} from './sloPresentation';

/** @public */
export interface MLModelSloCardProps {
  variant?: InfoCardVariants;
}

const SLOS_HINT = `spec:
  slos:
    - name: availability
      objective: 0.999          # 99.9% of requests succeed
      window: 30d               # rolling; or window: 1M with calendar: true
      indicator:
        ratio:
          bad: sum(rate(http_requests_total{service="my-model",code=~"5.."}[{{window}}]))
          total: sum(rate(http_requests_total{service="my-model"}[{{window}}]))
    - name: latency-p99
      objective: 0.99           # 99% of requests within 250 ms
      window: 30d
      indicator:
        latency:
          metric: http_request_duration_seconds
          threshold: 0.25       # a histogram bucket boundary
          selector: '{service="my-model"}'
# or keep them in an OpenSLO file next to catalog-info.yaml:
# metadata:
#   annotations:
#     ${MLOPS_ANNOTATIONS.openSloFile}: openslo.yaml`;

const useStyles = makeStyles(theme => ({
  headline: {
    display: 'flex',
    alignItems: 'center',
    flexWrap: 'wrap',
    gap: theme.spacing(1.5),
  },
  sentence: {
    fontWeight: 500,
  },
  tabLabel: {
    display: 'flex',
    alignItems: 'center',
    gap: theme.spacing(1),
    textTransform: 'none',
  },
}));

function SloDetails(props: { slo: SloStatusView }) {
  const { slo } = props;
  const classes = useStyles();
  const unit = slo.unit === 'slices' ? 'time slices' : 'events';
  return (
    <Grid container spacing={2} data-testid="slo-details">
      <Grid item xs={12}>
        <div className={classes.headline}>
          <SloStateChip state={slo.state} size="medium" />
          <Typography variant="h6" component="span">
            SLI {slo.sli === null ? '—' : formatPercent(slo.sli, 3)}
          </Typography>
          <Typography variant="body1" color="textSecondary" component="span">
            objective {formatPercent(slo.objective, 3)} over{' '}
            {describeSloWindow(slo.window, slo.calendar)} ·{' '}
            {slo.budgetingMethod === 'Timeslices'
              ? 'good time slices'
              : `good ${unit}`}
          </Typography>
        </div>
        {slo.description && (
          <Typography variant="body2" color="textSecondary">
            {slo.description}
          </Typography>
        )}
      </Grid>
      <Grid item xs={12}>
        <Typography
          variant="body1"
          className={classes.sentence}
          data-testid="slo-summary"
        >
          {slo.summary}
        </Typography>
      </Grid>
      <Grid item xs={12} md={5}>
        <BudgetBar remaining={slo.errorBudgetRemaining} />
        <Typography variant="caption" color="textSecondary" component="div">
          Period {formatTime(slo.periodStart)} – {formatTime(slo.periodEnd)}
        </Typography>
      </Grid>
      <Grid item xs={12} md={7}>
        <BurnRateTable slo={slo} />
      </Grid>
      <Grid item xs={12}>
        <SloCharts slo={slo} />
      </Grid>
    </Grid>
  );
}

/** The reason, named by its SLO once (provider messages already start with it). */
function describeSloError(error: SloEvaluationErrorView): string {
  if (!error.slo || error.message.startsWith(`SLO ${error.slo}:`)) {
    return error.message;
  }
  return `${error.slo}: ${error.message}`;
}

function SloContent(props: { entity: MLModelEntityV1alpha1 }) {
  const classes = useStyles();
  const api = useApi(mlopsApiRef);
  const entityRef = stringifyEntityRef(props.entity);
  const status = useAsync(() => api.getModelSlos(entityRef), [api, entityRef]);
  const [selected, setSelected] = useState(0);

  if (status.loading) return <Progress />;
  if (status.error) {
    return (
      <ResponseErrorPanel
        error={status.error}
        title={
          (status.error as { statusCode?: number }).statusCode === 502
            ? 'The SLO provider did not give the SLOs’ data'
            : undefined
        }
      />
    );
  }
  const value = status.value!;
  const noData = value.errors.filter(e => e.failure === 'no-data');
  const failed = value.errors.filter(e => e.failure !== 'no-data');
  const slos = value.slos;
  const index = Math.min(selected, Math.max(0, slos.length - 1));
  return (
    <Box>
      {failed.length > 0 && (
        <Box mb={2} data-testid="slo-errors">
          <WarningPanel
            severity={slos.length === 0 ? 'error' : 'warning'}
            title={
              failed.every(e => e.failure === 'definition')
                ? 'The SLO definitions are invalid'
                : `${
                    failed.length === 1 ? 'An SLO' : 'Some SLOs'
                  } could not be evaluated`
            }
            message={failed.map(describeSloError).join('\n')}
          />
        </Box>
      )}
      {noData.length > 0 && (
        <Box mb={2} data-testid="slo-no-data">
          <WarningPanel
            severity="info"
            title={`No data for ${noData.map(e => e.slo).join(', ')}`}
            message={`${noData
              .map(describeSloError)
              .join(
                '\n',
              )}\nCheck the metric names and labels of the query, and that Prometheus scrapes the model's metrics.`}
          />
        </Box>
      )}
      {slos.length > 1 && (
        <>
          <Tabs
            value={index}
            onChange={(_, v) => setSelected(v)}
            variant="scrollable"
            indicatorColor="primary"
            aria-label="SLOs"
          >
            {slos.map(slo => (
              <Tab
                key={slo.name}
                label={
                  <span className={classes.tabLabel}>
                    {slo.name}
                    <SloStateChip state={slo.state} />
                  </span>
                }
              />
            ))}
          </Tabs>
          <Divider />
        </>
      )}
      {slos[index] && (
        <Box pt={2}>
          <SloDetails slo={slos[index]} />
        </Box>
      )}
      <Typography variant="caption" color="textSecondary" component="div">
        From{' '}
        {value.provider === 'builtin'
          ? 'the portal’s SLO store'
          : value.provider}
        {value.source === 'openslo-file'
          ? ' · definitions from the OpenSLO file'
          : ''}{' '}
        · computed {formatTime(Date.parse(value.computedAt))}
      </Typography>
    </Box>
  );
}

/**
 * The model's SLOs: per SLO the SLI against its objective, the error budget
 * left (below zero when overspent), burn rates per alert window with the
 * thresholds, the alert state with a sentence that says what it means, and
 * charts of the SLI and of the budget over the window.
 */
export function MLModelSloCard(props: MLModelSloCardProps) {
  const { entity } = useEntity();
  if (!isMLModelEntity(entity)) return <NotAnMLModel entity={entity} />;
  const defined =
    (entity.spec.slos?.length ?? 0) > 0 ||
    !!entity.metadata.annotations?.[MLOPS_ANNOTATIONS.openSloFile];
  return (
    <InfoCard title="Service level objectives" variant={props.variant}>
      {defined ? (
        <SloContent entity={entity} />
      ) : (
        <SpecHintEmptyState
          title="No SLOs"
          description="Say what good service means for this model — the share of requests that succeed, or that are fast enough — and the portal tracks the error budget, burn-rate alerts and Prometheus rules for it."
          yaml={SLOS_HINT}
        />
      )}
    </InfoCard>
  );
}
