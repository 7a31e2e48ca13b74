export { MLModelDriftCard } from './MLModelDriftCard';
export type { MLModelDriftCardProps } from './MLModelDriftCard';
