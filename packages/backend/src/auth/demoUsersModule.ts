import { createBackendModule } from '@backstage/backend-plugin-api';
import {
  authProvidersExtensionPoint,
  createProxyAuthProviderFactory,
} from '@backstage/plugin-auth-node';
import {
  demoUsersAuthenticator,
  demoUsersSignInResolver,
} from './demoUsersAuthenticator';

/**
 * Registers the `demo` auth provider. The auth backend only starts it when
 * `auth.providers.demo` is present in the configuration.
 */
export default createBackendModule({
  pluginId: 'auth',
  moduleId: 'demo-users-provider',
  register(reg) {
    reg.registerInit({
      deps: { providers: authProvidersExtensionPoint },
      async init({ providers }) {
        providers.registerProvider({
          providerId: 'demo',
          factory: createProxyAuthProviderFactory({
            authenticator: demoUsersAuthenticator,
            signInResolver: demoUsersSignInResolver,
          }),
        });
      },
    });
  },
});
