import { CodeSnippet } from '@backstage/core-components';
import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import { MLModelCard } from '@mlops-portal/plugin-mlops-common';

/**
 * The model-card sections in reading order (after Mitchell et al., "Model
 * Cards for Model Reporting"); the first six are the ones every card should
 * have, the last two are shown only when written.
 */
export const MODEL_CARD_SECTIONS: Array<{
  key: keyof MLModelCard;
  title: string;
  expected: boolean;
}> = [
  { key: 'summary', title: 'Summary', expected: true },
  { key: 'intendedUse', title: 'Intended use', expected: true },
  { key: 'limitations', title: 'Limitations', expected: true },
  {
    key: 'ethicalConsiderations',
    title: 'Ethical considerations',
    expected: true,
  },
  { key: 'trainingData', title: 'Training data', expected: true },
  { key: 'evaluation', title: 'Evaluation', expected: true },
  { key: 'outOfScopeUse', title: 'Out-of-scope use', expected: false },
  { key: 'caveats', title: 'Caveats and recommendations', expected: false },
];

const useStyles = makeStyles(theme => ({
  section: {
    marginBottom: theme.spacing(2),
    '&:last-child': { marginBottom: 0 },
  },
  heading: {
    fontWeight: 600,
    marginBottom: theme.spacing(0.5),
  },
  body: {
    whiteSpace: 'pre-line',
  },
}));

const EXAMPLE = `spec:
  modelCard:
    summary: Scores card payments for fraud in real time.
    intendedUse: Block or step-up card-not-present payments.
    limitations: Card-present payments are out of scope.
    ethicalConsiderations: Reviewed for disparate impact by region.
    trainingData: transactions-2025 (12 months, EU only).
    evaluation: AUC 0.93 on a held-out month.`;

/** The written model-card sections, and which expected ones are missing. */
export function ModelCardSections(props: { card?: MLModelCard }) {
  const classes = useStyles();
  const card = props.card ?? {};
  const written = MODEL_CARD_SECTIONS.filter(
    s => typeof card[s.key] === 'string' && card[s.key]!.trim() !== '',
  );
  const missing = MODEL_CARD_SECTIONS.filter(
    s => s.expected && !written.includes(s),
  );

  if (written.length === 0) {
    return (
      <Box>
        <Typography variant="subtitle1" className={classes.heading}>
          No model card yet
        </Typography>
        <Typography variant="body2" paragraph>
          A model card tells reviewers and users what this model is for, where
          it must not be used and how it was evaluated. Add{' '}
          <code>spec.modelCard</code> to the entity, for example:
        </Typography>
        <CodeSnippet text={EXAMPLE} language="yaml" showCopyCodeButton />
      </Box>
    );
  }

  return (
    <Box>
      {written.map(section => (
        <Box key={section.key} className={classes.section}>
          <Typography
            variant="subtitle2"
            component="h3"
            className={classes.heading}
          >
            {section.title}
          </Typography>
          <Typography variant="body2" className={classes.body}>
            {card[section.key]}
          </Typography>
        </Box>
      ))}
      {missing.length > 0 && (
        <Typography variant="caption" color="textSecondary" component="p">
          Not documented yet:{' '}
          {missing.map(s => s.title.toLocaleLowerCase('en-US')).join(', ')} (add
          them under <code>spec.modelCard</code>).
        </Typography>
      )}
    </Box>
  );
}
