import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { ResponseError } from '@backstage/errors';
import { fireEvent, screen, within } from '@testing-library/react';
import { MLOpsApi, mlopsApiRef } from '../../api';
import { failedRow } from '../../__testUtils__/fixtures';
import { mockMLOpsApi } from '../../__testUtils__/mockMLOpsApi';
import { toFailedModels } from '../../validation/toFailedModels';
import { FailedModelsPanel } from './FailedModelsPanel';

async function responseError(status: number) {
  return ResponseError.fromResponse(
    new Response(
      JSON.stringify({ error: { name: 'E', message: `status ${status}` } }),
      {
        status,
        headers: { 'Content-Type': 'application/json' },
      },
    ),
  );
}

function renderPanel(
  api: Pick<MLOpsApi, 'getFailedModels'>,
  props: { initialLimit?: number } = {},
) {
  return renderInTestApp(
    <TestApiProvider apis={[[mlopsApiRef, mockMLOpsApi(api)]]}>
      <FailedModelsPanel
        ownershipRefs={['user:default/jane', 'group:default/fraud-ml']}
        {...props}
      />
    </TestApiProvider>,
  );
}

const models = toFailedModels({
  entities: [
    failedRow('churn', { owner: 'growth-ml' }),
    failedRow('fraud-v3', { owner: 'fraud-ml' }),
  ],
});

describe('FailedModelsPanel', () => {
  it('lists failed models with their field errors, own team first', async () => {
    await renderPanel({ getFailedModels: jest.fn().mockResolvedValue(models) });

    expect(
      await screen.findByText('Models that failed validation (2)'),
    ).toBeInTheDocument();
    expect(
      screen.getByText('1 of them is owned by your team.'),
    ).toBeInTheDocument();

    const items = screen.getAllByTestId(/^failed-model-/);
    expect(items.map(i => i.getAttribute('data-testid'))).toEqual([
      'failed-model-mlmodel:default/fraud-v3',
      'failed-model-mlmodel:default/churn',
    ]);
    expect(items.map(i => i.getAttribute('data-mine'))).toEqual([
      'true',
      'false',
    ]);

    const mine = within(items[0]);
    expect(mine.getByText('Your team')).toBeInTheDocument();
    expect(mine.getByText('owner: fraud-ml')).toBeInTheDocument();
    expect(mine.getByText('spec.riskTier')).toBeInTheDocument();
    expect(
      mine.getByText(
        'must be one of low, medium, high, critical (got "extreme")',
      ),
    ).toBeInTheDocument();
    expect(mine.getByText('spec.versions[1].trainedOn[0]')).toBeInTheDocument();
    expect(
      mine.getByRole('link', { name: 'Open catalog-info.yaml' }),
    ).toHaveAttribute(
      'href',
      'https://github.com/acme/models/blob/main/catalog-info.yaml',
    );

    const theirs = within(items[1]);
    expect(theirs.queryByText('Your team')).not.toBeInTheDocument();
    expect(theirs.getByText('owner: growth-ml')).toBeInTheDocument();
  });

  it('shows the first few and can show all', async () => {
    await renderPanel(
      { getFailedModels: jest.fn().mockResolvedValue(models) },
      { initialLimit: 1 },
    );
    expect(await screen.findAllByTestId(/^failed-model-/)).toHaveLength(1);
    fireEvent.click(screen.getByRole('button', { name: 'Show all 2' }));
    expect(screen.getAllByTestId(/^failed-model-/)).toHaveLength(2);
  });

  it.each([403, 404])('hides itself quietly on %s', async status => {
    const error = await responseError(status);
    const getFailedModels = jest.fn().mockRejectedValue(error);
    const { container } = await renderPanel({ getFailedModels });
    expect(getFailedModels).toHaveBeenCalledTimes(1);
    expect(container).toBeEmptyDOMElement();
  });

  it('renders nothing when no model failed', async () => {
    const { container } = await renderPanel({
      getFailedModels: jest.fn().mockResolvedValue([]),
    });
    expect(container).toBeEmptyDOMElement();
  });

  it('says so when the check itself fails for another reason', async () => {
    await renderPanel({
      getFailedModels: jest.fn().mockRejectedValue(await responseError(500)),
    });
    expect(
      await screen.findByText(
        /Could not check for models that failed validation/,
      ),
    ).toBeInTheDocument();
  });
});
