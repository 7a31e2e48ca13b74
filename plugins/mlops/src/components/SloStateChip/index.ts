export { SloStateChip, SLO_STATE_MEANINGS } from './SloStateChip';
