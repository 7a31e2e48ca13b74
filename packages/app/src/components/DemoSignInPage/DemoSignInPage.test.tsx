import { screen, fireEvent, waitFor } from '@testing-library/react';
import {
  mockApis,
  renderInTestApp,
  TestApiProvider,
} from '@backstage/test-utils';
import { configApiRef, discoveryApiRef } from '@backstage/core-plugin-api';
import { DemoSignInPage, DEMO_USER_STORAGE_KEY } from './DemoSignInPage';

const config = mockApis.config({
  data: {
    demo: {
      signIn: {
        users: [
          {
            name: 'ada',
            title: 'Ada Lindqvist',
            description: 'Data scientist',
          },
          { name: 'grace', title: 'Grace Tanaka', description: 'Reviewer' },
        ],
      },
    },
  },
});

describe('DemoSignInPage', () => {
  beforeEach(() => window.sessionStorage.clear());

  it('lists the configured demo users with who they are', async () => {
    await renderInTestApp(
      <TestApiProvider apis={[[configApiRef, config]]}>
        <DemoSignInPage onSignInSuccess={jest.fn()} />
      </TestApiProvider>,
    );
    expect(
      screen.getByRole('button', { name: 'Sign in as Ada Lindqvist' }),
    ).toBeInTheDocument();
    expect(screen.getByText('Reviewer')).toBeInTheDocument();
  });

  it('hands the chosen user to the demo provider and returns to the list if sign-in fails', async () => {
    const fetchMock = jest.spyOn(global, 'fetch' as any).mockResolvedValue({
      ok: false,
      status: 401,
      statusText: 'Unauthorized',
      json: async () => ({
        error: { name: 'AuthenticationError', message: 'no such user' },
      }),
      text: async () => '',
    } as any);
    await renderInTestApp(
      <TestApiProvider
        apis={[
          [configApiRef, config],
          [discoveryApiRef, mockApis.discovery()],
        ]}
      >
        <DemoSignInPage onSignInSuccess={jest.fn()} />
      </TestApiProvider>,
    );
    fireEvent.click(
      screen.getByRole('button', { name: 'Sign in as Grace Tanaka' }),
    );
    await waitFor(() => expect(fetchMock).toHaveBeenCalled());
    const [url, init] = fetchMock.mock.calls[0] as any[];
    expect(String(url)).toMatch(/\/api\/auth\/demo\/refresh$/);
    expect(new Headers(init.headers).get('x-demo-user')).toBe('grace');
    expect(
      await screen.findByText(/Could not sign in as grace/),
    ).toBeInTheDocument();
    expect(window.sessionStorage.getItem(DEMO_USER_STORAGE_KEY)).toBeNull();
    fetchMock.mockRestore();
  });

  it('explains when no users are configured', async () => {
    await renderInTestApp(
      <TestApiProvider apis={[[configApiRef, mockApis.config()]]}>
        <DemoSignInPage onSignInSuccess={jest.fn()} />
      </TestApiProvider>,
    );
    expect(
      screen.getByText(/No demo users are configured/),
    ).toBeInTheDocument();
  });
});
