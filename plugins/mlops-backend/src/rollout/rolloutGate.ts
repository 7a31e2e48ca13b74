import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { CompoundEntityRef } from '@backstage/catalog-model';
import { NotAllowedError } from '@backstage/errors';
import {
  RolloutGateCheck,
  RolloutGateDecision,
} from '@mlops-portal/plugin-mlops-common';

// The JSON bodies are shared with the frontend through mlops-common.
export type {
  RolloutGateCheck,
  RolloutGateDecision,
} from '@mlops-portal/plugin-mlops-common';

/**
 * The error budget of a model's SLOs. `undefined` when the source has no
 * data for the model (the gate then says so and does not block).
 * @public
 */
export interface SloBudgetSource {
  getBudgetStatus(
    modelRef: string,
  ): Promise<{ exhausted: boolean; detail: string } | undefined>;
}

/**
 * Whether drift is flagged for a model version. `undefined` when the source
 * has no data (the gate then says so and does not block).
 * @public
 */
export interface DriftFlagSource {
  getDriftStatus(
    modelRef: string,
    version: string,
  ): Promise<{ flagged: boolean; detail: string } | undefined>;
}

/** The readiness deploy gate, as the readiness review service answers it. */
export interface ReadinessGateSource {
  evaluateGate(
    credentials: BackstageCredentials,
    modelRef: CompoundEntityRef,
    version: string,
  ): Promise<{ allowed: boolean; reasons: string[]; reviewId: string | null }>;
}

async function readinessCheck(
  readiness: ReadinessGateSource,
  credentials: BackstageCredentials,
  modelRef: CompoundEntityRef,
  version: string | undefined,
): Promise<RolloutGateCheck> {
  if (!version) {
    return {
      id: 'readiness',
      result: 'fail',
      detail:
        'The canary does not name its model version (label mlops-portal.io/model-version), so its readiness review cannot be checked',
    };
  }
  try {
    const gate = await readiness.evaluateGate(credentials, modelRef, version);
    return gate.allowed
      ? {
          id: 'readiness',
          result: 'pass',
          detail: `Readiness review ${
            gate.reviewId ?? ''
          } of ${version} is approved`.replace('  ', ' '),
        }
      : {
          id: 'readiness',
          result: 'fail',
          detail: `Readiness of ${version}: ${gate.reasons.join('; ')}`,
        };
  } catch (error) {
    if (error instanceof NotAllowedError) {
      return {
        id: 'readiness',
        result: 'fail',
        detail: `You may not read the readiness reviews of this model, so the approval of ${version} cannot be confirmed`,
      };
    }
    throw error;
  }
}

function noDriftDataDetail(configured: boolean, version: string | undefined) {
  if (!configured) return 'No drift data: no drift source is configured';
  if (!version)
    return 'No drift data: the canary does not name its model version';
  return `No drift data for version ${version}`;
}

/**
 * The gate of "promote fully": the canary's version must have an approved
 * readiness review, the model's SLO error budget must not be exhausted, and
 * drift must not be flagged for the version. A source that is not wired in,
 * or has no data for the model, is reported as `unknown` and does not block:
 * the gate only refuses on evidence. The readiness review is always required.
 */
export async function evaluateRolloutGate(options: {
  credentials: BackstageCredentials;
  modelRef: CompoundEntityRef;
  modelRefString: string;
  version: string | undefined;
  readiness: ReadinessGateSource;
  slo?: SloBudgetSource;
  drift?: DriftFlagSource;
}): Promise<RolloutGateDecision> {
  const {
    credentials,
    modelRef,
    modelRefString,
    version,
    readiness,
    slo,
    drift,
  } = options;
  const [readinessResult, budget, driftStatus] = await Promise.all([
    readinessCheck(readiness, credentials, modelRef, version),
    slo ? slo.getBudgetStatus(modelRefString) : Promise.resolve(undefined),
    drift && version
      ? drift.getDriftStatus(modelRefString, version)
      : Promise.resolve(undefined),
  ]);
  const checks: RolloutGateCheck[] = [
    readinessResult,
    budget
      ? {
          id: 'error-budget',
          result: budget.exhausted ? 'fail' : 'pass',
          detail: budget.detail,
        }
      : {
          id: 'error-budget',
          result: 'unknown',
          detail: slo
            ? 'No SLO data for this model'
            : 'No SLO data: no SLO source is configured',
        },
    driftStatus
      ? {
          id: 'drift',
          result: driftStatus.flagged ? 'fail' : 'pass',
          detail: driftStatus.detail,
        }
      : {
          id: 'drift',
          result: 'unknown',
          detail: noDriftDataDetail(!!drift, version),
        },
  ];
  const reasons = checks.filter(c => c.result === 'fail').map(c => c.detail);
  return {
    allowed: reasons.length === 0,
    version: version ?? null,
    checks,
    reasons,
  };
}
