import Chip from '@material-ui/core/Chip';
import Grid from '@material-ui/core/Grid';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import { MLModelEntityV1alpha1 } from '@mlops-portal/plugin-mlops-common';
import { ReactNode } from 'react';
import { RefLink } from '../RefLink';
import { LifecycleChip } from '../LifecycleChip';
import { RiskTierChip } from '../RiskTierChip';

const useStyles = makeStyles(theme => ({
  label: {
    color: theme.palette.text.secondary,
    textTransform: 'uppercase',
    fontSize: '0.7rem',
    fontWeight: 'bold',
    letterSpacing: 0.5,
    // Wrap rather than clip: the facts column is narrow beside the model card.
    overflowWrap: 'break-word',
  },
  value: {
    fontWeight: 'bold',
    overflow: 'hidden',
    lineHeight: '24px',
    wordBreak: 'break-word',
  },
  version: {
    fontFamily: 'monospace',
  },
}));

function Fact(props: { label: string; children: ReactNode; xs?: 6 | 12 }) {
  const classes = useStyles();
  return (
    <Grid item xs={props.xs ?? 6}>
      <Typography component="h3" className={classes.label}>
        {props.label}
      </Typography>
      <Typography component="div" variant="body2" className={classes.value}>
        {props.children}
      </Typography>
    </Grid>
  );
}

const Unknown = () => (
  <Typography component="span" variant="body2" color="textSecondary">
    —
  </Typography>
);

/** Type, risk tier, lifecycle, owner, system, framework and production version. */
export function ModelFacts(props: { entity: MLModelEntityV1alpha1 }) {
  const { spec, metadata } = props.entity;
  const classes = useStyles();
  const namespace = metadata.namespace;
  return (
    <Grid container spacing={2}>
      <Fact label="Owner">
        <RefLink
          entityRef={spec.owner}
          defaultKind="group"
          defaultNamespace={namespace}
        />
      </Fact>
      <Fact label="System">
        {spec.system ? (
          <RefLink
            entityRef={spec.system}
            defaultKind="system"
            defaultNamespace={namespace}
          />
        ) : (
          <Unknown />
        )}
      </Fact>
      <Fact label="Risk tier">
        <RiskTierChip tier={spec.riskTier} />
      </Fact>
      <Fact label="Lifecycle">
        <LifecycleChip lifecycle={spec.lifecycle} />
      </Fact>
      <Fact label="Type">{spec.type ?? <Unknown />}</Fact>
      <Fact label="Framework">{spec.framework ?? <Unknown />}</Fact>
      <Fact label="Production version">
        {spec.version ? (
          <span className={classes.version}>{spec.version}</span>
        ) : (
          <Unknown />
        )}
      </Fact>
      <Fact label="Versions">{spec.versions?.length ?? 0}</Fact>
      {metadata.tags && metadata.tags.length > 0 && (
        <Fact label="Tags" xs={12}>
          {metadata.tags.map(tag => (
            <Chip
              key={tag}
              size="small"
              label={tag}
              style={{ marginRight: 4 }}
            />
          ))}
        </Fact>
      )}
    </Grid>
  );
}
