import { InfoCard } from '@backstage/core-components';
import Box from '@material-ui/core/Box';
import Chip from '@material-ui/core/Chip';
import Divider from '@material-ui/core/Divider';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import {
  READINESS_CATEGORIES,
  ReadinessCategory,
} from '@mlops-portal/plugin-mlops-common';
import { Fragment } from 'react';
import { ChecklistEntry } from '../../api/types';
import { ActionAvailability } from '../../readiness/reviewActionAvailability';
import { CHECK_STATE_LOOK, CheckStateIcon } from '../ReviewProgress';
import { CheckEvidence } from './CheckEvidence';
import { GuardedButton } from './GuardedButton';

const CATEGORY_TITLES: Record<ReadinessCategory, string> = {
  reliability: 'Reliability',
  monitoring: 'Monitoring',
  governance: 'Governance',
  security: 'Security',
  documentation: 'Documentation',
};

const useStyles = makeStyles(theme => ({
  category: {
    display: 'flex',
    alignItems: 'baseline',
    gap: theme.spacing(1.5),
    padding: theme.spacing(2, 2, 0.5),
  },
  row: {
    display: 'grid',
    gridTemplateColumns: '24px 1fr auto',
    columnGap: theme.spacing(1.5),
    padding: theme.spacing(1.5, 2),
  },
  titleLine: {
    display: 'flex',
    alignItems: 'center',
    flexWrap: 'wrap',
    gap: theme.spacing(1),
  },
  state: {
    fontWeight: 600,
    whiteSpace: 'nowrap',
    textAlign: 'right',
  },
  actions: {
    marginTop: theme.spacing(1),
  },
}));

export interface ChecklistCardProps {
  checklist: ChecklistEntry[];
  attest: ActionAvailability;
  /** The review is no longer in progress: attest buttons are left out. */
  closed?: boolean;
  onAttest: (entry: ChecklistEntry) => void;
}

/** Groups the checklist by category, in the engine's category order. */
export function groupChecklist(
  checklist: ChecklistEntry[],
): Array<{ category: string; title: string; entries: ChecklistEntry[] }> {
  const known = READINESS_CATEGORIES as readonly string[];
  const categories = [
    ...READINESS_CATEGORIES,
    // A configured check could name a category this frontend does not know.
    ...new Set(checklist.map(e => e.category).filter(c => !known.includes(c))),
  ];
  return categories
    .map(category => ({
      category,
      title:
        CATEGORY_TITLES[category as ReadinessCategory] ??
        category.charAt(0).toLocaleUpperCase('en-US') + category.slice(1),
      entries: checklist.filter(e => e.category === category),
    }))
    .filter(group => group.entries.length > 0);
}

function CheckRow(props: {
  entry: ChecklistEntry;
  attest: ActionAvailability;
  closed?: boolean;
  onAttest: (entry: ChecklistEntry) => void;
}) {
  const { entry, attest, closed, onAttest } = props;
  const classes = useStyles();
  const look = CHECK_STATE_LOOK[entry.state];
  return (
    <div
      className={classes.row}
      data-testid={`check-${entry.id}`}
      data-state={entry.state}
    >
      <Box pt={0.25}>
        <CheckStateIcon state={entry.state} />
      </Box>
      <Box minWidth={0}>
        <div className={classes.titleLine}>
          <Typography variant="subtitle1" component="h4">
            {entry.title}
          </Typography>
          <Chip
            size="small"
            variant="outlined"
            label={entry.kind === 'manual' ? 'Manual' : 'Automatic'}
          />
          {!entry.required && (
            <Chip size="small" variant="outlined" label="Optional" />
          )}
        </div>
        <Typography variant="body2" color="textSecondary">
          {entry.why}
        </Typography>
        <CheckEvidence entry={entry} />
        {entry.kind === 'manual' && !closed && (
          <div className={classes.actions}>
            <GuardedButton
              size="small"
              variant={entry.attestation ? 'text' : 'outlined'}
              color="primary"
              availability={attest}
              showReason={false}
              onClick={() => onAttest(entry)}
              aria-label={`${
                entry.attestation ? 'Replace attestation of' : 'Attest'
              } ${entry.title}`}
            >
              {entry.attestation ? 'Replace attestation' : 'Attest'}
            </GuardedButton>
          </div>
        )}
      </Box>
      <Typography
        variant="body2"
        className={classes.state}
        style={{ color: look.color }}
      >
        {look.label}
      </Typography>
    </div>
  );
}

/** The review's checklist, grouped by category, with each check's evidence. */
export function ChecklistCard(props: ChecklistCardProps) {
  const { checklist, attest, closed, onAttest } = props;
  const classes = useStyles();
  const groups = groupChecklist(checklist);
  const manualPending = checklist.filter(
    e => e.kind === 'manual' && e.state === 'pending',
  ).length;
  return (
    <InfoCard
      title="Checklist"
      subheader={`${checklist.length} checks · ${manualPending} manual ${
        manualPending === 1 ? 'check waits' : 'checks wait'
      } for attestation`}
      noPadding
    >
      {!attest.allowed && attest.reason && (closed || manualPending > 0) && (
        <Box px={2} pt={1}>
          <Typography variant="caption" color="textSecondary">
            {attest.reason}
          </Typography>
        </Box>
      )}
      {groups.map((group, i) => {
        const passed = group.entries.filter(e => e.state === 'passed').length;
        return (
          <Fragment key={group.category}>
            {i > 0 && <Divider />}
            <section
              aria-label={group.title}
              data-testid={`category-${group.category}`}
            >
              <div className={classes.category}>
                <Typography variant="h6" component="h3">
                  {group.title}
                </Typography>
                <Typography variant="body2" color="textSecondary">
                  {passed} of {group.entries.length} passed
                </Typography>
              </div>
              {group.entries.map(entry => (
                <CheckRow
                  key={entry.id}
                  entry={entry}
                  attest={attest}
                  closed={closed}
                  onAttest={onAttest}
                />
              ))}
            </section>
          </Fragment>
        );
      })}
    </InfoCard>
  );
}
