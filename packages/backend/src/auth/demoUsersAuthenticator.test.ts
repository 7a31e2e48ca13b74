import { AuthenticationError } from '@backstage/errors';
import {
  demoUsersAuthenticator,
  demoUsersSignInResolver,
} from './demoUsersAuthenticator';

const authenticate = (headers: Record<string, string>) =>
  demoUsersAuthenticator.authenticate(
    { req: { header: (name: string) => headers[name.toLowerCase()] } as any },
    undefined as any,
  );

describe('demoUsersAuthenticator', () => {
  it('takes the user name from the x-demo-user header', async () => {
    await expect(authenticate({ 'x-demo-user': ' Grace ' })).resolves.toEqual({
      result: { userName: 'grace' },
    });
  });

  it('refuses a request without the header', async () => {
    await expect(authenticate({})).rejects.toThrow(AuthenticationError);
    await expect(authenticate({})).rejects.toThrow(/x-demo-user/);
  });

  it('refuses names that are not catalog names', async () => {
    await expect(
      authenticate({ 'x-demo-user': 'user:default/grace' }),
    ).rejects.toThrow(/not a valid user name/);
  });
});

describe('demoUsersSignInResolver', () => {
  it('signs in as the catalog user of that name, with catalog memberships', async () => {
    const signInWithCatalogUser = jest.fn().mockResolvedValue({ token: 't' });
    await expect(
      demoUsersSignInResolver({ result: { userName: 'grace' }, profile: {} }, {
        signInWithCatalogUser,
      } as any),
    ).resolves.toEqual({ token: 't' });
    expect(signInWithCatalogUser).toHaveBeenCalledWith({
      entityRef: { kind: 'User', namespace: 'default', name: 'grace' },
    });
  });
});
