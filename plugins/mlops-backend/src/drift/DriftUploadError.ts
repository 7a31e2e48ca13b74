import { CustomErrorBase } from '@backstage/errors';

/**
 * A request body over one of the drift size limits. Backstage's error
 * middleware answers with the `statusCode` of an error, so this becomes a
 * 413 with the message naming the limit and its configuration key.
 */
export class DriftPayloadTooLargeError extends CustomErrorBase {
  name = 'PayloadTooLargeError' as const;
  readonly statusCode = 413;
}
