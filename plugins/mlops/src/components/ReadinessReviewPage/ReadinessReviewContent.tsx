import { Entity } from '@backstage/catalog-model';
import { Progress, ResponseErrorPanel } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { catalogApiRef } from '@backstage/plugin-catalog-react';
import { usePermission } from '@backstage/plugin-permission-react';
import Grid from '@material-ui/core/Grid';
import Typography from '@material-ui/core/Typography';
import {
  mlopsReviewCreatePermission,
  mlopsReviewSignoffPermission,
} from '@mlops-portal/plugin-mlops-common';
import { useCallback, useMemo, useState } from 'react';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { mlopsApiRef } from '../../api';
import { serverErrorMessage } from '../../api/serverErrorMessage';
import {
  ChecklistEntry,
  ReadinessEvidenceDocument,
  ReviewAuditEntry,
  ReviewCommandResponse,
  ReviewView,
} from '../../api/types';
import { useCurrentUser } from '../../hooks/useCurrentUser';
import { reviewActionAvailability } from '../../readiness/reviewActionAvailability';
import { isInProgress } from '../../readiness/reviewStatusPresentation';
import { AttestDialog } from './AttestDialog';
import { AuditTimeline } from './AuditTimeline';
import { ChecklistCard } from './ChecklistCard';
import { ReviewActionsCard, ReviewActionsCardProps } from './ReviewActionsCard';
import { ReviewCommandDialog } from './ReviewCommandDialog';
import { ReviewSummaryCard } from './ReviewSummaryCard';

type CommandDialog = 'approve' | 'requestChanges' | 'reopen' | 'withdraw';

/** The file name the backend would give the evidence download. */
export function evidenceFileName(doc: ReadinessEvidenceDocument): string {
  const model = String(doc.model.ref).split('/').pop() ?? 'model';
  return `readiness-evidence-${model}-${doc.review.version}-${doc.review.id}.json`.replace(
    /[^a-zA-Z0-9._-]+/g,
    '_',
  );
}

function download(doc: ReadinessEvidenceDocument) {
  const blob = new Blob([JSON.stringify(doc, null, 2)], {
    type: 'application/json',
  });
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = evidenceFileName(doc);
  document.body.appendChild(a);
  a.click();
  a.remove();
  // Revoke later: some browsers start the download asynchronously.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

function ReviewBody(props: {
  view: ReviewView;
  model?: Entity;
  onChanged: (response?: ReviewCommandResponse) => void;
  auditEntries: ReviewAuditEntry[];
  auditError?: Error;
}) {
  const { view, model, onChanged, auditEntries, auditError } = props;
  const api = useApi(mlopsApiRef);
  const user = useCurrentUser();
  const reviewId = view.review.id;
  const signOff = usePermission({
    permission: mlopsReviewSignoffPermission,
    resourceRef: view.review.modelRef,
  });
  const create = usePermission({
    permission: mlopsReviewCreatePermission,
    resourceRef: view.review.modelRef,
  });
  const availability = useMemo(
    () =>
      reviewActionAvailability(view, {
        userRef: user.value?.userEntityRef,
        ownershipRefs: user.value?.ownershipEntityRefs ?? [],
        canSignOff: signOff.loading ? undefined : signOff.allowed,
        canCreate: create.loading ? undefined : create.allowed,
        modelOwner:
          typeof model?.spec?.owner === 'string' ? model.spec.owner : undefined,
      }),
    [view, user.value, signOff, create, model],
  );

  const [dialog, setDialog] = useState<CommandDialog>();
  const [attesting, setAttesting] = useState<ChecklistEntry>();
  const [refreshing, setRefreshing] = useState(false);
  const [exporting, setExporting] = useState(false);
  const [notice, setNotice] = useState<ReviewActionsCardProps['notice']>();

  const after = (response: ReviewCommandResponse) => {
    setDialog(undefined);
    setAttesting(undefined);
    onChanged(response);
  };

  const approvals = view.summary.approvals;
  const dialogs: Record<
    CommandDialog,
    {
      title: string;
      description: string;
      fieldLabel: string;
      fieldHelperText?: string;
      required: boolean;
      submitLabel: string;
      submitColor?: 'primary' | 'secondary';
      run: (text: string) => Promise<ReviewCommandResponse>;
    }
  > = {
    approve: {
      title: `Approve ${view.review.version}`,
      description: `Your approval would be ${approvals.count + 1} of the ${
        approvals.required
      } this ${view.review.tier}-tier review needs${
        approvals.missingSecurityApproval
          ? '; one approval must come from the security reviewers'
          : ''
      }. Once the review is approved, version ${
        view.review.version
      } may be deployed.`,
      fieldLabel: 'Comment',
      fieldHelperText: 'Optional: what you looked at.',
      required: false,
      submitLabel: 'Approve',
      run: text => api.approveReview(reviewId, text ? { comment: text } : {}),
    },
    requestChanges: {
      title: `Request changes to ${view.review.version}`,
      description:
        'The review cannot be approved until the author answers: by attesting new evidence or by reopening it.',
      fieldLabel: 'What has to change',
      required: true,
      submitLabel: 'Request changes',
      submitColor: 'secondary',
      run: text => api.requestReviewChanges(reviewId, { comment: text }),
    },
    reopen: {
      title: 'Reopen the review',
      description:
        'Tell the reviewers that their requested changes are addressed, so they can sign off again.',
      fieldLabel: 'What was changed',
      fieldHelperText: 'Optional.',
      required: false,
      submitLabel: 'Reopen',
      run: text => api.reopenReview(reviewId, text ? { comment: text } : {}),
    },
    withdraw: {
      title: 'Withdraw the review',
      description: `A withdrawn review decides nothing and cannot be resumed; version ${view.review.version} can get a new review later.`,
      fieldLabel: 'Reason',
      fieldHelperText: 'Optional.',
      required: false,
      submitLabel: 'Withdraw',
      submitColor: 'secondary',
      run: text => api.withdrawReview(reviewId, text ? { reason: text } : {}),
    },
  };
  const current = dialog ? dialogs[dialog] : undefined;

  const refresh = async () => {
    setRefreshing(true);
    setNotice(undefined);
    try {
      const response = await api.refreshReview(reviewId);
      const changed = response.events.flatMap(e =>
        Array.isArray(e.details?.changed)
          ? (e.details.changed as unknown[])
          : [],
      ).length;
      setNotice({
        severity: 'success',
        message:
          changed === 0
            ? 'Automatic checks evaluated again: nothing changed.'
            : `Automatic checks evaluated again: ${changed} changed.`,
      });
      onChanged(response);
    } catch (e) {
      setNotice({ severity: 'error', message: serverErrorMessage(e) });
    } finally {
      setRefreshing(false);
    }
  };

  const exportEvidence = async () => {
    setExporting(true);
    setNotice(undefined);
    try {
      download(await api.getReviewEvidence(reviewId));
    } catch (e) {
      setNotice({ severity: 'error', message: serverErrorMessage(e) });
    } finally {
      setExporting(false);
    }
  };

  return (
    <Grid container spacing={3}>
      <Grid item xs={12} md={8}>
        <ReviewSummaryCard view={view} model={model} />
      </Grid>
      <Grid item xs={12} md={4}>
        <ReviewActionsCard
          availability={availability}
          onApprove={() => setDialog('approve')}
          onRequestChanges={() => setDialog('requestChanges')}
          onReopen={() => setDialog('reopen')}
          onWithdraw={() => setDialog('withdraw')}
          onRefresh={refresh}
          onExport={exportEvidence}
          refreshing={refreshing}
          exporting={exporting}
          notice={notice}
        />
      </Grid>
      <Grid item xs={12} lg={7}>
        <ChecklistCard
          checklist={view.checklist}
          attest={availability.attest}
          closed={!isInProgress(view.status)}
          onAttest={setAttesting}
        />
      </Grid>
      <Grid item xs={12} lg={5}>
        {auditError ? (
          <ResponseErrorPanel error={auditError} />
        ) : (
          <AuditTimeline entries={auditEntries} />
        )}
      </Grid>
      <ReviewCommandDialog
        open={!!current}
        title={current?.title ?? ''}
        description={
          <Typography variant="body2">{current?.description}</Typography>
        }
        fieldLabel={current?.fieldLabel ?? 'Comment'}
        fieldHelperText={current?.fieldHelperText}
        required={current?.required ?? false}
        submitLabel={current?.submitLabel ?? 'Submit'}
        submitColor={current?.submitColor}
        onSubmit={async text => after(await current!.run(text))}
        onClose={() => setDialog(undefined)}
      />
      <AttestDialog
        check={attesting}
        onSubmit={async input =>
          after(
            await api.attestCheck(reviewId, {
              checkId: attesting!.id,
              ...input,
            }),
          )
        }
        onClose={() => setAttesting(undefined)}
      />
    </Grid>
  );
}

/**
 * One readiness review: its summary, the actions the viewer may take, the
 * checklist grouped by category with evidence, and the audit timeline.
 */
export function ReadinessReviewContent(props: { reviewId: string }) {
  const { reviewId } = props;
  const api = useApi(mlopsApiRef);
  const catalogApi = useApi(catalogApiRef);
  const [latest, setLatest] = useState<ReviewView>();
  const review = useAsyncRetry(async () => {
    const view = await api.getReview(reviewId);
    setLatest(undefined);
    return view;
  }, [api, reviewId]);
  const audit = useAsyncRetry(
    () => api.getReviewAuditTrail(reviewId),
    [api, reviewId],
  );
  const view = latest ?? review.value;
  const modelRef = view?.review.modelRef;
  const model = useAsyncRetry(
    async () => (modelRef ? catalogApi.getEntityByRef(modelRef) : undefined),
    [catalogApi, modelRef],
  );

  const onChanged = useCallback(
    (response?: ReviewCommandResponse) => {
      // The command answers with the new review; the timeline is reloaded.
      if (response) setLatest(response);
      else review.retry();
      audit.retry();
    },
    [review, audit],
  );

  if (!view && review.loading) return <Progress />;
  if (review.error) return <ResponseErrorPanel error={review.error} />;
  if (!view) return null;
  return (
    <ReviewBody
      view={view}
      model={model.value}
      onChanged={onChanged}
      auditEntries={audit.value?.items ?? []}
      auditError={audit.error}
    />
  );
}
