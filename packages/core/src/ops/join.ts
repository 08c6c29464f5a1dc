/** Joins and splits: concat, stack, split, chunk. */
import { record } from '../autograd/record.js';
import { contiguousStrides, normAxis, ShapeError, sameShape, shapeStr } from '../shape.js';
import type { Tensor } from '../tensor.js';
import { select, slice } from './movement.js';
import { asTensor, commonBackend, empty, type TensorLike } from './util.js';

/** Joins along an existing axis. */
export function concat(xs: readonly TensorLike[], axis = 0): Tensor {
  if (xs.length === 0) throw new RangeError('torch.cat(): expected a non-empty list of Tensors');
  const ts = xs.map((x) => asTensor(x));
  const first = ts.find((t) => !(t.ndim === 1 && t.size === 0)) ?? ts[0];
  const a = normAxis(axis, first.ndim, 'cat');
  const backend = commonBackend('cat', ...ts);
  const parts = ts.filter((t) => !(t.ndim === 1 && t.size === 0 && first.ndim !== 1));
  for (const t of parts) {
    if (t.ndim !== first.ndim || t.shape.some((d, i) => i !== a && d !== first.shape[i])) {
      throw new ShapeError(
        `Sizes of tensors must match except in dimension ${a}. Expected shape ${shapeStr(first.shape)} (except dim ${a}) but got ${shapeStr(t.shape)}`,
      );
    }
  }
  const dtype = parts.map((t) => t.dtype).reduce((p, d) => (rank(d) > rank(p) ? d : p));
  const shape = first.shape.map((d, i) => (i === a ? parts.reduce((n, t) => n + t.shape[a], 0) : d));
  const out = empty(dtype, shape, backend);
  const strides = contiguousStrides(shape);
  let off = 0;
  for (const t of parts) {
    out.storage.backend.copy(t.view, {
      buffer: out.storage.buffer,
      dtype,
      shape: t.shape,
      strides,
      offset: off * strides[a],
    });
    off += t.shape[a];
  }
  const sizes = parts.map((t) => t.shape[a]);
  record('CatBackward0', parts, out, ([g]) => {
    let o = 0;
    return sizes.map((n) => slice(g, a, o, (o += n)));
  });
  return out;
}

const rank = (d: string) => ['bool', 'int32', 'float32', 'float64'].indexOf(d);

/**
 * Joins along a new axis: one node, StackBackward0 (as PyTorch names it), whose backward selects
 * each input's slice of the gradient.
 */
export function stack(xs: readonly TensorLike[], axis = 0): Tensor {
  if (xs.length === 0) throw new RangeError('stack expects a non-empty TensorList');
  const ts = xs.map((x) => asTensor(x));
  for (const t of ts) {
    if (!sameShape(t.shape, ts[0].shape)) {
      throw new ShapeError(
        `stack expects each tensor to be equal size, but got ${shapeStr(ts[0].shape)} at entry 0 and ${shapeStr(t.shape)} at entry ${ts.indexOf(t)}`,
      );
    }
  }
  const a = normAxis(axis, ts[0].ndim + 1, 'stack');
  const backend = commonBackend('stack', ...ts);
  const dtype = ts.map((t) => t.dtype).reduce((p, d) => (rank(d) > rank(p) ? d : p));
  const shape = [...ts[0].shape.slice(0, a), ts.length, ...ts[0].shape.slice(a)];
  const out = empty(dtype, shape, backend);
  const strides = contiguousStrides(shape);
  const inner = strides.filter((_, i) => i !== a);
  ts.forEach((t, k) => {
    if (t.size === 0) return;
    out.storage.backend.copy(t.view, {
      buffer: out.storage.buffer,
      dtype,
      shape: t.shape,
      strides: inner,
      offset: k * strides[a],
    });
  });
  const n = ts.length;
  record('StackBackward0', ts, out, ([g]) => Array.from({ length: n }, (_, k) => select(g, a, k)));
  return out;
}

/** Splits into pieces of `size` (the last may be smaller) or of the given sizes. */
export function split(x: TensorLike, sizeOrSections: number | readonly number[], axis = 0): Tensor[] {
  const t = asTensor(x);
  const a = normAxis(axis, t.ndim, 'split');
  const n = t.shape[a];
  let sizes: number[];
  if (typeof sizeOrSections === 'number') {
    sizes = [];
    for (let o = 0; o < n; o += sizeOrSections) sizes.push(Math.min(sizeOrSections, n - o));
    if (n === 0) sizes = [0];
  } else {
    sizes = [...sizeOrSections];
    if (sizes.reduce((p, q) => p + q, 0) !== n) {
      throw new ShapeError(
        `split_with_sizes expects split_sizes to sum exactly to ${n} (input tensor's size at dimension ${a}), but got split_sizes=${shapeStr(sizes)}`,
      );
    }
  }
  let o = 0;
  return sizes.map((s) => slice(t, a, o, (o += s)));
}

export function chunk(x: TensorLike, chunks: number, axis = 0): Tensor[] {
  const t = asTensor(x);
  const a = normAxis(axis, t.ndim, 'chunk');
  return split(t, Math.max(1, Math.ceil(t.shape[a] / chunks)), a);
}
