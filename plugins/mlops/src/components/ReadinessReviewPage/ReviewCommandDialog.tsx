import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import CircularProgress from '@material-ui/core/CircularProgress';
import Dialog from '@material-ui/core/Dialog';
import DialogActions from '@material-ui/core/DialogActions';
import DialogContent from '@material-ui/core/DialogContent';
import DialogTitle from '@material-ui/core/DialogTitle';
import TextField from '@material-ui/core/TextField';
import Alert from '@material-ui/lab/Alert';
import { ReactNode, useEffect, useState } from 'react';
import { serverErrorMessage } from '../../api/serverErrorMessage';

export interface ReviewCommandDialogProps {
  open: boolean;
  title: string;
  /** What the command does, shown above the text field. */
  description: ReactNode;
  /** Label of the text field (comment or reason). */
  fieldLabel: string;
  fieldHelperText?: string;
  /** Whether the text must be filled in. */
  required: boolean;
  submitLabel: string;
  submitColor?: 'primary' | 'secondary';
  onSubmit: (text: string) => Promise<void>;
  onClose: () => void;
}

/**
 * A dialog for one review command with one text field (approve, request
 * changes, reopen, withdraw). A refusal from the server is shown in the
 * dialog, which stays open so the person can read it.
 */
export function ReviewCommandDialog(props: ReviewCommandDialogProps) {
  const {
    open,
    title,
    description,
    fieldLabel,
    fieldHelperText,
    required,
    submitLabel,
    submitColor = 'primary',
    onSubmit,
    onClose,
  } = props;
  const [text, setText] = useState('');
  const [touched, setTouched] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();

  useEffect(() => {
    if (open) {
      setText('');
      setTouched(false);
      setError(undefined);
    }
  }, [open]);

  const missing = required && text.trim() === '';
  const submit = async () => {
    setTouched(true);
    if (missing) return;
    setBusy(true);
    setError(undefined);
    try {
      await onSubmit(text.trim());
    } catch (e) {
      setError(serverErrorMessage(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Dialog
      open={open}
      onClose={busy ? undefined : onClose}
      fullWidth
      maxWidth="sm"
      aria-labelledby="review-command-title"
    >
      <DialogTitle id="review-command-title">{title}</DialogTitle>
      <DialogContent>
        <Box mb={2}>{description}</Box>
        <TextField
          id="review-command-text"
          label={fieldLabel}
          value={text}
          onChange={e => setText(e.target.value)}
          onBlur={() => setTouched(true)}
          required={required}
          error={touched && missing}
          helperText={
            touched && missing ? `${fieldLabel} is required.` : fieldHelperText
          }
          multiline
          minRows={3}
          fullWidth
          variant="outlined"
          inputProps={{ maxLength: 4000 }}
        />
        {error && (
          <Box mt={2}>
            <Alert severity="error" role="alert">
              {error}
            </Alert>
          </Box>
        )}
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose} disabled={busy}>
          Cancel
        </Button>
        <Button
          onClick={submit}
          color={submitColor}
          variant="contained"
          disabled={busy}
          startIcon={busy ? <CircularProgress size={16} /> : undefined}
        >
          {submitLabel}
        </Button>
      </DialogActions>
    </Dialog>
  );
}
