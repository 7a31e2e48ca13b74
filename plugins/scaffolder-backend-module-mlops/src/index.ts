/**
 * Scaffolder actions for ModelOps Portal golden paths: validate the generated
 * model entity, generate Prometheus rules from its SLOs, seed the drift
 * configuration, publish to the portal's own git server, open the first
 * readiness review, and create the first canary in a cluster.
 *
 * @packageDocumentation
 */
export { scaffolderModuleMlops as default } from './module';
export * from './actions/validateModel';
export * from './actions/generateSloRules';
export * from './actions/seedDriftConfig';
export * from './actions/openReadinessReview';
export * from './actions/publishLocalGit';
export * from './actions/applyKubernetesManifest';
export * from './drift/buildDriftConfig';
export * from './localGit/localGitConfig';
export * from './localGit/LocalGitRepositories';
export * from './localGit/localGitUrlReader';
