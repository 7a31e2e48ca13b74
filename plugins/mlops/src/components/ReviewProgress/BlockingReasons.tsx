import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import { ReactNode } from 'react';

const useStyles = makeStyles(theme => ({
  list: {
    margin: theme.spacing(0.5, 0, 0),
    paddingLeft: theme.spacing(2.5),
    '& li': {
      marginBottom: theme.spacing(0.25),
    },
  },
}));

/** What stands between a review and an open deploy gate, as a list. */
export function BlockingReasons(props: {
  reasons: string[];
  /** Show at most this many; the rest become "and N more". */
  limit?: number;
  title?: string;
  more?: ReactNode;
}) {
  const classes = useStyles();
  const { reasons, limit = reasons.length, title = 'Blocking' } = props;
  if (reasons.length === 0) return null;
  const shown = reasons.slice(0, limit);
  const hidden = reasons.length - shown.length;
  return (
    <Box data-testid="blocking-reasons">
      <Typography variant="subtitle2">{title}</Typography>
      <ul className={classes.list}>
        {shown.map((reason, i) => (
          <li key={i}>
            <Typography variant="body2">{reason}</Typography>
          </li>
        ))}
      </ul>
      {hidden > 0 && (
        <Typography variant="body2" color="textSecondary">
          … and {hidden} more{props.more ? ' ' : '.'}
          {props.more}
        </Typography>
      )}
    </Box>
  );
}
