/** Shape and stride arithmetic done on the CPU before a dispatch (shared with the worker). */
import { collapseDims, type LoopNest } from '@polygrad/core';

export { contiguousStrides as denseStrides, sizeOf } from '@polygrad/core';

export type Walk = LoopNest;
/** core's collapseDims: a 0-d walk has rank 0 (one element). */
export const collapse = collapseDims;

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
