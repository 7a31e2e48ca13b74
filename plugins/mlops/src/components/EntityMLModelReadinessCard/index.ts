export { MLModelReadinessCard } from './MLModelReadinessCard';
export type { MLModelReadinessCardProps } from './MLModelReadinessCard';
