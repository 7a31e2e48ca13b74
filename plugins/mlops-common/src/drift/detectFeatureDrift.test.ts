import { detectDatasetDrift } from './detectDatasetDrift';
import {
  detectFeatureDrift,
  detectFeatureDriftFromProfiles,
} from './detectFeatureDrift';
import { ksTwoSample } from './ksTwoSample';
import { populationStabilityIndex } from './populationStabilityIndex';
import {
  buildDriftProfile,
  DriftValueTypeError,
  profileNumericalValues,
} from './profiles';
import { selectDriftTest } from './selectDriftTest';

const ramp = (n: number, shift = 0) =>
  Array.from({ length: n }, (_, i) => i / n + shift);

describe('selectDriftTest (Evidently defaults)', () => {
  it('uses tests up to 1000 reference rows and distances beyond', () => {
    expect(selectDriftTest(ramp(1000), 'numerical')).toBe('ks');
    expect(selectDriftTest(ramp(1001), 'numerical')).toBe('wasserstein');
    expect(selectDriftTest(['a', 'b', 'c'], 'categorical')).toBe('chisquare');
    expect(selectDriftTest(['a', 'b'], 'categorical')).toBe('z');
    expect(selectDriftTest(Array(1001).fill('a'), 'categorical')).toBe(
      'jensenshannon',
    );
  });

  it('treats numerical features with 5 or fewer distinct values as categories', () => {
    expect(selectDriftTest([1, 2, 3, 4, 5, 1], 'numerical')).toBe('chisquare');
    expect(selectDriftTest([1, 2, 3, 4, 5, 6], 'numerical')).toBe('ks');
    expect(selectDriftTest([0, 1, 0, 1], 'numerical')).toBe('z');
    expect(
      selectDriftTest(
        Array.from({ length: 2000 }, (_, i) => i % 5),
        'numerical',
      ),
    ).toBe('jensenshannon');
  });

  it('counts distinct values over reference and current together, ignoring NaN', () => {
    expect(selectDriftTest([1, 2, 3, NaN], 'numerical', [4, 5, 6])).toBe('ks');
    expect(selectDriftTest([1, 2, 3, NaN, Infinity], 'numerical')).toBe(
      'chisquare',
    );
  });

  it('infers the feature type when none is given', () => {
    expect(selectDriftTest(ramp(20))).toBe('ks');
    expect(selectDriftTest(['x', 'y', 'z'])).toBe('chisquare');
  });
});

describe('detectFeatureDrift', () => {
  it('drops and counts NaN, null and infinities, testing only finite values', () => {
    const reference = [...ramp(40), NaN, null, Infinity, -Infinity];
    const current = [...ramp(40, 0.5), NaN, ''];
    const result = detectFeatureDrift(reference, current, {
      featureType: 'numerical',
    });
    expect(result.dropped).toEqual({
      reference: { missing: 2, infinite: 2 },
      current: { missing: 2, infinite: 0 },
    });
    expect(result.referenceSize).toBe(40);
    expect(result.currentSize).toBe(40);
    expect(result.test).toBe('ks');
    expect(result.statistic).toBe(
      ksTwoSample(ramp(40), ramp(40, 0.5)).statistic,
    );
    expect(result.drifted).toBe(true);
  });

  it('gives no verdict, instead of crashing or passing, when a side has no value', () => {
    const result = detectFeatureDrift(ramp(50), [NaN, null], {
      featureType: 'numerical',
    });
    expect(result.insufficientData).toBe(true);
    expect(result.drifted).toBe(false);
    expect(result.statistic).toBeNaN();
    expect(result.lowSample).toBe(true);
  });

  it('flags low samples, n = 1 included, and still gives the verdict', () => {
    const result = detectFeatureDrift([0.5], ramp(10), {
      featureType: 'numerical',
    });
    expect(result.lowSample).toBe(true);
    expect(result.insufficientData).toBe(false);
    expect(result.test).toBe('ks');
    expect(result.pValue).toBe(ksTwoSample([0.5], ramp(10)).pValue);
  });

  it('flags a constant reference column', () => {
    const result = detectFeatureDrift(Array(40).fill(3), Array(40).fill(3), {
      featureType: 'numerical',
    });
    expect(result.constant).toBe(true);
    expect(result.test).toBe('z');
    expect(result.pValue).toBe(1);
    expect(result.drifted).toBe(false);
  });

  it('flags categories new in the current data, and counts them as drift (chi-square)', () => {
    const result = detectFeatureDrift(
      [...Array(30).fill('a'), ...Array(30).fill('b'), ...Array(30).fill('c')],
      [
        ...Array(30).fill('a'),
        ...Array(30).fill('b'),
        ...Array(29).fill('c'),
        'd',
      ],
    );
    expect(result.test).toBe('chisquare');
    expect(result.newCategories).toEqual(['d']);
    expect(result.statistic).toBe(Infinity);
    expect(result.pValue).toBe(0);
    expect(result.drifted).toBe(true);
    expect(result.bins).toMatchObject({ kind: 'categorical' });
  });

  it('refuses a value of the wrong type, naming its position', () => {
    expect(() =>
      detectFeatureDrift([1, 2, 'three'], [1, 2], { featureType: 'numerical' }),
    ).toThrow(DriftValueTypeError);
    expect(() =>
      detectFeatureDrift([1, 2, 'three'], [1, 2], { featureType: 'numerical' }),
    ).toThrow(/"three" at index 2/);
  });

  it('keeps the frozen reference bins for plotting', () => {
    const result = detectFeatureDrift(ramp(100), ramp(100, 0.3), {
      featureType: 'numerical',
    });
    expect(result.bins.kind).toBe('numerical');
    if (result.bins.kind !== 'numerical') throw new Error();
    expect(result.bins.cutPoints).toHaveLength(9);
    expect(result.bins.referenceCounts).toEqual(Array(10).fill(10));
    expect(result.bins.currentCounts.reduce((a, b) => a + b, 0)).toBe(100);
  });

  it('honours an explicit test and threshold', () => {
    const result = detectFeatureDrift(ramp(100), ramp(100, 0.01), {
      featureType: 'numerical',
      test: 'wasserstein',
      threshold: 0.01,
    });
    expect(result.test).toBe('wasserstein');
    expect(result.threshold).toBe(0.01);
    expect(result.drifted).toBe(true);
  });
});

describe('pre-aggregated profiles', () => {
  it('run PSI on the frozen bins, with the same value as on raw data', () => {
    const reference = ramp(5000);
    const current = ramp(3000, 0.2);
    const referenceProfile = profileNumericalValues(reference, {
      keepValues: false,
    });
    const currentProfile = profileNumericalValues(current, {
      cutPoints: referenceProfile.cutPoints,
      keepValues: false,
    });
    const result = detectFeatureDriftFromProfiles(
      referenceProfile,
      currentProfile,
    );
    expect(result.test).toBe('psi');
    expect(result.binned).toBe(true);
    expect(result.statistic).toBe(populationStabilityIndex(reference, current));
    expect(result.drifted).toBe(true);
  });

  it('refuse a window binned on other cut points', () => {
    const referenceProfile = profileNumericalValues(ramp(100));
    const currentProfile = profileNumericalValues(ramp(100), {
      cutPoints: [0.5],
    });
    expect(() =>
      detectFeatureDriftFromProfiles(referenceProfile, currentProfile),
    ).toThrow(/reference cut points/);
  });

  it('give the same categorical verdict from counts as from raw labels', () => {
    const raw = detectFeatureDrift(['a', 'a', 'b', 'c'], ['a', 'b', 'b', 'c']);
    const fromCounts = detectFeatureDriftFromProfiles(
      {
        type: 'categorical',
        count: 4,
        missing: 0,
        categoryCounts: { a: 2, b: 1, c: 1 },
      },
      {
        type: 'categorical',
        count: 4,
        missing: 0,
        categoryCounts: { a: 1, b: 2, c: 1 },
      },
    );
    expect(fromCounts).toEqual(raw);
  });
});

describe('detectDatasetDrift', () => {
  const features = [
    { name: 'amount', type: 'numerical' as const },
    { name: 'hour', type: 'numerical' as const },
    { name: 'channel', type: 'categorical' as const },
  ];
  const reference = buildDriftProfile(
    {
      amount: ramp(200),
      hour: ramp(200),
      channel: Array.from(
        { length: 200 },
        (_, i) => ['web', 'app', 'pos'][i % 3],
      ),
    },
    features,
  );

  it('flags the dataset when the share of drifted features reaches 0.5', () => {
    const window = buildDriftProfile(
      {
        amount: ramp(200, 0.5),
        hour: ramp(200, 0.5),
        channel: Array.from(
          { length: 200 },
          (_, i) => ['web', 'app', 'pos'][i % 3],
        ),
      },
      features,
      { reference },
    );
    const result = detectDatasetDrift(reference, window);
    expect(result.numberOfDriftedFeatures).toBe(2);
    expect(result.shareOfDriftedFeatures).toBeCloseTo(2 / 3);
    expect(result.drifted).toBe(true);
    expect(
      detectDatasetDrift(reference, window, { driftShare: 0.7 }).drifted,
    ).toBe(false);
  });

  it('does not flag the dataset below the share', () => {
    const window = buildDriftProfile(
      {
        amount: ramp(200, 0.5),
        hour: ramp(200),
        channel: Array.from(
          { length: 200 },
          (_, i) => ['web', 'app', 'pos'][i % 3],
        ),
      },
      features,
      { reference },
    );
    const result = detectDatasetDrift(reference, window);
    expect(result.numberOfDriftedFeatures).toBe(1);
    expect(result.drifted).toBe(false);
  });

  it('leaves features without data out of the share', () => {
    const window = buildDriftProfile(
      { amount: ramp(200, 0.5), hour: [NaN], channel: ['web'] },
      features,
      { reference },
    );
    const result = detectDatasetDrift(reference, window);
    expect(result.numberOfFeaturesWithoutVerdict).toBe(1);
    expect(result.features.channel.lowSample).toBe(true);
  });
});
