export { MLModelsPage } from './MLModelsPage';
export { MLModelsContent } from './MLModelsContent';
