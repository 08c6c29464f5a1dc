export type Shape = readonly number[];

export function sizeOf(shape: Shape): number {
  let n = 1;
  for (const d of shape) n *= d;
  return n;
}

export function contiguousStrides(shape: Shape): number[] {
  const strides = new Array<number>(shape.length);
  let s = 1;
  for (let i = shape.length - 1; i >= 0; i--) {
    strides[i] = s;
    s *= shape[i];
  }
  return strides;
}

export function isContiguous(shape: Shape, strides: readonly number[]): boolean {
  let s = 1;
  for (let i = shape.length - 1; i >= 0; i--) {
    if (shape[i] !== 1 && strides[i] !== s) return false;
    s *= shape[i];
  }
  return true;
}

export function shapeStr(shape: Shape): string {
  return `[${shape.join(', ')}]`;
}

export function sameShape(a: Shape, b: Shape): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** NumPy broadcasting; the error names both shapes. */
export function broadcastShapes(a: Shape, b: Shape, op = 'broadcast'): number[] {
  const n = Math.max(a.length, b.length);
  const out = new Array<number>(n);
  for (let i = 0; i < n; i++) {
    const da = a[a.length - n + i] ?? 1;
    const db = b[b.length - n + i] ?? 1;
    if (da !== db && da !== 1 && db !== 1) {
      throw new ShapeError(
        `${op}: shapes ${shapeStr(a)} and ${shapeStr(b)} cannot be broadcast together (dimension ${i - n}: ${da} vs ${db})`,
      );
    }
    out[i] = da === 1 ? db : da;
  }
  return out;
}

/** Strides that read a tensor of `shape`/`strides` as if it had been broadcast to `target`. */
export function broadcastStrides(shape: Shape, strides: readonly number[], target: Shape): number[] {
  const n = target.length;
  const out = new Array<number>(n).fill(0);
  const off = n - shape.length;
  for (let i = 0; i < shape.length; i++) out[i + off] = shape[i] === 1 ? 0 : strides[i];
  return out;
}

export function normAxis(axis: number, ndim: number, op = 'axis'): number {
  const n = Math.max(ndim, 1); // a 0-d tensor accepts dim 0 and -1, as PyTorch does
  const a = axis < 0 ? axis + n : axis;
  if (!Number.isInteger(a) || a < 0 || a >= n) {
    throw new RangeError(
      `${op}: dimension out of range (expected to be in range of [${-Math.max(ndim, 1)}, ${Math.max(ndim, 1) - 1}], but got ${axis})`,
    );
  }
  return a;
}

/** Normalises an axis argument (one, several, or all) to a sorted unique list. */
export function normAxes(
  axes: number | readonly number[] | null | undefined,
  ndim: number,
  op = 'axis',
): number[] {
  if (axes === null || axes === undefined) return Array.from({ length: ndim }, (_, i) => i);
  const list = typeof axes === 'number' ? [axes] : axes;
  const out = [...new Set(list.map((a) => normAxis(a, ndim, op)))];
  if (out.length !== list.length)
    throw new RangeError(`${op}: dim appears multiple times in the list of dims`);
  return ndim === 0 ? [] : out.sort((x, y) => x - y);
}

export class ShapeError extends Error {
  override name = 'ShapeError';
}

/** A loop nest over several operands that share one shape; `strides[k]` are operand k's. */
export interface LoopNest {
  shape: number[];
  strides: number[][];
}

/**
 * Drops size-1 dimensions and merges neighbours that every operand walks contiguously
 * together, so a dense or scalar-broadcast operation becomes one flat row. Backends call it
 * before looping or dispatching. A 0-d (or all size-1) nest comes back with rank 0.
 */
export function collapseDims(shape: readonly number[], strides: readonly (readonly number[])[]): LoopNest {
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
  return { shape: outShape, strides: outStrides };
}
