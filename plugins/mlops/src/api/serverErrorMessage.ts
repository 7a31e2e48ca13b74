import { ResponseError } from '@backstage/errors';

/**
 * The sentence to show for a failed request: the server's own message
 * (`You opened this review, so you cannot approve it.`) rather than
 * `ResponseError`'s "Request failed with 409 Conflict".
 */
export function serverErrorMessage(error: unknown): string {
  if (ResponseError.is(error)) {
    const cause = error.cause?.message;
    return cause && cause.trim() !== ''
      ? cause
      : `${error.statusCode} ${error.statusText}`.trim();
  }
  if (error instanceof Error) return error.message;
  return String(error);
}
