import { identityApiRef, useApi } from '@backstage/core-plugin-api';
import useAsync from 'react-use/esm/useAsync';

/** The signed-in user's entity ref and ownership refs. */
export function useCurrentUser() {
  const identityApi = useApi(identityApiRef);
  return useAsync(async () => {
    const { userEntityRef, ownershipEntityRefs } =
      await identityApi.getBackstageIdentity();
    return { userEntityRef, ownershipEntityRefs };
  }, [identityApi]);
}
