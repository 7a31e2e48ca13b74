import {
  isSortedAscending,
  orderStatistics,
  selectOrderStatistics,
  sortedFloat64Copy,
  sortFloat64,
} from './float64Ordering';

/** A reproducible sample (Park-Miller LCG), shaped by `shape`. */
function sample(
  n: number,
  seed: number,
  shape: (u: number, i: number) => number,
): Float64Array {
  let state = seed;
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    state = (state * 48271) % 2147483647;
    out[i] = shape(state / 2147483647, i);
  }
  return out;
}

/** Element by element with Object.is, so that -0 and +0 (and NaN) are told apart. */
function expectSameBits(
  actual: ArrayLike<number>,
  expected: ArrayLike<number>,
) {
  expect(actual.length).toBe(expected.length);
  for (let i = 0; i < expected.length; i++) {
    if (!Object.is(actual[i], expected[i])) {
      throw new Error(
        `at ${i}: expected ${
          Object.is(expected[i], -0) ? '-0' : expected[i]
        }, got ${Object.is(actual[i], -0) ? '-0' : actual[i]}`,
      );
    }
  }
}

const SAMPLES: Array<[string, Float64Array]> = [
  ['smooth', sample(20000, 1, u => Math.log(u / (1 - u)))],
  ['heavy tail', sample(20000, 2, u => Math.exp(12 * u) * (u < 0.3 ? -1 : 1))],
  ['outliers', sample(20000, 3, (u, i) => (i % 997 === 0 ? 1e300 * u : u))],
  ['few distinct values', sample(20000, 4, u => Math.floor(u * 7))],
  ['all one value but one', sample(5000, 5, (_, i) => (i === 17 ? 2 : 1))],
  [
    'signed zeros',
    sample(5000, 6, u => {
      if (u < 0.3) return -0;
      if (u < 0.6) return 0;
      return u - 0.8;
    }),
  ],
  [
    'NaN and infinities',
    sample(5000, 7, u => {
      if (u < 0.01) return NaN;
      if (u < 0.02) return -Infinity;
      return u > 0.99 ? Infinity : u;
    }),
  ],
  ['subnormal range', sample(5000, 8, u => u * 1e-320)],
  ['already sorted', sample(5000, 9, (_, i) => i / 7)],
  ['descending', sample(5000, 10, (_, i) => -i)],
  ['small', sample(100, 11, u => u - 0.5)],
  ['constant', new Float64Array(3000).fill(4.25)],
  ['empty', new Float64Array(0)],
];

describe('sortFloat64', () => {
  it.each(SAMPLES)('orders %s exactly as the native sort', (_, values) => {
    const expected = values.slice().sort();
    const actual = values.slice();
    expect(sortFloat64(actual)).toBe(actual);
    expectSameBits(actual, expected);
  });

  it('returns a sorted copy without touching its input', () => {
    const input = [3, -1, 2.5, 0, -0];
    const copy = sortedFloat64Copy(input);
    expectSameBits(copy, [-1, -0, 0, 2.5, 3]);
    expect(input).toEqual([3, -1, 2.5, 0, -0]);
  });
});

describe('isSortedAscending', () => {
  it('holds for ascending values with ties, and for empty or single values', () => {
    expect(isSortedAscending([1, 1, 2, 3])).toBe(true);
    expect(isSortedAscending([-0, 0, 0])).toBe(true);
    expect(isSortedAscending([])).toBe(true);
    expect(isSortedAscending([5])).toBe(true);
  });

  it('fails on a descent, on +0 before -0 and on NaN', () => {
    expect(isSortedAscending([1, 3, 2])).toBe(false);
    expect(isSortedAscending([0, -0])).toBe(false);
    expect(isSortedAscending([1, NaN, 2])).toBe(false);
    expect(isSortedAscending([NaN])).toBe(false);
  });
});

/** Every 13th rank and both ends: enough ranks to reach every partition. */
function someRanks(n: number): number[] {
  const ranks = new Set<number>([0, n - 1]);
  for (let r = 5; r < n; r += 13) ranks.add(r);
  return [...ranks].sort((a, b) => a - b);
}

const WITHOUT_NAN = SAMPLES.filter(
  ([name, values]) => values.length > 0 && name !== 'NaN and infinities',
);

describe('selectOrderStatistics', () => {
  it.each(WITHOUT_NAN)(
    'puts at each rank of %s the value a full sort puts there',
    (_, values) => {
      const sorted = values.slice().sort();
      const ranks = someRanks(values.length);
      const selected = selectOrderStatistics(values.slice(), ranks);
      expectSameBits(
        ranks.map(rank => selected[rank]),
        ranks.map(rank => sorted[rank]),
      );
    },
  );

  it('keeps everything below a rank at or below its value, everything above at or above', () => {
    const values = sample(10000, 12, u => Math.floor(u * 50));
    const selected = selectOrderStatistics(values, [2500, 7000]);
    for (const rank of [2500, 7000]) {
      for (let i = 0; i < rank; i++)
        expect(selected[i] <= selected[rank]).toBe(true);
      for (let i = rank + 1; i < selected.length; i++) {
        expect(selected[i] >= selected[rank]).toBe(true);
      }
    }
  });

  it('refuses ranks out of order or out of range', () => {
    const values = new Float64Array([3, 1, 2]);
    expect(() => selectOrderStatistics(values, [2, 1])).toThrow(RangeError);
    expect(() => selectOrderStatistics(values, [3])).toThrow(RangeError);
    expect(() => selectOrderStatistics(values, [0.5])).toThrow(RangeError);
  });
});

describe('orderStatistics', () => {
  it.each(SAMPLES.filter(([, values]) => values.length > 0))(
    'reads the values a full sort puts at the ranks of %s',
    (_, values) => {
      const sorted = values.slice().sort();
      const ranks = someRanks(values.length);
      const input = Array.from(values);
      expectSameBits(
        orderStatistics(input, ranks),
        ranks.map(rank => sorted[rank]),
      );
      expectSameBits(input, values);
    },
  );

  it('finds neighbouring ranks that fall in one crowded bucket', () => {
    // 1e6 at one end squeezes all other values into the first bucket.
    const values = sample(10000, 13, (u, i) => (i === 0 ? 1e6 : u));
    const sorted = values.slice().sort();
    expectSameBits(orderStatistics(values, [4999, 5000, 9999]), [
      sorted[4999],
      sorted[5000],
      sorted[9999],
    ]);
  });

  it('finds ranks among values beyond the range of the values it samples first', () => {
    // Only every 9th value sets the bucket map; the extremes sit between.
    const values = sample(10000, 15, (u, i) => {
      if (i % 9 !== 4) return u;
      return u < 0.5 ? -1e9 * u : 1e9 * u;
    });
    const sorted = values.slice().sort();
    const ranks = [0, 1, 555, 556, 5000, 9443, 9444, 9999];
    expectSameBits(
      orderStatistics(values, ranks),
      ranks.map(rank => sorted[rank]),
    );
  });

  it('refuses ranks out of order or out of range', () => {
    const values = sample(2000, 14, u => u);
    expect(() => orderStatistics(values, [10, 5])).toThrow(RangeError);
    expect(() => orderStatistics(values, [2000])).toThrow(RangeError);
    expect(() => orderStatistics([1, 2, 3], [-1])).toThrow(RangeError);
  });
});
