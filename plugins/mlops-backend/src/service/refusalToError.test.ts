import { ConflictError, InputError, NotAllowedError } from '@backstage/errors';
import { refusalToError } from './refusalToError';

describe('refusalToError', () => {
  it('maps the engine refusal codes to HTTP errors', () => {
    expect(refusalToError({ code: 'forbidden', reason: 'Not yours.' })).toEqual(
      new NotAllowedError('Not yours.'),
    );
    expect(
      refusalToError({ code: 'conflict', reason: 'Closed.' }),
    ).toBeInstanceOf(ConflictError);
    expect(refusalToError({ code: 'invalid', reason: 'Bad.' })).toBeInstanceOf(
      InputError,
    );
  });

  it('treats a sign-off by the author as a conflict', () => {
    const error = refusalToError(
      {
        code: 'forbidden',
        reason: 'You opened this review, so you cannot approve it.',
      },
      { selfSignOff: true },
    );
    expect(error).toBeInstanceOf(ConflictError);
    expect(error.message).toBe(
      'You opened this review, so you cannot approve it.',
    );
  });
});
