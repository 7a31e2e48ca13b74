export { MLModelLineageCard } from './MLModelLineageCard';
export type { MLModelLineageCardProps } from './MLModelLineageCard';
