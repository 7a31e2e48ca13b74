import { InputError } from '@backstage/errors';
import { z } from 'zod';

/** The most refs one summary request may ask about (a page is about 20). */
export const MAX_SUMMARY_REFS = 500;

/** A string field whose messages read "<field> is required" / "<field> must be a string". */
function text() {
  return z
    .string({
      required_error: 'is required',
      invalid_type_error: 'must be a string',
    })
    .trim();
}

const comment = text().max(4000);

const httpUrl = text().refine(
  value => {
    try {
      const url = new URL(value);
      return url.protocol === 'http:' || url.protocol === 'https:';
    } catch {
      return false;
    }
  },
  { message: 'must be an absolute http(s) URL' },
);

export const openReviewBody = z.object({
  version: text().min(1, 'is required').max(255),
});

export const attestBody = z.object({
  checkId: text().min(1, 'is required').max(100),
  evidenceUrl: httpUrl,
  comment: comment.min(1, 'is required: say what the evidence shows'),
});

export const approveBody = z.object({ comment: comment.optional() });

export const requestChangesBody = z.object({
  comment: comment.min(1, 'is required: say what has to change'),
});

export const reopenBody = z.object({ comment: comment.optional() });

export const withdrawBody = z.object({ reason: comment.optional() });

export const summaryBody = z.object({
  entityRefs: z
    .array(text().min(1, 'must not be empty'), {
      required_error: 'is required',
      invalid_type_error: 'must be a list of entity refs',
    })
    .max(MAX_SUMMARY_REFS, `must list at most ${MAX_SUMMARY_REFS} refs`),
});

export const reviewsQuery = z.object({
  awaiting: z.literal('me', {
    errorMap: () => ({
      message:
        "must be 'me' (GET /reviews?awaiting=me lists the reviews waiting for you)",
    }),
  }),
});

export const auditQuery = z.object({
  format: z.enum(['timeline', 'evidence']).optional(),
  download: z.enum(['true', 'false']).optional(),
});

/**
 * Parses a request part with a schema, or throws an `InputError` whose
 * message names each offending field (`evidenceUrl must be an absolute
 * http(s) URL`).
 */
export function parseRequest<T extends z.ZodTypeAny>(
  schema: T,
  value: unknown,
  what: 'body' | 'query',
): z.infer<T> {
  const result = schema.safeParse(value ?? {});
  if (result.success) return result.data;
  const problems = result.error.issues.map(issue => {
    const field = issue.path.length
      ? issue.path
          .map((part, i) =>
            typeof part === 'number' ? `[${part}]` : `${i ? '.' : ''}${part}`,
          )
          .join('')
      : what;
    return `${field} ${issue.message}`;
  });
  throw new InputError(`Invalid request ${what}: ${problems.join('; ')}`);
}
