/**
 * Python subscripts as a method: `x[0, 1:3, None, ..., idx]` is
 * `x.index(0, '1:3', null, '...', idx)`. Core's pyIndex applies PyTorch's rules (basic indices
 * give views; index arrays broadcast together; a bool mask selects, read synchronously like
 * PyTorch's x[mask]) and PyTorch's error texts.
 */
import * as core from '@polygrad/core';
import { type Tensor, type TensorLike, toCoreTensor, wrap } from './tensor.js';

export const Slice = core.Slice;
export type Slice = core.Slice;

/** slice(stop) or slice(start, stop, step), as in Python. */
export function slice(start?: number | null, stop?: number | null, step?: number | null): core.Slice {
  return stop === undefined && step === undefined
    ? new core.Slice(null, start ?? null)
    : new core.Slice(start, stop, step);
}

export const Ellipsis = core.ELLIPSIS;
export type Index = core.PyIndexItem;

export function index(input: TensorLike, ...indices: Index[]): Tensor {
  return wrap(core.pyIndex(toCoreTensor(input), indices, { dialect: 'torch' }));
}
