/**
 * Scaffolder actions for ModelOps Portal golden paths: validate the generated
 * model entity, generate Prometheus rules from its SLOs, seed the drift
 * configuration, publish to the portal's own git server, and open the first
 * readiness review.
 *
 * @packageDocumentation
 */
export { scaffolderModuleMlops as default } from './module';
export * from './actions/validateModel';
export * from './actions/generateSloRules';
export * from './actions/seedDriftConfig';
export * from './actions/openReadinessReview';
export * from './actions/publishLocalGit';
export * from './drift/buildDriftConfig';
export * from './localGit/localGitConfig';
export * from './localGit/LocalGitRepositories';
export * from './localGit/localGitUrlReader';
