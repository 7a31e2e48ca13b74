import { PropsWithChildren } from 'react';
import { SWRConfig } from 'swr';

/**
 * `usePermission` caches decisions in SWR's global cache, so a decision
 * from one test would answer the next. Each render gets its own cache.
 */
export function FreshPermissionCache(props: PropsWithChildren<{}>) {
  return (
    <SWRConfig value={{ provider: () => new Map() }}>
      {props.children}
    </SWRConfig>
  );
}
