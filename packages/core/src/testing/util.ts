import { type DType, fromValues, reshape, Tensor } from '../index.js';

/** Deterministic pseudo-random values in [lo, hi) (a tiny LCG; tests need repeatability, not quality). */
export function values(n: number, seed: number, lo = -1, hi = 1): Float64Array {
  let s = (seed * 2654435761) >>> 0 || 1;
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    out[i] = lo + ((s >>> 8) / 16777216) * (hi - lo);
  }
  return out;
}

export function rand(
  shape: readonly number[],
  seed: number,
  opts: { lo?: number; hi?: number; dtype?: DType } = {},
): Tensor {
  const n = shape.reduce((a, b) => a * b, 1);
  const v = values(n, seed, opts.lo ?? -1, opts.hi ?? 1);
  return reshape(fromValues(v, opts.dtype ?? 'float64'), shape);
}

/** Values away from zero (for ops with a kink or pole at 0). */
export function randAway(shape: readonly number[], seed: number, dtype: DType = 'float64'): Tensor {
  const n = shape.reduce((a, b) => a * b, 1);
  const v = values(n, seed, 0.2, 1.2).map((x, i) => (i % 2 ? -x : x));
  return reshape(fromValues(v, dtype), shape);
}

export function flat(t: Tensor): number[] {
  return Array.from(t.dataSync());
}

/** Row-major multi-index of a flat position. */
export function unravel(i: number, shape: readonly number[]): number[] {
  const idx = new Array<number>(shape.length);
  for (let d = shape.length - 1; d >= 0; d--) {
    idx[d] = i % shape[d];
    i = Math.floor(i / shape[d]);
  }
  return idx;
}

export function isTensor(x: unknown): x is Tensor {
  return x instanceof Tensor;
}
