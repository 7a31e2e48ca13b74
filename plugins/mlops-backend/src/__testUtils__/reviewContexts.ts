/*
 * Engine inputs for store-level tests: contexts for the fixture people and
 * automatic results of the fixture models. Only test files import this.
 */
import { stringifyEntityRef } from '@backstage/catalog-model';
import {
  AutomaticCheckResult,
  DEFAULT_READINESS_POLICY,
  evaluateAutomaticChecks,
  MLModelEntityV1alpha1,
  ReadinessPolicy,
  ReviewCommandContext,
  riskTierOf,
} from '@mlops-portal/plugin-mlops-common';
import { cardFraudDetector, ownershipRefsOf } from './fixtures';

export const T0 = new Date('2026-04-21T09:00:00.000Z');

export function minutesAfter(start: Date, minutes: number): Date {
  return new Date(start.getTime() + minutes * 60_000);
}

export function contextFor(
  userRef: string,
  options: {
    canSignOff?: boolean;
    now?: Date;
    model?: MLModelEntityV1alpha1;
    policy?: ReadinessPolicy;
  } = {},
): ReviewCommandContext {
  const model = options.model ?? cardFraudDetector();
  const policy = options.policy ?? DEFAULT_READINESS_POLICY;
  return {
    now: options.now ?? T0,
    policy,
    actor: {
      userRef,
      ownershipRefs: ownershipRefsOf(userRef),
      canSignOff: options.canSignOff ?? false,
    },
    model: {
      ref: stringifyEntityRef(model),
      ownerRef: model.spec.owner,
      tier: riskTierOf(model, policy),
      versions: (model.spec.versions ?? []).map(v => v.version),
    },
  };
}

/** Results as if the owner and every dataset existed. */
export function passingResults(
  model: MLModelEntityV1alpha1 = cardFraudDetector(),
  version = '3.3.0',
): AutomaticCheckResult[] {
  const refs = [
    model.spec.owner,
    ...(model.spec.datasets ?? []).map(d =>
      d.includes(':') ? d : `resource:default/${d}`,
    ),
    ...(model.spec.versions ?? []).flatMap(v => v.trainedOn ?? []),
  ];
  return evaluateAutomaticChecks({
    entity: model,
    version,
    facts: { existingRefs: refs },
  });
}
