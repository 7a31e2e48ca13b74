import { stringifyEntityRef } from '@backstage/catalog-model';
import {
  InfoCard,
  InfoCardVariants,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { ResponseError } from '@backstage/errors';
import { useEntity } from '@backstage/plugin-catalog-react';
import { usePermission } from '@backstage/plugin-permission-react';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Chip from '@material-ui/core/Chip';
import Tooltip from '@material-ui/core/Tooltip';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import Alert from '@material-ui/lab/Alert';
import {
  isMLModelEntity,
  mlopsRolloutAbortPermission,
  mlopsRolloutOverridePermission,
  mlopsRolloutPromotePermission,
  RolloutActionName,
  RolloutPhase,
} from '@mlops-portal/plugin-mlops-common';
import { useCallback, useEffect, useState } from 'react';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { mlopsApiRef } from '../../api';
import { serverErrorMessage } from '../../api/serverErrorMessage';
import { RolloutActionView, RolloutView } from '../../api/rolloutTypes';
import { NotAnMLModel } from '../NotAnMLModel';
import { SpecHintEmptyState } from '../SpecHintEmptyState';
import { AnalysisTable, CanaryMetricsTable } from './AnalysisTable';
import {
  ACTION_LABELS,
  ConfirmedAction,
  RolloutActionDialog,
} from './RolloutActionDialog';
import { StepProgress } from './StepProgress';
import { TrafficSplitBar } from './TrafficSplitBar';

/** When the panel re-reads the rollout after an action, in ms. */
const SETTLE_REREAD_MS = [1_000, 3_000, 6_000];

/** How often a progressing canary is re-read. */
const PROGRESS_POLL_MS = 5000;

const DEPLOYMENT_HINT = `spec:
  deployment:
    kubernetes:
      cluster: production-eu   # a cluster of kubernetes.clusterLocatorMethods
      namespace: fraud-ml
      kind: Rollout            # or InferenceService
      name: fraud-scorer`;

/** @public */
export interface MLModelCanaryPanelProps {
  variant?: InfoCardVariants;
}

const useStyles = makeStyles(theme => ({
  section: { marginTop: theme.spacing(2) },
  headline: {
    display: 'flex',
    alignItems: 'center',
    flexWrap: 'wrap',
    gap: theme.spacing(1),
  },
  actions: {
    display: 'flex',
    flexWrap: 'wrap',
    gap: theme.spacing(1),
    marginTop: theme.spacing(2),
  },
}));

const PHASE_LABELS: Record<RolloutPhase, string> = {
  progressing: 'Progressing',
  paused: 'Paused',
  degraded: 'Degraded',
  aborted: 'Aborted',
  healthy: 'Healthy',
};

const PHASE_COLORS: Record<RolloutPhase, 'primary' | 'secondary' | 'default'> =
  {
    progressing: 'default',
    paused: 'primary',
    degraded: 'secondary',
    aborted: 'secondary',
    healthy: 'default',
  };

const CHECK_MARKS = { pass: '✓', fail: '✗', unknown: '?' } as const;

function disabledReason(
  action: RolloutActionView,
  permitted: boolean,
  gate: RolloutView['gate'],
): string | undefined {
  if (!action.allowed) return action.reason;
  if (!permitted) {
    return `You need the ${action.permission} permission for this model`;
  }
  if (action.action === 'promoteFull' && gate && !gate.allowed) {
    return `Gated: ${gate.reasons.join('; ')}`;
  }
  return undefined;
}

/** The rollout phase as a chip, coloured by how much it needs attention. */
export function RolloutPhaseChip(props: {
  phase: RolloutPhase;
  size?: 'small' | 'medium';
}) {
  const { phase } = props;
  const color = PHASE_COLORS[phase];
  return (
    <Chip
      label={PHASE_LABELS[phase]}
      color={color}
      size={props.size ?? 'small'}
      variant={phase === 'healthy' ? 'outlined' : 'default'}
    />
  );
}

function useRolloutPermissions(resourceRef: string) {
  const promote = usePermission({
    permission: mlopsRolloutPromotePermission,
    resourceRef,
  });
  const abort = usePermission({
    permission: mlopsRolloutAbortPermission,
    resourceRef,
  });
  const override = usePermission({
    permission: mlopsRolloutOverridePermission,
    resourceRef,
  });
  return {
    loading: promote.loading || abort.loading || override.loading,
    allowed: {
      [mlopsRolloutPromotePermission.name]: promote.allowed,
      [mlopsRolloutAbortPermission.name]: abort.allowed,
    } as Record<string, boolean>,
    override: override.allowed,
  };
}

function ActionButtons(props: {
  view: RolloutView;
  permissions: ReturnType<typeof useRolloutPermissions>;
  onChoose: (action: RolloutActionName) => void;
}) {
  const { view, permissions, onChoose } = props;
  const classes = useStyles();
  return (
    <div className={classes.actions}>
      {view.actions.map(action => {
        const permitted =
          !permissions.loading && permissions.allowed[action.permission];
        const reason = disabledReason(action, permitted, view.gate);
        const disabled = !action.allowed || !permitted;
        return (
          <Tooltip key={action.action} title={reason ?? ''}>
            <span>
              <Button
                variant={
                  action.action === 'promoteFull' || action.action === 'promote'
                    ? 'contained'
                    : 'outlined'
                }
                color={action.action === 'abort' ? 'secondary' : 'primary'}
                disabled={disabled}
                onClick={() => onChoose(action.action)}
                aria-label={ACTION_LABELS[action.action]}
              >
                {ACTION_LABELS[action.action]}
              </Button>
            </span>
          </Tooltip>
        );
      })}
    </div>
  );
}

function CanaryContent(props: {
  view: RolloutView;
  onReload: () => void;
  onChanged: (view: RolloutView) => void;
}) {
  const { view, onReload, onChanged } = props;
  const classes = useStyles();
  const api = useApi(mlopsApiRef);
  const { entity } = useEntity();
  const permissions = useRolloutPermissions(stringifyEntityRef(entity));
  const [dialog, setDialog] = useState<RolloutActionName>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<{ message: string; conflict: boolean }>();
  const [done, setDone] = useState<string>();
  const { state } = view;

  const confirm = async (confirmed: ConfirmedAction) => {
    setBusy(true);
    setError(undefined);
    try {
      const result = await api.runRolloutAction(stringifyEntityRef(entity), {
        ...confirmed,
        expectedResourceVersion: state.resourceVersion,
      });
      setDialog(undefined);
      setDone(
        `${ACTION_LABELS[confirmed.action]} sent${
          result.override
            ? ' (gate overridden, recorded with your justification)'
            : ''
        }.`,
      );
      onChanged(result.rollout);
    } catch (e) {
      setError({
        message: serverErrorMessage(e),
        conflict: ResponseError.is(e) && e.statusCode === 409,
      });
    } finally {
      setBusy(false);
    }
  };

  return (
    <Box>
      <div className={classes.headline}>
        <RolloutPhaseChip phase={state.phase} size="medium" />
        <Typography variant="body2" color="textSecondary">
          {view.deployment.kind} {view.deployment.namespace}/
          {view.deployment.name} on {view.deployment.cluster}
        </Typography>
      </div>
      {state.pauseReasons.length > 0 && (
        <Alert
          severity="info"
          className={classes.section}
          data-testid="pause-reason"
        >
          {state.pauseReasons.join('; ')}
        </Alert>
      )}
      {state.message && state.phase !== 'paused' && (
        <Typography variant="body2" className={classes.section}>
          {state.message}
        </Typography>
      )}
      <Box className={classes.section}>
        <TrafficSplitBar state={state} />
      </Box>
      <Box className={classes.section}>
        <StepProgress state={state} />
      </Box>
      {view.metrics && (
        <Box className={classes.section}>
          <Typography variant="subtitle2">Canary vs stable</Typography>
          <CanaryMetricsTable metrics={view.metrics} />
        </Box>
      )}
      {state.kind === 'Rollout' && state.canary && (
        <Box className={classes.section}>
          <Typography variant="subtitle2">Analysis</Typography>
          <AnalysisTable runs={state.analysisRuns} />
        </Box>
      )}
      {view.gate && (
        <Box className={classes.section} data-testid="rollout-gate">
          <Typography variant="subtitle2">Promote-fully gate</Typography>
          {view.gate.checks.map(check => (
            <Typography variant="body2" key={check.id}>
              {CHECK_MARKS[check.result]} {check.detail}
            </Typography>
          ))}
        </Box>
      )}
      {view.argoCdWarning && (
        <Alert severity="warning" className={classes.section}>
          {view.argoCdWarning}
        </Alert>
      )}
      {done && (
        <Alert
          severity="success"
          className={classes.section}
          onClose={() => setDone(undefined)}
        >
          {done}
        </Alert>
      )}
      <ActionButtons
        view={view}
        permissions={permissions}
        onChoose={action => {
          setError(undefined);
          setDialog(action);
        }}
      />
      {dialog && (
        <RolloutActionDialog
          action={dialog}
          view={view}
          canOverride={permissions.override}
          busy={busy}
          error={error?.message}
          conflict={error?.conflict ?? false}
          onConfirm={confirm}
          onReload={() => {
            setDialog(undefined);
            setError(undefined);
            onReload();
          }}
          onClose={() => setDialog(undefined)}
        />
      )}
    </Box>
  );
}

/**
 * The canary of a model's new version (Argo Rollouts or KServe, from
 * `spec.deployment.kubernetes`): traffic split, step, pause reason,
 * analysis, canary-vs-stable signals, and the actions that are legal,
 * permitted and gated now.
 */
export function MLModelCanaryPanel(props: MLModelCanaryPanelProps) {
  const { entity } = useEntity();
  const api = useApi(mlopsApiRef);
  const isModel = isMLModelEntity(entity);
  const deployment = isModel ? entity.spec.deployment?.kubernetes : undefined;
  const entityRef = stringifyEntityRef(entity);
  const [latest, setLatest] = useState<RolloutView>();
  const [actionsSent, setActionsSent] = useState(0);
  const { value, loading, error, retry } = useAsyncRetry(async () => {
    if (!deployment) return undefined;
    return api.getRollout(entityRef);
  }, [api, entityRef, !!deployment]);
  useEffect(() => setLatest(undefined), [value]);
  // A canary that moves by itself (setWeight and analysis steps, a revision
  // becoming ready) is re-read until it waits for someone again.
  const phase = (latest ?? value)?.state.phase;
  useEffect(() => {
    if (phase !== 'progressing') return undefined;
    const timer = setInterval(retry, PROGRESS_POLL_MS);
    return () => clearInterval(timer);
  }, [phase, retry]);
  // An action's answer is the object as the API server stored it, before the
  // controller acts on it (a promoted canary still reads "paused" until its
  // next step starts): read it again a few times while it settles.
  useEffect(() => {
    if (actionsSent === 0) return undefined;
    const timers = SETTLE_REREAD_MS.map(ms => setTimeout(retry, ms));
    return () => timers.forEach(clearTimeout);
  }, [actionsSent, retry]);
  const onChanged = useCallback((next: RolloutView) => {
    setLatest(next);
    setActionsSent(n => n + 1);
  }, []);

  if (!isModel) return <NotAnMLModel entity={entity} />;
  const title = 'Canary rollout';
  if (!deployment) {
    return (
      <InfoCard title={title} variant={props.variant}>
        <SpecHintEmptyState
          title="No deployment on Kubernetes"
          description="Name the Argo Rollouts Rollout or KServe InferenceService that serves this model to see and steer its canary here."
          yaml={DEPLOYMENT_HINT}
        />
      </InfoCard>
    );
  }
  const view = latest ?? value;
  return (
    <InfoCard
      title={title}
      variant={props.variant}
      action={
        <Button size="small" onClick={retry}>
          Reload
        </Button>
      }
    >
      {loading && !view && <Progress />}
      {error && !loading && <ResponseErrorPanel error={error} />}
      {view && !error && (
        <CanaryContent view={view} onReload={retry} onChanged={onChanged} />
      )}
    </InfoCard>
  );
}
