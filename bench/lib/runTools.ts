/* Command-line arguments, logging, waiting and summary statistics for the benchmarks. */

export function parseArgs(
  argv = process.argv.slice(2),
): Record<string, string> {
  return Object.fromEntries(
    argv.map(a => {
      const [k, v] = a.replace(/^--/, '').split('=');
      return [k, v ?? 'true'];
    }),
  );
}

export const log = (msg: string) =>
  process.stderr.write(`[${new Date().toISOString().slice(11, 19)}] ${msg}\n`);

export const sleep = (ms: number) => new Promise(r => setTimeout(r, ms));

/** Polls `probe` every `pollMs` until it holds, or fails after `timeoutMs`. */
export async function until(
  what: string,
  probe: () => Promise<boolean>,
  { timeoutMs, pollMs = 500 }: { timeoutMs: number; pollMs?: number },
) {
  const deadline = Date.now() + timeoutMs;
  while (!(await probe())) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await sleep(pollMs);
  }
}

export function median(values: number[]) {
  const s = [...values].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/** The nearest-rank percentile (p in 0..100). */
export function percentile(values: number[], p: number) {
  const s = [...values].sort((a, b) => a - b);
  const rank = Math.max(1, Math.ceil((p / 100) * s.length));
  return s[rank - 1];
}

/** A markdown table with padded columns. */
export function markdownTable(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) =>
    Math.max(h.length, ...rows.map(r => r[i].length)),
  );
  const line = (cells: string[]) =>
    `| ${cells.map((c, i) => c.padEnd(widths[i])).join(' | ')} |`;
  return [
    line(header),
    `|${widths.map(w => '-'.repeat(w + 2)).join('|')}|`,
    ...rows.map(line),
  ].join('\n');
}
