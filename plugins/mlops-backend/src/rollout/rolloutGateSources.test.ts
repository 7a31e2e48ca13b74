import { driftFlagSourceFrom, sloBudgetSourceFrom } from './rolloutGateSources';

const computedAt = '2026-11-26T12:00:00.000Z';

describe('sloBudgetSourceFrom', () => {
  it('has nothing to say before the SLO status is computed', async () => {
    const source = sloBudgetSourceFrom({
      getModelSloStatus: async () => undefined,
    });
    await expect(
      source.getBudgetStatus('mlmodel:default/m'),
    ).resolves.toBeUndefined();
  });

  it('reports an exhausted budget with the SLOs that spent it', async () => {
    const source = sloBudgetSourceFrom({
      getModelSloStatus: async () => ({
        exhausted: true,
        worstState: 'Critical',
        computedAt,
        slos: [
          {
            name: 'availability',
            state: 'Critical',
            errorBudgetRemaining: -0.25,
          },
          { name: 'latency', state: 'Acceptable', errorBudgetRemaining: 0.8 },
        ],
      }),
    });
    await expect(source.getBudgetStatus('mlmodel:default/m')).resolves.toEqual({
      exhausted: true,
      detail: `Error budget exhausted: availability (-25.0% left) as of ${computedAt}.`,
    });
  });

  it('reports the budget left when none is spent', async () => {
    const source = sloBudgetSourceFrom({
      getModelSloStatus: async () => ({
        exhausted: false,
        computedAt,
        slos: [
          {
            name: 'availability',
            state: 'Acceptable',
            errorBudgetRemaining: 0.5,
          },
        ],
      }),
    });
    await expect(source.getBudgetStatus('mlmodel:default/m')).resolves.toEqual({
      exhausted: false,
      detail: `Error budget left: availability 50.0% as of ${computedAt}.`,
    });
  });
});

describe('driftFlagSourceFrom', () => {
  const status = {
    modelRef: 'mlmodel:default/m',
    version: '2.0.0',
    windowId: 'w1',
    windowEnd: new Date('2026-11-26T00:00:00.000Z'),
    driftShare: 0.5,
    numberOfFeatures: 4,
  };

  it('has nothing to say without a window', async () => {
    const source = driftFlagSourceFrom({
      getDriftStatus: async () => undefined,
    });
    await expect(
      source.getDriftStatus('mlmodel:default/m', '2.0.0'),
    ).resolves.toBeUndefined();
  });

  it('names the drifted features of a flagged window', async () => {
    const source = driftFlagSourceFrom({
      getDriftStatus: async () => ({
        ...status,
        flagged: true,
        shareOfDriftedFeatures: 0.75,
        numberOfDriftedFeatures: 3,
        driftedFeatures: ['amount', 'country', 'hour_of_day'],
      }),
    });
    await expect(
      source.getDriftStatus('mlmodel:default/m', '2.0.0'),
    ).resolves.toEqual({
      flagged: true,
      detail:
        'Drift flagged for 2.0.0: 3 of 4 features drifted (75.0%; dataset drift at 50.0%): amount, country, hour_of_day, in the window ending 2026-11-26T00:00:00.000Z.',
    });
  });

  it('says there is no dataset drift below the share', async () => {
    const source = driftFlagSourceFrom({
      getDriftStatus: async () => ({
        ...status,
        flagged: false,
        shareOfDriftedFeatures: 0.25,
        numberOfDriftedFeatures: 1,
        driftedFeatures: ['amount'],
      }),
    });
    await expect(
      source.getDriftStatus('mlmodel:default/m', '2.0.0'),
    ).resolves.toEqual({
      flagged: false,
      detail:
        'No dataset drift for 2.0.0: 1 of 4 features drifted (25.0%; dataset drift at 50.0%) in the window ending 2026-11-26T00:00:00.000Z.',
    });
  });
});
