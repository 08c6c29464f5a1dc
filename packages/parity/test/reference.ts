/**
 * Independent references for the programs of programs.test.ts and semantics.test.ts: the same
 * functions written in plain JavaScript on float64 numbers (no polygrad), central finite
 * differences, deterministic inputs, and the comparisons the tests use.
 */
import { expect } from 'vitest';
import { coreOf } from './fixtures.js';

/** Deterministic values in [lo, hi), rounded to float32 (so float32 tensors hold them exactly). */
export function values(n: number, seed: number, lo = -1, hi = 1): number[] {
  let s = seed >>> 0;
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    out.push(Math.fround(lo + ((hi - lo) * s) / 2 ** 32));
  }
  return out;
}

/** Rows of a row-major matrix. */
export const rows = (flat: readonly number[], cols: number): number[][] =>
  Array.from({ length: flat.length / cols }, (_, r) => flat.slice(r * cols, (r + 1) * cols));

/** d f / d x by central differences in float64, for each entry of x. */
export function finiteDiff(f: (x: number[]) => number, x: readonly number[], h = 1e-6): number[] {
  return x.map((_, i) => {
    const p = [...x];
    const m = [...x];
    p[i] += h;
    m[i] -= h;
    return (f(p) - f(m)) / (2 * h);
  });
}

/** d² f / d x_i² by central second differences in float64 (the diagonal of the Hessian). */
export function finiteDiff2(f: (x: number[]) => number, x: readonly number[], h = 1e-4): number[] {
  const f0 = f([...x]);
  return x.map((_, i) => {
    const p = [...x];
    const m = [...x];
    p[i] += h;
    m[i] -= h;
    return (f(p) - 2 * f0 + f(m)) / (h * h);
  });
}

/** Flat values of any facade's tensor (or a core tensor). */
export const flat = (t: unknown): number[] => Array.from(coreOf(t).dataSync() as ArrayLike<number>, Number);

/** Raw flat values (the typed array itself), for bitwise comparisons. */
export const raw = (t: unknown): ArrayLike<number> => coreOf(t).dataSync() as ArrayLike<number>;

/** Every named result has exactly the bits of the first (Object.is per element: NaN = NaN, 0 ≠ -0). */
export function expectBitwise(results: Record<string, ArrayLike<number>>): void {
  const entries = Object.entries(results);
  const [refName, ref] = entries[0];
  const bad: string[] = [];
  for (const [name, a] of entries.slice(1)) {
    if (a.length !== ref.length) {
      bad.push(`${name}: ${a.length} values, ${refName}: ${ref.length}`);
      continue;
    }
    for (let i = 0; i < a.length; i++) {
      if (!Object.is(a[i], ref[i])) bad.push(`${name}[${i}] = ${a[i]}, ${refName}[${i}] = ${ref[i]}`);
    }
  }
  expect(bad).toEqual([]);
}

/** float32 results against a float64 reference: |a - e| <= atol + rtol |e|. */
export function expectClose(
  actual: ArrayLike<number>,
  expected: readonly number[],
  rtol = 1e-4,
  atol = 1e-5,
): void {
  expect(actual.length).toBe(expected.length);
  const bad: string[] = [];
  for (let i = 0; i < expected.length; i++) {
    const a = Number(actual[i]);
    if (!(Math.abs(a - expected[i]) <= atol + rtol * Math.abs(expected[i]))) {
      bad.push(`[${i}] expected ${expected[i]}, got ${a}`);
    }
  }
  expect(bad).toEqual([]);
}

// ---- the programs, in float64 --------------------------------------------------------------

/** y = 2 xᵀx. */
export const twoXtX = (x: readonly number[]): number => 2 * x.reduce((s, v) => s + v * v, 0);

/** sum(exp(x) · x + x · x). */
export const expXPlusSquare = (x: readonly number[]): number =>
  x.reduce((s, v) => s + Math.exp(v) * v + v * v, 0);

/** sum(tanh(x) · x²). */
export const tanhXSquared = (x: readonly number[]): number => x.reduce((s, v) => s + Math.tanh(v) * v * v, 0);

export interface MlpShape {
  n: number;
  d: number;
  h: number;
  c: number;
}

/**
 * mean over rows of -log softmax(relu(X W1 + b1) W2 + b2)[label]; params is the concatenation
 * W1 (d×h), b1 (h), W2 (h×c), b2 (c), row-major.
 */
export function mlpLoss(
  s: MlpShape,
  X: readonly number[],
  labels: readonly number[],
  params: readonly number[],
) {
  const { n, d, h, c } = s;
  const W1 = params.slice(0, d * h);
  const b1 = params.slice(d * h, d * h + h);
  const W2 = params.slice(d * h + h, d * h + h + h * c);
  const b2 = params.slice(d * h + h + h * c);
  let loss = 0;
  for (let r = 0; r < n; r++) {
    const hid = Array.from({ length: h }, (_, j) => {
      let v = b1[j];
      for (let k = 0; k < d; k++) v += X[r * d + k] * W1[k * h + j];
      return Math.max(v, 0);
    });
    const z = Array.from({ length: c }, (_, j) => {
      let v = b2[j];
      for (let k = 0; k < h; k++) v += hid[k] * W2[k * c + j];
      return v;
    });
    const m = Math.max(...z);
    const lse = m + Math.log(z.reduce((acc, v) => acc + Math.exp(v - m), 0));
    loss += lse - z[labels[r]];
  }
  return loss / n;
}
