"""Pre-aggregated drift profiles from PySpark, for data too large to send raw.

The reference profile freezes the bin cut points of each numerical feature
(its interior deciles) and counts values per bin; categorical features are
counted per category. A window is then counted over the *reference's* cut
points, which GET .../report returns (reference.profile.features.<name>.cutPoints).

    spark-submit spark_drift_profile.py reference \
        --table warehouse.card_transactions_training --features features.json \
        --out reference-profile.json
    curl -X PUT "$BACKSTAGE_URL/api/mlops/drift/default/card-fraud-detector/versions/3.2.0/reference" \
        -H "Authorization: Bearer $MLOPS_TOKEN" -H "Content-Type: application/json" \
        --data-binary @reference-profile.json

    spark-submit spark_drift_profile.py window \
        --table warehouse.card_transactions_scored --where "event_date = '2026-11-26'" \
        --features features.json --cut-points report.json --out window-profile.json
    curl -X POST "$BACKSTAGE_URL/api/mlops/drift/default/card-fraud-detector/versions/3.2.0/windows" \
        -H "Authorization: Bearer $MLOPS_TOKEN" -H "Content-Type: application/json" \
        --data-binary @window-profile.json

features.json is the model's spec.features: [{"name": "amount_eur", "type": "numerical"}, ...].

Cut points come from approxQuantile (relative error 1e-4 by default): the
portal does not need exact quantiles, only bins that stay the same for every
window of the version, and it freezes whatever it receives. Tests on such a
profile are binned (PSI for numerical features; chi-square, z or
Jensen-Shannon on category counts); KS and Wasserstein need raw values.
"""
import argparse
import json
import math

from pyspark.sql import SparkSession, functions as F

BINS = 10


def is_missing(column):
    return F.col(column).isNull() | F.isnan(F.col(column))


def is_infinite(column):
    return F.col(column).isin(float('inf'), float('-inf'))


def numerical_profile(df, name, cut_points):
    finite = df.where(~is_missing(name) & ~is_infinite(name))
    if cut_points is None:
        quantiles = finite.approxQuantile(name, [i / BINS for i in range(1, BINS)], 1e-4)
        cut_points = sorted(set(q for q in quantiles if math.isfinite(q)))
    # Bin i holds cut[i-1] <= v < cut[i]; the outer bins are open.
    bin_index = sum((F.col(name) >= F.lit(c)).cast('int') for c in cut_points) if cut_points else F.lit(0)
    counts = dict(finite.groupBy(bin_index.alias('bin')).count().collect())
    stats = df.agg(
        F.sum(is_missing(name).cast('int')).alias('missing'),
        F.sum(is_infinite(name).cast('int')).alias('infinite'),
    ).first()
    return {
        'type': 'numerical',
        'cutPoints': cut_points,
        'binCounts': [int(counts.get(i, 0)) for i in range(len(cut_points) + 1)],
        'missing': int(stats['missing'] or 0),
        'infinite': int(stats['infinite'] or 0),
    }


def categorical_profile(df, name):
    present = df.where(F.col(name).isNotNull() & (F.col(name).cast('string') != ''))
    counts = present.groupBy(F.col(name).cast('string').alias('category')).count().collect()
    missing = df.count() - present.count()
    return {
        'type': 'categorical',
        'categoryCounts': {row['category']: int(row['count']) for row in counts},
        'missing': int(missing),
    }


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument('kind', choices=['reference', 'window'])
    parser.add_argument('--table', required=True)
    parser.add_argument('--where')
    parser.add_argument('--features', required=True, help='spec.features as JSON')
    parser.add_argument('--cut-points', help='a window: the GET .../report response of the version')
    parser.add_argument('--window-start')
    parser.add_argument('--window-end')
    parser.add_argument('--out', required=True)
    args = parser.parse_args()

    spark = SparkSession.builder.appName('mlops-drift-profile').getOrCreate()
    df = spark.table(args.table)
    if args.where:
        df = df.where(args.where)
    df = df.cache()

    with open(args.features) as f:
        features = json.load(f)
    frozen = {}
    if args.kind == 'window':
        with open(args.cut_points) as f:
            report = json.load(f)
        frozen = {
            name: feature['cutPoints']
            for name, feature in report['reference']['profile']['features'].items()
            if feature['type'] == 'numerical'
        }

    profile = {'rowCount': df.count(), 'features': {}}
    for feature in features:
        name = feature['name']
        if feature['type'] == 'numerical':
            profile['features'][name] = numerical_profile(df, name, frozen.get(name))
        else:
            profile['features'][name] = categorical_profile(df, name)

    body = {'profile': profile}
    if args.window_start:
        body['windowStart'] = args.window_start
    if args.window_end:
        body['windowEnd'] = args.window_end
    with open(args.out, 'w') as f:
        json.dump(body, f)


if __name__ == '__main__':
    main()
