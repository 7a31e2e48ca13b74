import { InputError } from '@backstage/errors';
import {
  DriftFeatureProfile,
  DriftFeatureSpec,
  DriftReferenceProfile,
  DriftWindowProfile,
} from '@mlops-portal/plugin-mlops-common';
import { parse as parseCsv } from 'csv-parse/sync';
import { z } from 'zod';
import { DriftPayloadTooLargeError } from './DriftUploadError';

/** Size limits of drift uploads (`mlops.drift.*`). */
export interface DriftLimits {
  /** Request body size (`mlops.drift.maxBodyBytes`). */
  maxBodyBytes: number;
  /** Rows of raw data in one request (`mlops.drift.maxRows`). */
  maxRows: number;
  /** Distinct categories of a categorical feature (`mlops.drift.maxCategories`). */
  maxCategories: number;
  /** Cut points of a pre-aggregated numerical feature (`mlops.drift.maxBins`). */
  maxBins: number;
}

export const DEFAULT_DRIFT_LIMITS: DriftLimits = {
  maxBodyBytes: 10 * 1024 * 1024,
  maxRows: 100_000,
  maxCategories: 1_000,
  maxBins: 1_000,
};

/** What a drift upload holds once parsed: raw columns or a pre-aggregated profile. */
export type DriftUpload =
  | {
      kind: 'raw';
      /** CSV cells are text and parsed as numbers; JSON values keep their type. */
      syntax: 'json' | 'csv';
      rowCount: number;
      columns: Record<string, unknown[]>;
      windowStart?: Date;
      windowEnd?: Date;
    }
  | {
      kind: 'profile';
      profile: PreAggregatedProfile;
      windowStart?: Date;
      windowEnd?: Date;
    };

const MAX_REPORTED_PROBLEMS = 10;

const count = z.number().int().nonnegative();
const finiteNumber = z.number().finite();

const numericalProfileSchema = z
  .object({
    type: z.literal('numerical'),
    cutPoints: z.array(finiteNumber).optional(),
    binCounts: z.array(count),
    missing: count.optional(),
    infinite: count.optional(),
    distinctCount: count.optional(),
    min: finiteNumber.optional(),
    max: finiteNumber.optional(),
    mean: finiteNumber.optional(),
    std: finiteNumber.nonnegative().optional(),
  })
  .strict();

const categoricalProfileSchema = z
  .object({
    type: z.literal('categorical'),
    categoryCounts: z.record(count),
    missing: count.optional(),
  })
  .strict();

const profileSchema = z
  .object({
    rowCount: count.optional(),
    features: z.record(
      z.discriminatedUnion('type', [
        numericalProfileSchema,
        categoricalProfileSchema,
      ]),
    ),
  })
  .strict();

/** A pre-aggregated profile as sent: counts per frozen bin or per category. */
export type PreAggregatedProfile = z.infer<typeof profileSchema>;

const isoDate = z
  .string()
  .datetime({ offset: true })
  .transform(s => new Date(s));

const envelopeSchema = z
  .object({
    rows: z.array(z.unknown()).optional(),
    profile: z.unknown().optional(),
    windowStart: isoDate.optional(),
    windowEnd: isoDate.optional(),
  })
  .strict();

function issuesText(error: z.ZodError, prefix: string): string {
  return error.issues
    .slice(0, MAX_REPORTED_PROBLEMS)
    .map(i => `${[prefix, ...i.path].join('.')}: ${i.message}`)
    .join('; ');
}

function mediaTypeOf(contentType: string | undefined): string {
  return (contentType ?? 'application/json').split(';')[0].trim().toLowerCase();
}

const JSON_LINES_TYPES = [
  'application/x-ndjson',
  'application/jsonl',
  'application/x-jsonlines',
  'application/json-lines',
];
const CSV_TYPES = ['text/csv', 'application/csv'];

/** Media types the drift uploads accept. */
export const DRIFT_UPLOAD_MEDIA_TYPES = [
  'application/json',
  ...JSON_LINES_TYPES,
  ...CSV_TYPES,
];

function checkRowCount(rows: number, limits: DriftLimits) {
  if (rows > limits.maxRows) {
    throw new DriftPayloadTooLargeError(
      `The upload has ${rows} rows; the limit is ${limits.maxRows} (mlops.drift.maxRows). Send a pre-aggregated profile, or split the window.`,
    );
  }
}

function windowTimes(query: Record<string, unknown>) {
  const parsed = z
    .object({ windowStart: isoDate.optional(), windowEnd: isoDate.optional() })
    .safeParse({ windowStart: query.windowStart, windowEnd: query.windowEnd });
  if (!parsed.success)
    throw new InputError(`Invalid query: ${issuesText(parsed.error, 'query')}`);
  return parsed.data;
}

/**
 * Parses the body of a reference or window upload: JSON (an array of rows,
 * `{ rows }` or `{ profile }`), JSON lines, or CSV with a header row. Only
 * syntax and size are checked here; {@link validateRawRows} and
 * `validateProfile` check the data against the model's features.
 */
export function parseDriftUpload(options: {
  body: Buffer;
  contentType: string | undefined;
  query: Record<string, unknown>;
  limits: DriftLimits;
}): DriftUpload {
  const { body, limits } = options;
  const mediaType = mediaTypeOf(options.contentType);
  const text = body.toString('utf8');
  if (text.trim() === '') throw new InputError('The request body is empty');

  if (CSV_TYPES.includes(mediaType)) {
    let records: Record<string, string>[];
    try {
      records = parseCsv(text, {
        columns: true,
        skip_empty_lines: true,
        trim: true,
        bom: true,
        to: limits.maxRows + 1,
      });
    } catch (error) {
      throw new InputError(
        `The CSV body cannot be parsed: ${(error as Error).message}`,
      );
    }
    checkRowCount(records.length, limits);
    return {
      kind: 'raw',
      ...rowsToColumns(records, 'csv'),
      ...windowTimes(options.query),
    };
  }

  if (JSON_LINES_TYPES.includes(mediaType)) {
    const rows: unknown[] = [];
    const lines = text.split('\n');
    for (let i = 0; i < lines.length; i++) {
      const line = lines[i].trim();
      if (line === '') continue;
      try {
        rows.push(JSON.parse(line));
      } catch {
        throw new InputError(
          `Line ${i + 1} of the JSON lines body is not JSON`,
        );
      }
      checkRowCount(rows.length, limits);
    }
    return {
      kind: 'raw',
      ...rowsToColumns(rows, 'json'),
      ...windowTimes(options.query),
    };
  }

  if (mediaType !== 'application/json') {
    throw new InputError(
      `Unsupported content type ${mediaType}; send one of ${DRIFT_UPLOAD_MEDIA_TYPES.join(
        ', ',
      )}`,
    );
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new InputError(`The body is not JSON: ${(error as Error).message}`);
  }
  const queryTimes = windowTimes(options.query);
  if (Array.isArray(json)) {
    checkRowCount(json.length, limits);
    return { kind: 'raw', ...rowsToColumns(json, 'json'), ...queryTimes };
  }
  const envelope = envelopeSchema.safeParse(json);
  if (!envelope.success) {
    throw new InputError(
      `Invalid body (expected an array of rows, { rows } or { profile }): ${issuesText(
        envelope.error,
        'body',
      )}`,
    );
  }
  const { rows, profile, windowStart, windowEnd } = envelope.data;
  const times = {
    windowStart: windowStart ?? queryTimes.windowStart,
    windowEnd: windowEnd ?? queryTimes.windowEnd,
  };
  if ((rows === undefined) === (profile === undefined)) {
    throw new InputError(
      'The body must hold exactly one of rows (raw data) or profile (pre-aggregated)',
    );
  }
  if (rows !== undefined) {
    checkRowCount(rows.length, limits);
    return { kind: 'raw', ...rowsToColumns(rows, 'json'), ...times };
  }
  const parsed = profileSchema.safeParse(profile);
  if (!parsed.success) {
    throw new InputError(
      `Invalid profile: ${issuesText(parsed.error, 'profile')}`,
    );
  }
  for (const [name, feature] of Object.entries(parsed.data.features)) {
    if (
      feature.type === 'numerical' &&
      (feature.cutPoints?.length ?? 0) > limits.maxBins
    ) {
      throw new DriftPayloadTooLargeError(
        `Feature ${name} has ${
          feature.cutPoints!.length
        } cut points; the limit is ${limits.maxBins} (mlops.drift.maxBins)`,
      );
    }
    if (
      feature.type === 'categorical' &&
      Object.keys(feature.categoryCounts).length > limits.maxCategories
    ) {
      throw new DriftPayloadTooLargeError(
        `Feature ${name} has ${
          Object.keys(feature.categoryCounts).length
        } categories; the limit is ${
          limits.maxCategories
        } (mlops.drift.maxCategories)`,
      );
    }
  }
  return { kind: 'profile', profile: parsed.data, ...times };
}

type RowSyntax = 'json' | 'csv';

/** Rows (objects keyed by feature) as columns; refuses anything that is not an object. */
function rowsToColumns(rows: unknown[], syntax: RowSyntax) {
  const columns: Record<string, unknown[]> = {};
  rows.forEach((row, index) => {
    if (typeof row !== 'object' || row === null || Array.isArray(row)) {
      throw new InputError(
        `Row ${index + 1} is not an object keyed by feature name`,
      );
    }
    for (const [key, value] of Object.entries(row)) {
      (columns[key] ??= new Array(rows.length).fill(null))[index] = value;
    }
  });
  return { rowCount: rows.length, columns, syntax: syntax as RowSyntax };
}

const NUMBER_PATTERN = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;
const SPECIAL_NUMBERS: Record<string, number> = {
  nan: NaN,
  inf: Infinity,
  '+inf': Infinity,
  infinity: Infinity,
  '+infinity': Infinity,
  '-inf': -Infinity,
  '-infinity': -Infinity,
};

/**
 * Checks raw columns against the model's features and converts cells to
 * the engine's values: numbers (NaN and ±Infinity spelt as strings, since
 * JSON has no literal for them; CSV cells parsed) and category labels.
 * Every problem found (up to ten) is named with its row and feature.
 */
export function validateRawRows(
  upload: Extract<DriftUpload, { kind: 'raw' }>,
  features: readonly DriftFeatureSpec[],
  limits: DriftLimits,
): Record<string, unknown[]> {
  const known = new Map(features.map(f => [f.name, f]));
  const unknown = Object.keys(upload.columns).filter(name => !known.has(name));
  if (unknown.length > 0) {
    throw new InputError(
      `Unknown feature${unknown.length > 1 ? 's' : ''} ${unknown
        .map(n => JSON.stringify(n))
        .join(', ')}; the model's features (spec.features) are ${features
        .map(f => f.name)
        .join(', ')}`,
    );
  }
  if (upload.rowCount === 0) throw new InputError('The upload has no rows');
  const problems: string[] = [];
  const report = (problem: string) => {
    if (problems.length < MAX_REPORTED_PROBLEMS) problems.push(problem);
  };
  const out: Record<string, unknown[]> = {};
  for (const feature of features) {
    const column =
      upload.columns[feature.name] ?? new Array(upload.rowCount).fill(null);
    if (feature.type === 'numerical') {
      out[feature.name] = column.map((cell, i) => {
        if (cell === null || cell === undefined) return null;
        if (typeof cell === 'number') return cell;
        if (typeof cell === 'string') {
          const trimmed = cell.trim();
          if (trimmed === '') return null;
          const special = SPECIAL_NUMBERS[trimmed.toLowerCase()];
          if (special !== undefined) return special;
          if (upload.syntax === 'csv' && NUMBER_PATTERN.test(trimmed))
            return Number(trimmed);
        }
        report(
          `row ${i + 1}: feature ${
            feature.name
          } is numerical, got ${JSON.stringify(cell)}`,
        );
        return null;
      });
    } else {
      const categories = new Set<string>();
      out[feature.name] = column.map((cell, i) => {
        if (cell === null || cell === undefined || cell === '') return null;
        if (
          typeof cell === 'string' ||
          typeof cell === 'number' ||
          typeof cell === 'boolean'
        ) {
          categories.add(String(cell));
          return String(cell);
        }
        report(
          `row ${i + 1}: feature ${
            feature.name
          } is categorical, got ${JSON.stringify(cell)}`,
        );
        return null;
      });
      if (categories.size > limits.maxCategories) {
        throw new DriftPayloadTooLargeError(
          `Feature ${feature.name} has ${categories.size} distinct categories; the limit is ${limits.maxCategories} (mlops.drift.maxCategories)`,
        );
      }
    }
  }
  if (problems.length > 0) {
    throw new InputError(`Wrong value types: ${problems.join('; ')}`);
  }
  return out;
}

function checkProfileFeatures(
  profile: PreAggregatedProfile,
  features: readonly DriftFeatureSpec[],
) {
  const known = new Map(features.map(f => [f.name, f]));
  const unknown = Object.keys(profile.features).filter(n => !known.has(n));
  if (unknown.length > 0) {
    throw new InputError(
      `Unknown feature${unknown.length > 1 ? 's' : ''} ${unknown
        .map(n => JSON.stringify(n))
        .join(
          ', ',
        )} in the profile; the model's features (spec.features) are ${features
        .map(f => f.name)
        .join(', ')}`,
    );
  }
  const missing = features
    .filter(f => !profile.features[f.name])
    .map(f => f.name);
  if (missing.length > 0) {
    throw new InputError(
      `The profile has no entry for feature${
        missing.length > 1 ? 's' : ''
      } ${missing.join(', ')}`,
    );
  }
  for (const feature of features) {
    const entry = profile.features[feature.name];
    if (entry.type !== feature.type) {
      throw new InputError(
        `Feature ${feature.name} is ${feature.type} (spec.features), the profile gives it as ${entry.type}`,
      );
    }
  }
}

function totalOf(entry: PreAggregatedProfile['features'][string]): number {
  return entry.type === 'numerical'
    ? entry.binCounts.reduce((a, b) => a + b, 0)
    : Object.values(entry.categoryCounts).reduce((a, b) => a + b, 0);
}

/** A pre-aggregated reference checked against the model's features, as the engine's profile. */
export function validateReferenceProfile(
  profile: PreAggregatedProfile,
  features: readonly DriftFeatureSpec[],
): DriftReferenceProfile {
  checkProfileFeatures(profile, features);
  const out: Record<string, DriftFeatureProfile> = {};
  for (const feature of features) {
    const entry = profile.features[feature.name];
    if (entry.type === 'numerical') {
      const cutPoints = entry.cutPoints;
      if (!cutPoints) {
        throw new InputError(
          `Feature ${feature.name}: a reference profile must give its cutPoints (the frozen bin edges)`,
        );
      }
      for (let i = 1; i < cutPoints.length; i++) {
        if (!(cutPoints[i] > cutPoints[i - 1])) {
          throw new InputError(
            `Feature ${feature.name}: cutPoints must be strictly ascending (index ${i})`,
          );
        }
      }
      if (entry.binCounts.length !== cutPoints.length + 1) {
        throw new InputError(
          `Feature ${feature.name}: ${cutPoints.length} cut points make ${
            cutPoints.length + 1
          } bins, binCounts has ${entry.binCounts.length}`,
        );
      }
      out[feature.name] = {
        ...entry,
        cutPoints,
        count: totalOf(entry),
        missing: entry.missing ?? 0,
        infinite: entry.infinite ?? 0,
      };
    } else {
      out[feature.name] = {
        ...entry,
        count: totalOf(entry),
        missing: entry.missing ?? 0,
      };
    }
  }
  const rowCount =
    profile.rowCount ??
    Math.max(0, ...Object.values(profile.features).map(totalOf));
  if (Object.values(out).every(f => f.count === 0)) {
    throw new InputError('The reference profile holds no values');
  }
  return { rowCount, features: out };
}

/** A pre-aggregated window checked against the model's features and the reference's frozen bins. */
export function validateWindowProfile(
  profile: PreAggregatedProfile,
  features: readonly DriftFeatureSpec[],
  reference: DriftReferenceProfile,
): DriftWindowProfile {
  checkProfileFeatures(profile, features);
  const out: Record<string, DriftFeatureProfile> = {};
  for (const feature of features) {
    const entry = profile.features[feature.name];
    const frozen = reference.features[feature.name];
    if (!frozen || frozen.type !== entry.type) {
      throw new InputError(
        `Feature ${feature.name} is not in the version's reference with that type`,
      );
    }
    if (entry.type === 'numerical' && frozen.type === 'numerical') {
      if (
        entry.cutPoints &&
        (entry.cutPoints.length !== frozen.cutPoints.length ||
          entry.cutPoints.some((c, i) => c !== frozen.cutPoints[i]))
      ) {
        throw new InputError(
          `Feature ${feature.name}: the cut points differ from the reference's frozen ones; bin the window on the cut points of GET …/report (reference.features.${feature.name}.cutPoints)`,
        );
      }
      if (entry.binCounts.length !== frozen.cutPoints.length + 1) {
        throw new InputError(
          `Feature ${feature.name}: the reference has ${
            frozen.cutPoints.length + 1
          } bins, binCounts has ${entry.binCounts.length}`,
        );
      }
      out[feature.name] = {
        ...entry,
        cutPoints: frozen.cutPoints,
        count: totalOf(entry),
        missing: entry.missing ?? 0,
        infinite: entry.infinite ?? 0,
      };
    } else if (entry.type === 'categorical') {
      out[feature.name] = {
        ...entry,
        count: totalOf(entry),
        missing: entry.missing ?? 0,
      };
    }
  }
  if (Object.values(out).every(f => f.count === 0)) {
    throw new InputError('The window is empty: no feature has a value');
  }
  const rowCount =
    profile.rowCount ??
    Math.max(0, ...Object.values(profile.features).map(totalOf));
  return { rowCount, features: out };
}
