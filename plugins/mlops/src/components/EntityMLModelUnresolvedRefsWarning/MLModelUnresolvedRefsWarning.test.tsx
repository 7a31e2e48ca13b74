import { MLOPS_ANNOTATIONS } from '@mlops-portal/plugin-mlops-common';
import { screen } from '@testing-library/react';
import { fraudDetector } from '../../__testUtils__/fixtures';
import { renderCard } from '../../__testUtils__/renderCard';
import { MLModelUnresolvedRefsWarning } from './MLModelUnresolvedRefsWarning';

describe('MLModelUnresolvedRefsWarning', () => {
  it('lists each unresolved ref with the fields that use it', async () => {
    await renderCard(
      <MLModelUnresolvedRefsWarning />,
      fraudDetector({
        metadata: {
          annotations: {
            [MLOPS_ANNOTATIONS.unresolvedRefs]:
              'resource:default/chargebacks,component:default/fraud-scorer',
          },
        },
      }),
    );
    expect(
      screen.getByText(
        'Warning: This model refers to 2 entities that are not in the catalog',
      ),
    ).toBeInTheDocument();
    expect(
      screen.getByText(/Create the missing entities, or fix the references/),
    ).toBeInTheDocument();
    expect(
      screen.getByText('resource:default/chargebacks'),
    ).toBeInTheDocument();
    expect(
      screen.getByText('referenced at spec.datasets[1]'),
    ).toBeInTheDocument();
    expect(
      screen.getByText('component:default/fraud-scorer'),
    ).toBeInTheDocument();
    expect(
      screen.getByText('referenced at spec.servedBy[0]'),
    ).toBeInTheDocument();
  });

  it('uses the singular for one ref', async () => {
    await renderCard(
      <MLModelUnresolvedRefsWarning />,
      fraudDetector({
        metadata: {
          annotations: {
            [MLOPS_ANNOTATIONS.unresolvedRefs]: 'system:default/payments',
          },
        },
      }),
    );
    expect(
      screen.getByText(
        'Warning: This model refers to an entity that is not in the catalog',
      ),
    ).toBeInTheDocument();
    expect(screen.getByText('referenced at spec.system')).toBeInTheDocument();
  });

  it('renders nothing when every ref resolves', async () => {
    const { container } = await renderCard(
      <MLModelUnresolvedRefsWarning />,
      fraudDetector(),
    );
    expect(container).toBeEmptyDOMElement();
  });
});
