import { record } from '../autograd/record.js';
import { tidy } from '../memory.js';
import { broadcastShapes, normAxis, ShapeError, sameShape, shapeStr } from '../shape.js';
import type { Tensor } from '../tensor.js';
import { cast } from './elementwise.js';
import { contiguous, expand, reshape } from './movement.js';
import { asTensor, commonBackend, DTypeError, empty, reshaped, type TensorLike } from './util.js';

function indexTensor(index: TensorLike, op: string): Tensor {
  const i = asTensor(index, Array.isArray(index) || typeof index === 'number' ? 'int32' : undefined);
  if (i.dtype !== 'int32')
    throw new DTypeError(`${op}(): Expected dtype int32 for index, but got ${i.dtype}`);
  return i;
}

function checkRange(idx: Tensor, n: number, axis: number, op: string): void {
  const v = idx.dataSync();
  for (let k = 0; k < v.length; k++) {
    if (v[k] < 0 || v[k] >= n)
      throw new RangeError(`${op}(): index ${v[k]} is out of bounds for dimension ${axis} with size ${n}`);
  }
}

/** out[..i, j, k..] = x[..i, index[..i, j, k..], k..] (torch.gather / np.take_along_axis). */
export function gather(x: TensorLike, axis: number, index: TensorLike): Tensor {
  const t = asTensor(x);
  const idx = indexTensor(index, 'gather');
  const a = normAxis(axis, t.ndim, 'gather');
  if (idx.ndim !== t.ndim || idx.shape.some((d, i) => i !== a && d > t.shape[i])) {
    throw new ShapeError(
      `gather(): index ${shapeStr(idx.shape)} does not fit input ${shapeStr(t.shape)} along dimension ${a}`,
    );
  }
  commonBackend('gather', t, idx);
  if (idx.storage.backend.readSync) checkRange(idx, t.shape[a], a, 'gather');
  const out = empty(t.dtype, idx.shape, t.backend);
  t.storage.backend.gather(t.view, idx.view, a, out.view);
  // Backward may run after t's handle is disposed: it keeps t's metadata, not t.
  const like = { dtype: t.dtype, shape: t.shape, backend: t.backend };
  record('GatherBackward0', [t], out, ([g], [i]) => [scatterAdd(zerosOf(like), a, i, g)], [idx]);
  return out;
}

/**
 * np.take_along_axis / torch.take_along_dim: x and index (of one rank) broadcast on every axis
 * but `axis`, then one gather along it. Views and intermediates are freed; only the result stays.
 */
export function takeAlongAxis(
  x: TensorLike,
  index: TensorLike,
  axis: number,
  op = 'take_along_axis',
): Tensor {
  return tidy(() => {
    const t = asTensor(x);
    const idx = indexTensor(index, op);
    if (idx.ndim !== t.ndim) {
      throw new ShapeError(
        `${op}(): input and indices should have the same number of dimensions, but got ${t.ndim} dimensions for input, and ${idx.ndim} dimensions for indices`,
      );
    }
    const a = normAxis(axis, t.ndim, op);
    const shape = broadcastShapes(
      t.shape.map((s, i) => (i === a ? idx.shape[a] : s)),
      idx.shape,
      op,
    );
    const xs = shape.map((s, i) => (i === a ? t.shape[a] : s));
    const xb = sameShape(xs, t.shape) ? t : expand(t, xs);
    const ib = sameShape(shape, idx.shape) ? idx : expand(idx, shape);
    return gather(xb, a, ib);
  });
}

function zerosOf(t: Pick<Tensor, 'dtype' | 'shape' | 'backend'>): Tensor {
  const z = empty(t.dtype, t.shape, t.backend);
  z.storage.backend.fill(z.view, 0);
  return z;
}

/** A copy of x with src added at index along axis (torch.scatter_add). */
export function scatterAdd(x: TensorLike, axis: number, index: TensorLike, src: TensorLike): Tensor {
  const t = asTensor(x);
  const idx = indexTensor(index, 'scatter_add');
  const s = cast(asTensor(src, t.dtype), t.dtype);
  const a = normAxis(axis, t.ndim, 'scatter_add');
  if (idx.ndim !== t.ndim || idx.shape.some((d, i) => d > s.shape[i] || (i !== a && d > t.shape[i]))) {
    throw new ShapeError(
      `scatter_add(): index ${shapeStr(idx.shape)} does not fit src ${shapeStr(s.shape)} and input ${shapeStr(t.shape)} along dimension ${a}`,
    );
  }
  if (idx.storage.backend.readSync) checkRange(idx, t.shape[a], a, 'scatter_add');
  const out = t.contiguousCopy();
  const sv = s.view;
  out.storage.backend.scatterAdd(out.view, idx.view, a, reshaped(sv, idx.shape));
  record(
    'ScatterAddBackward0',
    [t, s],
    out,
    ([g], [i]) => {
      const gs = gather(g, a, i);
      return [g, idx.shape.every((d, k) => d === s.shape[k]) ? gs : padTo(gs, s.shape)];
    },
    [idx],
  );
  return out;
}

function padTo(g: Tensor, shape: readonly number[]): Tensor {
  const z = empty(g.dtype, shape, g.backend);
  z.storage.backend.fill(z.view, 0);
  return scatterIntoCorner(z, g);
}

function scatterIntoCorner(z: Tensor, g: Tensor): Tensor {
  z.storage.backend.copy(g.view, reshaped(z.view, g.shape, z.strides));
  return z;
}

/** Selects entries of a 1-D int32 index along axis. */
export function indexSelect(x: TensorLike, axis: number, index: TensorLike): Tensor {
  const t = asTensor(x);
  const idx = indexTensor(index, 'index_select');
  if (idx.ndim > 1)
    throw new ShapeError(
      `index_select(): Index is supposed to be a vector (got shape ${shapeStr(idx.shape)})`,
    );
  const a = normAxis(axis, t.ndim, 'index_select');
  const flat = reshape(idx, [idx.size]);
  const shape = t.shape.map((d, i) => (i === a ? flat.size : d));
  const view = t.shape.map((_, i) => (i === a ? flat.size : 1));
  const full = contiguous(expand(reshape(flat, view), shape));
  return gather(t, a, full);
}

/** Reverses the order of elements along the given axes. */
export function flip(x: TensorLike, axes: number | readonly number[]): Tensor {
  let t = asTensor(x);
  for (const ax of typeof axes === 'number' ? [axes] : axes) {
    const a = normAxis(ax, t.ndim, 'flip');
    const n = t.shape[a];
    const rev = Int32Array.from({ length: n }, (_, i) => n - 1 - i);
    t = indexSelect(t, a, asTensor(rev, 'int32', t.backend));
  }
  return t;
}
