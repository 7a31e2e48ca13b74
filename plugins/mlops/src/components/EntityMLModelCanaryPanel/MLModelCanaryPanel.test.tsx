import { Entity } from '@backstage/catalog-model';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { permissionApiRef } from '@backstage/plugin-permission-react';
import {
  EntityProvider,
  entityRouteRef,
} from '@backstage/plugin-catalog-react';
import {
  mockApis,
  renderInTestApp,
  TestApiProvider,
} from '@backstage/test-utils';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import {
  legalRolloutActions,
  RolloutState,
} from '@mlops-portal/plugin-mlops-common';
import { MLOpsApi, mlopsApiRef } from '../../api';
import { RolloutView } from '../../api/rolloutTypes';
import { fraudDetector } from '../../__testUtils__/fixtures';
import { FreshPermissionCache } from '../../__testUtils__/FreshPermissionCache';
import { mockMLOpsApi } from '../../__testUtils__/mockMLOpsApi';
import { responseError } from '../../__testUtils__/responseErrors';
import { MLModelCanaryPanel } from './MLModelCanaryPanel';

function deployedModel(
  kind: 'Rollout' | 'InferenceService' = 'Rollout',
): Entity {
  const model = fraudDetector();
  return {
    ...model,
    spec: {
      ...model.spec,
      deployment: {
        kubernetes: {
          cluster: 'demo-cluster',
          namespace: 'fraud-ml',
          kind,
          name: 'fraud-scorer',
        },
      },
    },
  };
}

const pausedCanary: RolloutState = {
  kind: 'Rollout',
  namespace: 'fraud-ml',
  name: 'fraud-scorer',
  resourceVersion: '1011',
  phase: 'paused',
  pauseReasons: ['Waiting at a pause step for promotion'],
  stable: { name: '6d8f7c9b5', modelVersion: '3.2.0', weight: 90 },
  canary: { name: '7b9c4d5f8', modelVersion: '3.3.0-rc.1', weight: 10 },
  step: { index: 2, count: 4 },
  steps: [
    { type: 'setWeight', weight: 10 },
    { type: 'analysis', templates: ['canary-health'] },
    { type: 'pause' },
    { type: 'setWeight', weight: 50 },
  ],
  analysisRuns: [
    {
      name: 'fraud-scorer-7b9c4d5f8-14-1',
      phase: 'Successful',
      stepIndex: 1,
      metrics: [
        {
          name: 'canary-error-rate',
          phase: 'Successful',
          value: '[0.0041]',
          successCondition: 'result[0] <= 0.01',
        },
      ],
    },
  ],
  argoCd: { application: 'fraud-scorer-prod', method: 'annotation' },
  argo: {
    specPaused: false,
    pauseConditionReasons: ['CanaryPauseStep'],
    controllerPause: true,
    currentStepIndex: 2,
    abort: false,
    promoteFull: false,
  },
};

const kserveCanary: RolloutState = {
  kind: 'InferenceService',
  namespace: 'fraud-ml',
  name: 'account-takeover-detector',
  resourceVersion: '2022',
  phase: 'paused',
  pauseReasons: ['Canary at 10% of traffic, waiting for promotion'],
  stable: { name: 'atd-predictor-00004', modelVersion: '0.4.0', weight: 90 },
  canary: { name: 'atd-predictor-00005', modelVersion: '0.5.0', weight: 10 },
  steps: [],
  analysisRuns: [],
  canaryTrafficPercent: 10,
};

function viewOf(
  state: RolloutState,
  overrides: Partial<RolloutView> = {},
): RolloutView {
  return {
    modelRef: 'mlmodel:default/fraud-detector',
    deployment: {
      cluster: 'demo-cluster',
      namespace: state.namespace,
      kind: state.kind,
      name: state.name,
    },
    state,
    actions: legalRolloutActions(state).map(a => ({
      ...a,
      permission:
        a.action === 'abort' ? 'mlops.rollout.abort' : 'mlops.rollout.promote',
      permitted: true,
    })),
    gate: {
      allowed: false,
      version: state.canary?.modelVersion ?? null,
      checks: [
        {
          id: 'readiness',
          result: 'fail',
          detail: 'Readiness of 3.3.0-rc.1: no approved review',
        },
        {
          id: 'error-budget',
          result: 'pass',
          detail: '62% of the error budget left',
        },
        {
          id: 'drift',
          result: 'unknown',
          detail: 'No drift data for version 3.3.0-rc.1',
        },
      ],
      reasons: ['Readiness of 3.3.0-rc.1: no approved review'],
    },
    canOverride: false,
    argoCdWarning:
      state.kind === 'Rollout'
        ? 'Argo CD application "fraud-scorer-prod" tracks this object: if its automated sync has self-heal on, it may revert a manual change.'
        : null,
    metrics:
      state.kind === 'Rollout'
        ? {
            source: 'analysis-run fraud-scorer-7b9c4d5f8-14-1',
            errorRate: { canary: 0.0041, stable: 0.0047 },
            latencyP95Ms: { canary: 38, stable: 41 },
          }
        : null,
    fetchedAt: '2026-11-27T00:00:00Z',
    ...overrides,
  };
}

async function renderPanel(
  options: {
    entity?: Entity;
    view?: RolloutView;
    api?: Partial<MLOpsApi>;
    denied?: string[];
  } = {},
) {
  const view = options.view ?? viewOf(pausedCanary);
  const api = mockMLOpsApi({ getRollout: async () => view, ...options.api });
  const authorize = jest.fn((request: { permission: { name: string } }) =>
    (options.denied ?? ['mlops.rollout.override']).includes(
      request.permission.name,
    )
      ? AuthorizeResult.DENY
      : AuthorizeResult.ALLOW,
  );
  await renderInTestApp(
    <TestApiProvider
      apis={[
        [mlopsApiRef, api],
        [permissionApiRef, mockApis.permission({ authorize })],
      ]}
    >
      <FreshPermissionCache>
        <EntityProvider entity={options.entity ?? deployedModel()}>
          <MLModelCanaryPanel />
        </EntityProvider>
      </FreshPermissionCache>
    </TestApiProvider>,
    { mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef } },
  );
  return { api, authorize };
}

const button = (name: string) => screen.getByRole('button', { name });

async function waitForEnabled(name: string) {
  await waitFor(() => expect(button(name)).toBeEnabled());
}

describe('MLModelCanaryPanel', () => {
  it('shows the traffic split, step, pause reason, analysis, canary-vs-stable signals, gate and Argo CD warning', async () => {
    await renderPanel();
    expect(
      await screen.findByRole('img', {
        name: 'Traffic: stable 90%, canary 10%',
      }),
    ).toBeInTheDocument();
    expect(screen.getByText('3.3.0-rc.1')).toBeInTheDocument();
    expect(screen.getByTestId('step-progress')).toHaveTextContent(
      'Step 3 of 4: Pause',
    );
    expect(screen.getByTestId('pause-reason')).toHaveTextContent(
      'Waiting at a pause step for promotion',
    );
    expect(
      screen.getByText(/canary-error-rate: \[0\.0041\] \(Successful\)/),
    ).toBeInTheDocument();
    const signals = screen.getByRole('table', { name: 'Canary versus stable' });
    expect(within(signals).getByText('0.41%')).toBeInTheDocument();
    expect(within(signals).getByText('0.47%')).toBeInTheDocument();
    expect(within(signals).getByText('38 ms')).toBeInTheDocument();
    expect(screen.getByTestId('rollout-gate')).toHaveTextContent(
      '✗ Readiness of 3.3.0-rc.1: no approved review',
    );
    expect(
      screen.getByText(/self-heal on, it may revert a manual change/),
    ).toBeInTheDocument();
  });

  it('disables illegal actions and says why', async () => {
    await renderPanel();
    await waitForEnabled('Promote');
    expect(button('Retry')).toBeDisabled();
    expect(button('Set weight')).toBeDisabled();
    fireEvent.mouseOver(button('Retry').parentElement!);
    expect(
      await screen.findByText('Only an aborted rollout can be retried'),
    ).toBeInTheDocument();
  });

  it('disables actions the user may not take and names the permission', async () => {
    await renderPanel({
      denied: ['mlops.rollout.promote', 'mlops.rollout.override'],
    });
    await waitForEnabled('Abort');
    expect(button('Promote')).toBeDisabled();
    fireEvent.mouseOver(button('Promote').parentElement!);
    expect(
      await screen.findByText(
        'You need the mlops.rollout.promote permission for this model',
      ),
    ).toBeInTheDocument();
  });

  it('promotes after confirmation, naming the state it decided on, and shows the new state', async () => {
    const after = viewOf({
      ...pausedCanary,
      resourceVersion: '1012',
      phase: 'progressing',
      pauseReasons: [],
    });
    const runRolloutAction = jest.fn(async () => ({
      action: 'promote' as const,
      override: false,
      record: {} as any,
      rollout: after,
    }));
    await renderPanel({ api: { runRolloutAction } });
    await waitForEnabled('Promote');
    fireEvent.click(button('Promote'));
    const dialog = await screen.findByRole('dialog');
    expect(
      within(dialog).getByText(
        '3.3.0-rc.1 moves on to the next step of the rollout.',
      ),
    ).toBeInTheDocument();
    expect(
      within(dialog).getByText(/may revert a manual change/),
    ).toBeInTheDocument();
    fireEvent.click(within(dialog).getByRole('button', { name: 'Promote' }));
    await waitFor(() =>
      expect(screen.queryByRole('dialog')).not.toBeInTheDocument(),
    );
    expect(runRolloutAction).toHaveBeenCalledWith(
      'mlmodel:default/fraud-detector',
      {
        action: 'promote',
        expectedResourceVersion: '1011',
      },
    );
    expect(await screen.findByText('Promote sent.')).toBeInTheDocument();
    expect(screen.getByText('Progressing')).toBeInTheDocument();
  });

  it('reads the rollout again after an action, while the controller moves it on', async () => {
    const runRolloutAction = jest.fn(async () => ({
      action: 'promote' as const,
      override: false,
      record: {} as any,
      rollout: viewOf({ ...pausedCanary, resourceVersion: '1012' }),
    }));
    const { api } = await renderPanel({ api: { runRolloutAction } });
    await waitForEnabled('Promote');
    expect(api.getRollout).toHaveBeenCalledTimes(1);
    fireEvent.click(button('Promote'));
    const dialog = await screen.findByRole('dialog');
    fireEvent.click(within(dialog).getByRole('button', { name: 'Promote' }));
    await waitFor(() => expect(runRolloutAction).toHaveBeenCalled());
    await waitFor(() => expect(api.getRollout).toHaveBeenCalledTimes(2));
  });

  it('tells the loser of a race that the rollout changed and offers to reload', async () => {
    const runRolloutAction = jest.fn(async () => {
      throw await responseError(
        409,
        'ConflictError',
        'The rollout changed since you loaded it (someone else acted, or its controller moved it on); reload it and decide again',
      );
    });
    const { api } = await renderPanel({ api: { runRolloutAction } });
    await waitForEnabled('Abort');
    fireEvent.click(button('Abort'));
    const dialog = await screen.findByRole('dialog');
    fireEvent.click(within(dialog).getByRole('button', { name: 'Abort' }));
    expect(
      await within(dialog).findByText(
        /The rollout changed since you loaded it/,
      ),
    ).toBeInTheDocument();
    expect(
      within(dialog).getByRole('button', { name: 'Abort' }),
    ).toBeDisabled();
    fireEvent.click(within(dialog).getByRole('button', { name: 'Reload' }));
    await waitFor(() => expect(api.getRollout).toHaveBeenCalledTimes(2));
  });

  it('shows the gate reasons and refuses to promote fully without the override permission', async () => {
    const runRolloutAction = jest.fn();
    await renderPanel({ api: { runRolloutAction } });
    await waitForEnabled('Promote fully');
    fireEvent.click(button('Promote fully'));
    const dialog = await screen.findByRole('dialog');
    expect(
      within(dialog).getByText('Readiness of 3.3.0-rc.1: no approved review'),
    ).toBeInTheDocument();
    expect(
      within(dialog).getByText(
        'Overriding the gate needs the mlops.rollout.override permission.',
      ),
    ).toBeInTheDocument();
    expect(
      within(dialog).queryByLabelText(/Justification/),
    ).not.toBeInTheDocument();
    expect(
      within(dialog).getByRole('button', {
        name: 'Override and promote fully',
      }),
    ).toBeDisabled();
    expect(runRolloutAction).not.toHaveBeenCalled();
  });

  it('overrides the gate only with a written justification', async () => {
    const runRolloutAction = jest.fn(async () => ({
      action: 'promoteFull' as const,
      override: true,
      record: {} as any,
      rollout: viewOf(pausedCanary),
    }));
    await renderPanel({ api: { runRolloutAction }, denied: [] });
    await waitForEnabled('Promote fully');
    fireEvent.click(button('Promote fully'));
    const dialog = await screen.findByRole('dialog');
    const confirm = within(dialog).getByRole('button', {
      name: 'Override and promote fully',
    });
    await waitFor(() =>
      expect(
        within(dialog).getByLabelText(/Justification for overriding the gate/),
      ).toBeInTheDocument(),
    );
    expect(confirm).toBeDisabled();
    fireEvent.change(
      within(dialog).getByLabelText(/Justification for overriding the gate/),
      {
        target: {
          value: '  Incident INC-4711: stable mis-scores a fraud wave ',
        },
      },
    );
    expect(confirm).toBeEnabled();
    fireEvent.click(confirm);
    await waitFor(() =>
      expect(runRolloutAction).toHaveBeenCalledWith(
        'mlmodel:default/fraud-detector',
        {
          action: 'promoteFull',
          justification: 'Incident INC-4711: stable mis-scores a fraud wave',
          expectedResourceVersion: '1011',
        },
      ),
    );
    expect(
      await screen.findByText(
        /gate overridden, recorded with your justification/,
      ),
    ).toBeInTheDocument();
  });

  it('sets the weight of a KServe canary within 1–99', async () => {
    const runRolloutAction = jest.fn(async () => ({
      action: 'setWeight' as const,
      override: false,
      record: {} as any,
      rollout: viewOf(kserveCanary),
    }));
    await renderPanel({
      entity: deployedModel('InferenceService'),
      view: viewOf(kserveCanary),
      api: { runRolloutAction },
    });
    await waitForEnabled('Set weight');
    expect(button('Promote')).toBeDisabled();
    fireEvent.click(button('Set weight'));
    const dialog = await screen.findByRole('dialog');
    const input = within(dialog).getByLabelText(/Canary weight/);
    fireEvent.change(input, { target: { value: '100' } });
    expect(
      within(dialog).getByRole('button', { name: 'Set weight' }),
    ).toBeDisabled();
    expect(
      within(dialog).getByText(/use Promote fully for 100 and Abort for 0/),
    ).toBeInTheDocument();
    fireEvent.change(input, { target: { value: '30' } });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Set weight' }));
    await waitFor(() =>
      expect(runRolloutAction).toHaveBeenCalledWith(
        'mlmodel:default/fraud-detector',
        {
          action: 'setWeight',
          weight: 30,
          expectedResourceVersion: '2022',
        },
      ),
    );
  });

  it('explains what to add when the model names no deployment', async () => {
    const { api } = await renderPanel({ entity: fraudDetector() });
    expect(
      await screen.findByText('No deployment on Kubernetes'),
    ).toBeInTheDocument();
    expect(api.getRollout).not.toHaveBeenCalled();
  });

  it('shows the server error when the cluster cannot be read', async () => {
    await renderPanel({
      api: {
        getRollout: async () => {
          throw await responseError(
            503,
            'ServiceUnavailableError',
            'Cluster demo-cluster is unreachable: connect ECONNREFUSED',
          );
        },
      },
    });
    expect(
      (await screen.findAllByText(/Cluster demo-cluster is unreachable/))
        .length,
    ).toBeGreaterThan(0);
  });
});
