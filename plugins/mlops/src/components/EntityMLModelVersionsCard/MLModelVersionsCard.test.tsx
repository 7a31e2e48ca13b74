import { screen, within } from '@testing-library/react';
import { fraudDetector } from '../../__testUtils__/fixtures';
import { renderCard } from '../../__testUtils__/renderCard';
import { MLModelVersionsCard } from './MLModelVersionsCard';
import {
  formatMetrics,
  formatRegisteredAt,
  shortDigest,
  sortVersionsNewestFirst,
} from './versionDisplay';

describe('MLModelVersionsCard', () => {
  it('lists versions newest first and marks the production version', async () => {
    await renderCard(<MLModelVersionsCard />, fraudDetector());

    expect(
      screen.getByText('2 registered · 2.1.0 in production'),
    ).toBeInTheDocument();
    const rows = screen.getAllByRole('row').slice(1);
    expect(rows.map(r => r.getAttribute('data-testid'))).toEqual([
      'version-2.1.0',
      'version-2.0.0',
    ]);

    const production = within(screen.getByTestId('version-2.1.0'));
    expect(production.getByText('production')).toBeInTheDocument();
    expect(
      production.getByRole('link', { name: /transactions-2025/ }),
    ).toHaveAttribute('href', '/catalog/default/resource/transactions-2025');

    const older = within(screen.getByTestId('version-2.0.0'));
    expect(older.queryByText('production')).not.toBeInTheDocument();
    expect(older.getByText('2026-03-01 12:00 UTC')).toBeInTheDocument();
    expect(older.getByText('s3://models/fraud/2.0.0')).toBeInTheDocument();
    expect(older.getByText('sha256:9f86d081884c…')).toBeInTheDocument();
    expect(older.getByText('auc 0.93')).toBeInTheDocument();
    expect(older.getByText('recall_at_1pct_fpr 0.61')).toBeInTheDocument();
    expect(
      older.getByRole('link', { name: /transactions-2025/ }),
    ).toHaveAttribute('href', '/catalog/default/resource/transactions-2025');
  });

  it('explains how to register versions when there are none', async () => {
    const { container } = await renderCard(
      <MLModelVersionsCard />,
      fraudDetector({ spec: { versions: undefined, version: undefined } }),
    );
    expect(screen.getByText('No versions registered')).toBeInTheDocument();
    expect(container.textContent).toContain(
      'registeredAt: 2026-03-01T12:00:00Z',
    );
    expect(screen.queryByRole('table')).not.toBeInTheDocument();
  });
});

describe('version display', () => {
  it('sorts by registration time, then by declaration order', () => {
    expect(
      sortVersionsNewestFirst([
        { version: 'a', registeredAt: '2026-01-01T00:00:00Z' },
        { version: 'b', registeredAt: '2026-03-01T00:00:00Z' },
        { version: 'c', registeredAt: '2026-02-01T00:00:00Z' },
      ]).map(v => v.version),
    ).toEqual(['b', 'c', 'a']);
    expect(
      sortVersionsNewestFirst([
        { version: '1' },
        { version: '2' },
        { version: '3' },
      ]).map(v => v.version),
    ).toEqual(['3', '2', '1']);
  });

  it('formats dates, metrics and digests the same for every viewer', () => {
    expect(formatRegisteredAt('2026-03-01T14:30:00+02:00')).toBe(
      '2026-03-01 12:30 UTC',
    );
    expect(formatRegisteredAt('not a date')).toBe('not a date');
    expect(formatRegisteredAt(undefined)).toBeUndefined();
    expect(formatMetrics({ rmse: 12.345678, auc: 0.9, bad: NaN })).toEqual([
      { name: 'auc', value: '0.9' },
      { name: 'rmse', value: '12.3457' },
    ]);
    expect(shortDigest('sha256:9f86d081884c7d659a2feaa0c55ad015')).toBe(
      'sha256:9f86d081884c…',
    );
    expect(shortDigest('abc')).toBe('abc');
  });
});
