// Scalar functions JavaScript's Math lacks, in double precision.

const TWO_OVER_SQRT_PI = 1.1283791670955126;
const INV_SQRT_PI = 0.5641895835477563;

/**
 * The error function, absolute error below 1e-15 over all doubles. Three regimes:
 * |x| < 0.5: the alternating Taylor series (fast decay, no cancellation);
 * |x| < 2: erf(x) = 2/√π·e^(−x²)·Σ (2x²)ⁿ·x/(2n+1)!!, all terms positive, summed by Horner from the tail;
 * otherwise 1 − erfc(x), erfc by its continued fraction (converges quickly for large x).
 * erf is exactly ±1 in double precision once |x| ≥ 6.
 */
export function erf(x: number): number {
  const ax = Math.abs(x);
  if (!(ax < 6)) return Number.isNaN(x) ? x : x > 0 ? 1 : -1;
  const x2 = x * x;
  if (ax < 0.5) {
    let term = 1;
    let sum = 1;
    for (let k = 1; k < 40; k++) {
      term *= -x2 / k;
      const c = term / (2 * k + 1);
      sum += c;
      if (Math.abs(c) < 1e-17) break;
    }
    return TWO_OVER_SQRT_PI * x * sum;
  }
  if (ax < 2) {
    // the same rounded x² feeds both factors, so its rounding error largely cancels
    const n = Math.ceil(8 + 14 * ax);
    let p = 1;
    for (let k = n; k >= 1; k--) p = 1 + (p * 2 * x2) / (2 * k + 1);
    return TWO_OVER_SQRT_PI * Math.exp(-x2) * x * p;
  }
  // erfc(x) = e^(−x²)/√π · 1/(x + (1/2)/(x + 1/(x + (3/2)/(x + …)))), evaluated backwards
  let f = ax;
  for (let k = Math.ceil(10 + 60 / ax); k >= 1; k--) f = ax + k / 2 / f;
  const erfc = (INV_SQRT_PI * Math.exp(-x2)) / f;
  return x > 0 ? 1 - erfc : erfc - 1;
}

/** Round half to even, as PyTorch and NumPy do (Math.round rounds halves up). */
export function roundHalfEven(x: number): number {
  const r = Math.round(x);
  return r - x === 0.5 && r % 2 !== 0 ? r - 1 : r;
}

/** 1/(1+e^−x) without overflow: for x < 0 use e^x/(1+e^x). */
export function sigmoid(x: number): number {
  if (x >= 0) return 1 / (1 + Math.exp(-x));
  const e = Math.exp(x);
  return e / (1 + e);
}

/** sign with sign(NaN) = NaN and sign(±0) = 0. */
export function sign(x: number): number {
  return x > 0 ? 1 : x < 0 ? -1 : x === 0 ? 0 : x;
}
