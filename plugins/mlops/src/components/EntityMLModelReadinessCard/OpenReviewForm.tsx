import { humanizeEntityRef } from '@backstage/plugin-catalog-react';
import { parseEntityRef } from '@backstage/catalog-model';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import CircularProgress from '@material-ui/core/CircularProgress';
import MenuItem from '@material-ui/core/MenuItem';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import Alert from '@material-ui/lab/Alert';
import { useEffect, useState } from 'react';
import { serverErrorMessage } from '../../api/serverErrorMessage';
import { VersionChoice } from '../../readiness/versionsOpenForReview';

const useStyles = makeStyles(theme => ({
  row: {
    display: 'flex',
    alignItems: 'center',
    flexWrap: 'wrap',
    gap: theme.spacing(1.5),
  },
  select: {
    minWidth: 180,
  },
}));

export interface OpenReviewFormProps {
  choice: VersionChoice;
  /** The model's `spec.production` version, marked in the menu. */
  productionVersion?: string;
  /** `spec.owner`, to say who may open reviews. */
  owner?: string;
  /** The policy's answer for `mlops.review.create`; undefined while loading. */
  canCreate?: boolean;
  hasVersions: boolean;
  onOpen: (version: string) => Promise<void>;
}

function ownerName(owner?: string) {
  if (!owner) return 'the owning team';
  try {
    return humanizeEntityRef(parseEntityRef(owner, { defaultKind: 'group' }), {
      defaultKind: 'group',
    });
  } catch {
    return owner;
  }
}

/** Why a new review cannot be opened, or undefined when it can. */
function disabledReason(props: OpenReviewFormProps): string | undefined {
  if (!props.hasVersions) {
    return 'Declare the model versions under spec.versions first: a review is always of one version.';
  }
  if (props.canCreate === undefined) return 'Checking your permissions…';
  if (!props.canCreate) {
    return `Only members of ${ownerName(
      props.owner,
    )}, the model's owner, can open a readiness review.`;
  }
  if (props.choice.candidates.length === 0) {
    return 'Every version already has a review in progress or approved.';
  }
  return undefined;
}

/** Choose a version and open its readiness review. */
export function OpenReviewForm(props: OpenReviewFormProps) {
  const classes = useStyles();
  const { choice, productionVersion, onOpen } = props;
  const [version, setVersion] = useState(choice.suggested ?? '');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  useEffect(() => {
    setVersion(current =>
      choice.candidates.some(c => c.version === current)
        ? current
        : choice.suggested ?? '',
    );
  }, [choice]);
  const reason = disabledReason(props);
  const disabled = !!reason || busy || !version;

  const submit = async () => {
    setBusy(true);
    setError(undefined);
    try {
      await onOpen(version);
    } catch (e) {
      setError(serverErrorMessage(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Box>
      <div className={classes.row}>
        {choice.candidates.length > 0 && (
          <TextField
            select
            id="readiness-review-version"
            size="small"
            variant="outlined"
            label="Version to review"
            value={version}
            onChange={e => setVersion(e.target.value)}
            className={classes.select}
            disabled={!!reason || busy}
          >
            {choice.candidates.map(v => (
              <MenuItem key={v.version} value={v.version}>
                {v.version}
                {v.version === productionVersion ? ' (in production)' : ''}
              </MenuItem>
            ))}
          </TextField>
        )}
        <Button
          variant="contained"
          color="primary"
          onClick={submit}
          disabled={disabled}
          aria-describedby={reason ? 'open-review-reason' : undefined}
          startIcon={busy ? <CircularProgress size={16} /> : undefined}
        >
          {version ? `Open review of ${version}` : 'Open review'}
        </Button>
      </div>
      {reason && (
        <Typography
          id="open-review-reason"
          variant="caption"
          color="textSecondary"
          component="p"
          style={{ marginTop: 6 }}
        >
          {reason}
        </Typography>
      )}
      {!reason && choice.taken.length > 0 && (
        <Typography
          variant="caption"
          color="textSecondary"
          component="p"
          style={{ marginTop: 6 }}
        >
          Not offered:{' '}
          {choice.taken
            .map(t => `${t.version} (${t.review.status.replace('-', ' ')})`)
            .join(', ')}
          .
        </Typography>
      )}
      {error && (
        <Box mt={1}>
          <Alert severity="error">{error}</Alert>
        </Box>
      )}
    </Box>
  );
}
