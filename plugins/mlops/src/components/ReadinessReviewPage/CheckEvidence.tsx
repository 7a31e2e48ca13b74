import { Link } from '@backstage/core-components';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import { red } from '@material-ui/core/colors';
import { Fragment, ReactNode } from 'react';
import { ChecklistEntry } from '../../api/types';
import { formatRegisteredAt } from '../EntityMLModelVersionsCard/versionDisplay';
import { qualifyEntityRef } from '../../refs/modelRefs';
import { isSafeHttpUrl } from '../../urls/isSafeHttpUrl';

const useStyles = makeStyles(theme => ({
  box: {
    overflowWrap: 'anywhere',
    marginTop: theme.spacing(1),
    padding: theme.spacing(1, 1.5),
    borderRadius: theme.shape.borderRadius,
    backgroundColor:
      theme.palette.type === 'dark'
        ? 'rgba(255, 255, 255, 0.04)'
        : 'rgba(0, 0, 0, 0.03)',
    borderLeft: `3px solid ${theme.palette.divider}`,
  },
  fields: {
    display: 'grid',
    gridTemplateColumns: 'max-content 1fr',
    columnGap: theme.spacing(2),
    rowGap: theme.spacing(0.25),
    margin: theme.spacing(0.75, 0, 0),
    fontFamily: theme.typography.fontFamily,
    '& dt': {
      color: theme.palette.text.secondary,
      fontSize: '0.8rem',
    },
    '& dd': {
      margin: 0,
      fontSize: '0.8rem',
      wordBreak: 'break-word',
    },
  },
  problem: {
    color: theme.palette.type === 'dark' ? red[300] : red[800],
    fontWeight: 600,
  },
  quote: {
    margin: theme.spacing(0.5, 0),
    fontStyle: 'italic',
  },
}));

// Evidence keys whose values are what is wrong: shown in red.
const PROBLEM_KEYS = new Set(['missing', 'rejected']);

// Evidence keys people know by another spelling.
const LABELS: Record<string, string> = {
  url: 'URL',
  slos: 'SLOs',
  openSloFile: 'OpenSLO file',
};

function labelOf(key: string): string {
  if (LABELS[key]) return LABELS[key];
  const words = key
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .toLocaleLowerCase('en-US');
  return words.charAt(0).toLocaleUpperCase('en-US') + words.slice(1);
}

const ENTITY_REF = /^[a-z][a-z0-9-]*:[^/\s]+\/[^\s]+$/i;

/** One evidence value: links for URLs and entity refs, lists joined. */
function renderValue(
  value: unknown,
  problemClass: string | undefined,
): ReactNode {
  if (value === null || value === undefined) return '—';
  if (typeof value === 'string') {
    if (isSafeHttpUrl(value)) {
      return (
        <Link to={value} target="_blank" rel="noopener noreferrer">
          {value}
        </Link>
      );
    }
    if (ENTITY_REF.test(value) && qualifyEntityRef(value)) {
      return (
        <span className={problemClass}>
          <EntityRefLink entityRef={value} />
        </span>
      );
    }
    return <span className={problemClass}>{value}</span>;
  }
  if (typeof value === 'number' || typeof value === 'boolean') {
    return String(value);
  }
  if (Array.isArray(value)) {
    if (value.length === 0) return 'none';
    return value.map((item, i) => (
      <Fragment key={i}>
        {i > 0 && ', '}
        {renderValue(item, problemClass)}
      </Fragment>
    ));
  }
  if (typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>);
    if (entries.length === 0) return 'none';
    return entries.map(([k, v], i) => (
      <Fragment key={k}>
        {i > 0 && ', '}
        {k} {renderValue(v, problemClass)}
      </Fragment>
    ));
  }
  return String(value);
}

/** What an automatic check's verdict rests on, or a manual check's attestation. */
export function CheckEvidence(props: { entry: ChecklistEntry }) {
  const { entry } = props;
  const classes = useStyles();

  if (entry.kind === 'manual') {
    const attestation = entry.attestation;
    if (!attestation) {
      return (
        <Typography
          variant="body2"
          color="textSecondary"
          className={classes.box}
        >
          Not attested yet: someone from the owning team (or a reviewer) attests
          it with a link to the evidence.
        </Typography>
      );
    }
    return (
      <Box className={classes.box} data-testid={`attestation-${entry.id}`}>
        <Typography variant="body2">
          Evidence:{' '}
          {isSafeHttpUrl(attestation.evidenceUrl) ? (
            <Link
              to={attestation.evidenceUrl}
              target="_blank"
              rel="noopener noreferrer"
            >
              {attestation.evidenceUrl}
            </Link>
          ) : (
            attestation.evidenceUrl
          )}
        </Typography>
        <Typography variant="body2" className={classes.quote}>
          “{attestation.comment}”
        </Typography>
        <Typography variant="caption" color="textSecondary">
          Attested by{' '}
          <EntityRefLink entityRef={attestation.by} defaultKind="user" /> on{' '}
          {formatRegisteredAt(attestation.at)}
        </Typography>
      </Box>
    );
  }

  const result = entry.result;
  if (!result) {
    return (
      <Typography variant="body2" color="textSecondary" className={classes.box}>
        Not evaluated yet. Refresh the review to evaluate it now.
      </Typography>
    );
  }
  const fields = Object.entries(result.evidence ?? {});
  return (
    <Box className={classes.box} data-testid={`evidence-${entry.id}`}>
      <Typography variant="body2">{result.summary}</Typography>
      {fields.length > 0 && (
        <dl className={classes.fields}>
          {fields.map(([key, value]) => (
            <Fragment key={key}>
              <dt>{labelOf(key)}</dt>
              <dd>
                {renderValue(
                  value,
                  PROBLEM_KEYS.has(key) ? classes.problem : undefined,
                )}
              </dd>
            </Fragment>
          ))}
        </dl>
      )}
      <Typography variant="caption" color="textSecondary">
        Evaluated {formatRegisteredAt(result.evaluatedAt)}
      </Typography>
    </Box>
  );
}
