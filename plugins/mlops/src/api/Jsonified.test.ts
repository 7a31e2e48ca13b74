import {
  buildDriftProfile,
  detectDatasetDrift,
  DriftFeatureSpec,
  StoredDriftWindow,
} from '@mlops-portal/plugin-mlops-common';
import { DriftWindowView } from './driftTypes';
import { Jsonified } from './Jsonified';

/*
 * The response types are checked by the type checker (this file is part of
 * `yarn tsc`); these tests hold them against what JSON really makes of the
 * values the backend builds them from.
 */

function overTheWire(value: unknown): unknown {
  return JSON.parse(JSON.stringify(value));
}

describe('Jsonified', () => {
  it('turns dates into the ISO strings JSON makes of them, at any depth', () => {
    const at = new Date('2026-11-24T00:00:00.000Z');
    const value = { at, later: [at], nested: { at, count: 3 } };
    const wire = overTheWire(value) as Jsonified<typeof value>;
    const expected: Jsonified<typeof value> = {
      at: '2026-11-24T00:00:00.000Z',
      later: ['2026-11-24T00:00:00.000Z'],
      nested: { at: '2026-11-24T00:00:00.000Z', count: 3 },
    };
    expect(wire).toEqual(expected);

    // @ts-expect-error a Date does not survive JSON
    const notWire: Jsonified<{ at: Date }> = { at };
    expect(notWire.at).toBeInstanceOf(Date);
  });

  it('keeps optional dates optional', () => {
    const wire: Jsonified<{ start?: Date; end: Date }> = {
      end: '2026-11-24T00:00:00.000Z',
    };
    expect(wire.start).toBeUndefined();
  });
});

describe('DriftWindowView', () => {
  it('describes a stored window as it arrives over JSON', () => {
    const features: DriftFeatureSpec[] = [
      { name: 'country', type: 'categorical' },
    ];
    const reference = buildDriftProfile(
      { country: ['DE', 'DE', 'FR', 'FR'] },
      features,
    );
    const current = buildDriftProfile(
      { country: ['DE', 'BR', 'BR', 'BR'] },
      features,
      { reference },
    );
    const stored: StoredDriftWindow = {
      id: 'w1',
      modelRef: 'mlmodel:default/fraud-detector',
      version: '3.2.0',
      windowEnd: new Date('2026-11-24T00:00:00.000Z'),
      source: 'raw',
      rowCount: 4,
      result: detectDatasetDrift(reference, current),
      createdBy: 'user:default/ada',
      createdAt: new Date('2026-11-24T00:05:00.000Z'),
    };
    expect(stored.result.features.country.statistic).toBe(Infinity);

    const wire = overTheWire(stored) as DriftWindowView;

    expect(wire.windowEnd).toBe('2026-11-24T00:00:00.000Z');
    expect(wire.createdAt).toBe('2026-11-24T00:05:00.000Z');
    expect(wire.windowStart).toBeUndefined();
    // A category new in the window: chi-square is infinite, null over JSON.
    // @ts-expect-error the statistic may be null over JSON
    const statistic: number = wire.result.features.country.statistic;
    expect(statistic).toBeNull();
    expect(wire.result.features.country.newCategories).toEqual(['BR']);
  });
});
