import Button from '@material-ui/core/Button';
import Dialog from '@material-ui/core/Dialog';
import DialogActions from '@material-ui/core/DialogActions';
import DialogContent from '@material-ui/core/DialogContent';
import DialogContentText from '@material-ui/core/DialogContentText';
import DialogTitle from '@material-ui/core/DialogTitle';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import Alert from '@material-ui/lab/Alert';
import {
  MIN_OVERRIDE_JUSTIFICATION_LENGTH,
  RolloutActionName,
  ROLLOUT_WEIGHT_RANGE,
} from '@mlops-portal/plugin-mlops-common';
import { useState } from 'react';
import { RolloutView } from '../../api/rolloutTypes';

export const ACTION_LABELS: Record<RolloutActionName, string> = {
  promote: 'Promote',
  promoteFull: 'Promote fully',
  abort: 'Abort',
  retry: 'Retry',
  setWeight: 'Set weight',
};

function consequence(action: RolloutActionName, view: RolloutView): string {
  const { state } = view;
  const canary =
    state.canary?.modelVersion ?? state.canary?.name ?? 'the canary';
  const stable = state.stable?.modelVersion ?? state.stable?.name ?? 'stable';
  switch (action) {
    case 'promote':
      return `${canary} moves on to the next step of the rollout.`;
    case 'promoteFull':
      return `${canary} gets all traffic now, skipping the remaining steps, pauses and analyses.`;
    case 'abort':
      return `All traffic goes back to ${stable}; ${canary} stays deployed but serves nothing.`;
    case 'retry':
      return `The canary of ${canary} starts again from the first step.`;
    default:
      return `The share of traffic ${canary} receives changes; ${stable} receives the rest.`;
  }
}

/** The request the dialog confirms. */
export interface ConfirmedAction {
  action: RolloutActionName;
  weight?: number;
  justification?: string;
}

/**
 * Confirmation of one canary action: what it does, the Argo CD warning, and
 * for "promote fully" past a failing gate the override with its written
 * justification (only for holders of the override permission).
 */
export function RolloutActionDialog(props: {
  action: RolloutActionName;
  view: RolloutView;
  canOverride: boolean;
  busy: boolean;
  error?: string;
  conflict: boolean;
  onConfirm: (confirmed: ConfirmedAction) => void;
  onReload: () => void;
  onClose: () => void;
}) {
  const {
    action,
    view,
    canOverride,
    busy,
    error,
    conflict,
    onConfirm,
    onReload,
    onClose,
  } = props;
  const [weight, setWeight] = useState(String(view.state.canary?.weight || 10));
  const [justification, setJustification] = useState('');
  const gateBlocks =
    action === 'promoteFull' && view.gate !== null && !view.gate.allowed;
  const weightNumber = Number(weight);
  const weightValid =
    Number.isInteger(weightNumber) &&
    weightNumber >= ROLLOUT_WEIGHT_RANGE.min &&
    weightNumber <= ROLLOUT_WEIGHT_RANGE.max;
  const justificationValid =
    justification.trim().length >= MIN_OVERRIDE_JUSTIFICATION_LENGTH;
  const canConfirm =
    !busy &&
    !conflict &&
    (action !== 'setWeight' || weightValid) &&
    (!gateBlocks || (canOverride && justificationValid));

  return (
    <Dialog
      open
      onClose={onClose}
      aria-labelledby="rollout-action-title"
      fullWidth
      maxWidth="sm"
    >
      <DialogTitle id="rollout-action-title">
        {ACTION_LABELS[action]} {view.deployment.kind}{' '}
        {view.deployment.namespace}/{view.deployment.name}?
      </DialogTitle>
      <DialogContent>
        <DialogContentText>{consequence(action, view)}</DialogContentText>
        {action === 'setWeight' && (
          <TextField
            id="rollout-canary-weight"
            label="Canary weight (%)"
            type="number"
            value={weight}
            onChange={e => setWeight(e.target.value)}
            inputProps={{
              min: ROLLOUT_WEIGHT_RANGE.min,
              max: ROLLOUT_WEIGHT_RANGE.max,
              step: 1,
            }}
            error={!weightValid}
            helperText={
              weightValid
                ? 'The rest goes to the stable revision.'
                : `A whole number from ${ROLLOUT_WEIGHT_RANGE.min} to ${ROLLOUT_WEIGHT_RANGE.max}; use Promote fully for 100 and Abort for 0.`
            }
            fullWidth
            margin="normal"
          />
        )}
        {gateBlocks && (
          <Alert severity="error" style={{ marginTop: 8 }}>
            <Typography variant="body2">Promote fully is blocked:</Typography>
            <ul style={{ margin: 0, paddingLeft: 20 }}>
              {view.gate!.reasons.map(reason => (
                <li key={reason}>
                  <Typography variant="body2">{reason}</Typography>
                </li>
              ))}
            </ul>
            {!canOverride && (
              <Typography variant="body2">
                Overriding the gate needs the mlops.rollout.override permission.
              </Typography>
            )}
          </Alert>
        )}
        {gateBlocks && canOverride && (
          <TextField
            id="rollout-override-justification"
            label="Justification for overriding the gate"
            value={justification}
            onChange={e => setJustification(e.target.value)}
            required
            multiline
            minRows={3}
            fullWidth
            margin="normal"
            helperText={`Recorded in the audit log with your name (at least ${MIN_OVERRIDE_JUSTIFICATION_LENGTH} characters).`}
          />
        )}
        {view.argoCdWarning && (
          <Alert severity="warning" style={{ marginTop: 8 }}>
            {view.argoCdWarning}
          </Alert>
        )}
        {error && (
          <Alert
            severity="error"
            style={{ marginTop: 8 }}
            action={
              conflict ? (
                <Button color="inherit" size="small" onClick={onReload}>
                  Reload
                </Button>
              ) : undefined
            }
          >
            {error}
          </Alert>
        )}
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>Cancel</Button>
        <Button
          color={action === 'abort' ? 'secondary' : 'primary'}
          variant="contained"
          disabled={!canConfirm}
          onClick={() =>
            onConfirm({
              action,
              ...(action === 'setWeight' ? { weight: weightNumber } : {}),
              ...(gateBlocks ? { justification: justification.trim() } : {}),
            })
          }
        >
          {gateBlocks ? 'Override and promote fully' : ACTION_LABELS[action]}
        </Button>
      </DialogActions>
    </Dialog>
  );
}
