import type { DType, TypedArray, View } from '@polygrad/core';

/** A backend buffer as the CPU sees it. */
export type Arr = TypedArray;

export function bufferOf(v: View): Arr {
  return v.buffer as Arr;
}

export function sizeOfShape(shape: readonly number[]): number {
  let n = 1;
  for (let i = 0; i < shape.length; i++) n *= shape[i];
  return n;
}

export function allZero(strides: readonly number[]): boolean {
  for (let i = 0; i < strides.length; i++) if (strides[i] !== 0) return false;
  return true;
}

/** Row-major strides for `shape`. */
export function denseStrides(shape: readonly number[]): number[] {
  const s = new Array<number>(shape.length);
  let acc = 1;
  for (let i = shape.length - 1; i >= 0; i--) {
    s[i] = acc;
    acc *= shape[i];
  }
  return s;
}

/**
 * A loop nest over several operands that share one shape. The last dimension is the
 * inner row; `strides[k]` are operand k's strides.
 */
export interface Plan {
  shape: number[];
  strides: number[][];
}

/**
 * Drops size-1 dimensions and merges neighbours that every operand walks contiguously
 * together, so a dense or scalar-broadcast operation becomes a single flat row.
 * Always returns at least one dimension (a 0-d shape becomes [1]).
 */
export function collapse(shape: readonly number[], strides: readonly (readonly number[])[]): Plan {
  const k = strides.length;
  const outShape: number[] = [];
  const outStrides: number[][] = strides.map(() => []);
  for (let d = 0; d < shape.length; d++) {
    const n = shape[d];
    if (n === 1) continue;
    const last = outShape.length - 1;
    let merge = last >= 0;
    // outer dim `last` followed by inner dim `d`: mergeable when outer stride = inner stride * n
    for (let j = 0; merge && j < k; j++) merge = outStrides[j][last] === strides[j][d] * n;
    if (merge) {
      outShape[last] *= n;
      for (let j = 0; j < k; j++) outStrides[j][last] = strides[j][d];
    } else {
      outShape.push(n);
      for (let j = 0; j < k; j++) outStrides[j].push(strides[j][d]);
    }
  }
  if (outShape.length === 0) return { shape: [1], strides: strides.map(() => [0]) };
  return { shape: outShape, strides: outStrides };
}

/** Rows shorter than this cost more in per-row overhead than strided access costs. */
const SHORT_ROW = 16;

/**
 * Swaps the two innermost dimensions when the inner row is short and the next one is longer,
 * so e.g. a [250000, 4] + [4] broadcast runs 4 long strided rows instead of 250000 short ones.
 * Only for kernels whose result does not depend on visiting order.
 */
export function preferLongRows(p: Plan): Plan {
  const r = p.shape.length;
  if (r < 2 || p.shape[r - 1] >= SHORT_ROW || p.shape[r - 2] <= p.shape[r - 1]) return p;
  const swap = (a: number[]) => [...a.slice(0, r - 2), a[r - 1], a[r - 2]];
  return { shape: swap(p.shape), strides: p.strides.map(swap) };
}

/** Length of the inner row and operand k's stride along it. */
export function innerLen(p: Plan): number {
  return p.shape[p.shape.length - 1];
}

export function innerStride(p: Plan, k: number): number {
  const s = p.strides[k];
  return s[s.length - 1];
}

/**
 * Calls `row(offs)` once per inner row, `offs[k]` being operand k's start offset.
 * `offs` is reused between calls. The plan's shape must not contain 0.
 */
export function eachRow(p: Plan, offsets: readonly number[], row: (offs: number[]) => void): void {
  const { shape, strides } = p;
  const outer = shape.length - 1;
  const k = strides.length;
  const offs = offsets.slice();
  if (outer === 0) {
    row(offs);
    return;
  }
  const idx = new Array<number>(outer).fill(0);
  for (;;) {
    row(offs);
    let d = outer - 1;
    for (; d >= 0; d--) {
      for (let j = 0; j < k; j++) offs[j] += strides[j][d];
      if (++idx[d] < shape[d]) break;
      for (let j = 0; j < k; j++) offs[j] -= strides[j][d] * shape[d];
      idx[d] = 0;
    }
    if (d < 0) return;
  }
}

/** A throwaway view over a fresh dense buffer, used when a kernel computes via a temporary. */
export function denseView(dtype: DType, buffer: Arr, shape: readonly number[]): View {
  return { buffer, dtype, shape, strides: denseStrides(shape), offset: 0 };
}
