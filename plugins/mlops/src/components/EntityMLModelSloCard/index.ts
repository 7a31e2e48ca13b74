export { MLModelSloCard } from './MLModelSloCard';
export type { MLModelSloCardProps } from './MLModelSloCard';
