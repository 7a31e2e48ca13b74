/**
 * An HTTPS Kubernetes API server for Argo Rollouts and KServe objects, for
 * tests and the demo portal.
 *
 * @packageDocumentation
 */
export { KubernetesEmulator, matchesLabelSelector } from './KubernetesEmulator';
export type {
  KubernetesEmulatorOptions,
  RecordedRequest,
} from './KubernetesEmulator';
export { generateEmulatorCertificates } from './certificates';
export type { EmulatorCertificates } from './certificates';
export { ObjectStore, StoreError } from './ObjectStore';
export type { ObjectMeta, StoredObject } from './ObjectStore';
export { applyJsonPatch, applyMergePatch, PatchError } from './patches';
export type { Json, JsonPatchOperation } from './patches';
export {
  RolloutSimulation,
  SIMULATED_ANALYSIS,
  SIMULATION_ANNOTATIONS,
} from './RolloutSimulation';
export type {
  RolloutSimulationOptions,
  SimulatedMeasurements,
} from './RolloutSimulation';
export { demoClusterObjects } from './demoClusterObjects';
export {
  MODEL_VERSION_LABEL,
  STABLE_MODEL_VERSION_ANNOTATION,
} from './modelMetadata';
export { forbiddenMessage } from './faults';
export type { DelayFault, FailureFault, FaultMatcher } from './faults';
export {
  ANALYSIS_RUNS,
  ANALYSIS_TEMPLATES,
  EMULATED_RESOURCE_TYPES,
  INFERENCE_SERVICES,
  REPLICA_SETS,
  ROLLOUTS,
  SERVICES,
} from './resources';
export type { EmulatedResourceType } from './resources';
