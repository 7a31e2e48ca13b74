export { ModelsTable } from './ModelsTable';
export type {
  ModelsTableProps,
  ModelsTableRollout,
  ModelsTableSlo,
} from './ModelsTable';
