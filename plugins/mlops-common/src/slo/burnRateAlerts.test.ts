import {
  alertWindowKeys,
  classifySloState,
  DEFAULT_BURN_RATE_WINDOWS,
  evaluateBurnRateAlerts,
  worstSloState,
} from './burnRateAlerts';

const target = 0.999;
const quiet = {
  '5m': 0,
  '30m': 0,
  '1h': 0,
  '2h': 0,
  '6h': 0,
  '1d': 0,
  '3d': 0,
};

function firing(errorRatios: Record<string, number>) {
  return evaluateBurnRateAlerts({ target, errorRatios })
    .filter(a => a.firing)
    .map(a => `${a.long}/${a.short}`);
}

describe('evaluateBurnRateAlerts', () => {
  it('uses the workbook 30-day table by default', () => {
    expect(
      DEFAULT_BURN_RATE_WINDOWS.map(w => [
        w.long,
        w.short,
        w.factor,
        w.severity,
      ]),
    ).toEqual([
      ['1h', '5m', 14.4, 'page'],
      ['6h', '30m', 6, 'page'],
      ['1d', '2h', 3, 'ticket'],
      ['3d', '6h', 1, 'ticket'],
    ]);
    expect(alertWindowKeys()).toEqual([
      '5m',
      '1h',
      '30m',
      '6h',
      '2h',
      '1d',
      '3d',
    ]);
  });

  it('fires a pair only when both windows are above factor × (1 − target)', () => {
    expect(firing(quiet)).toEqual([]);
    expect(firing({ ...quiet, '1h': 0.02, '5m': 0.02 })).toEqual(['1h/5m']);
    // The long window alone (a burn that has stopped) does not fire.
    expect(firing({ ...quiet, '1h': 0.02, '5m': 0.001 })).toEqual([]);
    // The short window alone (a blip) does not fire.
    expect(firing({ ...quiet, '1h': 0.001, '5m': 0.5 })).toEqual([]);
    expect(firing({ ...quiet, '3d': 0.0011, '6h': 0.0011 })).toEqual(['3d/6h']);
  });

  it('does not fire at exactly the threshold (strictly above)', () => {
    const at = 14.4 * (1 - target);
    const [page] = evaluateBurnRateAlerts({
      target,
      errorRatios: { ...quiet, '1h': at, '5m': at },
    });
    expect(page.threshold).toBe(at);
    expect(page.firing).toBe(false);
    const [above] = evaluateBurnRateAlerts({
      target,
      errorRatios: { ...quiet, '1h': at * 1.000001, '5m': at * 1.000001 },
    });
    expect(above.firing).toBe(true);
  });

  it('never fires on a window without data', () => {
    expect(firing({ '1h': 0.5 })).toEqual([]);
  });

  it('accepts other windows', () => {
    const alerts = evaluateBurnRateAlerts({
      target: 0.99,
      errorRatios: { '10m': 0.2, '2h': 0.2 },
      windows: [{ long: '2h', short: '10m', factor: 10, severity: 'page' }],
    });
    expect(alerts).toEqual([
      expect.objectContaining({
        long: '2h',
        short: '10m',
        threshold: expect.closeTo(0.1, 12),
        firing: true,
      }),
    ]);
  });
});

describe('classifySloState', () => {
  const classify = (
    errorRatios: Record<string, number>,
    budgetRemaining = 0.5,
  ) =>
    classifySloState({
      budgetRemaining,
      alerts: evaluateBurnRateAlerts({ target, errorRatios }),
      burnRates: Object.fromEntries(
        Object.entries(errorRatios).map(([k, v]) => [k, v / (1 - target)]),
      ),
    });

  it('is Critical when the budget is spent, even if nothing burns now', () => {
    expect(classify(quiet, 0)).toBe('Critical');
    expect(classify(quiet, -0.3)).toBe('Critical');
  });

  it('is Critical when a page pair fires', () => {
    expect(classify({ ...quiet, '6h': 0.007, '30m': 0.007, '1h': 0.007 })).toBe(
      'Critical',
    );
  });

  it('is Increasing when a ticket pair fires or the 5m window burns faster than 1 and no slower than the last hour', () => {
    expect(classify({ ...quiet, '1d': 0.004, '2h': 0.004 })).toBe('Increasing');
    expect(classify({ ...quiet, '5m': 0.002, '1h': 0.001 })).toBe('Increasing');
    // Burning faster than 1, but no faster than over the long windows: steady.
    const steady = Object.fromEntries(Object.keys(quiet).map(k => [k, 0.0012]));
    expect(classify(steady)).toBe('Increasing'); // the 3d/6h ticket pair fires at 1.2×
    const steadyBelow = Object.fromEntries(
      Object.keys(quiet).map(k => [k, 0.0009]),
    );
    expect(classify(steadyBelow)).toBe('Acceptable');
  });

  it('is Recovering when a long window burns faster than 1 and its short window slower', () => {
    expect(classify({ ...quiet, '1h': 0.02, '6h': 0.008, '1d': 0.004 })).toBe(
      'Recovering',
    );
  });

  it('is Acceptable otherwise', () => {
    expect(
      classify({ ...quiet, '5m': 0.0005, '1h': 0.0006, '3d': 0.0004 }),
    ).toBe('Acceptable');
    // Faster than over the long window, but well within budget.
    expect(classify({ ...quiet, '5m': 0.0008, '1h': 0.0002 })).toBe(
      'Acceptable',
    );
    // Above 1 in the short window but slowing down against the long one.
    expect(classify({ ...quiet, '5m': 0.002, '1h': 0.003 })).toBe('Recovering');
  });

  it('picks the worst state', () => {
    expect(worstSloState(['Acceptable', 'Recovering', 'Increasing'])).toBe(
      'Increasing',
    );
    expect(worstSloState([])).toBeUndefined();
  });
});
