/*
 * Ordering of float64 samples for the drift statistics: a distribution sort,
 * which on samples of 10^5 to 10^6 values is several times faster than the
 * comparison sort behind `Float64Array.prototype.sort`, and a selection of
 * order statistics for quantiles that do not need everything sorted.
 * Both give exactly the values a full numeric sort would put at each place.
 */

/** Below this size the native sort is as fast and needs no scratch buffers. */
const DISTRIBUTION_SORT_MIN_SIZE = 512;
/**
 * One bucket per value up to 2^17 buckets: beyond that the bucket counters
 * no longer stay in cache while values are scattered, and the sort of 10^6
 * values got slower than with 2^17 buckets of about 8 values each.
 */
const MAX_BUCKETS = 1 << 17;
/** Values read to set a bucket map (see bucketRange). */
const RANGE_SUBSAMPLE_SIZE = 1024;
/** Buckets up to this size are finished by insertion sort, larger ones by the native sort. */
const INSERTION_SORT_MAX_SIZE = 32;

function insertionSort(values: Float64Array, lo: number, hi: number) {
  for (let i = lo + 1; i <= hi; i++) {
    const value = values[i];
    let j = i - 1;
    while (j >= lo && values[j] > value) {
      values[j + 1] = values[j];
      j--;
    }
    values[j + 1] = value;
  }
}

/**
 * Sorts `values` in place in ascending numeric order and returns it, with
 * exactly the result of `Float64Array.prototype.sort` (-0 before +0, NaN
 * last) but faster on the samples drift sees. A distribution sort: each value
 * goes to one of n buckets (at most 2^17) by linear interpolation between the minimum and
 * the maximum (a monotone map, so the buckets are in order), then each bucket
 * is sorted on its own. For samples of a continuous distribution the buckets
 * hold a value or two and the whole takes a few linear passes; where values
 * crowd into few buckets (heavy tails, outliers) those buckets go to the
 * native sort, so the worst case stays that of the native sort plus the
 * passes. Small arrays, and arrays holding NaN or -0, go to the native sort
 * directly.
 */
export function sortFloat64(values: Float64Array): Float64Array {
  if (values.length < DISTRIBUTION_SORT_MIN_SIZE) return values.sort();
  const sorted = new Float64Array(values.length);
  if (!distributionSort(values, sorted)) return values.sort();
  values.set(sorted);
  return values;
}

/** A sorted float64 copy of the values. */
export function sortedFloat64Copy(values: ArrayLike<number>): Float64Array {
  const sorted = new Float64Array(values.length);
  if (
    values.length >= DISTRIBUTION_SORT_MIN_SIZE &&
    distributionSort(values, sorted)
  ) {
    return sorted;
  }
  for (let i = 0; i < values.length; i++) sorted[i] = values[i];
  return sorted.sort();
}

/**
 * The bucket of a value mapped outside the sampled range: the bucket maps are
 * taken from a subsample, so values beyond it go to the end buckets.
 */
function clampBucket(bucket: number, last: number): number {
  if (bucket < 0) return 0;
  return bucket > last ? last : bucket;
}

/** Range of an evenly spread subsample, or of all values when the subsample has none. */
function bucketRange(values: ArrayLike<number>): [number, number] {
  const n = values.length;
  let min = Infinity;
  let max = -Infinity;
  const stride = Math.max(1, Math.floor(n / RANGE_SUBSAMPLE_SIZE));
  for (let i = 0; i < n; i += stride) {
    const value = values[i];
    if (value < min) min = value;
    if (value > max) max = value;
  }
  if (max > min || stride === 1) return [min, max];
  for (let i = 0; i < n; i++) {
    const value = values[i];
    if (value < min) min = value;
    if (value > max) max = value;
  }
  return [min, max];
}

/**
 * Writes the values of `source` into `target` in ascending order, or returns
 * false (leaving `target` in any state) when the values need the native sort:
 * NaN, -0 (which the buckets would not order before +0), or a range that the
 * bucket map cannot span.
 */
function distributionSort(
  source: ArrayLike<number>,
  target: Float64Array,
): boolean {
  const n = source.length;
  // The bucket map only has to be monotone, not to span the data: it is
  // taken from the range of an evenly spread subsample, and values beyond it
  // go to the end buckets. That saves a full pass for the exact range.
  const [min, max] = bucketRange(source);
  if (!(max > min)) return false;
  const buckets = Math.min(n, MAX_BUCKETS);
  const scale = buckets / (max - min);
  if (!Number.isFinite(scale)) return false;
  const last = buckets - 1;
  const starts = new Uint32Array(buckets + 1);
  for (let i = 0; i < n; i++) {
    const value = source[i];
    if (Number.isNaN(value) || (value === 0 && 1 / value < 0)) return false;
    const bucket = Math.floor((value - min) * scale);
    starts[clampBucket(bucket, last) + 1]++;
  }
  for (let b = 0; b < buckets; b++) starts[b + 1] += starts[b];
  const next = starts.slice(0, buckets);
  for (let i = 0; i < n; i++) {
    const value = source[i];
    const bucket = Math.floor((value - min) * scale);
    target[next[clampBucket(bucket, last)]++] = value;
  }
  for (let b = 0; b < buckets; b++) {
    const lo = starts[b];
    const size = starts[b + 1] - lo;
    if (size <= 1) continue;
    if (size <= INSERTION_SORT_MAX_SIZE) {
      insertionSort(target, lo, lo + size - 1);
    } else {
      target.subarray(lo, lo + size).sort();
    }
  }
  return true;
}

/**
 * Whether the values are in the order a numeric sort leaves them: ascending,
 * -0 before +0, and no NaN.
 */
export function isSortedAscending(values: ArrayLike<number>): boolean {
  for (let i = 1; i < values.length; i++) {
    const previous = values[i - 1];
    const value = values[i];
    if (previous < value) continue;
    // 1 / ±0 = ±Infinity tells +0 followed by -0 apart.
    if (previous === value && (value !== 0 || 1 / previous <= 1 / value)) {
      continue;
    }
    return false;
  }
  return values.length !== 1 || !Number.isNaN(values[0]);
}

/** A plain array with the values, built without the slow generic `Array.from`. */
export function float64ToArray(values: Float64Array): number[] {
  const out = new Array<number>(values.length);
  for (let i = 0; i < values.length; i++) out[i] = values[i];
  return out;
}

/** Below this many values a range is finished by insertion sort. */
const SELECTION_SMALL_RANGE = 16;

function medianOfThree(a: number, b: number, c: number): number {
  if (a < b) {
    if (b < c) return b;
    return a < c ? c : a;
  }
  if (a < c) return a;
  return b < c ? c : b;
}

/**
 * Partitions compare -0 and +0 as equal, so a zero at a rank may carry the
 * other sign than in a full sort, where every -0 precedes every +0. Zeros at
 * the ranks get the sign the sort would give them.
 */
function fixSignedZeros(values: Float64Array, ranks: readonly number[]) {
  if (!ranks.some(rank => values[rank] === 0)) return;
  let belowPositiveZero = 0;
  for (let i = 0; i < values.length; i++) {
    const value = values[i];
    if (value < 0 || (value === 0 && 1 / value < 0)) belowPositiveZero++;
  }
  for (const rank of ranks) {
    if (values[rank] === 0) values[rank] = rank < belowPositiveZero ? -0 : 0;
  }
}

/**
 * Moves values so that, for each rank k (0-based, ascending, without
 * duplicates), values[k] is the value a full sort would put at k. A
 * quickselect on all ranks at once (Hoare partitions around a median of
 * three, recursing only into ranges that hold a rank), with the native sort
 * as the fallback when partitions keep coming out lopsided, so that the
 * worst case stays O(n log n). The values must not contain NaN. A zero at a
 * rank is given the sign the sort would put there (-0 before +0).
 */
export function selectOrderStatistics(
  values: Float64Array,
  ranks: readonly number[],
): Float64Array {
  for (let r = 0; r < ranks.length; r++) {
    const rank = ranks[r];
    if (
      !Number.isInteger(rank) ||
      rank < 0 ||
      rank >= values.length ||
      (r > 0 && rank <= ranks[r - 1])
    ) {
      throw new RangeError(
        'selectOrderStatistics needs ascending distinct ranks within the values',
      );
    }
  }
  const depthLimit = 2 * Math.ceil(Math.log2(values.length + 1)) + 4;
  const select = (
    lo: number,
    hi: number,
    firstRank: number,
    endRank: number,
    depth: number,
  ): void => {
    let low = lo;
    const high = hi;
    let first = firstRank;
    let remainingDepth = depth;
    while (first < endRank) {
      if (high - low < SELECTION_SMALL_RANGE) {
        insertionSort(values, low, high);
        return;
      }
      if (remainingDepth-- === 0) {
        values.subarray(low, high + 1).sort();
        return;
      }
      const pivot = medianOfThree(
        values[low],
        values[(low + high) >>> 1],
        values[high],
      );
      let i = low;
      let j = high;
      while (i <= j) {
        while (values[i] < pivot) i++;
        while (values[j] > pivot) j--;
        if (i <= j) {
          const swap = values[i];
          values[i] = values[j];
          values[j] = swap;
          i++;
          j--;
        }
      }
      // Now values[low..j] ≤ pivot, values[i..high] ≥ pivot, and anything
      // strictly between j and i equals the pivot: ranks there are final.
      let leftEnd = first;
      while (leftEnd < endRank && ranks[leftEnd] <= j) leftEnd++;
      let rightStart = leftEnd;
      while (rightStart < endRank && ranks[rightStart] < i) rightStart++;
      if (leftEnd > first) select(low, j, first, leftEnd, remainingDepth);
      low = i;
      first = rightStart;
    }
  };
  select(0, values.length - 1, 0, ranks.length, depthLimit);
  fixSignedZeros(values, ranks);
  return values;
}

/** Buckets of the bucketed selection: enough that a needed bucket is small, few enough to stay in cache. */
const SELECTION_BUCKETS = 1 << 16;

/**
 * The values a full numeric sort would put at each rank (0-based, ascending,
 * without duplicates), without sorting or copying the whole sample: one pass
 * to count values per bucket (a monotone map as in {@link sortFloat64}) and
 * one to gather the few buckets that hold a rank, which are then selected
 * in. Samples holding NaN or -0 take a full sort.
 */
export function orderStatistics(
  values: ArrayLike<number>,
  ranks: readonly number[],
): number[] {
  const n = values.length;
  const bySorting = () => {
    const sorted = sortedFloat64Copy(values);
    return ranks.map(rank => {
      if (!Number.isInteger(rank) || rank < 0 || rank >= n) {
        throw new RangeError('orderStatistics needs ranks within the values');
      }
      return sorted[rank];
    });
  };
  if (n < DISTRIBUTION_SORT_MIN_SIZE) return bySorting();
  const [min, max] = bucketRange(values);
  const buckets = Math.min(n, SELECTION_BUCKETS);
  const scale = buckets / (max - min);
  if (!(max > min) || !Number.isFinite(scale)) return bySorting();
  const last = buckets - 1;
  const counts = new Uint32Array(buckets);
  for (let i = 0; i < n; i++) {
    const value = values[i];
    // NaN, or -0 (which the buckets would not order before +0).
    if (Number.isNaN(value) || (value === 0 && 1 / value < 0))
      return bySorting();
    const bucket = Math.floor((value - min) * scale);
    counts[clampBucket(bucket, last)]++;
  }
  // For each rank, its bucket and its rank within the bucket.
  const slotOfBucket = new Int32Array(buckets).fill(-1);
  const gathered: Float64Array[] = [];
  const localRanks: number[][] = [];
  const rankPlaces: Array<[slot: number, local: number]> = [];
  let bucket = 0;
  let below = 0;
  for (let r = 0; r < ranks.length; r++) {
    const rank = ranks[r];
    if (
      !Number.isInteger(rank) ||
      rank < 0 ||
      rank >= n ||
      (r > 0 && rank <= ranks[r - 1])
    ) {
      throw new RangeError(
        'orderStatistics needs ascending distinct ranks within the values',
      );
    }
    while (below + counts[bucket] <= rank) below += counts[bucket++];
    if (slotOfBucket[bucket] < 0) {
      slotOfBucket[bucket] = gathered.length;
      gathered.push(new Float64Array(counts[bucket]));
      localRanks.push([]);
    }
    const slot = slotOfBucket[bucket];
    localRanks[slot].push(rank - below);
    rankPlaces.push([slot, rank - below]);
  }
  const filled = new Uint32Array(gathered.length);
  for (let i = 0; i < n; i++) {
    const value = values[i];
    const b = Math.floor((value - min) * scale);
    const slot = slotOfBucket[clampBucket(b, last)];
    if (slot >= 0) gathered[slot][filled[slot]++] = value;
  }
  gathered.forEach((bucketValues, slot) =>
    selectOrderStatistics(bucketValues, localRanks[slot]),
  );
  return rankPlaces.map(([slot, local]) => gathered[slot][local]);
}
