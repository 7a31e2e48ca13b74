import { EntityProvider } from '@backstage/plugin-catalog-react';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { fireEvent, screen, within } from '@testing-library/react';
import { mlopsApiRef } from '../../api';
import {
  DriftReportResponse,
  DriftTrendResponse,
  FeatureDriftView,
  ModelDriftResponse,
} from '../../api/driftTypes';
import { fraudDetector } from '../../__testUtils__/fixtures';
import { mockMLOpsApi } from '../../__testUtils__/mockMLOpsApi';
import { MLModelDriftCard } from './MLModelDriftCard';

// recharts' ResponsiveContainer measures its parent; jsdom has no ResizeObserver.
beforeAll(() => {
  (globalThis as any).ResizeObserver ??= class {
    observe() {}
    unobserve() {}
    disconnect() {}
  };
});

function feature(overrides: Partial<FeatureDriftView>): FeatureDriftView {
  return {
    test: 'ks',
    statistic: 0.05,
    pValue: 0.4,
    threshold: 0.05,
    drifted: false,
    referenceSize: 800,
    currentSize: 300,
    dropped: {
      reference: { missing: 0, infinite: 0 },
      current: { missing: 0, infinite: 0 },
    },
    lowSample: false,
    insufficientData: false,
    constant: false,
    newCategories: [],
    binned: false,
    method: 'exact',
    bins: {
      kind: 'numerical',
      cutPoints: [10, 20, 50],
      referenceCounts: [200, 200, 200, 200],
      currentCounts: [30, 60, 90, 120],
    },
    ...overrides,
  };
}

function report(version: string, drifted: boolean): DriftReportResponse {
  return {
    modelRef: 'mlmodel:default/fraud-detector',
    version,
    reference: {
      modelRef: 'mlmodel:default/fraud-detector',
      version,
      source: 'raw',
      rowCount: 800,
      features: [
        { name: 'amount_eur', type: 'numerical' },
        { name: 'merchant_country', type: 'categorical' },
      ],
      createdBy: 'user:default/ada',
      createdAt: '2026-11-10T00:00:00Z',
    },
    window: {
      id: `w-${version}`,
      modelRef: 'mlmodel:default/fraud-detector',
      version,
      windowStart: '2026-11-26T00:00:00Z',
      windowEnd: '2026-11-27T00:00:00Z',
      source: 'raw',
      rowCount: 300,
      createdBy: 'pipeline',
      createdAt: '2026-11-27T00:05:00Z',
      result: {
        drifted,
        shareOfDriftedFeatures: drifted ? 1 : 0,
        driftShare: 0.5,
        numberOfFeatures: 2,
        numberOfDriftedFeatures: drifted ? 2 : 0,
        numberOfFeaturesWithoutVerdict: 0,
        features: {
          amount_eur: feature({
            drifted,
            statistic: drifted ? 0.31 : 0.04,
            pValue: drifted ? 1.2e-9 : 0.61,
          }),
          merchant_country: feature({
            test: 'chisquare',
            statistic: drifted ? null : 1.5,
            pValue: drifted ? 0 : 0.68,
            drifted,
            currentSize: 12,
            lowSample: true,
            newCategories: drifted ? ['BR'] : [],
            method: undefined,
            bins: {
              kind: 'categorical',
              categories: ['DE', 'FR', 'BR'],
              referenceCounts: [500, 300, 0],
              currentCounts: [5, 4, 3],
            },
          }),
        },
      },
    },
  };
}

const trend: DriftTrendResponse = {
  modelRef: 'mlmodel:default/fraud-detector',
  version: '3.2.0',
  windows: [0, 0, 0.5, 1].map((share, i) => ({
    id: `w${i}`,
    modelRef: 'mlmodel:default/fraud-detector',
    version: '3.2.0',
    windowEnd: `2026-11-2${i + 4}T00:00:00Z`,
    source: 'raw' as const,
    rowCount: 300,
    createdBy: 'user:default/ada',
    createdAt: `2026-11-2${i + 4}T00:05:00Z`,
    drifted: share >= 0.5,
    shareOfDriftedFeatures: share,
    driftShare: 0.5,
    numberOfDriftedFeatures: share * 2,
    numberOfFeatures: 2,
  })),
};

async function renderCard(
  overview: ModelDriftResponse,
  entity = fraudDetector(),
) {
  const api = mockMLOpsApi({
    getModelDrift: async () => overview,
    getDriftReport: async (_model, version) => report(version, false),
    getDriftTrend: async () => trend,
  });
  await renderInTestApp(
    <TestApiProvider apis={[[mlopsApiRef, api]]}>
      <EntityProvider entity={entity}>
        <MLModelDriftCard />
      </EntityProvider>
    </TestApiProvider>,
  );
  return api;
}

const withFeatures = () =>
  fraudDetector({
    spec: {
      version: '3.2.0',
      features: [
        { name: 'amount_eur', type: 'numerical' },
        { name: 'merchant_country', type: 'categorical' },
      ],
    },
  });

describe('MLModelDriftCard', () => {
  it('shows the dataset verdict and, per feature, test, statistic, p-value, verdict, sizes and flags', async () => {
    const api = await renderCard(
      {
        modelRef: 'mlmodel:default/fraud-detector',
        productionVersion: '3.2.0',
        versions: [
          { version: '3.2.0', createdAt: '2026-11-10T00:00:00Z', windows: 4 },
        ],
        report: report('3.2.0', true),
      },
      withFeatures(),
    );
    const verdict = await screen.findByTestId('drift-verdict');
    expect(verdict).toHaveTextContent('Dataset drift');
    expect(verdict).toHaveTextContent(
      '2 of 2 features drifted (100%; the dataset drifts at 50%)',
    );

    const amount = screen.getByTestId('drift-row-amount_eur');
    expect(amount).toHaveTextContent('Kolmogorov–Smirnov');
    expect(amount).toHaveTextContent('0.31');
    expect(amount).toHaveTextContent('p = 1.20e-9 (α 0.05)');
    expect(amount).toHaveTextContent('Drift');
    expect(amount).toHaveTextContent('800 / 300');

    const country = screen.getByTestId('drift-row-merchant_country');
    // A new category makes the chi-square statistic infinite (null in JSON).
    expect(country).toHaveTextContent('∞');
    expect(country).toHaveTextContent('low sample');
    expect(country).toHaveTextContent('new: BR');

    expect(await screen.findByTestId('drift-trend')).toHaveTextContent(
      'Share of drifted features, last 4 windows (dataset drifts at 50%)',
    );
    expect(api.getDriftTrend).toHaveBeenCalledWith(
      'mlmodel:default/fraud-detector',
      '3.2.0',
      {
        limit: 14,
      },
    );
  });

  it('plots the feature chosen in the table', async () => {
    await renderCard(
      {
        modelRef: 'mlmodel:default/fraud-detector',
        productionVersion: '3.2.0',
        versions: [
          { version: '3.2.0', createdAt: '2026-11-10T00:00:00Z', windows: 4 },
        ],
        report: report('3.2.0', true),
      },
      withFeatures(),
    );
    expect(await screen.findByTestId('drift-distribution')).toHaveTextContent(
      'amount_eur: share per frozen bin',
    );
    fireEvent.click(screen.getByTestId('drift-row-merchant_country'));
    expect(screen.getByTestId('drift-distribution')).toHaveTextContent(
      'merchant_country: share per category',
    );
  });

  it('switches between versions that have a reference', async () => {
    const api = await renderCard(
      {
        modelRef: 'mlmodel:default/fraud-detector',
        productionVersion: '3.2.0',
        versions: [
          { version: '3.3.0', createdAt: '2026-11-20T00:00:00Z', windows: 1 },
          { version: '3.2.0', createdAt: '2026-11-10T00:00:00Z', windows: 4 },
        ],
        report: report('3.2.0', true),
      },
      withFeatures(),
    );
    expect(await screen.findByTestId('drift-verdict')).toHaveTextContent(
      'Dataset drift',
    );
    fireEvent.mouseDown(screen.getByRole('button', { name: 'Version' }));
    fireEvent.click(within(screen.getByRole('listbox')).getByText('3.3.0'));
    expect(await screen.findByText('No dataset drift')).toBeInTheDocument();
    expect(api.getDriftReport).toHaveBeenCalledWith(
      'mlmodel:default/fraud-detector',
      '3.3.0',
    );
  });

  it('explains how to post a reference when there is none', async () => {
    await renderCard(
      { modelRef: 'mlmodel:default/fraud-detector', versions: [] },
      withFeatures(),
    );
    expect(
      await screen.findByText('No drift reference yet'),
    ).toBeInTheDocument();
    expect(
      screen.getByText(
        /drift\/default\/fraud-detector\/versions\/3\.2\.0\/reference/,
      ),
    ).toBeInTheDocument();
  });

  it('asks for spec.features when the model has none', async () => {
    const api = await renderCard(
      { modelRef: 'mlmodel:default/fraud-detector', versions: [] },
      fraudDetector({ spec: { features: [] } }),
    );
    expect(await screen.findByText('No feature schema')).toBeInTheDocument();
    expect(api.getModelDrift).not.toHaveBeenCalled();
  });
});
