/**
 * Values taken along an axis at indices another op chose (max/min with indices, sort, topk): one
 * node named after that op, as PyTorch names it (MaxBackward0, SortBackward0, TopkBackward0),
 * whose backward scatters the gradient back to the chosen positions (written with ops).
 */
import { normAxis } from '../shape.js';
import type { Tensor } from '../tensor.js';
import { zeros } from './creation.js';
import { fused } from './fused.js';
import { gather, scatterAdd } from './indexing.js';
import { squeeze, unsqueeze } from './movement.js';
import { argmax, argmin } from './reduce.js';
import { intIndices } from './take.js';
import { asTensor, type TensorLike } from './util.js';

export interface TakeAlongOptions {
  /** The node's name (default GatherBackward0). */
  name?: string;
  /** Keep the axis (the index has x's rank); false drops it, as a reduction with keepdim=false. */
  keepdim?: boolean;
}

/**
 * x's values at int32 `index` along axis (torch.gather's rule: the index has x's rank and gives
 * the result's shape), as one node; with `keepdim: false` the axis (of size 1) is dropped too.
 * A 0-d x gives a copy of itself.
 */
export function takeAlong(
  x: TensorLike,
  axis: number,
  index: TensorLike,
  opts: TakeAlongOptions = {},
): Tensor {
  const t = asTensor(x);
  const idx = intIndices(index, 'take_along');
  const a = normAxis(axis, t.ndim, 'take_along');
  const keepdim = opts.keepdim ?? true;
  const name = opts.name ?? 'GatherBackward0';
  // A 0-d x has one position: the result is a copy of it.
  if (t.ndim === 0)
    return fused(
      name,
      [t],
      (xi) => [xi.contiguousCopy()],
      (_, g) => [g],
    );
  const like = { dtype: t.dtype, backend: t.backend };
  const shape = t.shape;
  return fused(
    name,
    [t],
    (xi) => {
      const v = gather(xi, a, idx);
      // The node keeps its own handle on the index (the caller's stays the caller's).
      return [keepdim ? v : squeeze(v, a), idx.alias()];
    },
    ([i], g) => [scatterAdd(zeros(shape, like), a, i, keepdim ? g : unsqueeze(g, a))],
  );
}

/**
 * torch.max(x, dim): [values, indices] of the first maximum along axis; the values are one
 * MaxBackward0 node whose gradient goes to the chosen element only. A 0-d x gives itself (a
 * copy) and index 0.
 */
export function maxWithIndices(x: TensorLike, axis: number, keepdim = false): [Tensor, Tensor] {
  return extremeWithIndices('max', x, axis, keepdim);
}

/** torch.min(x, dim): [values, indices] of the first minimum along axis (MinBackward0). */
export function minWithIndices(x: TensorLike, axis: number, keepdim = false): [Tensor, Tensor] {
  return extremeWithIndices('min', x, axis, keepdim);
}

function extremeWithIndices(
  op: 'max' | 'min',
  x: TensorLike,
  axis: number,
  keepdim: boolean,
): [Tensor, Tensor] {
  const t = asTensor(x);
  const a = normAxis(axis, t.ndim, op);
  const name = op === 'max' ? 'MaxBackward0' : 'MinBackward0';
  if (t.ndim === 0) {
    const idx = zeros([], { dtype: 'int32', backend: t.backend });
    return [takeAlong(t, 0, idx, { name }), idx];
  }
  const idx = op === 'max' ? argmax(t, a, true) : argmin(t, a, true);
  const values = takeAlong(t, a, idx, { name, keepdim });
  if (keepdim) return [values, idx];
  const flat = squeeze(idx, a);
  idx.dispose();
  return [values, flat];
}
