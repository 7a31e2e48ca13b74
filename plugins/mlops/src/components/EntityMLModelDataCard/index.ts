export { MLModelDataCard } from './MLModelDataCard';
export type { MLModelDataCardProps } from './MLModelDataCard';
