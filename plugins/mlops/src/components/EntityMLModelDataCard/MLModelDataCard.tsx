import { Entity } from '@backstage/catalog-model';
import {
  InfoCard,
  InfoCardVariants,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { EntityRefLink, useEntity } from '@backstage/plugin-catalog-react';
import Box from '@material-ui/core/Box';
import Chip from '@material-ui/core/Chip';
import Grid from '@material-ui/core/Grid';
import List from '@material-ui/core/List';
import ListItem from '@material-ui/core/ListItem';
import ListItemIcon from '@material-ui/core/ListItemIcon';
import ListItemText from '@material-ui/core/ListItemText';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import StorageIcon from '@material-ui/icons/Storage';
import CloudQueueIcon from '@material-ui/icons/CloudQueue';
import ErrorOutlineIcon from '@material-ui/icons/ErrorOutline';
import {
  isMLModelEntity,
  MLModelEntityV1alpha1,
} from '@mlops-portal/plugin-mlops-common';
import { ReactElement } from 'react';
import { collectModelRefs, ModelRef } from '../../refs/modelRefs';
import {
  ModelRefEntities,
  useModelRefEntities,
} from '../../refs/useModelRefEntities';
import { NotAnMLModel } from '../NotAnMLModel';
import { SpecHintEmptyState } from '../SpecHintEmptyState';

/** @public */
export interface MLModelDataCardProps {
  variant?: InfoCardVariants;
}

const useStyles = makeStyles(theme => ({
  missing: {
    color: theme.palette.error.main,
    borderColor: theme.palette.error.main,
  },
}));

const EXAMPLE = `spec:
  datasets:
    - resource:default/transactions-2025
  servedBy:
    - component:default/fraud-scorer`;

/** One related entity: the first place the spec mentions it, and the versions trained on it. */
interface RelatedRow {
  ref: string;
  path: string;
  versions: string[];
}

function relatedRows(
  entity: MLModelEntityV1alpha1,
  refs: ModelRef[],
  roles: ModelRef['role'][],
): RelatedRow[] {
  const rows = new Map<string, RelatedRow>();
  refs
    .filter(r => roles.includes(r.role))
    .forEach(r => {
      if (!rows.has(r.ref))
        rows.set(r.ref, { ref: r.ref, path: r.path, versions: [] });
    });
  (entity.spec.versions ?? []).forEach((version, i) => {
    refs
      .filter(
        r =>
          r.role === 'trainedOn' && r.path.startsWith(`spec.versions[${i}].`),
      )
      .forEach(r => {
        const row = rows.get(r.ref);
        if (row && !row.versions.includes(version.version))
          row.versions.push(version.version);
      });
  });
  return [...rows.values()];
}

function RelatedItem(props: {
  row: RelatedRow;
  found?: Entity;
  icon: ReactElement;
}) {
  const { row, found, icon } = props;
  const classes = useStyles();
  if (!found) {
    return (
      <ListItem dense disableGutters data-testid={`missing-${row.ref}`}>
        <ListItemIcon>
          <ErrorOutlineIcon color="error" />
        </ListItemIcon>
        <ListItemText
          primary={
            <Box
              display="flex"
              alignItems="center"
              flexWrap="wrap"
              style={{ gap: 8 }}
            >
              <span>{row.ref}</span>
              <Chip
                size="small"
                variant="outlined"
                label="Not in catalog"
                className={classes.missing}
              />
            </Box>
          }
          secondary={`Register this entity, or fix the reference at ${row.path}.`}
        />
      </ListItem>
    );
  }
  const type =
    typeof found.spec?.type === 'string' ? found.spec.type : undefined;
  return (
    <ListItem dense disableGutters>
      <ListItemIcon>{icon}</ListItemIcon>
      <ListItemText
        primary={
          <Box
            display="flex"
            alignItems="center"
            flexWrap="wrap"
            style={{ gap: 8 }}
          >
            <EntityRefLink entityRef={found} />
            {type && <Chip size="small" label={type} />}
            {row.versions.length > 0 && (
              <Typography variant="caption" color="textSecondary">
                trains {row.versions.join(', ')}
              </Typography>
            )}
          </Box>
        }
        secondary={found.metadata.description ?? 'No description'}
      />
    </ListItem>
  );
}

function RelatedSection(props: {
  title: string;
  rows: RelatedRow[];
  data: ModelRefEntities;
  icon: ReactElement;
  emptyText: string;
}) {
  const { title, rows, data, icon, emptyText } = props;
  return (
    <Box>
      <Typography variant="subtitle2" component="h3">
        {title} ({rows.length})
      </Typography>
      {rows.length === 0 ? (
        <Typography variant="body2" color="textSecondary">
          {emptyText}
        </Typography>
      ) : (
        <List dense disablePadding>
          {rows.map(row => (
            <RelatedItem
              key={row.ref}
              row={row}
              found={data.entities.get(row.ref)}
              icon={icon}
            />
          ))}
        </List>
      )}
    </Box>
  );
}

function DataCardContent(props: { entity: MLModelEntityV1alpha1 }) {
  const { entity } = props;
  const { loading, error, value } = useModelRefEntities(entity);
  const refs = collectModelRefs(entity);
  const datasets = relatedRows(entity, refs, ['dataset', 'trainedOn']);
  const serving = relatedRows(entity, refs, ['servedBy']);

  if (datasets.length === 0 && serving.length === 0) {
    return (
      <SpecHintEmptyState
        title="No datasets or serving components"
        description="Name the datasets the model is trained on (usually Resource entities) and the components that serve it, so people can follow the data and find the service."
        yaml={EXAMPLE}
      />
    );
  }
  if (loading) return <Progress />;
  if (error) return <ResponseErrorPanel error={error} />;
  const data = value!;
  return (
    <Grid container spacing={2}>
      <Grid item xs={12}>
        <RelatedSection
          title="Datasets"
          rows={datasets}
          data={data}
          icon={<StorageIcon />}
          emptyText="No datasets declared in spec.datasets."
        />
      </Grid>
      <Grid item xs={12}>
        <RelatedSection
          title="Served by"
          rows={serving}
          data={data}
          icon={<CloudQueueIcon />}
          emptyText="No serving components declared in spec.servedBy."
        />
      </Grid>
    </Grid>
  );
}

/** The datasets and serving components of the current MLModel, as the catalog knows them. */
export function MLModelDataCard(props: MLModelDataCardProps) {
  const { entity } = useEntity();
  if (!isMLModelEntity(entity)) {
    return <NotAnMLModel entity={entity} />;
  }
  return (
    <InfoCard title="Data and serving" variant={props.variant}>
      <DataCardContent entity={entity} />
    </InfoCard>
  );
}
