import { screen, within } from '@testing-library/react';
import { catalogEntity, fraudDetector } from '../../__testUtils__/fixtures';
import { entitiesByRefs } from '../../__testUtils__/catalogLookup';
import { renderCard } from '../../__testUtils__/renderCard';
import { MLModelDataCard } from './MLModelDataCard';

describe('MLModelDataCard', () => {
  it('shows datasets and serving components with their catalog titles', async () => {
    const getEntitiesByRefs = entitiesByRefs([
      catalogEntity('resource:default/transactions-2025', {
        title: 'Card transactions 2025',
        description: 'Twelve months of settled card payments',
        type: 'dataset',
      }),
      catalogEntity('component:default/fraud-scorer', {
        title: 'Fraud scorer',
        description: 'Online scoring service',
        type: 'service',
      }),
    ]);
    await renderCard(<MLModelDataCard />, fraudDetector(), {
      catalogApi: { getEntitiesByRefs },
    });

    expect(await screen.findByText('Datasets (2)')).toBeInTheDocument();
    expect(getEntitiesByRefs).toHaveBeenCalledTimes(1);
    expect(getEntitiesByRefs.mock.calls[0][0].entityRefs).toEqual([
      'group:default/fraud-ml',
      'system:default/payments',
      'resource:default/transactions-2025',
      'resource:default/chargebacks',
      'component:default/fraud-scorer',
    ]);

    expect(
      screen.getByRole('link', { name: /Card transactions 2025/ }),
    ).toHaveAttribute('href', '/catalog/default/resource/transactions-2025');
    expect(
      screen.getByText('Twelve months of settled card payments'),
    ).toBeInTheDocument();
    expect(screen.getByText('trains 2.0.0, 2.1.0')).toBeInTheDocument();

    const missing = within(
      screen.getByTestId('missing-resource:default/chargebacks'),
    );
    expect(missing.getByText('Not in catalog')).toBeInTheDocument();
    expect(
      missing.getByText(
        'Register this entity, or fix the reference at spec.datasets[1].',
      ),
    ).toBeInTheDocument();
    expect(missing.queryByRole('link')).not.toBeInTheDocument();

    expect(screen.getByText('Served by (1)')).toBeInTheDocument();
    expect(screen.getByRole('link', { name: /Fraud scorer/ })).toHaveAttribute(
      'href',
      '/catalog/default/component/fraud-scorer',
    );
    expect(screen.getByText('Online scoring service')).toBeInTheDocument();
  });

  it('shows the catalog error when the lookup fails', async () => {
    await renderCard(<MLModelDataCard />, fraudDetector(), {
      catalogApi: {
        getEntitiesByRefs: jest
          .fn()
          .mockRejectedValue(new Error('catalog is down')),
      },
    });
    expect(
      await screen.findByText('Error: catalog is down'),
    ).toBeInTheDocument();
    expect(screen.queryByText('Datasets (2)')).not.toBeInTheDocument();
  });

  it('explains what to add when the model names no datasets or servers', async () => {
    const getEntitiesByRefs = jest.fn();
    const { container } = await renderCard(
      <MLModelDataCard />,
      fraudDetector({ spec: { datasets: [], servedBy: [], versions: [] } }),
      { catalogApi: { getEntitiesByRefs } },
    );
    expect(
      screen.getByText('No datasets or serving components'),
    ).toBeInTheDocument();
    expect(container.textContent).toContain('component:default/fraud-scorer');
  });
});
