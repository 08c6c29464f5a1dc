import type { DType } from '../dtype.js';

/** A tensor's values as plain data: row-major `data` of `shape`. bool values are 0/1. */
export interface FormatInput {
  data: ArrayLike<number>;
  shape: readonly number[];
  dtype: DType;
}

/** Python's repr of a shape tuple: `(3,)`, `(2, 0)`. */
export function pyTuple(shape: readonly number[]): string {
  return shape.length === 1 ? `(${shape[0]},)` : `(${shape.join(', ')})`;
}

export function sizeOf(shape: readonly number[]): number {
  let n = 1;
  for (const d of shape) n *= d;
  return n;
}

/**
 * Indices kept along one axis when summarising: the first and last `edge`, or all of them.
 * `edge === 0` keeps everything, like Python's `a[-0:]`.
 */
export function keptIndices(len: number, edge: number, summarise: boolean): number[] {
  const out: number[] = [];
  if (summarise && len > 2 * edge && edge > 0) {
    for (let i = 0; i < edge; i++) out.push(i);
    for (let i = len - edge; i < len; i++) out.push(i);
  } else {
    for (let i = 0; i < len; i++) out.push(i);
  }
  return out;
}

/** The values a formatter measures: every element, or only the summary's corners. */
export function cornerValues(x: FormatInput, edge: number, summarise: boolean): number[] {
  const { data, shape } = x;
  const out: number[] = [];
  const strides = stridesOf(shape);
  const walk = (axis: number, offset: number): void => {
    if (axis === shape.length) {
      out.push(data[offset]!);
      return;
    }
    for (const i of keptIndices(shape[axis]!, edge, summarise)) walk(axis + 1, offset + i * strides[axis]!);
  };
  walk(0, 0);
  return out;
}

export function stridesOf(shape: readonly number[]): number[] {
  const strides = new Array<number>(shape.length);
  let s = 1;
  for (let i = shape.length - 1; i >= 0; i--) {
    strides[i] = s;
    s *= shape[i]!;
  }
  return strides;
}
