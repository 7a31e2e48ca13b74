import { fireEvent, screen } from '@testing-library/react';
import { Route, Routes } from 'react-router-dom';
import { catalogEntity, fraudDetector } from '../../__testUtils__/fixtures';
import { entitiesByRefs } from '../../__testUtils__/catalogLookup';
import { renderCard } from '../../__testUtils__/renderCard';
import { MLModelLineageCard } from './MLModelLineageCard';

// jsdom has no SVG layout; DependencyGraph measures nodes with getBBox.
beforeAll(() => {
  Object.defineProperty(window.SVGElement.prototype, 'getBBox', {
    configurable: true,
    value: () => ({ x: 0, y: 0, width: 120, height: 44 }),
  });
});

const existing = [
  catalogEntity('group:default/fraud-ml', { title: 'Fraud ML team' }),
  catalogEntity('system:default/payments'),
  catalogEntity('resource:default/transactions-2025', {
    title: 'Card transactions 2025',
  }),
];

describe('MLModelLineageCard', () => {
  it('draws every related entity, marks missing ones and links the rest', async () => {
    await renderCard(
      <Routes>
        <Route path="/" element={<MLModelLineageCard />} />
        <Route
          path="/catalog/:namespace/:kind/:name"
          element={<p>entity page</p>}
        />
      </Routes>,
      fraudDetector(),
      { catalogApi: { getEntitiesByRefs: entitiesByRefs(existing) } },
    );

    expect(await screen.findByText('Fraud detector')).toBeInTheDocument();
    for (const label of [
      'Fraud ML team',
      'payments',
      'Card transactions 2025',
      'chargebacks',
      'fraud-scorer',
    ]) {
      expect(screen.getByText(label)).toBeInTheDocument();
    }
    expect(
      screen.getByText(
        '2 references point to entities that are not in the catalog.',
      ),
    ).toBeInTheDocument();

    const chargebacks = screen.getByTestId(
      'lineage-node-resource:default/chargebacks',
    );
    expect(chargebacks).toHaveAttribute('data-missing', 'true');
    expect(chargebacks.tagName.toLowerCase()).toBe('g');
    expect(screen.getByText('missing component')).toBeInTheDocument();

    const dataset = screen.getByTestId(
      'lineage-node-resource:default/transactions-2025',
    );
    expect(dataset).toHaveAttribute('data-missing', 'false');
    expect(dataset).toHaveAttribute(
      'href',
      '/catalog/default/resource/transactions-2025',
    );
    expect(screen.getByText('dataset · resource')).toBeInTheDocument();

    // Edge labels say how each entity relates to the model.
    expect(screen.getByText('owns')).toBeInTheDocument();
    expect(screen.getByText('served by')).toBeInTheDocument();
    expect(screen.getAllByText('trains')).toHaveLength(2);

    fireEvent.click(dataset);
    expect(await screen.findByText('entity page')).toBeInTheDocument();
  });
});
