import { createRouteRef } from '@backstage/core-plugin-api';

/** The Models page; apps mount it at `/mlops/models`. */
export const rootRouteRef = createRouteRef({ id: 'mlops' });
