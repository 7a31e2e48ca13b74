/**
 * Pieces of a KServe InferenceService's status as the KServe controller
 * writes them, shared by the demo objects and the controller simulation.
 */

/** Knative names a predictor's revisions `<service>-predictor-00001`, … */
export function predictorRevisionName(service: string, revision: number) {
  return `${service}-predictor-${String(revision).padStart(5, '0')}`;
}

/** The conditions of a ready InferenceService, all `True` since `at`. */
export function readyInferenceServiceConditions(at: string) {
  return [
    'IngressReady',
    'LatestDeploymentReady',
    'PredictorConfigurationReady',
    'PredictorReady',
    'PredictorRouteReady',
    'Ready',
  ].map(type => ({ type, status: 'True', lastTransitionTime: at }));
}
