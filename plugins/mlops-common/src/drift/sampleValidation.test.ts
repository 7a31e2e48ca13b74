import { ksTwoSample } from './ksTwoSample';
import { wassersteinDistance } from './wassersteinDistance';

describe('two-sample statistics on samples with NaN', () => {
  // The merge walks over sorted samples would never get past a NaN.
  it('ksTwoSample refuses them with a RangeError', () => {
    expect(() => ksTwoSample([1, NaN, 2], [1, 2])).toThrow(
      'ksTwoSample needs samples without NaN',
    );
    expect(() => ksTwoSample([1, 2], [NaN])).toThrow(RangeError);
  });

  it('wassersteinDistance refuses them with a RangeError', () => {
    expect(() => wassersteinDistance([1, 2], [3, NaN])).toThrow(
      'wassersteinDistance needs samples without NaN',
    );
  });

  it('still accepts infinities and signed zeros', () => {
    expect(ksTwoSample([-0, 0, 1], [0, 1, Infinity]).statistic).toBeCloseTo(
      1 / 3,
      15,
    );
    expect(wassersteinDistance([-0, 1], [0, 1])).toBe(0);
  });
});
