/** A resource type the emulator serves. */
export interface EmulatedResourceType {
  /** Empty for the core group. */
  group: string;
  version: string;
  plural: string;
  kind: string;
  listKind: string;
  singular: string;
  shortNames?: string[];
  /** Whether `/status` is a subresource (CRDs since Argo Rollouts v0.10). */
  statusSubresource: boolean;
}

export const ROLLOUTS: EmulatedResourceType = {
  group: 'argoproj.io',
  version: 'v1alpha1',
  plural: 'rollouts',
  kind: 'Rollout',
  listKind: 'RolloutList',
  singular: 'rollout',
  shortNames: ['ro'],
  statusSubresource: true,
};

export const ANALYSIS_RUNS: EmulatedResourceType = {
  group: 'argoproj.io',
  version: 'v1alpha1',
  plural: 'analysisruns',
  kind: 'AnalysisRun',
  listKind: 'AnalysisRunList',
  singular: 'analysisrun',
  shortNames: ['ar'],
  statusSubresource: true,
};

export const INFERENCE_SERVICES: EmulatedResourceType = {
  group: 'serving.kserve.io',
  version: 'v1beta1',
  plural: 'inferenceservices',
  kind: 'InferenceService',
  listKind: 'InferenceServiceList',
  singular: 'inferenceservice',
  shortNames: ['isvc'],
  statusSubresource: true,
};

export const REPLICA_SETS: EmulatedResourceType = {
  group: 'apps',
  version: 'v1',
  plural: 'replicasets',
  kind: 'ReplicaSet',
  listKind: 'ReplicaSetList',
  singular: 'replicaset',
  shortNames: ['rs'],
  statusSubresource: true,
};

/** What a generated canary manifest holds beside its Rollout. */
export const ANALYSIS_TEMPLATES: EmulatedResourceType = {
  group: 'argoproj.io',
  version: 'v1alpha1',
  plural: 'analysistemplates',
  kind: 'AnalysisTemplate',
  listKind: 'AnalysisTemplateList',
  singular: 'analysistemplate',
  statusSubresource: false,
};

/** Core `v1` Services, served under `/api/v1` like the API server does. */
export const SERVICES: EmulatedResourceType = {
  group: '',
  version: 'v1',
  plural: 'services',
  kind: 'Service',
  listKind: 'ServiceList',
  singular: 'service',
  shortNames: ['svc'],
  statusSubresource: true,
};

export const EMULATED_RESOURCE_TYPES = [
  ROLLOUTS,
  ANALYSIS_RUNS,
  ANALYSIS_TEMPLATES,
  INFERENCE_SERVICES,
  REPLICA_SETS,
  SERVICES,
];

export function apiVersionOf(type: EmulatedResourceType): string {
  return type.group ? `${type.group}/${type.version}` : type.version;
}
