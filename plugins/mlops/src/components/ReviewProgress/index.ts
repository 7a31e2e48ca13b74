export { ApprovalCount } from './ApprovalCount';
export { BlockingReasons } from './BlockingReasons';
export { CheckCounts } from './CheckCounts';
export { CheckStateIcon, CHECK_STATE_LOOK } from './CheckStateIcon';
