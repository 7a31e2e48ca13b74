/*
 * The canary gate's SLO and drift inputs, read from the SLO status cache and
 * the latest drift window, and worded for the person at the panel.
 */
import { SloStatusReader } from '../slo/types';
import { DriftStatus } from '../drift/DriftStatusReader';
import { DriftFlagSource, SloBudgetSource } from './rolloutGate';

const percent = (share: number) => `${(share * 100).toFixed(1)}%`;

/** Blocks a full promotion while any SLO of the model has spent its budget. */
export function sloBudgetSourceFrom(reader: SloStatusReader): SloBudgetSource {
  return {
    async getBudgetStatus(modelRef) {
      const status = await reader.getModelSloStatus(modelRef);
      if (!status) return undefined;
      const spent = status.slos.filter(s => s.errorBudgetRemaining <= 0);
      const asOf = `as of ${status.computedAt}`;
      if (status.exhausted) {
        return {
          exhausted: true,
          detail: `Error budget exhausted: ${spent
            .map(s => `${s.name} (${percent(s.errorBudgetRemaining)} left)`)
            .join(', ')} ${asOf}.`,
        };
      }
      return {
        exhausted: false,
        detail: `Error budget left: ${status.slos
          .map(s => `${s.name} ${percent(s.errorBudgetRemaining)}`)
          .join(', ')} ${asOf}.`,
      };
    },
  };
}

/** Blocks a full promotion while the version's latest drift window flags dataset drift. */
export function driftFlagSourceFrom(reader: {
  getDriftStatus(
    modelRef: string,
    version: string,
  ): Promise<DriftStatus | undefined>;
}): DriftFlagSource {
  return {
    async getDriftStatus(modelRef, version) {
      const status = await reader.getDriftStatus(modelRef, version);
      if (!status) return undefined;
      const share = `${status.numberOfDriftedFeatures} of ${
        status.numberOfFeatures
      } features drifted (${percent(
        status.shareOfDriftedFeatures,
      )}; dataset drift at ${percent(status.driftShare)})`;
      const window = `in the window ending ${new Date(
        status.windowEnd,
      ).toISOString()}`;
      return {
        flagged: status.flagged,
        detail: status.flagged
          ? `Drift flagged for ${version}: ${share}: ${status.driftedFeatures.join(
              ', ',
            )}, ${window}.`
          : `No dataset drift for ${version}: ${share} ${window}.`,
      };
    },
  };
}
