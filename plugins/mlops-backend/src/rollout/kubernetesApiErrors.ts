import { CustomErrorBase } from '@backstage/errors';

/**
 * The cluster's API server did not answer in time. 504 Gateway Timeout: the
 * portal acts as a gateway to the Kubernetes API here, the request itself
 * was fine, and whether a write it carried was applied is unknown until the
 * object is read again. None of `@backstage/errors`' types says that (503
 * would claim the portal itself is unavailable); Backstage's error handler
 * answers with the `statusCode` of an error.
 * @public
 */
export class KubernetesApiTimeoutError extends CustomErrorBase {
  name = 'KubernetesApiTimeoutError' as const;
  readonly statusCode = 504;
}

/**
 * The cluster's API server answered with a server error (HTTP 5xx). 502 Bad
 * Gateway: the failure is upstream of the portal, and the user's request
 * may succeed when it is sent again.
 * @public
 */
export class KubernetesApiServerError extends CustomErrorBase {
  name = 'KubernetesApiServerError' as const;
  readonly statusCode = 502;
}
