export { MLModelsPage, MLModelsContent } from './MLModelsPage';
export { MLModelAboutCard } from './EntityMLModelAboutCard';
export type { MLModelAboutCardProps } from './EntityMLModelAboutCard';
export { MLModelVersionsCard } from './EntityMLModelVersionsCard';
export type { MLModelVersionsCardProps } from './EntityMLModelVersionsCard';
export { MLModelDataCard } from './EntityMLModelDataCard';
export type { MLModelDataCardProps } from './EntityMLModelDataCard';
export { MLModelLineageCard } from './EntityMLModelLineageCard';
export type { MLModelLineageCardProps } from './EntityMLModelLineageCard';
export { MLModelUnresolvedRefsWarning } from './EntityMLModelUnresolvedRefsWarning';
export { RiskTierChip } from './RiskTierChip';
export type { RiskTierChipProps } from './RiskTierChip';
export { LifecycleChip } from './LifecycleChip';
export type { LifecycleChipProps } from './LifecycleChip';
export { MLModelReadinessCard } from './EntityMLModelReadinessCard';
export { MLModelDriftCard } from './EntityMLModelDriftCard';
export type { MLModelDriftCardProps } from './EntityMLModelDriftCard';
export type { MLModelReadinessCardProps } from './EntityMLModelReadinessCard';
export { ReadinessReviewsRouter } from './ReadinessReviewsRouter';
export type { ReadinessReviewsRouterProps } from './ReadinessReviewsRouter';
export { ReadinessReviewContent } from './ReadinessReviewPage';
export { ReviewsAwaitingContent } from './ReviewsAwaitingPage';
export { ReviewStatusChip } from './ReviewStatusChip';
export type { ReviewStatusChipProps } from './ReviewStatusChip';
export {
  MLModelCanaryPanel,
  RolloutPhaseChip,
} from './EntityMLModelCanaryPanel';
export type { MLModelCanaryPanelProps } from './EntityMLModelCanaryPanel';
export { MLModelSloCard } from './EntityMLModelSloCard';
export type { MLModelSloCardProps } from './EntityMLModelSloCard';
export { SloRollupPage, SloRollupContent } from './SloRollupPage';
export { SloStateChip } from './SloStateChip';
