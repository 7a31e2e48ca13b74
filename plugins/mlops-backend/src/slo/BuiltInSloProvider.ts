import {
  alertWindowKeys,
  BurnRateWindow,
  chartBucketMs,
  MLModelSlo,
  observeTimeslices,
  parseSloDuration,
  SloDefinitionError,
  SloObservation,
  sloPeriod,
} from '@mlops-portal/plugin-mlops-common';
import { DatabaseSloStore } from './DatabaseSloStore';
import { SloProvider } from './SloProvider';

/**
 * SLI data from the portal's own store (counts posted per interval to
 * `POST /slo/:namespace/:name/measurements`). An interval counts towards a
 * window when it ends inside it.
 */
export class BuiltInSloProvider implements SloProvider {
  readonly id = 'builtin';

  constructor(private readonly store: DatabaseSloStore) {}

  async observe(options: {
    modelRef: string;
    slo: MLModelSlo;
    now: number;
    windows: readonly BurnRateWindow[];
  }): Promise<SloObservation> {
    const { modelRef, slo, now, windows } = options;
    const period = sloPeriod(slo, now);
    const bucketMs = chartBucketMs(period.lengthMs);
    const keys = alertWindowKeys(windows);

    if (slo.budgetingMethod === 'Timeslices') {
      const sliceMs = parseSloDuration(slo.timeSliceWindow ?? '');
      if (sliceMs === undefined || slo.timeSliceTarget === undefined) {
        throw new SloDefinitionError(
          `SLO ${slo.name}: timeSliceWindow and timeSliceTarget are required when budgetingMethod is Timeslices`,
        );
      }
      const slices = await this.store.countsPerBucket(
        modelRef,
        slo.name,
        period.start,
        now,
        sliceMs,
      );
      return observeTimeslices({
        slices,
        sliceMs,
        timeSliceTarget: slo.timeSliceTarget,
        periodStart: period.start,
        now,
        bucketMs,
        windowKeys: keys,
      });
    }

    const periods: Record<string, number> = {};
    for (const key of keys) periods[key] = parseSloDuration(key)!;
    const counts = await this.store.countsOver(modelRef, slo.name, now, {
      ...periods,
      '@period': now - period.start,
    });
    const { '@period': periodCounts, ...windowCounts } = counts;
    return {
      windowCounts,
      periodCounts,
      buckets: await this.store.countsPerBucket(
        modelRef,
        slo.name,
        period.start,
        now,
        bucketMs,
      ),
    };
  }
}
