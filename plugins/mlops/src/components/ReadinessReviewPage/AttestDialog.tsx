import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import CircularProgress from '@material-ui/core/CircularProgress';
import Dialog from '@material-ui/core/Dialog';
import DialogActions from '@material-ui/core/DialogActions';
import DialogContent from '@material-ui/core/DialogContent';
import DialogTitle from '@material-ui/core/DialogTitle';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import Alert from '@material-ui/lab/Alert';
import { useEffect, useState } from 'react';
import { serverErrorMessage } from '../../api/serverErrorMessage';
import { ChecklistEntry } from '../../api/types';
import { isSafeHttpUrl } from '../../urls/isSafeHttpUrl';

export interface AttestDialogProps {
  /** The manual check being attested; the dialog is open while set. */
  check?: ChecklistEntry;
  onSubmit: (input: { evidenceUrl: string; comment: string }) => Promise<void>;
  onClose: () => void;
}

function urlProblem(value: string): string | undefined {
  if (value.trim() === '') return 'A link to the evidence is required.';
  if (!isSafeHttpUrl(value.trim())) {
    return 'Enter an absolute http(s) URL, e.g. https://wiki.example.com/load-test-2026-04.';
  }
  return undefined;
}

/** Attest a manual check: a link to the evidence and what it shows. */
export function AttestDialog(props: AttestDialogProps) {
  const { check, onSubmit, onClose } = props;
  const [evidenceUrl, setEvidenceUrl] = useState('');
  const [comment, setComment] = useState('');
  const [touched, setTouched] = useState({ url: false, comment: false });
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();

  useEffect(() => {
    if (check) {
      setEvidenceUrl('');
      setComment('');
      setTouched({ url: false, comment: false });
      setError(undefined);
    }
  }, [check]);

  const urlError = urlProblem(evidenceUrl);
  const commentError =
    comment.trim() === '' ? 'Say what the evidence shows.' : undefined;

  const submit = async () => {
    setTouched({ url: true, comment: true });
    if (urlError || commentError) return;
    setBusy(true);
    setError(undefined);
    try {
      await onSubmit({
        evidenceUrl: evidenceUrl.trim(),
        comment: comment.trim(),
      });
    } catch (e) {
      setError(serverErrorMessage(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Dialog
      open={!!check}
      onClose={busy ? undefined : onClose}
      fullWidth
      maxWidth="sm"
      aria-labelledby="attest-title"
    >
      <DialogTitle id="attest-title">Attest: {check?.title ?? ''}</DialogTitle>
      <DialogContent>
        <Typography variant="body2" color="textSecondary" paragraph>
          {check?.why}
        </Typography>
        {check?.attestation && (
          <Box mb={2}>
            <Alert severity="info">
              This replaces the current attestation by{' '}
              {check.attestation.by.replace(/^user:default\//, '')}.
            </Alert>
          </Box>
        )}
        <TextField
          id="attest-evidence-url"
          label="Evidence URL"
          placeholder="https://"
          value={evidenceUrl}
          onChange={e => setEvidenceUrl(e.target.value)}
          onBlur={() => setTouched(t => ({ ...t, url: true }))}
          error={touched.url && !!urlError}
          helperText={
            touched.url && urlError
              ? urlError
              : 'Where a reviewer can see the proof: a runbook page, a test report, a ticket.'
          }
          required
          fullWidth
          variant="outlined"
          type="url"
          margin="normal"
        />
        <TextField
          id="attest-comment"
          label="Comment"
          value={comment}
          onChange={e => setComment(e.target.value)}
          onBlur={() => setTouched(t => ({ ...t, comment: true }))}
          error={touched.comment && !!commentError}
          helperText={
            touched.comment && commentError
              ? commentError
              : 'What the evidence shows, in a sentence or two.'
          }
          required
          fullWidth
          multiline
          minRows={3}
          variant="outlined"
          margin="normal"
          inputProps={{ maxLength: 4000 }}
        />
        {error && (
          <Box mt={1}>
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
          color="primary"
          variant="contained"
          disabled={busy}
          startIcon={busy ? <CircularProgress size={16} /> : undefined}
        >
          Attest
        </Button>
      </DialogActions>
    </Dialog>
  );
}
