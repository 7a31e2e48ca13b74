import {
  DriftFeatureBins,
  DriftTestName,
  FeatureDriftView,
} from '../../api/driftTypes';

/** How each test is named in the table, and what its threshold means. */
export const DRIFT_TEST_TEXT: Record<
  DriftTestName,
  { label: string; meaning: string }
> = {
  ks: {
    label: 'Kolmogorov–Smirnov',
    meaning: 'Two-sample KS test on the raw values; drift when p < threshold',
  },
  chisquare: {
    label: 'Chi-square',
    meaning: 'Goodness of fit of the category counts; drift when p < threshold',
  },
  z: {
    label: 'Z-test (proportions)',
    meaning:
      'Two-proportion z-test of a binary feature; drift when p < threshold',
  },
  wasserstein: {
    label: 'Wasserstein (normed)',
    meaning:
      'Earth mover’s distance in reference standard deviations; drift when ≥ threshold',
  },
  jensenshannon: {
    label: 'Jensen–Shannon',
    meaning: 'Distance between the category shares; drift when ≥ threshold',
  },
  psi: {
    label: 'PSI',
    meaning:
      'Population stability index on the frozen bins; drift when ≥ threshold',
  },
};

const compact = new Intl.NumberFormat('en-US', { maximumSignificantDigits: 4 });

/** A statistic or p-value, readable whatever its magnitude. */
export function formatNumber(value: number | null | undefined): string {
  if (value === null || value === undefined) return '—';
  if (value === 0) return '0';
  if (Math.abs(value) < 1e-4 || Math.abs(value) >= 1e6)
    return value.toExponential(2);
  return compact.format(value);
}

/** The statistic cell: JSON has no infinity, so a chi-square with a new category arrives as null. */
export function formatStatistic(feature: FeatureDriftView): string {
  if (feature.statistic === null) return feature.insufficientData ? '—' : '∞';
  return formatNumber(feature.statistic);
}

/** "p = 0.012 (< 0.05)" or "≥ 0.1". */
export function formatPValueOrThreshold(feature: FeatureDriftView): string {
  if (feature.pValue !== undefined) {
    return `p = ${formatNumber(feature.pValue)} (α ${formatNumber(
      feature.threshold,
    )})`;
  }
  return `threshold ${formatNumber(feature.threshold)}`;
}

/** The flags worth reading before trusting a verdict. */
export function featureFlags(feature: FeatureDriftView): string[] {
  const flags: string[] = [];
  if (feature.insufficientData) flags.push('no data');
  if (feature.lowSample) flags.push('low sample');
  if (feature.constant) flags.push('constant reference');
  if (feature.newCategories.length > 0) {
    flags.push(
      `new: ${feature.newCategories.slice(0, 3).join(', ')}${
        feature.newCategories.length > 3 ? '…' : ''
      }`,
    );
  }
  if (feature.binned) flags.push('binned');
  const droppedCurrent =
    feature.dropped.current.missing + feature.dropped.current.infinite;
  if (droppedCurrent > 0) flags.push(`${droppedCurrent} dropped`);
  return flags;
}

/** Labels of the bins of a plot: open outer bins for numerical features. */
export function binLabels(bins: DriftFeatureBins): string[] {
  if (bins.kind === 'categorical') return bins.categories;
  const cuts = bins.cutPoints.map(formatNumber);
  if (cuts.length === 0) return ['all'];
  return [
    `< ${cuts[0]}`,
    ...cuts.slice(1).map((cut, i) => `${cuts[i]}–${cut}`),
    `≥ ${cuts[cuts.length - 1]}`,
  ];
}

/** Shares per bin of the reference and the current window, for the bar chart. */
export function distributionRows(bins: DriftFeatureBins) {
  const labels = binLabels(bins);
  const total = (counts: number[]) => counts.reduce((a, b) => a + b, 0) || 1;
  const refTotal = total(bins.referenceCounts);
  const curTotal = total(bins.currentCounts);
  return labels.map((label, i) => ({
    bin: label,
    reference: bins.referenceCounts[i] / refTotal,
    current: bins.currentCounts[i] / curTotal,
  }));
}
