export { SloRollupPage } from './SloRollupPage';
export { SloRollupContent, rollUpByTeam } from './SloRollupContent';
