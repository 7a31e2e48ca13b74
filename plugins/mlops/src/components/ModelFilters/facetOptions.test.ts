import { formatOwnerRef } from '../../refs/formatOwnerRef';
import { facetOptions } from './facetOptions';

describe('formatOwnerRef', () => {
  it('shortens default groups and keeps everything else visible', () => {
    expect(formatOwnerRef('group:default/fraud-ml')).toBe('fraud-ml');
    expect(formatOwnerRef('fraud-ml')).toBe('fraud-ml');
    expect(formatOwnerRef('user:default/jane')).toBe('user:jane');
    expect(formatOwnerRef('group:risk/fraud-ml')).toBe('risk/fraud-ml');
  });
});

describe('facetOptions', () => {
  it('orders tiers from low to critical whatever the counts', () => {
    const options = facetOptions(
      [
        { value: 'critical', count: 9 },
        { value: 'low', count: 1 },
        { value: 'medium', count: 4 },
      ],
      'tiers',
      [],
    );
    expect(options.map(o => o.value)).toEqual(['low', 'medium', 'critical']);
  });

  it('orders owners by count and labels them readably', () => {
    expect(
      facetOptions(
        [
          { value: 'growth-ml', count: 2 },
          { value: 'group:default/fraud-ml', count: 7 },
        ],
        'owners',
        [],
      ),
    ).toEqual([
      { value: 'group:default/fraud-ml', label: 'fraud-ml', count: 7 },
      { value: 'growth-ml', label: 'growth-ml', count: 2 },
    ]);
  });

  it('keeps a selected value that no model has any more, with count 0', () => {
    expect(
      facetOptions([{ value: 'ranking', count: 3 }], 'types', ['clustering']),
    ).toEqual([
      { value: 'ranking', label: 'ranking', count: 3 },
      { value: 'clustering', label: 'clustering', count: 0 },
    ]);
  });
});
