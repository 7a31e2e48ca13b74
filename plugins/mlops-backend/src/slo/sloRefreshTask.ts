import {
  AuditorService,
  LoggerService,
  SchedulerService,
  SchedulerServiceTaskScheduleDefinition,
} from '@backstage/backend-plugin-api';
import { toError } from '@backstage/errors';
import { AUDIT_EVENT_IDS } from '../auditing/auditEventIds';
import { SloStatusService } from './SloStatusService';

/** Scheduler task id of the SLO status computation. */
export const SLO_REFRESH_TASK_ID = 'mlops-slo-refresh';

/** One run: every model's SLO status into the cache, inside an auditor event. */
export async function runSloRefresh(options: {
  slos: SloStatusService;
  auditor: AuditorService;
  logger: LoggerService;
}) {
  const { slos, auditor, logger } = options;
  const event = await auditor.createEvent({
    eventId: AUDIT_EVENT_IDS.sloRefresh,
    severityLevel: 'low',
    meta: { trigger: 'schedule' },
  });
  try {
    const report = await slos.refreshAll();
    await event.success({
      meta: {
        trigger: 'schedule',
        computed: report.computed.length,
        failed: report.failed.map(f => f.entityRef),
      },
    });
    logger.debug(`Computed the SLO status of ${report.computed.length} models`);
    return report;
  } catch (error) {
    await event.fail({
      meta: { trigger: 'schedule' },
      error: toError(error) as Error,
    });
    throw error;
  }
}

/** Registers the computation with the (cluster-wide) scheduler. */
export async function scheduleSloRefresh(options: {
  scheduler: SchedulerService;
  schedule: SchedulerServiceTaskScheduleDefinition;
  slos: SloStatusService;
  auditor: AuditorService;
  logger: LoggerService;
}) {
  const { scheduler, schedule, ...run } = options;
  await scheduler.scheduleTask({
    id: SLO_REFRESH_TASK_ID,
    ...schedule,
    fn: async () => {
      await runSloRefresh(run);
    },
  });
}
