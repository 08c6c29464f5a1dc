/** Views, joins and gathers: reshape, view, permute, cat, stack, split, gather, index_select, … */
import * as core from '@polygrad/core';
import { type Tensor, type TensorLike, toCoreTensor, wrap } from './tensor.js';
import type { Kw, PyCall } from './types.js';

const ct = (x: TensorLike) => toCoreTensor(x);
const intIndex = (x: TensorLike) => toCoreTensor(x, 'int32');

export type Dims = [...dims: number[]] | [dims: readonly number[]];

/** `(2, 3)` or `([2, 3])`, as PyTorch's `*size` parameters accept. */
export function dimsOf(args: readonly unknown[]): number[] {
  const list = (args.length === 1 && Array.isArray(args[0]) ? args[0] : args) as number[];
  for (const d of list) {
    if (!Number.isInteger(d))
      throw new TypeError(`expected a sequence of integers, got [${list.join(', ')}]`);
  }
  return [...list];
}

export function reshape(input: TensorLike, ...shape: Dims): Tensor {
  return wrap(core.reshape(ct(input), dimsOf(shape)));
}

/** Like reshape, but never copies: a non-contiguous input is an error, as in PyTorch. */
export function view(input: TensorLike, ...shape: Dims): Tensor {
  const t = ct(input);
  const s = dimsOf(shape);
  if (!t.isContiguous && s.join() !== t.shape.join()) {
    throw new core.ShapeError(
      "view size is not compatible with input tensor's size and stride (at least one dimension spans across two contiguous subspaces). Use .reshape(...) instead.",
    );
  }
  return wrap(core.reshape(t, s));
}
export const viewAs = (input: TensorLike, other: TensorLike): Tensor => view(input, ct(other).shape);
export const reshapeAs = (input: TensorLike, other: TensorLike): Tensor => reshape(input, ct(other).shape);

export function transpose(input: TensorLike, dim0: number, dim1: number): Tensor {
  return wrap(core.transpose(ct(input), dim0, dim1));
}
export const swapaxes = transpose;
export const swapdims = transpose;

/** Transposes a 2-d tensor; 0- and 1-d tensors are returned as they are. */
export function t(input: TensorLike): Tensor {
  return wrap(core.matrixTranspose(ct(input)));
}

export function permute(input: TensorLike, ...dims: Dims): Tensor {
  return wrap(core.permute(ct(input), dimsOf(dims)));
}
export function unsqueeze(input: TensorLike, dim: number): Tensor {
  return wrap(core.unsqueeze(ct(input), dim));
}
export function squeeze(input: TensorLike, dim?: number | readonly number[] | null): Tensor {
  return wrap(core.squeeze(ct(input), dim));
}
/** Broadcasts to a larger size without copying; -1 keeps a dimension. */
export function expand(input: TensorLike, ...sizes: Dims): Tensor {
  return wrap(core.expand(ct(input), dimsOf(sizes)));
}
export const expandAs = (input: TensorLike, other: TensorLike): Tensor => expand(input, ct(other).shape);
export function broadcastTo(input: TensorLike, size: readonly number[]): Tensor {
  return wrap(core.broadcastTo(ct(input), size));
}
export function flatten(
  input: TensorLike,
  ...args: PyCall<[startDim?: number, endDim?: number], Kw<{ startDim?: number; endDim?: number }>>
): Tensor {
  const a = core.pyArgs('flatten', args, ['startDim', 'endDim']);
  return wrap(core.flatten(ct(input), a.startDim ?? 0, a.endDim ?? -1));
}
export function unflatten(input: TensorLike, dim: number, sizes: readonly number[]): Tensor {
  const x = ct(input);
  const d = core.normAxis(dim, x.ndim, 'unflatten');
  return wrap(core.reshape(x, [...x.shape.slice(0, d), ...sizes, ...x.shape.slice(d + 1)]));
}
export function narrow(input: TensorLike, dim: number, start: number, length: number): Tensor {
  return wrap(core.narrow(ct(input), dim, start, length));
}
export function select(input: TensorLike, dim: number, index: number): Tensor {
  return wrap(core.select(ct(input), dim, index));
}

export function cat(
  tensors: readonly TensorLike[],
  ...args: PyCall<[dim?: number], Kw<{ dim?: number }>>
): Tensor {
  const { dim = 0 } = core.pyArgs('cat', args, ['dim']);
  return wrap(core.concat(tensors.map(ct), dim));
}
export const concat = cat;
export const concatenate = cat;
export function stack(
  tensors: readonly TensorLike[],
  ...args: PyCall<[dim?: number], Kw<{ dim?: number }>>
): Tensor {
  const { dim = 0 } = core.pyArgs('stack', args, ['dim']);
  if (tensors.length === 0) throw new RangeError('stack expects a non-empty TensorList');
  return wrap(core.stack(tensors.map(ct), dim));
}
export function split(
  input: TensorLike,
  splitSizeOrSections: number | readonly number[],
  ...args: PyCall<[dim?: number], Kw<{ dim?: number }>>
): Tensor[] {
  const { dim = 0 } = core.pyArgs('split', args, ['dim']);
  return core.split(ct(input), splitSizeOrSections, dim).map(wrap);
}
export function chunk(
  input: TensorLike,
  chunks: number,
  ...args: PyCall<[dim?: number], Kw<{ dim?: number }>>
): Tensor[] {
  const { dim = 0 } = core.pyArgs('chunk', args, ['dim']);
  return core.chunk(ct(input), chunks, dim).map(wrap);
}
/** torch.clone(input): a contiguous copy that stays in the graph (CloneBackward0), as `x.clone()`. */
export function clone(input: TensorLike): Tensor {
  return wrap(core.clone(ct(input)));
}
/** The slices along dim, each without that dimension. */
export function unbind(input: TensorLike, dim = 0): Tensor[] {
  const x = ct(input);
  const d = core.normAxis(dim, x.ndim, 'unbind');
  return Array.from({ length: x.shape[d] }, (_, i) => wrap(core.select(x, d, i)));
}

export function gather(input: TensorLike, dim: number, index: TensorLike): Tensor {
  return wrap(core.gather(ct(input), dim, intIndex(index)));
}
/**
 * torch.take(input, index): input as if flattened, at the positions in index (the result has
 * index's shape); negative positions count from the end.
 */
export function take(input: TensorLike, index: TensorLike): Tensor {
  return wrap(
    core.take(ct(input), intIndex(index), {
      axis: null,
      outOfRange: (i, n) =>
        new core.IndexError(`out of range: tried to access index ${i} on a tensor of ${n} elements.`),
    }),
  );
}

/**
 * torch.take_along_dim(input, indices, dim=None): without dim, take_along_dim of both
 * flattened; with dim, input and indices (of the same rank) broadcast together except along
 * dim, then gather along it.
 */
export function takeAlongDim(
  input: TensorLike,
  indices: TensorLike,
  ...args: PyCall<[dim?: number | null], Kw<{ dim?: number | null }>>
): Tensor {
  const { dim } = core.pyArgs('take_along_dim', args, ['dim']);
  const x = ct(input);
  const idx = intIndex(indices);
  if (dim == null)
    return wrap(core.takeAlongAxis(core.reshape(x, [x.size]), core.reshape(idx, [idx.size]), 0));
  return wrap(core.takeAlongAxis(x, idx, dim, 'torch.take_along_dim'));
}

export function scatterAdd(input: TensorLike, dim: number, index: TensorLike, src: TensorLike): Tensor {
  return wrap(core.scatterAdd(ct(input), dim, intIndex(index), ct(src)));
}
export function indexSelect(input: TensorLike, dim: number, index: TensorLike): Tensor {
  return wrap(core.indexSelect(ct(input), dim, intIndex(index)));
}
export function flip(input: TensorLike, ...dims: Dims): Tensor {
  return wrap(core.flip(ct(input), dimsOf(dims)));
}
/** Tensor.repeat(*sizes): tiles the whole tensor. */
export function repeat(input: TensorLike, ...sizes: Dims): Tensor {
  return wrap(core.tile(ct(input), dimsOf(sizes)));
}
export function tile(input: TensorLike, dims: readonly number[]): Tensor {
  return wrap(core.tile(ct(input), dims));
}
export function repeatInterleave(
  input: TensorLike,
  repeats: number,
  ...args: PyCall<[dim?: number | null], Kw<{ dim?: number | null }>>
): Tensor {
  const { dim } = core.pyArgs('repeat_interleave', args, ['dim']);
  return wrap(core.repeatInterleave(ct(input), repeats, dim));
}
