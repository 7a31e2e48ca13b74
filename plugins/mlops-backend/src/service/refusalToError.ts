import { ConflictError, InputError, NotAllowedError } from '@backstage/errors';
import { ReviewRefusalCode } from '@mlops-portal/plugin-mlops-common';

/**
 * The HTTP-facing error for a command the readiness engine refused.
 *
 * `forbidden` (who may do it) is a 403, except a sign-off by the review's own
 * author: the product treats that like a sign-off on a closed review, as a
 * 409 conflict with the state of the review, because the same person with
 * the same rights may sign off anyone else's review. `conflict` is a 409 and
 * `invalid` a 400.
 */
export function refusalToError(
  refusal: { code: ReviewRefusalCode; reason: string },
  options: { selfSignOff?: boolean } = {},
): Error {
  switch (refusal.code) {
    case 'forbidden':
      return options.selfSignOff
        ? new ConflictError(refusal.reason)
        : new NotAllowedError(refusal.reason);
    case 'conflict':
      return new ConflictError(refusal.reason);
    case 'invalid':
    default:
      return new InputError(refusal.reason);
  }
}
