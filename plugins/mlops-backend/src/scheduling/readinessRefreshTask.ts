import {
  AuditorService,
  LoggerService,
  SchedulerService,
  SchedulerServiceTaskScheduleDefinition,
} from '@backstage/backend-plugin-api';
import { toError } from '@backstage/errors';
import {
  ActiveReviewsRefresh,
  ReadinessReviewService,
} from '../service/ReadinessReviewService';
import { AUDIT_EVENT_IDS } from '../auditing/auditEventIds';

/** Scheduler task id of the periodic re-evaluation. */
export const READINESS_REFRESH_TASK_ID = 'mlops-readiness-refresh';

/**
 * One run of the periodic re-evaluation, wrapped in an auditor event: every
 * review whose automatic results changed is listed, and those that went
 * stale are named separately.
 */
export async function runReadinessRefresh(options: {
  reviews: ReadinessReviewService;
  auditor: AuditorService;
  logger: LoggerService;
}): Promise<ActiveReviewsRefresh> {
  const { reviews, auditor, logger } = options;
  const event = await auditor.createEvent({
    eventId: AUDIT_EVENT_IDS.refresh,
    severityLevel: 'low',
    meta: { trigger: 'schedule' },
  });
  try {
    const report = await reviews.refreshActiveReviews();
    const becameStale = report.recorded
      .filter(r =>
        r.events.some(e => e.before !== 'stale' && e.after === 'stale'),
      )
      .map(r => r.review.id);
    await event.success({
      meta: {
        trigger: 'schedule',
        checked: report.checked,
        recorded: report.recorded.map(r => r.review.id),
        becameStale,
        skipped: report.skipped.map(s => s.reviewId),
      },
    });
    for (const { reviewId, reason } of report.skipped) {
      logger.warn(`Readiness review ${reviewId} was not refreshed: ${reason}`);
    }
    if (report.recorded.length > 0) {
      logger.info(
        `Re-evaluated ${
          report.checked
        } active readiness reviews; recorded new results on ${
          report.recorded.length
        }${becameStale.length ? `, ${becameStale.length} went stale` : ''}`,
      );
    }
    return report;
  } catch (error) {
    await event.fail({
      meta: { trigger: 'schedule' },
      error: toError(error) as Error,
    });
    throw error;
  }
}

/** Registers the periodic re-evaluation with the (cluster-wide) scheduler. */
export async function scheduleReadinessRefresh(options: {
  scheduler: SchedulerService;
  schedule: SchedulerServiceTaskScheduleDefinition;
  reviews: ReadinessReviewService;
  auditor: AuditorService;
  logger: LoggerService;
}) {
  const { scheduler, schedule, ...run } = options;
  await scheduler.scheduleTask({
    id: READINESS_REFRESH_TASK_ID,
    ...schedule,
    fn: async () => {
      await runReadinessRefresh(run);
    },
  });
}
