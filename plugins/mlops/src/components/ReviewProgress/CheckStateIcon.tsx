import { green, grey, red, amber } from '@material-ui/core/colors';
import PassedIcon from '@material-ui/icons/CheckCircle';
import FailedIcon from '@material-ui/icons/Cancel';
import PendingIcon from '@material-ui/icons/Schedule';
import NotApplicableIcon from '@material-ui/icons/RemoveCircleOutline';
import { CheckState } from '@mlops-portal/plugin-mlops-common';

/** Colour and wording per check state, shared by counts and checklist rows. */
export const CHECK_STATE_LOOK: Record<
  CheckState,
  { color: string; label: string; Icon: typeof PassedIcon }
> = {
  passed: { color: green[700], label: 'Passed', Icon: PassedIcon },
  failed: { color: red[700], label: 'Failed', Icon: FailedIcon },
  pending: { color: amber[900], label: 'Pending', Icon: PendingIcon },
  'not-applicable': {
    color: grey[600],
    label: 'Not applicable',
    Icon: NotApplicableIcon,
  },
};

/** The icon of a check state, labelled for screen readers. */
export function CheckStateIcon(props: {
  state: CheckState;
  fontSize?: 'small' | 'inherit' | 'default';
}) {
  const look = CHECK_STATE_LOOK[props.state] ?? CHECK_STATE_LOOK.pending;
  const { Icon } = look;
  return (
    <Icon
      fontSize={props.fontSize ?? 'small'}
      style={{ color: look.color }}
      titleAccess={look.label}
      aria-hidden={false}
    />
  );
}
