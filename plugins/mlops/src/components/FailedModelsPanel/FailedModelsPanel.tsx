import { InfoCard, WarningPanel } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { ResponseError } from '@backstage/errors';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Chip from '@material-ui/core/Chip';
import Link from '@material-ui/core/Link';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import { useMemo, useState } from 'react';
import useAsync from 'react-use/esm/useAsync';
import { FailedMLModel, mlopsApiRef } from '../../api';
import { isOwnedBy, sortFailedModels } from '../../validation/toFailedModels';
import { isSafeHttpUrl } from '../../urls/isSafeHttpUrl';
import { formatOwnerRef } from '../../refs/formatOwnerRef';

/** @public */
export interface FailedModelsPanelProps {
  /** The signed-in user's ownership refs; their teams' models come first. */
  ownershipRefs: string[];
  /** How many models to list before "Show all"; defaults to 5. */
  initialLimit?: number;
}

const useStyles = makeStyles(theme => ({
  model: {
    borderLeft: `4px solid ${theme.palette.divider}`,
    paddingLeft: theme.spacing(2),
    marginBottom: theme.spacing(2),
  },
  mine: {
    borderLeftColor: theme.palette.warning.main,
    backgroundColor:
      theme.palette.type === 'dark'
        ? 'rgba(255, 152, 0, 0.08)'
        : 'rgba(255, 152, 0, 0.06)',
  },
  header: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'center',
    gap: theme.spacing(1),
    paddingTop: theme.spacing(0.5),
  },
  ref: {
    fontFamily: 'monospace',
    color: theme.palette.text.secondary,
  },
  issues: {
    margin: theme.spacing(0.5, 0, 0.5, 0),
    paddingLeft: theme.spacing(2.5),
  },
  path: {
    fontFamily: 'monospace',
    fontWeight: 600,
    marginRight: theme.spacing(0.75),
  },
}));

function FailedModelItem(props: { model: FailedMLModel; mine: boolean }) {
  const { model, mine } = props;
  const classes = useStyles();
  return (
    <Box
      className={`${classes.model} ${mine ? classes.mine : ''}`}
      data-testid={`failed-model-${model.entityRef}`}
      data-mine={mine}
    >
      <div className={classes.header}>
        <Typography variant="subtitle1" component="h3">
          <strong>{model.title ?? model.name}</strong>
        </Typography>
        <Typography variant="caption" className={classes.ref}>
          {model.entityRef}
        </Typography>
        {model.owner && (
          <Chip
            size="small"
            variant="outlined"
            label={`owner: ${formatOwnerRef(model.owner)}`}
          />
        )}
        {mine && <Chip size="small" color="primary" label="Your team" />}
        {isSafeHttpUrl(model.location) && (
          <Link
            href={model.location}
            target="_blank"
            rel="noopener noreferrer"
            variant="caption"
          >
            Open catalog-info.yaml
          </Link>
        )}
      </div>
      <ul className={classes.issues}>
        {model.issues.map((issue, i) => (
          <li key={i}>
            <Typography variant="body2" component="span">
              {issue.path && <span className={classes.path}>{issue.path}</span>}
              {issue.message}
            </Typography>
          </li>
        ))}
        {model.issues.length === 0 && (
          <li>
            <Typography variant="body2" component="span">
              The catalog recorded no error message for this entity.
            </Typography>
          </li>
        )}
      </ul>
    </Box>
  );
}

/**
 * MLModel entities the catalog refused, each with the fields to fix. Hidden
 * when there are none, and when the unprocessed-entities endpoint is not
 * installed (404) or the user may not read it (403).
 */
export function FailedModelsPanel(props: FailedModelsPanelProps) {
  const { ownershipRefs, initialLimit = 5 } = props;
  const api = useApi(mlopsApiRef);
  const [showAll, setShowAll] = useState(false);

  const { value, error } = useAsync(async () => {
    try {
      return await api.getFailedModels();
    } catch (e) {
      if (
        ResponseError.is(e) &&
        (e.statusCode === 403 || e.statusCode === 404)
      ) {
        return undefined;
      }
      throw e;
    }
  }, [api]);

  const models = useMemo(
    () => (value ? sortFailedModels(value, ownershipRefs) : []),
    [value, ownershipRefs],
  );

  if (error) {
    return (
      <WarningPanel
        severity="info"
        title="Could not check for models that failed validation"
        message={error.message}
      />
    );
  }
  if (models.length === 0) return null;

  const mineCount = models.filter(m => isOwnedBy(m, ownershipRefs)).length;
  const shown = showAll ? models : models.slice(0, initialLimit);
  return (
    <InfoCard
      title={`Models that failed validation (${models.length})`}
      subheader={
        <>
          The catalog rejected these MLModel entities, so they are missing from
          the table below. Fix the fields named here in each model's
          catalog-info.yaml; the catalog picks the change up on its next
          refresh.
          {mineCount > 0 && (
            <strong>
              {' '}
              {mineCount === 1
                ? '1 of them is owned by your team.'
                : `${mineCount} of them are owned by your teams.`}
            </strong>
          )}
        </>
      }
    >
      {shown.map(model => (
        <FailedModelItem
          key={model.entityRef}
          model={model}
          mine={isOwnedBy(model, ownershipRefs)}
        />
      ))}
      {models.length > shown.length && (
        <Button size="small" onClick={() => setShowAll(true)}>
          Show all {models.length}
        </Button>
      )}
    </InfoCard>
  );
}
