import {
  buildModelFacetsRequest,
  buildModelsQuery,
  DEFAULT_MODEL_FILTERS,
  filtersFromSearchParams,
  filtersToSearchParams,
  hasActiveFilters,
  MODEL_TABLE_FIELDS,
} from './modelQuery';

describe('buildModelsQuery', () => {
  it('asks for one page of MLModels, sorted by name, with only the table fields', () => {
    expect(buildModelsQuery(DEFAULT_MODEL_FILTERS)).toEqual({
      filter: { kind: 'MLModel' },
      orderFields: { field: 'metadata.name', order: 'asc' },
      limit: 20,
      fields: MODEL_TABLE_FIELDS,
    });
    expect(MODEL_TABLE_FIELDS).not.toContain('spec');
    expect(MODEL_TABLE_FIELDS).not.toContain('spec.modelCard');
  });

  it('turns each facet filter into a catalog filter on its spec field', () => {
    const query = buildModelsQuery({
      ...DEFAULT_MODEL_FILTERS,
      owners: ['group:default/fraud-ml', 'search-ml'],
      tiers: ['high', 'critical'],
      lifecycles: ['production'],
      types: ['ranking'],
    });
    expect(query.filter).toEqual({
      kind: 'MLModel',
      'spec.owner': ['group:default/fraud-ml', 'search-ml'],
      'spec.riskTier': ['high', 'critical'],
      'spec.lifecycle': ['production'],
      'spec.type': ['ranking'],
    });
  });

  it('searches name, title, description and owner in the catalog', () => {
    const query = buildModelsQuery({
      ...DEFAULT_MODEL_FILTERS,
      text: '  fraud ',
    });
    expect(query.fullTextFilter).toEqual({
      term: 'fraud',
      fields: [
        'metadata.name',
        'metadata.title',
        'metadata.description',
        'spec.owner',
      ],
    });
  });

  it('restricts "my team\'s models" to the ownedBy relation of the ownership refs', () => {
    const refs = ['user:default/jane', 'group:default/Fraud-ML'];
    expect(
      buildModelsQuery({ ...DEFAULT_MODEL_FILTERS, mine: true }, refs).filter,
    ).toEqual({
      kind: 'MLModel',
      'relations.ownedBy': ['user:default/jane', 'group:default/fraud-ml'],
    });
    // Without the toggle the refs are not used.
    expect(buildModelsQuery(DEFAULT_MODEL_FILTERS, refs).filter).toEqual({
      kind: 'MLModel',
    });
  });

  it('sorts on the field behind the chosen column', () => {
    expect(
      buildModelsQuery({
        ...DEFAULT_MODEL_FILTERS,
        sort: 'riskTier',
        order: 'desc',
      }).orderFields,
    ).toEqual({ field: 'spec.riskTier', order: 'desc' });
  });
});

describe('query string', () => {
  it('round-trips every filter', () => {
    const filters = {
      owners: ['group:default/fraud-ml'],
      tiers: ['high', 'critical'],
      lifecycles: ['production'],
      types: ['classification'],
      text: 'fraud',
      mine: true,
      sort: 'owner' as const,
      order: 'desc' as const,
    };
    const params = filtersToSearchParams(filters);
    expect(params.toString()).toBe(
      'owner=group%3Adefault%2Ffraud-ml&tier=high&tier=critical&lifecycle=production&type=classification&q=fraud&mine=true&sort=owner&order=desc',
    );
    expect(filtersFromSearchParams(params)).toEqual(filters);
  });

  it('leaves defaults out and ignores unknown values', () => {
    expect(filtersToSearchParams(DEFAULT_MODEL_FILTERS).toString()).toBe('');
    expect(
      filtersFromSearchParams(
        new URLSearchParams('sort=drop-table&order=sideways&mine=yes&tier='),
      ),
    ).toEqual(DEFAULT_MODEL_FILTERS);
  });

  it('knows when a filter narrows the list', () => {
    expect(hasActiveFilters(DEFAULT_MODEL_FILTERS)).toBe(false);
    expect(hasActiveFilters({ ...DEFAULT_MODEL_FILTERS, sort: 'type' })).toBe(
      false,
    );
    expect(hasActiveFilters({ ...DEFAULT_MODEL_FILTERS, tiers: ['low'] })).toBe(
      true,
    );
    expect(hasActiveFilters({ ...DEFAULT_MODEL_FILTERS, mine: true })).toBe(
      true,
    );
    expect(hasActiveFilters({ ...DEFAULT_MODEL_FILTERS, text: ' x ' })).toBe(
      true,
    );
  });
});

describe('buildModelFacetsRequest', () => {
  it('asks for owner, tier, lifecycle and type counts over all MLModels', () => {
    expect(buildModelFacetsRequest()).toEqual({
      filter: { kind: 'MLModel' },
      facets: ['spec.owner', 'spec.riskTier', 'spec.lifecycle', 'spec.type'],
    });
  });
});
