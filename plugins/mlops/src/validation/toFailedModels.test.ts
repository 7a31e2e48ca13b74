import { failedRow, VALIDATOR_MESSAGE } from '../__testUtils__/fixtures';
import {
  isOwnedBy,
  issuesFromError,
  sortFailedModels,
  toFailedModels,
} from './toFailedModels';

describe('issuesFromError', () => {
  it('splits the validator message into one issue per field', () => {
    expect(
      issuesFromError({
        name: 'InputError',
        message: 'x',
        cause: { name: 'MLModelValidationError', message: VALIDATOR_MESSAGE },
      }),
    ).toEqual([
      {
        path: 'spec.riskTier',
        message: 'must be one of low, medium, high, critical (got "extreme")',
      },
      {
        path: 'spec.versions[1].trainedOn[0]',
        message: '"x" is not declared in spec.datasets',
      },
    ]);
  });

  it('finds the validator message inside a wrapping error without a cause', () => {
    expect(
      issuesFromError({
        name: 'InputError',
        message:
          'Processor P threw an error while validating the entity mlmodel:default/a; caused by MLModelValidationError: Invalid MLModel "a": spec.owner is required',
      }),
    ).toEqual([{ path: 'spec.owner', message: 'is required' }]);
  });

  it('keeps any other error as one message', () => {
    expect(
      issuesFromError({
        name: 'InputError',
        message:
          'No processor recognized the entity mlmodel:default/a as valid',
      }),
    ).toEqual([
      {
        message:
          'No processor recognized the entity mlmodel:default/a as valid',
      },
    ]);
  });
});

describe('toFailedModels', () => {
  it('keeps only MLModels and reads owner, location and issues', () => {
    const models = toFailedModels({
      type: 'failed',
      entities: [
        failedRow('churn', { owner: 'growth-ml' }),
        failedRow('api-gw', { kind: 'Component', owner: 'platform' }),
      ],
    });
    expect(models).toEqual([
      {
        entityRef: 'mlmodel:default/churn',
        name: 'churn',
        namespace: 'default',
        title: undefined,
        owner: 'growth-ml',
        ownerRef: 'group:default/growth-ml',
        location: 'https://github.com/acme/models/blob/main/catalog-info.yaml',
        issues: [
          {
            path: 'spec.riskTier',
            message:
              'must be one of low, medium, high, critical (got "extreme")',
          },
          {
            path: 'spec.versions[1].trainedOn[0]',
            message: '"x" is not declared in spec.datasets',
          },
        ],
      },
    ]);
  });

  it('drops issues repeated by several errors', () => {
    const error = {
      name: 'E',
      message: 'Invalid MLModel "a": spec.owner is required',
    };
    const [model] = toFailedModels({
      entities: [failedRow('a', { errors: [error, error] })],
    });
    expect(model.issues).toEqual([
      { path: 'spec.owner', message: 'is required' },
    ]);
  });
});

describe('ownership', () => {
  const [mine, theirs, ownerless] = toFailedModels({
    entities: [
      failedRow('b-mine', { owner: 'Fraud-ML' }),
      failedRow('a-theirs', { owner: 'group:default/growth-ml' }),
      failedRow('c-none'),
    ],
  });
  const refs = ['user:default/jane', 'group:default/fraud-ml'];

  it('matches the normalised owner against the ownership refs', () => {
    expect(isOwnedBy(mine, refs)).toBe(true);
    expect(isOwnedBy(theirs, refs)).toBe(false);
    expect(isOwnedBy(ownerless, refs)).toBe(false);
  });

  it("sorts the user's own models first, then by ref", () => {
    expect(
      sortFailedModels([ownerless, theirs, mine], refs).map(m => m.name),
    ).toEqual(['b-mine', 'a-theirs', 'c-none']);
  });
});
