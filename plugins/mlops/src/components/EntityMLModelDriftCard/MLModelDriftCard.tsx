import { stringifyEntityRef } from '@backstage/catalog-model';
import {
  InfoCard,
  InfoCardVariants,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { useEntity } from '@backstage/plugin-catalog-react';
import Box from '@material-ui/core/Box';
import Chip from '@material-ui/core/Chip';
import Grid from '@material-ui/core/Grid';
import MenuItem from '@material-ui/core/MenuItem';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import {
  isMLModelEntity,
  MLModelEntityV1alpha1,
} from '@mlops-portal/plugin-mlops-common';
import { useEffect, useState } from 'react';
import useAsync from 'react-use/esm/useAsync';
import { mlopsApiRef } from '../../api';
import { DriftReportResponse } from '../../api/driftTypes';
import { NotAnMLModel } from '../NotAnMLModel';
import { SpecHintEmptyState } from '../SpecHintEmptyState';
import { DriftDistributionChart } from './DriftDistributionChart';
import { DriftEmptyState } from './DriftEmptyState';
import { DriftTrendChart } from './DriftTrendChart';
import { FeatureDriftTable } from './FeatureDriftTable';

/** @public */
export interface MLModelDriftCardProps {
  variant?: InfoCardVariants;
}

/** Windows shown in the trend. */
const TREND_WINDOWS = 14;

const useStyles = makeStyles(theme => ({
  headline: {
    display: 'flex',
    alignItems: 'center',
    flexWrap: 'wrap',
    gap: theme.spacing(1.5),
  },
  version: { minWidth: 140 },
}));

const FEATURES_HINT = `spec:
  features:
    - name: amount_eur
      type: numerical
    - name: merchant_country
      type: categorical`;

const dateTime = (iso?: string) =>
  iso ? iso.replace('T', ' ').slice(0, 16) : '';
const percent = (value: number) => `${Math.round(value * 100)}%`;

function DatasetVerdict(props: { report: DriftReportResponse }) {
  const classes = useStyles();
  const { window, reference } = props.report;
  if (!window) {
    return (
      <Typography variant="body2" data-testid="drift-verdict">
        Reference stored ({reference.rowCount.toLocaleString('en-US')} rows,{' '}
        {reference.source === 'profile' ? 'pre-aggregated' : 'raw'}); no window
        of production data has been posted for {props.report.version} yet.
      </Typography>
    );
  }
  const { result } = window;
  return (
    <Box data-testid="drift-verdict">
      <div className={classes.headline}>
        <Chip
          label={result.drifted ? 'Dataset drift' : 'No dataset drift'}
          color={result.drifted ? 'secondary' : 'primary'}
        />
        <Typography variant="body1">
          {result.numberOfDriftedFeatures} of{' '}
          {result.numberOfFeatures - result.numberOfFeaturesWithoutVerdict}{' '}
          features drifted ({percent(result.shareOfDriftedFeatures)}; the
          dataset drifts at {percent(result.driftShare)})
        </Typography>
      </div>
      <Typography variant="caption" color="textSecondary" component="div">
        Window{' '}
        {window.windowStart ? `${dateTime(window.windowStart)} – ` : 'ending '}
        {dateTime(window.windowEnd)} UTC ·{' '}
        {window.rowCount.toLocaleString('en-US')} rows (
        {window.source === 'profile' ? 'pre-aggregated' : 'raw'}) · reference{' '}
        {reference.rowCount.toLocaleString('en-US')} rows
      </Typography>
    </Box>
  );
}

function DriftContent(props: { entity: MLModelEntityV1alpha1 }) {
  const { entity } = props;
  const classes = useStyles();
  const api = useApi(mlopsApiRef);
  const entityRef = stringifyEntityRef(entity);
  const overview = useAsync(
    () => api.getModelDrift(entityRef),
    [api, entityRef],
  );
  const [version, setVersion] = useState<string | undefined>();
  const [feature, setFeature] = useState<string | undefined>();
  const chosen = version ?? overview.value?.report?.version;

  const report = useAsync(async () => {
    if (!chosen) return undefined;
    if (chosen === overview.value?.report?.version)
      return overview.value.report;
    return api.getDriftReport(entityRef, chosen);
  }, [api, entityRef, chosen, overview.value]);
  const trend = useAsync(async () => {
    if (!chosen) return undefined;
    return api.getDriftTrend(entityRef, chosen, { limit: TREND_WINDOWS });
  }, [api, entityRef, chosen]);

  const features = report.value?.window?.result.features;
  useEffect(() => {
    if (!features) return;
    if (feature && features[feature]) return;
    const names = Object.keys(features).sort();
    setFeature(names.find(n => features[n].drifted) ?? names[0]);
  }, [features, feature]);

  if (overview.loading) return <Progress />;
  if (overview.error) return <ResponseErrorPanel error={overview.error} />;
  const versions = overview.value?.versions ?? [];
  if (versions.length === 0) {
    return (
      <DriftEmptyState
        namespace={entity.metadata.namespace ?? 'default'}
        name={entity.metadata.name}
        version={entity.spec.version}
      />
    );
  }

  return (
    <Grid container spacing={2}>
      {versions.length > 1 && (
        <Grid item xs={12}>
          <TextField
            select
            label="Version"
            value={chosen ?? ''}
            onChange={e => {
              setVersion(e.target.value);
              setFeature(undefined);
            }}
            className={classes.version}
            size="small"
            inputProps={{ 'aria-label': 'Version' }}
          >
            {versions.map(v => (
              <MenuItem key={v.version} value={v.version}>
                {v.version}
                {v.version === overview.value?.productionVersion
                  ? ' (production)'
                  : ''}
              </MenuItem>
            ))}
          </TextField>
        </Grid>
      )}
      {report.loading && (
        <Grid item xs={12}>
          <Progress />
        </Grid>
      )}
      {report.error && (
        <Grid item xs={12}>
          <ResponseErrorPanel error={report.error} />
        </Grid>
      )}
      {report.value && (
        <>
          <Grid item xs={12}>
            <DatasetVerdict report={report.value} />
          </Grid>
          {features && (
            <>
              <Grid item xs={12}>
                <FeatureDriftTable
                  features={features}
                  selected={feature}
                  onSelect={setFeature}
                />
              </Grid>
              <Grid item xs={12} md={6}>
                {feature && features[feature] && (
                  <DriftDistributionChart
                    name={feature}
                    feature={features[feature]}
                  />
                )}
              </Grid>
            </>
          )}
          <Grid item xs={12} md={features ? 6 : 12}>
            {trend.error ? (
              <ResponseErrorPanel error={trend.error} />
            ) : (
              trend.value && <DriftTrendChart windows={trend.value.windows} />
            )}
          </Grid>
        </>
      )}
    </Grid>
  );
}

/**
 * Data drift of the model: the dataset verdict of the latest window of
 * production data, the test behind each feature's verdict, the reference
 * against current distribution of a chosen feature, and the trend.
 */
export function MLModelDriftCard(props: MLModelDriftCardProps) {
  const { entity } = useEntity();
  if (!isMLModelEntity(entity)) return <NotAnMLModel entity={entity} />;
  const hasFeatures = (entity.spec.features?.length ?? 0) > 0;
  return (
    <InfoCard title="Data drift" variant={props.variant}>
      {hasFeatures ? (
        <DriftContent entity={entity} />
      ) : (
        <SpecHintEmptyState
          title="No feature schema"
          description="Drift is computed per feature; list the model's input features in spec.features."
          yaml={FEATURES_HINT}
        />
      )}
    </InfoCard>
  );
}
