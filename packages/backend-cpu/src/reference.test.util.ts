// Test support (not a test file; `.test.` keeps it out of the published files): naive strided
// views and reference semantics written independently of the kernels.
import { arrayFor, type DType, type TypedArray, type View } from '@polygrad/core';

export const ALL_DTYPES: readonly DType[] = ['float32', 'float64', 'int32', 'bool'];

/** Values exact in float32, with the awkward cases: ±0, halves, NaN, ±Infinity, huge and tiny. */
export const FLOAT_POOL = [
  0,
  -0,
  1,
  -1,
  0.5,
  -0.5,
  1.5,
  -1.5,
  2.5,
  -2.5,
  0.25,
  3.75,
  -3.75,
  2,
  -3,
  7,
  -7,
  100,
  -100,
  2 ** -27,
  2 ** 100,
  Number.NaN,
  Number.POSITIVE_INFINITY,
  Number.NEGATIVE_INFINITY,
];
export const INT_POOL = [0, 1, -1, 2, -3, 7, -7, 100, -100, 46341, 65537, -65539, 2147483647, -2147483648];
export const BOOL_POOL = [0, 1];

export function poolFor(dtype: DType): readonly number[] {
  return dtype === 'bool' ? BOOL_POOL : dtype === 'int32' ? INT_POOL : FLOAT_POOL;
}

/** Deterministic pseudo-random numbers (a linear congruential generator), so failures reproduce. */
export function rng(seed: number): () => number {
  let s = seed >>> 0 || 1;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

/**
 * How a view lies in memory: `reverse` lays dimensions out last-outermost (a transposed
 * view), `gap` spaces elements out, `zero` dimensions get stride 0 (a broadcast; 'all' makes
 * a broadcast scalar) and `offset` shifts the start.
 */
export interface Layout {
  name: string;
  reverse?: boolean;
  /** Memory order of the dimensions, outermost first (overrides `reverse`). */
  order?: readonly number[];
  gap?: number;
  offset?: number;
  zero?: readonly number[] | 'all';
}

export const LAYOUTS: readonly Layout[] = [
  { name: 'dense' },
  { name: 'offset+gap', offset: 3, gap: 2 },
  { name: 'transposed', reverse: true },
  { name: 'transposed+offset', reverse: true, offset: 5, gap: 3 },
  { name: 'broadcast-first', zero: [0] },
  { name: 'broadcast-last', zero: [-1], offset: 1 },
  { name: 'scalar', zero: 'all', offset: 2 },
];

export function stridesFor(shape: readonly number[], layout: Layout): number[] {
  const r = shape.length;
  const order = layout.order ?? Array.from({ length: r }, (_, i) => (layout.reverse ? r - 1 - i : i));
  const strides = new Array<number>(r).fill(0);
  let s = layout.gap ?? 1;
  for (let i = r - 1; i >= 0; i--) {
    strides[order[i]] = s;
    s *= Math.max(shape[order[i]], 1);
  }
  if (layout.zero === 'all') strides.fill(0);
  else for (const z of layout.zero ?? []) if (r > 0) strides[(z + r) % r] = 0;
  return strides;
}

/** A view of `shape` over a buffer filled with pool values (so stray reads of padding show up too). */
export function makeView(
  dtype: DType,
  shape: readonly number[],
  layout: Layout,
  seed = 1,
  pool?: readonly number[],
): View {
  const strides = stridesFor(shape, layout);
  const offset = layout.offset ?? 0;
  let span = 1;
  for (let d = 0; d < shape.length; d++) span += (shape[d] - 1) * strides[d];
  if (shape.includes(0)) span = 1;
  const buffer = arrayFor(dtype, offset + span + 2);
  const values = pool ?? poolFor(dtype);
  const r = rng(seed);
  for (let i = 0; i < buffer.length; i++) buffer[i] = values[Math.floor(r() * values.length)];
  return { buffer, dtype, shape: [...shape], strides, offset };
}

/** A fresh dense output view (filled with a marker so unwritten elements show). */
export function outView(dtype: DType, shape: readonly number[]): View {
  const strides = stridesFor(shape, { name: 'dense' });
  const n = shape.reduce((a, b) => a * b, 1);
  const buffer = arrayFor(dtype, n);
  buffer.fill(dtype === 'bool' ? 7 : 12345);
  return { buffer, dtype, shape: [...shape], strides, offset: 0 };
}

export function indices(shape: readonly number[]): number[][] {
  let out: number[][] = [[]];
  for (const n of shape) {
    const next: number[][] = [];
    for (const prefix of out) for (let i = 0; i < n; i++) next.push([...prefix, i]);
    out = next;
  }
  return out;
}

export function position(v: View, idx: readonly number[]): number {
  let p = v.offset;
  for (let d = 0; d < idx.length; d++) p += idx[d] * v.strides[d];
  return p;
}

export function at(v: View, idx: readonly number[]): number {
  return (v.buffer as TypedArray)[position(v, idx)];
}

/** ECMAScript's ToInt32, written with BigInt rather than relying on typed-array stores. */
export function toInt32(v: number): number {
  return Number.isFinite(v) ? Number(BigInt.asIntN(32, BigInt(Math.trunc(v)))) : 0;
}

/** What storing a double into a buffer of `dtype` must give. */
export function store(dtype: DType, v: number): number {
  switch (dtype) {
    case 'float32':
      return Math.fround(v);
    case 'float64':
      return v;
    case 'int32':
      return toInt32(v);
    case 'bool':
      return v !== 0 ? 1 : 0;
  }
}

/** Equal, both NaN, or within rtol·max(|a|,|b|) + atol. Signed zeros compare equal. */
export function close(a: number, b: number, rtol = 0, atol = 0): boolean {
  if (Number.isNaN(a) || Number.isNaN(b)) return Number.isNaN(a) && Number.isNaN(b);
  if (a === b) return true;
  return Math.abs(a - b) <= rtol * Math.max(Math.abs(a), Math.abs(b)) + atol;
}

/** Compares out against expected(idx) at every index; returns readable mismatches (first 5). */
export function mismatches(out: View, expected: (idx: number[]) => number, rtol = 0, atol = 0): string[] {
  const bad: string[] = [];
  for (const idx of indices(out.shape)) {
    const got = at(out, idx);
    const want = expected(idx);
    if (!close(got, want, rtol, atol) && bad.length < 5) bad.push(`[${idx}]: got ${got}, want ${want}`);
  }
  return bad;
}

/** Buffer positions a view does not cover, with their values (to check writes stay inside the view). */
export function outside(v: View): Map<number, number> {
  const inside = new Set(indices(v.shape).map((idx) => position(v, idx)));
  const buf = v.buffer as TypedArray;
  const m = new Map<number, number>();
  for (let i = 0; i < buf.length; i++) if (!inside.has(i)) m.set(i, buf[i]);
  return m;
}

/** A dense copy of a view's logical contents in row-major order. */
export function contents(v: View): number[] {
  return indices(v.shape).map((idx) => at(v, idx));
}
