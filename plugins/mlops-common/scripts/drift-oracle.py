#!/usr/bin/env python3
"""Expected values for the drift engine, computed independently with scipy 1.10.

Run with Debian's python3-scipy (the contract is scipy 1.10):

    PYTHONPATH=/usr/lib/python3/dist-packages python3 \
        plugins/mlops-common/scripts/drift-oracle.py > \
        plugins/mlops-common/src/drift/__fixtures__/scipy-expected.json

Inputs are not stored as data: each sample is described by a small generator
spec (a Park-Miller LCG whose arithmetic is exact in IEEE doubles), so the
TypeScript tests rebuild bit-identical samples from the same spec
(see src/drift/__fixtures__/oracleSamples.ts). Missing values are spelt
"nan", "inf" and "-inf" because JSON has no literal for them.
"""
import json
import math
import sys

import numpy as np
import scipy
from scipy import stats
from scipy.spatial import distance

if not scipy.__version__.startswith('1.10'):
    sys.exit(f'scipy 1.10 is required (found {scipy.__version__}); '
             'run with PYTHONPATH=/usr/lib/python3/dist-packages')

MODULUS = 2147483647
MULTIPLIER = 48271


def sample(spec):
    """Rebuilds a sample from its spec; mirrored in oracleSamples.ts."""
    if 'values' in spec:
        return list(spec['values'])
    state = spec['seed']
    out = []
    for _ in range(spec['n']):
        total = 0
        for _ in range(spec.get('sum', 1)):
            state = (state * MULTIPLIER) % MODULUS
            total += state
        u = total / MODULUS
        value = u * spec.get('scale', 1.0) + spec.get('shift', 0.0)
        if spec.get('integer'):
            value = float(math.floor(value))
        out.append(value)
    return out


def finite(values):
    return [float(v) for v in values if isinstance(v, (int, float)) and math.isfinite(v)]


def parse_missing(values):
    def one(v):
        if v == 'nan' or v is None:
            return float('nan')
        if v == 'inf':
            return float('inf')
        if v == '-inf':
            return float('-inf')
        return v
    return [one(v) for v in values]


def lcg(seed, n, **kw):
    return dict(seed=seed, n=n, **kw)


KS_CASES = [
    ('small unequal sizes', lcg(11, 20, sum=3), lcg(12, 30, sum=3, shift=0.4)),
    ('ties on a few integers', lcg(13, 40, scale=5, integer=True), lcg(14, 55, scale=5, shift=0.6, integer=True)),
    ('identical samples', lcg(15, 50, sum=2), lcg(15, 50, sum=2)),
    ('disjoint samples', lcg(16, 8), lcg(17, 12, shift=10)),
    ('n = 1 against 10', {'values': [0.5]}, lcg(18, 10)),
    ('n = 1 against n = 1', {'values': [0.0]}, {'values': [1.0]}),
    ('equal sizes (square method)', lcg(19, 100, sum=3), lcg(20, 100, sum=3, shift=0.25)),
    ('equal sizes, no drift', lcg(21, 250, sum=3), lcg(22, 250, sum=3)),
    ('coprime sizes', lcg(23, 97, sum=3), lcg(24, 101, sum=3, shift=0.1)),
    ('exact at the limit: 900 vs 10000', lcg(25, 900, sum=3), lcg(26, 10000, sum=3, shift=0.05)),
    ('exact with ties: 3000 vs 7000', lcg(27, 3000, scale=40, integer=True), lcg(28, 7000, scale=40, shift=0.3, integer=True)),
    ('exact, tiny p-value', lcg(29, 400, sum=3), lcg(30, 600, sum=3, shift=0.5)),
    ('asymptotic: 60 vs 10001 (en = 60)', lcg(31, 60, sum=3), lcg(32, 10001, sum=3, shift=0.1)),
    ('asymptotic: 60 vs 10001, shifted', lcg(33, 60, sum=3), lcg(34, 10001, sum=3, shift=0.6)),
    ('asymptotic: 200 vs 12000, stable', lcg(35, 200, sum=3), lcg(36, 12000, sum=3)),
    ('asymptotic: 200 vs 12000, shifted', lcg(37, 200, sum=3), lcg(38, 12000, sum=3, shift=0.3)),
    ('asymptotic: 20000 vs 30000, stable', lcg(39, 20000, sum=3), lcg(40, 30000, sum=3)),
    ('asymptotic: 20000 vs 30000, shifted', lcg(41, 20000, sum=3), lcg(42, 30000, sum=3, shift=0.03)),
]

# Direct checks of the Kolmogorov distribution used by the asymptotic branch,
# one or more per regime of Simard & L'Ecuyer's selection.
KOLMOGOROV_CASES = [
    (1, 0.3), (1, 0.75), (5, 0.15), (5, 0.3), (5, 0.6), (5, 0.9),
    (60, 0.05), (60, 0.1), (60, 0.2), (60, 0.3), (60, 0.55),
    (140, 0.07), (141, 0.05), (141, 0.1), (141, 0.2), (500, 0.03),
    (500, 0.06), (500, 0.1), (500, 0.7), (5000, 0.004), (5000, 0.012),
    (5000, 0.03), (12000, 0.003), (12000, 0.008), (12000, 0.02),
    (150000, 0.002), (150000, 0.004), (150000, 0.01),
]

CHI_CASES = [
    ('three categories, shifted', ['a'] * 50 + ['b'] * 30 + ['c'] * 20, ['a'] * 30 + ['b'] * 30 + ['c'] * 40),
    ('identical', ['x'] * 10 + ['y'] * 5 + ['z'] * 5, ['x'] * 10 + ['y'] * 5 + ['z'] * 5),
    ('category empty in current', ['a'] * 40 + ['b'] * 40 + ['c'] * 20, ['a'] * 55 + ['b'] * 45),
    ('proportional, different sizes', ['a'] * 20 + ['b'] * 10 + ['c'] * 10, ['a'] * 200 + ['b'] * 100 + ['c'] * 100),
    ('many categories, mild change', [f'k{i % 7}' for i in range(700)], [f'k{(i * i) % 7}' for i in range(350)]),
]
# A category new in the current data has expected count 0: Evidently keeps it
# in the key set, scipy's chisquare then returns an infinite statistic and
# p-value 0.
CHI_NEW_CATEGORY = ('new category in current', ['a'] * 30 + ['b'] * 30 + ['c'] * 30, ['a'] * 30 + ['b'] * 30 + ['c'] * 29 + ['d'])


def chi(reference, current):
    keys = sorted(set(reference) | set(current))
    n_ref, n_cur = len(reference), len(current)
    f_exp = [reference.count(k) * (n_cur / n_ref) for k in keys]
    f_obs = [current.count(k) for k in keys]
    with np.errstate(divide='ignore', invalid='ignore'):
        res = stats.chisquare(f_obs, f_exp)
    return float(res.statistic), float(res.pvalue), len(keys) - 1


Z_CASES = [
    ('balanced, shifted', ['yes'] * 50 + ['no'] * 50, ['yes'] * 70 + ['no'] * 30),
    ('identical proportions', ['yes'] * 30 + ['no'] * 10, ['yes'] * 60 + ['no'] * 20),
    ('rare class', ['t'] * 5 + ['f'] * 195, ['t'] * 12 + ['f'] * 188),
    ('each side constant, different', ['a'] * 20, ['b'] * 15),
    ('one side constant', ['a'] * 20, ['a'] * 10 + ['b'] * 10),
]


def z_test(reference, current):
    keys = sorted(set(reference) | set(current))
    if len(keys) == 1:
        return 0.0, 1.0
    key = keys[0]
    n1, n2 = len(reference), len(current)
    p1 = reference.count(key) / n1
    p2 = current.count(key) / n2
    pooled = (p1 * n1 + p2 * n2) / (n1 + n2)
    z = (p1 - p2) / math.sqrt(pooled * (1 - pooled) * (1 / n1 + 1 / n2))
    return float(z), float(2 * stats.norm.sf(abs(z)))


WASSERSTEIN_CASES = [
    ('shifted', lcg(51, 300, sum=3), lcg(52, 400, sum=3, shift=0.2)),
    ('identical', lcg(53, 100, sum=2), lcg(53, 100, sum=2)),
    ('constant reference', {'values': [2.0] * 30}, lcg(54, 40, shift=1.5)),
    ('n = 1', {'values': [3.0]}, {'values': [1.0]}),
    ('scaled', lcg(55, 2000, sum=3, scale=10), lcg(56, 1500, sum=3, scale=13)),
]


def wasserstein_normed(reference, current):
    norm = max(float(np.std(reference)), 0.001)
    return float(stats.wasserstein_distance(reference, current) / norm)


JS_CASES = [
    ('simple', [0.5, 0.5, 0.0], [0.0, 0.1, 0.9], None),
    ('unnormalised weights', [1, 2, 3, 4], [4, 3, 2, 1], None),
    ('base 2', [1, 0, 0], [0, 1, 0], 2),
    ('identical', [0.2, 0.3, 0.5], [0.2, 0.3, 0.5], None),
    ('with zeros both sides', [10, 0, 5, 0], [0, 0, 7, 1], None),
    ('base 10', [3, 1, 1], [1, 1, 3], 10),
]

PSI_CASES = [
    ('shifted', lcg(61, 1000, sum=3), lcg(62, 800, sum=3, shift=0.3), {}),
    ('stable', lcg(63, 1000, sum=3), lcg(64, 900, sum=3), {}),
    ('ties in reference quantiles', lcg(65, 500, scale=4, integer=True), lcg(66, 500, scale=4, shift=0.5, integer=True), {}),
    ('constant reference', {'values': [1.0] * 50}, lcg(67, 60, shift=0.5), {}),
    ('current beyond the reference range', lcg(68, 200), lcg(69, 100, shift=5), {}),
    ('twenty bins, small epsilon', lcg(70, 3000, sum=3), lcg(71, 3000, sum=3, shift=0.05), {'bins': 20, 'epsilon': 1e-6}),
]


def quantile_cuts(reference, bins):
    qs = np.linspace(0, 1, bins + 1)[1:-1]
    return np.unique(np.quantile(np.asarray(reference, dtype=float), qs, method='linear'))


def bin_counts(values, cuts):
    idx = np.searchsorted(cuts, np.asarray(values, dtype=float), side='right')
    return np.bincount(idx, minlength=len(cuts) + 1)


def psi(reference, current, bins=10, epsilon=1e-4):
    cuts = quantile_cuts(reference, bins)
    ref = bin_counts(reference, cuts) / len(reference)
    cur = bin_counts(current, cuts) / len(current)
    ref = np.maximum(ref, epsilon)
    cur = np.maximum(cur, epsilon)
    return float(np.sum((cur - ref) * np.log(cur / ref))), [float(c) for c in cuts]


# End-to-end cases for detectFeatureDrift: Evidently's default test selection
# and thresholds, re-implemented here with pandas-free scipy calls.
def evidently_fill_zeroes(percents):
    percents = np.array(percents, dtype=float)
    nonzero = percents[percents != 0]
    fill = nonzero.min() / 10 ** 6 if nonzero.min() <= 0.0001 else 0.0001
    percents[percents == 0] = fill
    return percents


def evidently(reference, current, feature_type):
    if feature_type == 'numerical':
        reference, current = finite(reference), finite(current)
    else:
        def present(v):
            return not (isinstance(v, float) and math.isnan(v))
        reference = [v for v in reference if present(v)]
        current = [v for v in current if present(v)]
    n_values = len(set(reference) | set(current))
    if len(reference) <= 1000:
        if feature_type == 'numerical' and n_values > 5:
            res = stats.ks_2samp(reference, current)
            return 'ks', float(res.statistic), float(res.pvalue)
        keys = [str(v) for v in reference], [str(v) for v in current]
        if n_values > 2:
            s, p, _ = chi(*keys)
            return 'chisquare', s, p
        s, p = z_test(*keys)
        return 'z', s, p
    if feature_type == 'numerical' and n_values > 5:
        return 'wasserstein', wasserstein_normed(reference, current), None
    ref_s, cur_s = [str(v) for v in reference], [str(v) for v in current]
    keys = sorted(set(ref_s) | set(cur_s))
    ref_p = evidently_fill_zeroes([ref_s.count(k) / len(ref_s) for k in keys])
    cur_p = evidently_fill_zeroes([cur_s.count(k) / len(cur_s) for k in keys])
    return 'jensenshannon', float(distance.jensenshannon(ref_p, cur_p)), None


DETECT_CASES = [
    ('numerical, small reference, with NaN and infinities -> ks', 'numerical',
     {'values': [1.5, 'nan', 2.5, 3.5, 'inf', 4.5, 5.5, 6.5, 7.5, '-inf', 8.5]}, lcg(81, 30, scale=10)),
    ('numerical, few distinct values -> chisquare', 'numerical', lcg(82, 200, scale=4, integer=True), lcg(83, 150, scale=4, shift=0.7, integer=True)),
    ('numerical, two distinct values -> z', 'numerical', lcg(84, 100, scale=2, integer=True), lcg(85, 80, scale=2, integer=True)),
    ('numerical, large reference -> wasserstein', 'numerical', lcg(86, 1500, sum=3), lcg(87, 500, sum=3, shift=0.15)),
    ('numerical, large reference, stable -> wasserstein', 'numerical', lcg(88, 1200, sum=3), lcg(89, 700, sum=3)),
    ('categorical, small reference -> chisquare', 'categorical',
     {'values': ['a', 'b', 'c', None, 'a', 'b', 'a', 'c', 'c', 'a'] * 10}, {'values': ['a', 'b', 'c', 'c', 'c', None] * 10}),
    ('categorical, binary -> z', 'categorical', {'values': ['y', 'n', 'n', 'n'] * 25}, {'values': ['y', 'y', 'n'] * 30}),
    ('categorical, large reference -> jensenshannon', 'categorical',
     {'values': [f'c{i % 5}' for i in range(2000)]}, {'values': [f'c{(i * 3) % 7}' for i in range(400)]}),
    ('categorical, large reference, new category -> jensenshannon', 'categorical',
     {'values': [f'c{i % 3}' for i in range(1500)]}, {'values': [f'c{i % 4}' for i in range(400)]}),
    ('constant numerical column -> z', 'numerical', {'values': [4.0] * 40}, {'values': [4.0] * 30}),
]


def main():
    out = {
        'scipyVersion': scipy.__version__,
        'numpyVersion': np.__version__,
        'generator': {'modulus': MODULUS, 'multiplier': MULTIPLIER},
        'ks': [], 'kolmogorov': [], 'chisquare': [], 'z': [],
        'wasserstein': [], 'jensenshannon': [], 'psi': [], 'detect': [],
    }
    for name, xs, ys in KS_CASES:
        res = stats.ks_2samp(sample(xs), sample(ys))
        out['ks'].append({'name': name, 'x': xs, 'y': ys,
                          'statistic': float(res.statistic), 'pValue': float(res.pvalue)})
    for n, x in KOLMOGOROV_CASES:
        out['kolmogorov'].append({'n': n, 'x': x, 'sf': float(stats.kstwo.sf(x, n))})
    for name, ref, cur in CHI_CASES + [CHI_NEW_CATEGORY]:
        s, p, df = chi(ref, cur)
        out['chisquare'].append({'name': name, 'reference': ref, 'current': cur,
                                 'statistic': s if math.isfinite(s) else 'inf', 'pValue': p, 'df': df})
    for name, ref, cur in Z_CASES:
        s, p = z_test(ref, cur)
        out['z'].append({'name': name, 'reference': ref, 'current': cur, 'statistic': s, 'pValue': p})
    for name, ref, cur in WASSERSTEIN_CASES:
        out['wasserstein'].append({'name': name, 'reference': ref, 'current': cur,
                                   'value': wasserstein_normed(sample(ref), sample(cur))})
    for name, p, q, base in JS_CASES:
        out['jensenshannon'].append({'name': name, 'p': p, 'q': q, 'base': base,
                                     'value': float(distance.jensenshannon(p, q, base=base))})
    for name, ref, cur, options in PSI_CASES:
        value, cuts = psi(sample(ref), sample(cur), **options)
        out['psi'].append({'name': name, 'reference': ref, 'current': cur, 'options': options,
                           'value': value, 'cutPoints': cuts})
    for name, feature_type, ref, cur in DETECT_CASES:
        ref_values = parse_missing(sample(ref))
        cur_values = parse_missing(sample(cur))
        test, s, p = evidently(ref_values, cur_values, feature_type)
        out['detect'].append({'name': name, 'featureType': feature_type, 'reference': ref, 'current': cur,
                              'test': test, 'statistic': s if math.isfinite(s) else 'inf', 'pValue': p})
    json.dump(out, sys.stdout, indent=1)
    sys.stdout.write('\n')


if __name__ == '__main__':
    main()
