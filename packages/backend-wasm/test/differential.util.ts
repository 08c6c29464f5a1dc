// Differential testing against the CPU backend (the reference): the same strided views with
// the same contents on both backends, the same kernel, the whole output buffers compared.
import { CpuBackend } from '@polygrad/backend-cpu';
import { arrayFor, type Backend, type DType, type TypedArray, type View } from '@polygrad/core';
import { expect } from 'vitest';
import { WasmBackend } from '../src/index.js';

export const cpu = new CpuBackend();
export const wasm = new WasmBackend();

export const DTYPES: readonly DType[] = ['bool', 'int32', 'float32', 'float64'];

const FLOATS = [
  0,
  -0,
  1,
  -1,
  0.5,
  -0.5,
  1.5,
  -2.5,
  2.5,
  3,
  -7,
  100,
  1e-8,
  2 ** 100,
  Number.NaN,
  Infinity,
  -Infinity,
];
const INTS = [0, 1, -1, 2, -3, 7, -7, 100, 46341, -65539, 2147483647, -2147483648];

/** Deterministic pseudo-random numbers in [0, 1); DIFF_SEED=n in the environment draws other cases. */
export function rng(seed: number): () => number {
  let s = (seed + Number(process.env.DIFF_SEED ?? 0) * 7777) >>> 0 || 1;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

export type Rand = () => number;

export function pick<T>(r: Rand, xs: readonly T[]): T {
  return xs[Math.floor(r() * xs.length)];
}

function value(r: Rand, dtype: DType): number {
  if (dtype === 'bool') return r() < 0.5 ? 0 : 1;
  if (dtype === 'int32') return r() < 0.3 ? pick(r, INTS) : Math.floor(r() * 21) - 10;
  return r() < 0.25 ? pick(r, FLOATS) : (r() * 8 - 4) * (r() < 0.1 ? 1e3 : 1);
}

/** One view on both backends, with identical contents. */
export interface Pair {
  dtype: DType;
  shape: number[];
  strides: number[];
  offset: number;
  /** Buffer length in elements. */
  length: number;
  cpu: View;
  wasm: View;
}

export interface LayoutOptions {
  /** Allow stride-0 (broadcast) dimensions. */
  broadcast?: boolean;
  /** Allow negative strides and gaps (read-only operands). */
  exotic?: boolean;
  /** Values to use instead of random ones (cycled). */
  values?: readonly number[];
}

function upload(dtype: DType, data: number[]): { cpu: unknown; wasm: unknown } {
  const arr = arrayFor(dtype, data.length);
  for (let i = 0; i < data.length; i++) arr[i] = dtype === 'bool' ? (data[i] ? 1 : 0) : data[i];
  const c = cpu.alloc(dtype, data.length);
  const w = wasm.alloc(dtype, data.length);
  cpu.write(c, arr);
  wasm.write(w, arr);
  return { cpu: c, wasm: w };
}

/** A strided view of `shape`: a random memory order of the dimensions, offsets, gaps, broadcasts, flips. */
export function makePair(r: Rand, dtype: DType, shape: readonly number[], opts: LayoutOptions = {}): Pair {
  const rank = shape.length;
  const order = [...Array(rank).keys()];
  if (opts.exotic && r() < 0.5) order.sort(() => r() - 0.5);
  const strides = new Array<number>(rank).fill(0);
  let acc = opts.exotic && r() < 0.2 ? 2 : 1;
  for (let i = rank - 1; i >= 0; i--) {
    const d = order[i];
    if (opts.broadcast && r() < 0.25) continue;
    strides[d] = acc;
    acc *= Math.max(1, shape[d]) + (opts.exotic && r() < 0.2 ? 1 : 0);
  }
  let offset = opts.exotic ? Math.floor(r() * 3) : 0;
  for (let d = 0; d < rank; d++) {
    if (opts.exotic && strides[d] && r() < 0.2) {
      offset += (Math.max(1, shape[d]) - 1) * strides[d];
      strides[d] = -strides[d];
    }
  }
  let length = offset + 1;
  for (let d = 0; d < rank; d++) if (strides[d] > 0) length += (Math.max(1, shape[d]) - 1) * strides[d];
  const data = Array.from({ length }, (_, i) =>
    opts.values ? opts.values[i % opts.values.length] : value(r, dtype),
  );
  const bufs = upload(dtype, data);
  const view = (buffer: unknown): View => ({ buffer, dtype, shape: [...shape], strides, offset });
  return { dtype, shape: [...shape], strides, offset, length, cpu: view(bufs.cpu), wasm: view(bufs.wasm) };
}

/** A dense output (prefilled with a sentinel) on both backends. */
export function makeOut(dtype: DType, shape: readonly number[]): Pair {
  const n = shape.reduce((a, b) => a * b, 1);
  const strides = new Array<number>(shape.length);
  let acc = 1;
  for (let d = shape.length - 1; d >= 0; d--) {
    strides[d] = acc;
    acc *= shape[d];
  }
  const bufs = upload(dtype, new Array(Math.max(1, n)).fill(dtype === 'bool' ? 1 : 5));
  const view = (buffer: unknown): View => ({ buffer, dtype, shape: [...shape], strides, offset: 0 });
  return {
    dtype,
    shape: [...shape],
    strides,
    offset: 0,
    length: Math.max(1, n),
    cpu: view(bufs.cpu),
    wasm: view(bufs.wasm),
  };
}

export function free(...pairs: Pair[]): void {
  for (const p of pairs) {
    cpu.free(p.cpu.buffer);
    wasm.free(p.wasm.buffer);
  }
}

function readAll(b: Backend, v: View, length: number): TypedArray {
  return b.readSync!(v.buffer, v.dtype, length);
}

/** How closely the two backends must agree: exactly, or within a relative tolerance. */
export type Tolerance = 'exact' | { rtol: number; atol?: number };

/** Compares the whole buffers behind `out` on both backends. */
export function expectSame(label: string, out: Pair, tol: Tolerance): void {
  const a = readAll(cpu, out.cpu, out.length);
  const b = readAll(wasm, out.wasm, out.length);
  for (let i = 0; i < a.length; i++) {
    const x = a[i];
    const y = b[i];
    if (Number.isNaN(x) && Number.isNaN(y)) continue;
    if (tol === 'exact' || !Number.isFinite(x)) {
      if (!Object.is(x, y)) expect.fail(`${label}: element ${i}: cpu ${x}, wasm ${y}`);
    } else if (!(Math.abs(x - y) <= (tol.atol ?? 0) + tol.rtol * Math.abs(x))) {
      expect.fail(`${label}: element ${i}: cpu ${x}, wasm ${y} (rtol ${tol.rtol})`);
    }
  }
}

/** Random shapes: small ones (with zeros and 0-d) and some long rows for the SIMD and chunked paths. */
export function randomShape(r: Rand): number[] {
  const u = r();
  if (u < 0.08) return [];
  if (u < 0.16) return [Math.floor(r() * 700) + 250];
  if (u < 0.24) return [Math.floor(r() * 3) + 1, Math.floor(r() * 300) + 17];
  const rank = 1 + Math.floor(r() * 4);
  return Array.from({ length: rank }, () => (r() < 0.05 ? 0 : 1 + Math.floor(r() * 5)));
}

export function describeView(p: Pair): string {
  return `${p.dtype}[${p.shape}] strides [${p.strides}] offset ${p.offset}`;
}
