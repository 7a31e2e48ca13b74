import { AuthenticationError } from '@backstage/errors';
import {
  createProxyAuthenticator,
  SignInResolver,
} from '@backstage/plugin-auth-node';

/** The header the demo sign-in page sends: the name of a catalog User. */
export const DEMO_USER_HEADER = 'x-demo-user';

export interface DemoUserResult {
  userName: string;
}

const USER_NAME = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

/**
 * Demo-only sign-in: whoever asks becomes the catalog User named in the
 * header. It lets a visitor try the portal as a data scientist, a reviewer
 * or a platform admin. Never configure it in a real portal.
 */
export const demoUsersAuthenticator = createProxyAuthenticator({
  defaultProfileTransform: async (result: DemoUserResult) => ({
    profile: { displayName: result.userName },
  }),
  initialize() {},
  async authenticate({ req }) {
    const userName = req
      .header(DEMO_USER_HEADER)
      ?.trim()
      .toLocaleLowerCase('en-US');
    if (!userName) {
      throw new AuthenticationError(
        `Demo sign-in needs the ${DEMO_USER_HEADER} header naming a catalog user`,
      );
    }
    if (!USER_NAME.test(userName)) {
      throw new AuthenticationError(
        `Demo sign-in: "${userName}" is not a valid user name`,
      );
    }
    return { result: { userName } };
  },
});

/**
 * Signs in as the catalog User of that name; ownership (the user and the
 * groups it is a member of) comes from the catalog, so policies and "my
 * team's models" see real memberships.
 */
export const demoUsersSignInResolver: SignInResolver<DemoUserResult> = async (
  { result },
  ctx,
) =>
  ctx.signInWithCatalogUser({
    entityRef: { kind: 'User', namespace: 'default', name: result.userName },
  });
