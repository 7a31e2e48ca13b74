import { MLFeatureType } from '@mlops-portal/plugin-mlops-common';

/** A statistical test the portal's drift engine runs, with its threshold. @public */
export type DriftTestChoice = {
  test: 'ks' | 'chisquare' | 'z' | 'wasserstein' | 'jensenshannon' | 'psi';
  /** Drift when the p-value is below it (p_value tests) or the distance above it. */
  threshold: number;
  on: 'p_value' | 'distance';
};

/** One feature's entry in the drift configuration. @public */
export type DriftFeatureConfig = {
  name: string;
  type: MLFeatureType;
  /** Used while the reference has at most `referenceSizeThreshold` rows. */
  smallReference: DriftTestChoice & { binaryTest?: DriftTestChoice };
  /** Used for larger references, where p-values flag negligible shifts. */
  largeReference: DriftTestChoice;
};

/** The drift configuration file a scaffolded repository carries. @public */
export type DriftConfig = {
  apiVersion: 'mlops-portal.io/v1alpha1';
  kind: 'DriftConfig';
  metadata: { model: string };
  spec: {
    referenceSizeThreshold: number;
    datasetDrift: { driftShare: number };
    features: DriftFeatureConfig[];
  };
};

/** A feature as a template declares it, optionally with a fixed test. @public */
export type DeclaredFeature = {
  name: string;
  type: MLFeatureType;
  test?: DriftTestChoice['test'];
  threshold?: number;
};

// Evidently's defaults (its stattest registry, "auto" selection): up to 1000
// reference rows, KS for numerical features and chi-square (z-test when the
// feature is binary) for categorical ones, drift at p < 0.05; above that,
// Wasserstein distance (normed) and Jensen-Shannon distance, drift at >= 0.1.
// A dataset drifts when at least half of its features drift.
const REFERENCE_SIZE_THRESHOLD = 1000;
const P_VALUE_THRESHOLD = 0.05;
const DISTANCE_THRESHOLD = 0.1;
const DEFAULT_DRIFT_SHARE = 0.5;

const P_VALUE_TESTS = new Set(['ks', 'chisquare', 'z']);

function choice(
  test: DriftTestChoice['test'],
  threshold?: number,
): DriftTestChoice {
  const on = P_VALUE_TESTS.has(test) ? 'p_value' : 'distance';
  return {
    test,
    threshold:
      threshold ?? (on === 'p_value' ? P_VALUE_THRESHOLD : DISTANCE_THRESHOLD),
    on,
  };
}

/**
 * The drift configuration for a model's declared features: Evidently's
 * default test and threshold per feature type and reference size, unless a
 * feature fixes its own test.
 * @public
 */
export function buildDriftConfig(options: {
  entityRef: string;
  features: DeclaredFeature[];
  driftShare?: number;
}): DriftConfig {
  const seen = new Set<string>();
  const problems: string[] = [];
  options.features.forEach((feature, i) => {
    if (seen.has(feature.name)) {
      problems.push(`features[${i}].name ${feature.name} is declared twice`);
    }
    seen.add(feature.name);
    if (feature.threshold !== undefined && !feature.test) {
      problems.push(`features[${i}].threshold needs features[${i}].test`);
    }
    if (
      feature.test &&
      feature.type === 'numerical' &&
      ['chisquare', 'z', 'jensenshannon'].includes(feature.test)
    ) {
      problems.push(
        `features[${i}].test ${feature.test} is a test for categorical features`,
      );
    }
  });
  if (problems.length > 0) {
    throw new Error(problems.join('; '));
  }
  return {
    apiVersion: 'mlops-portal.io/v1alpha1',
    kind: 'DriftConfig',
    metadata: { model: options.entityRef },
    spec: {
      referenceSizeThreshold: REFERENCE_SIZE_THRESHOLD,
      datasetDrift: { driftShare: options.driftShare ?? DEFAULT_DRIFT_SHARE },
      features: options.features.map(feature => {
        if (feature.test) {
          const fixed = choice(feature.test, feature.threshold);
          return {
            name: feature.name,
            type: feature.type,
            smallReference: fixed,
            largeReference: fixed,
          };
        }
        return feature.type === 'numerical'
          ? {
              name: feature.name,
              type: feature.type,
              smallReference: choice('ks'),
              largeReference: choice('wasserstein'),
            }
          : {
              name: feature.name,
              type: feature.type,
              smallReference: {
                ...choice('chisquare'),
                binaryTest: choice('z'),
              },
              largeReference: choice('jensenshannon'),
            };
      }),
    },
  };
}
