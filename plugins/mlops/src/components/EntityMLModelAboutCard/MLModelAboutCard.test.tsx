import { screen } from '@testing-library/react';
import { fraudDetector } from '../../__testUtils__/fixtures';
import { renderCard } from '../../__testUtils__/renderCard';
import { MLModelAboutCard } from './MLModelAboutCard';
import { selectModelLinks } from './modelLinks';

describe('MLModelAboutCard', () => {
  it('shows the facts, the links and the model card', async () => {
    await renderCard(
      <MLModelAboutCard />,
      fraudDetector({
        spec: {
          modelCard: {
            summary: 'Scores card payments.',
            intendedUse: 'Score card payments for fraud.',
            limitations: 'Card-present only.',
            ethicalConsiderations: 'Reviewed for regional bias.',
            trainingData: 'Twelve months of EU transactions.',
            evaluation: 'AUC 0.93 on a held-out month.',
          },
        },
      }),
    );

    expect(screen.getByText('About this model')).toBeInTheDocument();
    expect(
      screen.getByText('Scores card payments for fraud'),
    ).toBeInTheDocument();

    // Owner and system link to their entity pages.
    expect(screen.getByRole('link', { name: /fraud-ml/ })).toHaveAttribute(
      'href',
      '/catalog/default/group/fraud-ml',
    );
    expect(screen.getByRole('link', { name: /payments/ })).toHaveAttribute(
      'href',
      '/catalog/default/system/payments',
    );
    expect(screen.getByText('High')).toHaveStyle({ color: '#fff' });
    expect(screen.getByText('production')).toBeInTheDocument();
    expect(screen.getByText('classification')).toBeInTheDocument();
    expect(screen.getByText('xgboost')).toBeInTheDocument();
    expect(screen.getByText('2.1.0')).toBeInTheDocument();

    // Runbook and dashboard are prominent buttons.
    expect(screen.getByRole('link', { name: /Runbook/ })).toHaveAttribute(
      'href',
      'https://runbooks.example.com/fraud',
    );
    expect(screen.getByRole('link', { name: /Dashboard/ })).toHaveAttribute(
      'href',
      'https://grafana.example.com/d/fraud',
    );
    expect(screen.getByRole('link', { name: /Experiments/ })).toHaveAttribute(
      'href',
      'https://mlflow.example.com/#/experiments/7',
    );
    expect(screen.getByRole('link', { name: 'Design doc' })).toHaveAttribute(
      'href',
      'https://wiki.example.com/fraud',
    );

    for (const [heading, text] of [
      ['Intended use', 'Score card payments for fraud.'],
      ['Limitations', 'Card-present only.'],
      ['Ethical considerations', 'Reviewed for regional bias.'],
      ['Training data', 'Twelve months of EU transactions.'],
      ['Evaluation', 'AUC 0.93 on a held-out month.'],
    ]) {
      expect(
        screen.getByRole('heading', { name: heading }),
      ).toBeInTheDocument();
      expect(screen.getByText(text)).toBeInTheDocument();
    }
    expect(screen.queryByText(/Not documented yet/)).not.toBeInTheDocument();
  });

  it('names the model-card sections that are still missing', async () => {
    await renderCard(<MLModelAboutCard />, fraudDetector());
    expect(
      screen.getByText(
        /Not documented yet: summary, ethical considerations, training data, evaluation/,
      ),
    ).toBeInTheDocument();
  });

  it('explains how to add a model card and links when there are none', async () => {
    const { container } = await renderCard(
      <MLModelAboutCard />,
      fraudDetector({
        spec: { modelCard: undefined, riskTier: undefined },
        metadata: { links: [] },
      }),
    );
    expect(screen.getByText('No model card yet')).toBeInTheDocument();
    expect(container.textContent).toContain('intendedUse: Block or step-up');
    expect(screen.getByRole('button', { name: 'No runbook' })).toBeDisabled();
    expect(screen.getByRole('button', { name: 'No dashboard' })).toBeDisabled();
    expect(screen.getByText('Not set')).toBeInTheDocument();
  });

  it('refuses to render for another kind of entity', async () => {
    await renderCard(<MLModelAboutCard />, {
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Component',
      metadata: { name: 'web' },
      spec: {},
    });
    expect(screen.getByText('Not an MLModel')).toBeInTheDocument();
  });
});

describe('selectModelLinks', () => {
  it('picks links by type and drops unsafe URLs', () => {
    const links = selectModelLinks({
      apiVersion: 'x',
      kind: 'MLModel',
      metadata: {
        name: 'm',
        links: [
          // eslint-disable-next-line no-script-url -- the unsafe input under test
          { url: 'javascript:alert(1)', type: 'runbook', title: 'evil' },
          { url: 'https://a.example.com/runbook', type: 'Runbook' },
          {
            url: 'https://b.example.com/second-runbook',
            type: 'runbook',
            title: 'Second',
          },
          { url: 'data:text/html,hi', title: 'data' },
          {
            url: 'https://github.com/acme/fraud',
            type: 'repository',
            title: 'Code',
          },
        ],
      },
    });
    expect(links).toEqual({
      runbook: {
        url: 'https://a.example.com/runbook',
        title: 'a.example.com',
        type: 'Runbook',
      },
      repository: {
        url: 'https://github.com/acme/fraud',
        title: 'Code',
        type: 'repository',
      },
      others: [
        {
          url: 'https://b.example.com/second-runbook',
          title: 'Second',
          type: 'runbook',
        },
      ],
    });
  });
});
