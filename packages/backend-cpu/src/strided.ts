import {
  collapseDims,
  contiguousStrides,
  type DType,
  type LoopNest,
  sizeOf,
  type TypedArray,
  type View,
} from '@polygrad/core';

/** A backend buffer as the CPU sees it. */
export type Arr = TypedArray;

export function bufferOf(v: View): Arr {
  return v.buffer as Arr;
}

export const sizeOfShape = sizeOf;

export function allZero(strides: readonly number[]): boolean {
  for (let i = 0; i < strides.length; i++) if (strides[i] !== 0) return false;
  return true;
}

/** Row-major strides for `shape`. */
export const denseStrides = contiguousStrides;

export type Plan = LoopNest;

/** core's collapseDims, with at least one dimension (a 0-d shape becomes [1]): loops need a row. */
export function collapse(shape: readonly number[], strides: readonly (readonly number[])[]): Plan {
  const p = collapseDims(shape, strides);
  return p.shape.length ? p : { shape: [1], strides: strides.map(() => [0]) };
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
