export { MLModelAboutCard } from './MLModelAboutCard';
export type { MLModelAboutCardProps } from './MLModelAboutCard';
