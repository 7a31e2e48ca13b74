import { mockServices, TestDatabases } from '@backstage/backend-test-utils';
import { errorWithMessage } from '../__testUtils__/databaseErrors';
import { DatabaseRolloutActionStore } from './DatabaseRolloutActionStore';

jest.setTimeout(60_000);

const record = {
  modelRef: 'mlmodel:default/card-fraud-detector',
  cluster: 'demo-cluster',
  namespace: 'fraud-ml',
  workloadKind: 'Rollout' as const,
  workloadName: 'fraud-scorer',
  action: 'promoteFull' as const,
  weight: null,
  actor: 'user:default/linus',
  occurredAt: '2026-11-27T01:02:03.000Z',
  beforeResourceVersion: '1010',
  afterResourceVersion: '1011',
  before: {
    kind: 'Rollout' as const,
    phase: 'paused' as const,
    canaryWeight: 10,
  },
  after: {
    kind: 'Rollout' as const,
    phase: 'paused' as const,
    canaryWeight: 10,
  },
  override: true,
  justification: 'Incident INC-4711',
  gate: {
    allowed: false,
    version: '3.3.0',
    checks: [],
    reasons: ['No approved review'],
  },
};

describe('DatabaseRolloutActionStore', () => {
  const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

  it.each(databases.eachSupportedId())(
    'appends, lists newest first and refuses changes on %p',
    async databaseId => {
      const knex = await databases.init(databaseId);
      const store = await DatabaseRolloutActionStore.create({
        database: mockServices.database({ knex }),
      });
      const first = await store.append(record);
      const second = await store.append({
        ...record,
        action: 'abort',
        override: false,
        justification: null,
        gate: null,
      });
      expect(await store.listForModel(record.modelRef)).toEqual([
        second,
        first,
      ]);
      expect(first).toEqual({ ...record, id: first.id });
      expect(await store.listForModel('mlmodel:default/other')).toEqual([]);
      await expect(
        knex('rollout_actions').update({ actor: 'someone else' }),
      ).rejects.toMatchObject(errorWithMessage(/append-only/));
      await expect(knex('rollout_actions').delete()).rejects.toMatchObject(
        errorWithMessage(/append-only/),
      );
    },
  );
});
