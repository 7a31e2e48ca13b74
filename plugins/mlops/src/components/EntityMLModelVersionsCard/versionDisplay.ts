import { MLModelVersion } from '@mlops-portal/plugin-mlops-common';

/**
 * Newest first: by `registeredAt` when both versions have one, otherwise
 * later entries in `spec.versions` count as newer (people append).
 */
export function sortVersionsNewestFirst(
  versions: MLModelVersion[],
): MLModelVersion[] {
  return versions
    .map((version, index) => ({
      version,
      index,
      time: Date.parse(version.registeredAt ?? ''),
    }))
    .sort((a, b) => {
      if (!Number.isNaN(a.time) && !Number.isNaN(b.time) && a.time !== b.time) {
        return b.time - a.time;
      }
      return b.index - a.index;
    })
    .map(entry => entry.version);
}

/** `2026-03-01T12:00:00Z` → `2026-03-01 12:00 UTC`, the same for every viewer. */
export function formatRegisteredAt(value?: string): string | undefined {
  if (!value) return undefined;
  const time = new Date(value);
  if (Number.isNaN(time.getTime())) return value;
  return `${time.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

const metricFormat = new Intl.NumberFormat('en-US', {
  maximumFractionDigits: 4,
});

/** Metrics as `name value` pairs, alphabetically, with at most four decimals. */
export function formatMetrics(
  metrics?: Record<string, number>,
): Array<{ name: string; value: string }> {
  if (!metrics || typeof metrics !== 'object') return [];
  return Object.entries(metrics)
    .filter(([, value]) => typeof value === 'number' && Number.isFinite(value))
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([name, value]) => ({ name, value: metricFormat.format(value) }));
}

/** `sha256:9f86d081884c7d65…` keeps the algorithm and the first 12 hex digits. */
export function shortDigest(digest?: string): string | undefined {
  if (!digest) return undefined;
  const [algorithm, hex] = digest.includes(':')
    ? digest.split(':', 2)
    : ['', digest];
  const short = hex.length > 12 ? `${hex.slice(0, 12)}…` : hex;
  return algorithm ? `${algorithm}:${short}` : short;
}
