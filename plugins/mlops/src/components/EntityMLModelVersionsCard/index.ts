export { MLModelVersionsCard } from './MLModelVersionsCard';
export type { MLModelVersionsCardProps } from './MLModelVersionsCard';
