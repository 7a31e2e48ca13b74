export { ModelsTable } from './ModelsTable';
export type { ModelsTableProps } from './ModelsTable';
