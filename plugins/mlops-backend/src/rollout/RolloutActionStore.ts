import {
  RolloutActionName,
  RolloutStateSummary,
  RolloutWorkloadKind,
} from '@mlops-portal/plugin-mlops-common';
import { RolloutGateDecision } from './rolloutGate';

/** One action taken on a canary, as recorded. @public */
export interface RolloutActionRecord {
  id: string;
  modelRef: string;
  cluster: string;
  namespace: string;
  workloadKind: RolloutWorkloadKind;
  workloadName: string;
  action: RolloutActionName;
  weight: number | null;
  actor: string;
  /** ISO 8601. */
  occurredAt: string;
  beforeResourceVersion: string;
  afterResourceVersion: string;
  before: RolloutStateSummary;
  after: RolloutStateSummary;
  override: boolean;
  justification: string | null;
  gate: RolloutGateDecision | null;
}

/** The append-only record of canary actions. */
export interface RolloutActionStore {
  append(record: Omit<RolloutActionRecord, 'id'>): Promise<RolloutActionRecord>;
  /** Newest first. */
  listForModel(
    modelRef: string,
    options?: { limit?: number },
  ): Promise<RolloutActionRecord[]>;
}
