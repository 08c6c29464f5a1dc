/** Shape and stride arithmetic done on the CPU before a dispatch (shared with the worker). */

export function sizeOf(shape: readonly number[]): number {
  let n = 1;
  for (let i = 0; i < shape.length; i++) n *= shape[i];
  return n;
}

export function denseStrides(shape: readonly number[]): number[] {
  const s = new Array<number>(shape.length);
  let acc = 1;
  for (let i = shape.length - 1; i >= 0; i--) {
    s[i] = acc;
    acc *= shape[i];
  }
  return s;
}

/** A loop nest over several operands sharing one shape; `strides[k]` are operand k's. */
export interface Walk {
  shape: number[];
  strides: number[][];
}

/**
 * Drops size-1 dimensions and merges neighbours every operand walks contiguously together, so
 * a dense elementwise op becomes rank 1 and the shader's index arithmetic stays short. A 0-d
 * walk becomes rank 0 (one element).
 */
export function collapse(shape: readonly number[], strides: readonly (readonly number[])[]): Walk {
  const k = strides.length;
  const outShape: number[] = [];
  const outStrides: number[][] = strides.map(() => []);
  for (let d = 0; d < shape.length; d++) {
    const n = shape[d];
    if (n === 1) continue;
    const last = outShape.length - 1;
    let merge = last >= 0;
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

/** True when two views of one buffer address exactly the same elements in the same order. */
export function sameWindow(
  a: { offset: number; strides: readonly number[] },
  b: { offset: number; strides: readonly number[] },
  shape: readonly number[],
): boolean {
  if (a.offset !== b.offset) return false;
  for (let d = 0; d < shape.length; d++) if (shape[d] !== 1 && a.strides[d] !== b.strides[d]) return false;
  return true;
}

/** Workgroup counts for `groups` workgroups: x up to 65535, the rest in y. */
export function grid(groups: number): [number, number, number] {
  if (groups <= 65535) return [Math.max(groups, 1), 1, 1];
  const y = Math.ceil(groups / 65535);
  return [Math.ceil(groups / y), y, 1];
}
