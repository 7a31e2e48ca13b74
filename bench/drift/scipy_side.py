#!/usr/bin/env python3
"""The scipy/numpy side of the drift benchmark (driven by bench/drift/drift.ts).

    PYTHONPATH=/usr/lib/python3/dist-packages python3 bench/drift/scipy_side.py <data dir>

Loads the float64 files named in <data dir>/manifest.json, prints one JSON
line with the versions, then answers one command per input line (`ks`, `psi`,
`window`, `quit`) with one JSON line: the wall time of the computation alone
(time.perf_counter around it, data already in memory) and its results.
"""
import json
import os
import sys
import time

import numpy as np
import scipy
from scipy import stats
from scipy.spatial import distance

PSI_BINS = 10
PSI_EPSILON = 1e-4
WASSERSTEIN_MIN_NORM = 0.001


def load(data_dir, name, count):
    values = np.fromfile(os.path.join(data_dir, name), dtype='<f8')
    if values.size != count:
        sys.exit(f'{name}: expected {count} values, found {values.size}')
    return values


def ks(x, y):
    result = stats.ks_2samp(x, y)  # method='auto': asymptotic at this size
    return {'statistic': float(result.statistic), 'pValue': float(result.pvalue)}


def psi(reference, current):
    # The engine's definition: numpy 'linear' quantiles of the reference at
    # i * (1 / bins), consecutive duplicates dropped; bin i holds
    # cut[i-1] <= v < cut[i] (searchsorted 'right'); shares floored at epsilon.
    quantiles = np.arange(1, PSI_BINS) * (1 / PSI_BINS)
    cuts = np.quantile(reference, quantiles)
    cuts = cuts[np.concatenate(([True], np.diff(cuts) != 0))]
    bins = cuts.size + 1
    ref_counts = np.bincount(np.searchsorted(cuts, reference, side='right'), minlength=bins)
    cur_counts = np.bincount(np.searchsorted(cuts, current, side='right'), minlength=bins)
    ref = np.maximum(ref_counts / reference.size, PSI_EPSILON)
    cur = np.maximum(cur_counts / current.size, PSI_EPSILON)
    return {'statistic': float(np.sum((cur - ref) * np.log(cur / ref))), 'cutPoints': cuts.tolist()}


def fill_zero_shares(shares):
    # Evidently's get_binned_data(fill_zeroes=True).
    non_zero = shares[shares != 0]
    smallest = non_zero.min()
    fill = smallest / 10 ** 6 if smallest <= 0.0001 else 0.0001
    return np.where(shares == 0, fill, shares)


def jensenshannon_drift(reference, current):
    ref_keys, ref_counts = np.unique(reference, return_counts=True)
    cur_keys, cur_counts = np.unique(current, return_counts=True)
    keys = np.union1d(ref_keys, cur_keys)
    ref = np.zeros(keys.size)
    cur = np.zeros(keys.size)
    ref[np.searchsorted(keys, ref_keys)] = ref_counts
    cur[np.searchsorted(keys, cur_keys)] = cur_counts
    return float(distance.jensenshannon(
        fill_zero_shares(ref / reference.size), fill_zero_shares(cur / current.size)))


def wasserstein_drift(reference, current):
    # Evidently's wasserstein stattest: W1 in units of the reference's std.
    norm = max(np.std(reference), WASSERSTEIN_MIN_NORM)
    return float(stats.wasserstein_distance(reference, current) / norm)


def window(features, reference, current):
    statistics = []
    for i, feature in enumerate(features):
        if feature['type'] == 'numerical':
            statistics.append(wasserstein_drift(reference[i], current[i]))
        else:
            statistics.append(jensenshannon_drift(reference[i], current[i]))
    return {'statistics': statistics}


def main():
    data_dir = sys.argv[1]
    with open(os.path.join(data_dir, 'manifest.json')) as f:
        manifest = json.load(f)
    ks_x = load(data_dir, manifest['ks']['x'], manifest['ks']['n'])
    ks_y = load(data_dir, manifest['ks']['y'], manifest['ks']['m'])
    psi_ref = load(data_dir, manifest['psi']['reference'], manifest['psi']['n'])
    psi_cur = load(data_dir, manifest['psi']['current'], manifest['psi']['m'])
    w = manifest['window']
    features = w['features']
    w_ref = load(data_dir, w['reference'], w['referenceRows'] * len(features)).reshape(len(features), -1)
    w_cur = load(data_dir, w['current'], w['currentRows'] * len(features)).reshape(len(features), -1)

    cases = {
        'ks': lambda: ks(ks_x, ks_y),
        'psi': lambda: psi(psi_ref, psi_cur),
        'window': lambda: window(features, w_ref, w_cur),
    }
    print(json.dumps({'scipy': scipy.__version__, 'numpy': np.__version__,
                      'python': sys.version.split()[0]}), flush=True)
    for line in sys.stdin:
        command = line.strip()
        if command == 'quit':
            break
        if command not in cases:
            print(json.dumps({'error': f'unknown case {command!r}'}), flush=True)
            continue
        start = time.perf_counter()
        result = cases[command]()
        elapsed = time.perf_counter() - start
        print(json.dumps({'ms': elapsed * 1000, **result}), flush=True)


if __name__ == '__main__':
    main()
