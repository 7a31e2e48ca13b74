import Box from '@material-ui/core/Box';
import Button, { ButtonProps } from '@material-ui/core/Button';
import Tooltip from '@material-ui/core/Tooltip';
import Typography from '@material-ui/core/Typography';
import { useId } from 'react';
import { ActionAvailability } from '../../readiness/reviewActionAvailability';

export type GuardedButtonProps = Omit<ButtonProps, 'disabled'> & {
  availability: ActionAvailability;
  /** Also disabled, without a reason, e.g. while a request runs. */
  busy?: boolean;
  /** Print the reason under the button, not only in its tooltip. */
  showReason?: boolean;
};

/**
 * A button that is disabled when the action is not available to the
 * viewer, and then says why: in a tooltip (a disabled button gets no
 * pointer events, hence the span) and, by default, in a caption below.
 */
export function GuardedButton(props: GuardedButtonProps) {
  const { availability, busy, showReason = true, ...buttonProps } = props;
  const reasonId = useId();
  const reason = availability.allowed ? undefined : availability.reason;
  return (
    <Box>
      <Tooltip title={reason ?? ''} disableHoverListener={!reason}>
        <span style={{ display: 'inline-block' }}>
          <Button
            {...buttonProps}
            disabled={!availability.allowed || busy}
            aria-describedby={reason ? reasonId : undefined}
          />
        </span>
      </Tooltip>
      {reason && showReason && (
        <Typography
          id={reasonId}
          variant="caption"
          color="textSecondary"
          component="p"
          data-testid="disabled-reason"
          style={{ marginTop: 4 }}
        >
          {reason}
        </Typography>
      )}
    </Box>
  );
}
