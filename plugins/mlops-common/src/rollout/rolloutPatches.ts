import { rolloutActionAvailability } from './legalRolloutActions';
import { RolloutActionName, RolloutState } from './rolloutState';

/** A JSON merge patch body (`application/merge-patch+json`). @public */
export type MergePatch = { [key: string]: unknown };

/**
 * The requests one action sends, as `kubectl argo rollouts` sends them:
 * `statusPatch` to the `/status` subresource first; if that answers 404
 * (a CRD without the subresource, Argo Rollouts before v0.10), `unifiedPatch`
 * replaces `specPatch` and goes to the object. Then `specPatch`, if any, to
 * the object. All merge patches.
 * @public
 */
export interface RolloutPatchPlan {
  statusPatch?: MergePatch;
  specPatch?: MergePatch;
  unifiedPatch?: MergePatch;
}

/** The result of {@link planRolloutAction}. @public */
export type RolloutPatchPlanResult =
  | { ok: true; plan: RolloutPatchPlan }
  | { ok: false; reason: string };

/** The shortest written justification a gate override accepts. @public */
export const MIN_OVERRIDE_JUSTIFICATION_LENGTH = 10;

/** The weights `setWeight` accepts: 100 is "promote fully", which has its own gate. @public */
export const ROLLOUT_WEIGHT_RANGE = { min: 1, max: 99 } as const;

/**
 * Adds an optimistic-concurrency precondition: the API server refuses a
 * patch whose `metadata.resourceVersion` is not the object's current one
 * (409 Conflict), so two people acting on the same state cannot both win.
 * @public
 */
export function withResourceVersion(
  patch: MergePatch,
  resourceVersion: string,
): MergePatch {
  const metadata = (patch.metadata ?? {}) as MergePatch;
  return { ...patch, metadata: { ...metadata, resourceVersion } };
}

/** Upstream's `promote` (no flags): resume a paused canary by one step. */
function argoPromote(state: RolloutState): RolloutPatchPlan {
  const argo = state.argo!;
  const plan: RolloutPatchPlan = {
    unifiedPatch: {
      spec: { paused: false },
      status: { pauseConditions: null },
    },
  };
  if (argo.specPaused) plan.specPatch = { spec: { paused: false } };
  if (argo.pauseConditionReasons.length > 0) {
    plan.statusPatch = { status: { pauseConditions: null } };
  } else if (state.step) {
    // Upstream clears pause conditions or moves the step index, never both:
    // this is a promote during an analysis or experiment step.
    let index = argo.currentStepIndex ?? 0;
    if (index < state.step.count) index++;
    plan.statusPatch = {
      status: { pauseConditions: null, currentStepIndex: index },
    };
    plan.unifiedPatch = {
      spec: { paused: false },
      status: { pauseConditions: null, currentStepIndex: index },
    };
  }
  return plan;
}

function argoPlan(
  state: RolloutState,
  action: RolloutActionName,
): RolloutPatchPlan {
  switch (action) {
    case 'promote':
      return argoPromote(state);
    case 'promoteFull': {
      const patch = { status: { promoteFull: true } };
      // Upstream has no fallback here (v0.9 had no full promotion); a
      // controller without the subresource reads status from the object.
      return { statusPatch: patch, unifiedPatch: patch };
    }
    case 'abort': {
      const patch = { status: { abort: true } };
      return { statusPatch: patch, unifiedPatch: patch };
    }
    case 'retry': {
      const patch = { status: { abort: false } };
      return { statusPatch: patch, unifiedPatch: patch };
    }
    default:
      throw new Error(`No Argo Rollouts patch for ${action}`);
  }
}

/** KServe's canary knobs, from its canary rollout documentation. */
function kservePlan(
  action: RolloutActionName,
  weight?: number,
): RolloutPatchPlan {
  const canaryTrafficPercent = (value: number | null) => ({
    specPatch: { spec: { predictor: { canaryTrafficPercent: value } } },
  });
  switch (action) {
    case 'promoteFull':
      // Removing the field sends all traffic to the latest ready revision.
      return canaryTrafficPercent(null);
    case 'abort':
      // 0 sends all traffic back to the previously rolled-out revision.
      return canaryTrafficPercent(0);
    case 'setWeight':
      return canaryTrafficPercent(weight!);
    default:
      throw new Error(`No KServe patch for ${action}`);
  }
}

/**
 * The patches for an action, or why it is refused (not legal in this state,
 * or a weight outside {@link ROLLOUT_WEIGHT_RANGE}). Pure: the caller adds
 * the resourceVersion precondition and sends them.
 * @public
 */
export function planRolloutAction(
  state: RolloutState,
  action: RolloutActionName,
  options: { weight?: number } = {},
): RolloutPatchPlanResult {
  const availability = rolloutActionAvailability(state, action);
  if (!availability)
    return { ok: false, reason: `Unknown action ${String(action)}` };
  if (!availability.allowed) return { ok: false, reason: availability.reason! };
  if (action === 'setWeight') {
    const { weight } = options;
    if (
      weight === undefined ||
      !Number.isInteger(weight) ||
      weight < ROLLOUT_WEIGHT_RANGE.min ||
      weight > ROLLOUT_WEIGHT_RANGE.max
    ) {
      return {
        ok: false,
        reason: `weight must be a whole number from ${ROLLOUT_WEIGHT_RANGE.min} to ${ROLLOUT_WEIGHT_RANGE.max} (use promote fully for 100, abort for 0)`,
      };
    }
  }
  return {
    ok: true,
    plan:
      state.kind === 'Rollout'
        ? argoPlan(state, action)
        : kservePlan(action, options.weight),
  };
}

function isPlainObject(value: unknown): value is MergePatch {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * The merge patch that undoes `patch` on `original` (the object before it
 * was applied): every field the patch touched gets its original value back,
 * and a field the original did not have is removed (`null`). Fields the
 * patch did not touch are left to whoever changed them since.
 * @public
 */
export function inverseMergePatch(
  patch: MergePatch,
  original: unknown,
): MergePatch {
  const source = isPlainObject(original) ? original : {};
  const inverse: MergePatch = {};
  for (const [key, value] of Object.entries(patch)) {
    if (key === 'metadata' && isPlainObject(value)) {
      // The resourceVersion precondition is not a change to undo.
      const { resourceVersion: _ignored, ...rest } = value;
      if (Object.keys(rest).length === 0) continue;
      inverse[key] = inverseMergePatch(rest, source[key]);
      continue;
    }
    if (isPlainObject(value) && isPlainObject(source[key])) {
      inverse[key] = inverseMergePatch(value, source[key]);
    } else {
      inverse[key] = key in source ? structuredClone(source[key]) : null;
    }
  }
  return inverse;
}
