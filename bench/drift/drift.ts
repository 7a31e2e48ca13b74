/*
 * Drift engine benchmark: the same data through the engine and through
 * scipy 1.10 / numpy, side by side in one run.
 *
 *   KS      ksTwoSample vs scipy.stats.ks_2samp (method 'auto', asymptotic here)
 *   PSI     populationStabilityIndex vs np.quantile + searchsorted + the PSI sum
 *   window  detectFeatureDrift per feature vs Evidently's default tests for a
 *           reference of more than 1000 rows (wasserstein_distance / std for
 *           numerical features, jensenshannon for categorical ones)
 *
 * The data is generated from a seed and written once as float64 files; both
 * sides load it before anything is timed. Each side times only the
 * computation, in its own process, and the cases run in alternating order.
 *
 * Usage: node bench/drift/run.js [--reps=7] [--seed=20261127] [--only=ks|psi|window] [--keep]
 */
import {
  detectFeatureDrift,
  FeatureDriftResult,
  ksTwoSample,
  populationStabilityIndex,
  quantileCutPoints,
} from '@mlops-portal/plugin-mlops-common';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import { performance } from 'node:perf_hooks';
import { log, markdownTable, median, parseArgs } from '../lib/runTools';
import {
  DriftBenchManifest,
  generateDriftData,
  readFloat64,
} from './generateDriftData';

const args = parseArgs();
const REPS = Number(args.reps ?? 7);
const SEED = Number(args.seed ?? 20261127);
const KS_SIZE = Number(args['ks-size'] ?? 100_000);
const PSI_SIZE = Number(args['psi-size'] ?? 1_000_000);
const WINDOW_ROWS = Number(args['window-rows'] ?? 100_000);
const WINDOW_FEATURES = Number(args.features ?? 50);
const ONLY = args.only as CaseName | undefined;
/** Agreement asked of every statistic and p-value, relative to scipy's. */
const AGREEMENT = 1e-12;
const PYTHONPATH = '/usr/lib/python3/dist-packages';

type CaseName = 'ks' | 'psi' | 'window';

type ScipyAnswer = {
  ms: number;
  statistic?: number;
  pValue?: number;
  cutPoints?: number[];
  statistics?: number[];
  error?: string;
};

/** What a case computed, reduced to the numbers that are compared. */
type CaseValues = Record<string, number>;

type BenchCase = {
  name: CaseName;
  sizes: string;
  target: number;
  /** Runs the engine once; returns the compared numbers. */
  runEngine(): CaseValues;
  /** The same numbers out of scipy's answer. */
  scipyValues(answer: ScipyAnswer): CaseValues;
};

function relativeDifference(a: number, b: number): number {
  if (a === b) return 0;
  return Math.abs(a - b) / Math.abs(b);
}

/** The scipy side, one long-lived process answering one case per line. */
class ScipySide {
  private readonly pending: Array<{
    resolve: (line: string) => void;
    reject: (error: Error) => void;
  }> = [];
  private readonly process;

  constructor(dataDir: string) {
    this.process = spawn(
      'python3',
      [path.join(__dirname, 'scipy_side.py'), dataDir],
      {
        env: { ...process.env, PYTHONPATH },
        stdio: ['pipe', 'pipe', 'inherit'],
      },
    );
    readline
      .createInterface({ input: this.process.stdout! })
      .on('line', line => this.pending.shift()?.resolve(line));
    this.process.on('exit', code => {
      if (code) log(`scipy side exited with ${code}`);
      for (const waiting of this.pending.splice(0)) {
        waiting.reject(new Error('the scipy side stopped'));
      }
    });
  }

  private nextLine(): Promise<string> {
    return new Promise((resolve, reject) => {
      this.pending.push({ resolve, reject });
    });
  }

  async versions(): Promise<Record<string, string>> {
    return JSON.parse(await this.nextLine());
  }

  async run(name: CaseName): Promise<ScipyAnswer> {
    const answer = this.nextLine();
    this.process.stdin!.write(`${name}\n`);
    const parsed = JSON.parse(await answer) as ScipyAnswer;
    if (parsed.error) throw new Error(`scipy side: ${parsed.error}`);
    return parsed;
  }

  close() {
    this.process.stdin!.end('quit\n');
  }
}

function buildCases(dir: string, manifest: DriftBenchManifest): BenchCase[] {
  // Loading and conversion to the engine's input types happen here, untimed:
  // numbers as arrays of numbers, categories as string labels.
  const asNumbers = (file: string) =>
    Array.from(readFloat64(path.join(dir, file)));
  const ksX = asNumbers(manifest.ks.x);
  const ksY = asNumbers(manifest.ks.y);
  const psiReference = asNumbers(manifest.psi.reference);
  const psiCurrent = asNumbers(manifest.psi.current);
  const { window } = manifest;
  const columns = (file: string, rows: number) => {
    const all = readFloat64(path.join(dir, file));
    return window.features.map((feature, f) => {
      const column = all.subarray(f * rows, (f + 1) * rows);
      return feature.type === 'numerical'
        ? Array.from(column)
        : Array.from(column, code => `c${code}`);
    });
  };
  const windowReference = columns(window.reference, window.referenceRows);
  const windowCurrent = columns(window.current, window.currentRows);
  const numericalCount = window.features.filter(
    f => f.type === 'numerical',
  ).length;

  return [
    {
      name: 'ks',
      sizes: `${ksX.length} vs ${ksY.length}`,
      target: 0.5,
      runEngine() {
        const result = ksTwoSample(ksX, ksY);
        if (result.method !== 'asymptotic') {
          throw new Error(
            `expected the asymptotic method, got ${result.method}`,
          );
        }
        return { statistic: result.statistic, pValue: result.pValue };
      },
      scipyValues: answer => ({
        statistic: answer.statistic!,
        pValue: answer.pValue!,
      }),
    },
    {
      name: 'psi',
      sizes: `${psiReference.length} vs ${psiCurrent.length}`,
      target: 1,
      runEngine: () => ({
        statistic: populationStabilityIndex(psiReference, psiCurrent),
      }),
      scipyValues: answer => {
        // The cut points are compared too, outside the timed window.
        const cuts = quantileCutPoints(psiReference);
        const theirs = answer.cutPoints!;
        if (
          cuts.length !== theirs.length ||
          cuts.some((c, i) => c !== theirs[i])
        ) {
          throw new Error(
            `PSI cut points differ: engine ${cuts} vs numpy ${theirs}`,
          );
        }
        return { statistic: answer.statistic! };
      },
    },
    {
      name: 'window',
      sizes: `${window.features.length} features (${numericalCount} num., ${
        window.features.length - numericalCount
      } cat.) × ${window.currentRows} vs ${window.referenceRows}`,
      target: 1,
      runEngine() {
        const values: CaseValues = {};
        window.features.forEach((feature, f) => {
          const result: FeatureDriftResult = detectFeatureDrift(
            windowReference[f],
            windowCurrent[f],
            { featureType: feature.type },
          );
          const expected =
            feature.type === 'numerical' ? 'wasserstein' : 'jensenshannon';
          if (result.test !== expected) {
            throw new Error(
              `${feature.name}: expected ${expected}, got ${result.test}`,
            );
          }
          values[feature.name] = result.statistic;
        });
        return values;
      },
      scipyValues: answer =>
        Object.fromEntries(
          window.features.map((feature, f) => [
            feature.name,
            answer.statistics![f],
          ]),
        ),
    },
  ];
}

function format(ms: number) {
  return ms >= 100 ? ms.toFixed(0) : ms.toFixed(1);
}

async function main() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mlops-drift-bench-'));
  log(`data in ${dir}`);
  try {
    let start = performance.now();
    const manifest = generateDriftData(dir, SEED, {
      ksSize: KS_SIZE,
      psiSize: PSI_SIZE,
      windowRows: WINDOW_ROWS,
      windowFeatures: WINDOW_FEATURES,
    });
    log(`generated in ${format(performance.now() - start)} ms (seed ${SEED})`);

    const scipy = new ScipySide(dir);
    start = performance.now();
    const cases = buildCases(dir, manifest).filter(
      c => !ONLY || c.name === ONLY,
    );
    const versions = await scipy.versions();
    log(`both sides loaded in ${format(performance.now() - start)} ms`);
    if (!versions.scipy.startsWith('1.10.')) {
      throw new Error(`scipy 1.10 expected, found ${versions.scipy}`);
    }
    const loadStart = os.loadavg();
    log(
      `node ${process.version}, python ${versions.python}, scipy ${
        versions.scipy
      }, numpy ${versions.numpy}; cpus=${os.cpus().length}, load ${loadStart
        .map(l => l.toFixed(2))
        .join(' ')}`,
    );

    const engineMs = new Map<CaseName, number[]>();
    const scipyMs = new Map<CaseName, number[]>();
    const worstDifference = new Map<CaseName, [string, number]>();
    const compare = (c: BenchCase, ours: CaseValues, theirs: CaseValues) => {
      for (const [key, expected] of Object.entries(theirs)) {
        const difference = relativeDifference(ours[key], expected);
        const worst = worstDifference.get(c.name);
        if (!worst || difference > worst[1] || Number.isNaN(difference)) {
          worstDifference.set(c.name, [key, difference]);
        }
      }
    };
    const timeEngine = (c: BenchCase) => {
      const t0 = performance.now();
      const values = c.runEngine();
      return { ms: performance.now() - t0, values };
    };

    // One untimed round of each, so that neither side pays for first-run costs.
    for (const c of cases) {
      const ours = timeEngine(c);
      const theirs = await scipy.run(c.name);
      compare(c, ours.values, c.scipyValues(theirs));
      log(
        `warm-up ${c.name}: engine ${format(ours.ms)} ms, scipy ${format(
          theirs.ms,
        )} ms`,
      );
    }
    for (let rep = 1; rep <= REPS; rep++) {
      const engineFirst = rep % 2 === 1;
      for (const c of cases) {
        const runs = engineFirst ? ['engine', 'scipy'] : ['scipy', 'engine'];
        for (const side of runs) {
          if (side === 'engine') {
            const ours = timeEngine(c);
            engineMs.set(c.name, [...(engineMs.get(c.name) ?? []), ours.ms]);
          } else {
            const theirs = await scipy.run(c.name);
            scipyMs.set(c.name, [...(scipyMs.get(c.name) ?? []), theirs.ms]);
          }
        }
        log(
          `rep ${rep} ${c.name} (${
            engineFirst ? 'engine' : 'scipy'
          } first): engine ${format(
            engineMs.get(c.name)!.at(-1)!,
          )} ms, scipy ${format(scipyMs.get(c.name)!.at(-1)!)} ms`,
        );
      }
    }
    scipy.close();

    const rows = cases.map(c => {
      const ours = engineMs.get(c.name)!;
      const theirs = scipyMs.get(c.name)!;
      const ratio = median(ours) / median(theirs);
      // Each repetition runs both sides back to back, so the ratio within a
      // repetition sees the same machine load on both sides.
      const pairedRatio = median(ours.map((ms, i) => ms / theirs[i]));
      const [key, difference] = worstDifference.get(c.name)!;
      return [
        c.name,
        c.sizes,
        `${format(median(ours))} (${format(Math.min(...ours))})`,
        `${format(median(theirs))} (${format(Math.min(...theirs))})`,
        ratio.toFixed(2),
        pairedRatio.toFixed(2),
        (Math.min(...ours) / Math.min(...theirs)).toFixed(2),
        `≤ ${c.target.toFixed(1)}`,
        ratio <= c.target ? 'yes' : 'no',
        `${difference <= AGREEMENT ? 'yes' : 'NO'} (${
          difference === 0 ? '0' : difference.toExponential(1)
        }, ${key})`,
      ];
    });
    const loadEnd = os.loadavg();
    process.stdout.write(
      `\n${REPS} repetitions per side and case, alternating order; median (min) ms of the computation alone, data loaded first.\n` +
        'ratio: median engine / median scipy; paired ratio: median over repetitions of engine / scipy in that repetition; min ratio: min / min.\n' +
        `node ${process.version}, scipy ${versions.scipy}, numpy ${versions.numpy}, python ${versions.python}; ` +
        `${os.cpus().length} cpus, load average ${loadStart
          .map(l => l.toFixed(2))
          .join(' ')} at the start, ${loadEnd
          .map(l => l.toFixed(2))
          .join(' ')} at the end.\n\n${markdownTable(
          [
            'case',
            'sizes',
            'engine ms',
            'scipy ms',
            'ratio',
            'paired ratio',
            'min ratio',
            'target',
            'met (ratio)',
            `agree ≤ ${AGREEMENT} rel. (worst)`,
          ],
          rows,
        )}\n`,
    );
  } finally {
    if (args.keep) log(`kept ${dir}`);
    else fs.rmSync(dir, { recursive: true, force: true });
  }
}

main().catch(error => {
  process.stderr.write(`${error?.stack ?? error}\n`);
  process.exit(1);
});
