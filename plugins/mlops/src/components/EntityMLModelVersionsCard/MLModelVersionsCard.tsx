import { InfoCard, InfoCardVariants } from '@backstage/core-components';
import { useEntity } from '@backstage/plugin-catalog-react';
import Box from '@material-ui/core/Box';
import Chip from '@material-ui/core/Chip';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Tooltip from '@material-ui/core/Tooltip';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import StarIcon from '@material-ui/icons/Star';
import {
  isMLModelEntity,
  MLModelVersion,
} from '@mlops-portal/plugin-mlops-common';
import { NotAnMLModel } from '../NotAnMLModel';
import { RefLink } from '../RefLink';
import { SpecHintEmptyState } from '../SpecHintEmptyState';
import {
  formatMetrics,
  formatRegisteredAt,
  shortDigest,
  sortVersionsNewestFirst,
} from './versionDisplay';

/** @public */
export interface MLModelVersionsCardProps {
  variant?: InfoCardVariants;
}

const useStyles = makeStyles(theme => ({
  production: {
    backgroundColor:
      theme.palette.type === 'dark'
        ? 'rgba(76, 175, 80, 0.12)'
        : 'rgba(76, 175, 80, 0.08)',
  },
  mono: {
    fontFamily: 'monospace',
    fontSize: '0.8rem',
    wordBreak: 'break-all',
  },
  version: {
    fontFamily: 'monospace',
    fontWeight: 'bold',
  },
  cell: {
    verticalAlign: 'top',
  },
  nowrap: {
    verticalAlign: 'top',
    whiteSpace: 'nowrap',
  },
  artifact: {
    verticalAlign: 'top',
    minWidth: 220,
    maxWidth: 360,
  },
  chips: {
    display: 'flex',
    flexWrap: 'wrap',
    gap: theme.spacing(0.5),
  },
}));

const EXAMPLE = `spec:
  version: 2.1.0            # the version in production
  versions:
    - version: 2.1.0
      registeredAt: 2026-03-01T12:00:00Z
      artifact:
        uri: s3://models/fraud/2.1.0
        digest: sha256:9f86d081884c7d659a2feaa0c55ad015
      trainedOn: [resource:default/transactions-2025]
      metrics: { auc: 0.93 }`;

function VersionRow(props: {
  version: MLModelVersion;
  isProduction: boolean;
  namespace?: string;
}) {
  const { version, isProduction, namespace } = props;
  const classes = useStyles();
  const metrics = formatMetrics(version.metrics);
  const trainedOn = Array.isArray(version.trainedOn) ? version.trainedOn : [];
  return (
    <TableRow
      className={isProduction ? classes.production : undefined}
      data-testid={`version-${version.version}`}
    >
      <TableCell className={classes.cell}>
        <Box display="flex" alignItems="center" style={{ gap: 8 }}>
          <span className={classes.version}>{version.version}</span>
          {isProduction && (
            <Chip
              size="small"
              color="primary"
              icon={<StarIcon />}
              label="production"
            />
          )}
        </Box>
        {version.description && (
          <Typography variant="caption" color="textSecondary" component="p">
            {version.description}
          </Typography>
        )}
      </TableCell>
      <TableCell className={classes.nowrap}>
        {formatRegisteredAt(version.registeredAt) ?? '—'}
      </TableCell>
      <TableCell className={classes.artifact}>
        {version.artifact?.uri ? (
          <>
            <div className={classes.mono}>{version.artifact.uri}</div>
            {version.artifact.digest && (
              <Tooltip title={version.artifact.digest}>
                <Typography
                  variant="caption"
                  color="textSecondary"
                  className={classes.mono}
                >
                  {shortDigest(version.artifact.digest)}
                </Typography>
              </Tooltip>
            )}
          </>
        ) : (
          '—'
        )}
      </TableCell>
      <TableCell className={classes.nowrap}>
        {trainedOn.length === 0
          ? '—'
          : trainedOn.map((ref, i) => (
              <div key={`${ref}-${i}`}>
                <RefLink
                  entityRef={ref}
                  defaultKind="resource"
                  defaultNamespace={namespace}
                />
              </div>
            ))}
      </TableCell>
      <TableCell className={classes.cell}>
        {metrics.length === 0 ? (
          '—'
        ) : (
          <div className={classes.chips}>
            {metrics.map(m => (
              <Chip
                key={m.name}
                size="small"
                variant="outlined"
                label={`${m.name} ${m.value}`}
              />
            ))}
          </div>
        )}
      </TableCell>
    </TableRow>
  );
}

/** The registered versions of the current MLModel, newest first. */
export function MLModelVersionsCard(props: MLModelVersionsCardProps) {
  const { entity } = useEntity();
  if (!isMLModelEntity(entity)) {
    return <NotAnMLModel entity={entity} />;
  }
  const versions = Array.isArray(entity.spec.versions)
    ? entity.spec.versions
    : [];
  const production = entity.spec.version;
  return (
    <InfoCard
      title="Versions"
      subheader={
        production
          ? `${versions.length} registered · ${production} in production`
          : `${versions.length} registered · none marked as in production (spec.version)`
      }
      variant={props.variant}
      noPadding={versions.length > 0}
    >
      {versions.length === 0 ? (
        <SpecHintEmptyState
          title="No versions registered"
          description="List the model's versions under spec.versions (artifact, registration time, training data, metrics) and set spec.version to the one in production."
          yaml={EXAMPLE}
        />
      ) : (
        <Box overflow="auto">
          <Table size="small" aria-label="Model versions">
            <TableHead>
              <TableRow>
                <TableCell>Version</TableCell>
                <TableCell>Registered</TableCell>
                <TableCell>Artifact</TableCell>
                <TableCell>Trained on</TableCell>
                <TableCell>Metrics</TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {sortVersionsNewestFirst(versions).map(version => (
                <VersionRow
                  key={version.version}
                  version={version}
                  isProduction={!!production && version.version === production}
                  namespace={entity.metadata.namespace}
                />
              ))}
            </TableBody>
          </Table>
        </Box>
      )}
    </InfoCard>
  );
}
