import {
  Observable,
  ObservableMiddleware,
  RequestContext,
  ResponseContext,
} from '@kubernetes/client-node';

/**
 * A client-node middleware that aborts each request after `timeoutMs`:
 * client-node has no timeout of its own, and an API server that accepts the
 * connection but never answers would otherwise hold the caller forever. An
 * aborted request rejects with an error named `AbortError` or `TimeoutError`.
 *
 * @public
 */
export function requestTimeoutMiddleware(
  timeoutMs: number,
): ObservableMiddleware {
  return {
    pre: (context: RequestContext) => {
      context.setSignal(AbortSignal.timeout(timeoutMs));
      return new Observable(Promise.resolve(context));
    },
    post: (response: ResponseContext) =>
      new Observable(Promise.resolve(response)),
  };
}
