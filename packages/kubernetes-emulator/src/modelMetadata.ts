/** The label on a pod template (or an InferenceService) naming the model version it serves. */
export const MODEL_VERSION_LABEL = 'mlops-portal.io/model-version';

/**
 * The annotation naming the model version already serving when a workload
 * is created: the emulator then starts the new object as a canary of that
 * version instead of a first deploy at 100 %.
 */
export const STABLE_MODEL_VERSION_ANNOTATION =
  'mlops-portal.io/stable-model-version';
