function relativeEntropy(x: number, y: number): number {
  if (x > 0 && y > 0) return x * Math.log(x / y);
  if (x === 0 && y >= 0) return 0;
  return Infinity;
}

/**
 * Jensen-Shannon distance (the square root of the divergence) between two
 * weight vectors of the same length, each normalised to sum 1 first, with
 * the semantics of scipy's `scipy.spatial.distance.jensenshannon`: natural
 * logarithm unless `base` is given.
 * @public
 */
export function jensenShannonDistance(
  p: readonly number[],
  q: readonly number[],
  base?: number,
): number {
  if (p.length !== q.length) {
    throw new RangeError(
      'jensenShannonDistance needs two vectors of the same length',
    );
  }
  const sumP = p.reduce((a, b) => a + b, 0);
  const sumQ = q.reduce((a, b) => a + b, 0);
  let divergence = 0;
  for (let i = 0; i < p.length; i++) {
    const pi = p[i] / sumP;
    const qi = q[i] / sumQ;
    const mi = (pi + qi) / 2;
    divergence += relativeEntropy(pi, mi);
    divergence += relativeEntropy(qi, mi);
  }
  if (base !== undefined) divergence /= Math.log(base);
  return Math.sqrt(divergence / 2);
}
