/*
 * Deterministic data for the drift benchmark, written as raw little-endian
 * float64 files so that the engine and scipy read exactly the same bytes.
 *
 * Categorical features are stored as integer category codes; each side turns
 * them into its own natural input when loading (labels for the engine, a
 * float array for numpy), outside the timed window.
 */
import fs from 'node:fs';
import path from 'node:path';

/** mulberry32: a small 32-bit generator, enough for benchmark data and fully reproducible. */
function mulberry32(seed: number) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Uniform doubles in (0, 1) with 53 random bits, and standard normals (Box-Muller). */
export class SeededRandom {
  private readonly next32: () => number;
  private spareNormal: number | undefined;

  constructor(seed: number) {
    this.next32 = mulberry32(seed);
  }

  uniform(): number {
    const high = Math.floor(this.next32() * 2 ** 26);
    const low = Math.floor(this.next32() * 2 ** 27);
    return (high * 2 ** 27 + low + 0.5) / 2 ** 53;
  }

  normal(): number {
    if (this.spareNormal !== undefined) {
      const value = this.spareNormal;
      this.spareNormal = undefined;
      return value;
    }
    const radius = Math.sqrt(-2 * Math.log(this.uniform()));
    const angle = 2 * Math.PI * this.uniform();
    this.spareNormal = radius * Math.sin(angle);
    return radius * Math.cos(angle);
  }
}

export type WindowFeature = {
  name: string;
  type: 'numerical' | 'categorical';
  /** What the column holds and whether the window was shifted, for the report. */
  shape: string;
  drifted: boolean;
};

export type DriftBenchManifest = {
  seed: number;
  ks: { x: string; y: string; n: number; m: number };
  psi: { reference: string; current: string; n: number; m: number };
  window: {
    features: WindowFeature[];
    referenceRows: number;
    currentRows: number;
    /** Column-major: feature after feature, each `rows` float64 values. */
    reference: string;
    current: string;
  };
};

export type DriftBenchSizes = {
  ksSize: number;
  psiSize: number;
  windowRows: number;
  windowFeatures: number;
};

const NUMERICAL_SHAPES = ['normal', 'lognormal', 'uniform', 'rounded'] as const;

function numericalValue(
  random: SeededRandom,
  shape: (typeof NUMERICAL_SHAPES)[number],
  scale: number,
  shift: number,
): number {
  switch (shape) {
    case 'normal':
      return random.normal() * scale + shift;
    case 'lognormal':
      return Math.exp(random.normal() * 0.5 + shift / scale) * scale;
    case 'uniform':
      return (random.uniform() + shift / scale) * scale;
    default:
      // Many repeated values (an integer-valued measurement), still > 5 distinct.
      return Math.round(random.normal() * 20 + shift);
  }
}

/** Category codes drawn from Zipf-like weights over `categories` labels. */
function categoricalSampler(categories: number, tilt: number) {
  const weights = Array.from(
    { length: categories },
    (_, k) => 1 / (k + 1 + tilt) ** 1.1,
  );
  const total = weights.reduce((a, b) => a + b, 0);
  const cumulative: number[] = [];
  let running = 0;
  for (const w of weights) {
    running += w / total;
    cumulative.push(running);
  }
  return (random: SeededRandom) => {
    const u = random.uniform();
    let k = 0;
    while (k < categories - 1 && u >= cumulative[k]) k++;
    return k;
  };
}

function writeFloat64(file: string, values: Float64Array) {
  fs.writeFileSync(
    file,
    Buffer.from(values.buffer, values.byteOffset, values.byteLength),
  );
}

export function readFloat64(file: string): Float64Array {
  const bytes = fs.readFileSync(file);
  const copy = new ArrayBuffer(bytes.byteLength);
  new Uint8Array(copy).set(bytes);
  return new Float64Array(copy);
}

/**
 * Writes the three cases' data into `dir` and returns the manifest (also
 * written as manifest.json for the Python side).
 */
export function generateDriftData(
  dir: string,
  seed: number,
  sizes: DriftBenchSizes,
): DriftBenchManifest {
  const random = new SeededRandom(seed);

  // KS: two smooth samples with a small shift, so that the p-value is neither 0 nor 1.
  const ksX = new Float64Array(sizes.ksSize);
  const ksY = new Float64Array(sizes.ksSize);
  for (let i = 0; i < ksX.length; i++) ksX[i] = random.normal();
  for (let i = 0; i < ksY.length; i++) ksY[i] = random.normal() * 1.01 + 0.008;
  writeFloat64(path.join(dir, 'ks-x.f64'), ksX);
  writeFloat64(path.join(dir, 'ks-y.f64'), ksY);

  // PSI: a skewed reference and a window whose scale has moved.
  const psiRef = new Float64Array(sizes.psiSize);
  const psiCur = new Float64Array(sizes.psiSize);
  for (let i = 0; i < psiRef.length; i++) {
    psiRef[i] = Math.exp(random.normal() * 0.6) * 100;
  }
  for (let i = 0; i < psiCur.length; i++) {
    psiCur[i] = Math.exp(random.normal() * 0.7 + 0.05) * 100;
  }
  writeFloat64(path.join(dir, 'psi-reference.f64'), psiRef);
  writeFloat64(path.join(dir, 'psi-current.f64'), psiCur);

  // Window: 70 % numerical features of four shapes, 30 % categorical with
  // 2 to 40 categories; every fifth feature drifts in the window.
  const rows = sizes.windowRows;
  const features: WindowFeature[] = [];
  const reference = new Float64Array(rows * sizes.windowFeatures);
  const current = new Float64Array(rows * sizes.windowFeatures);
  for (let f = 0; f < sizes.windowFeatures; f++) {
    const drifted = f % 5 === 4;
    const offset = f * rows;
    if (f % 10 < 7) {
      const shape = NUMERICAL_SHAPES[f % NUMERICAL_SHAPES.length];
      const scale = 1 + (f % 7) * 3;
      for (let i = 0; i < rows; i++) {
        reference[offset + i] = numericalValue(random, shape, scale, 0);
      }
      const shift = drifted ? 0.3 * scale : 0;
      for (let i = 0; i < rows; i++) {
        current[offset + i] = numericalValue(random, shape, scale, shift);
      }
      features.push({
        name: `num_${f}`,
        type: 'numerical',
        shape,
        drifted,
      });
    } else {
      const categories = [2, 7, 40][f % 3];
      const referenceSampler = categoricalSampler(categories, 0);
      const currentSampler = categoricalSampler(categories, drifted ? 3 : 0);
      for (let i = 0; i < rows; i++) {
        reference[offset + i] = referenceSampler(random);
      }
      for (let i = 0; i < rows; i++) {
        current[offset + i] = currentSampler(random);
      }
      features.push({
        name: `cat_${f}`,
        type: 'categorical',
        shape: `${categories} categories`,
        drifted,
      });
    }
  }
  writeFloat64(path.join(dir, 'window-reference.f64'), reference);
  writeFloat64(path.join(dir, 'window-current.f64'), current);

  const manifest: DriftBenchManifest = {
    seed,
    ks: { x: 'ks-x.f64', y: 'ks-y.f64', n: ksX.length, m: ksY.length },
    psi: {
      reference: 'psi-reference.f64',
      current: 'psi-current.f64',
      n: psiRef.length,
      m: psiCur.length,
    },
    window: {
      features,
      referenceRows: rows,
      currentRows: rows,
      reference: 'window-reference.f64',
      current: 'window-current.f64',
    },
  };
  fs.writeFileSync(
    path.join(dir, 'manifest.json'),
    JSON.stringify(manifest, null, 2),
  );
  return manifest;
}
