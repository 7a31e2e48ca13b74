import { identityApiRef, useApi } from '@backstage/core-plugin-api';
import useAsync from 'react-use/esm/useAsync';

/**
 * The signed-in user's ownership refs (the user and the groups they belong
 * to), lower-cased so they compare with catalog relation targets.
 */
export function useOwnershipRefs() {
  const identityApi = useApi(identityApiRef);
  return useAsync(async () => {
    const { ownershipEntityRefs } = await identityApi.getBackstageIdentity();
    return ownershipEntityRefs.map(ref => ref.toLocaleLowerCase('en-US'));
  }, [identityApi]);
}
