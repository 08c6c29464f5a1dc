import { record } from '../autograd/record.js';
import {
  broadcastShapes,
  contiguousStrides,
  isContiguous,
  normAxis,
  ShapeError,
  sameShape,
  shapeStr,
  sizeOf,
} from '../shape.js';
import type { Tensor } from '../tensor.js';
import { sumTo } from './reduce.js';
import { asTensor, empty, type TensorLike } from './util.js';

/** A view on x's storage, recorded with the given backward. */
function viewOp(
  x: Tensor,
  name: string,
  shape: readonly number[],
  strides: readonly number[],
  offset: number,
  grad: (g: Tensor) => Tensor,
): Tensor {
  const out = x.alias(shape, strides, offset);
  record(name, [x], out, ([g]) => [grad(g)]);
  return out;
}

/** A contiguous copy (x itself when already contiguous). */
export function contiguous(x: TensorLike): Tensor {
  const t = asTensor(x);
  if (t.isContiguous) return t;
  return clone(t);
}

/** A contiguous copy that stays in the graph. */
export function clone(x: TensorLike): Tensor {
  const t = asTensor(x);
  const out = t.contiguousCopy();
  record('CloneBackward0', [t], out, ([g]) => [g]);
  return out;
}

/** Shares the value, drops the history. */
export function detach(x: TensorLike): Tensor {
  return asTensor(x).alias();
}

function resolveShape(shape: readonly number[], size: number, from: readonly number[]): number[] {
  const out = [...shape];
  const infer = out.indexOf(-1);
  if (infer !== out.lastIndexOf(-1)) throw new ShapeError('only one dimension can be inferred');
  if (infer >= 0) {
    const rest = sizeOf(out.filter((_, i) => i !== infer));
    if (rest === 0 || size % rest !== 0)
      throw new ShapeError(`shape '${shapeStr(shape)}' is invalid for input of size ${size}`);
    out[infer] = size / rest;
  }
  if (sizeOf(out) !== size || out.some((d) => d < 0 || !Number.isInteger(d))) {
    throw new ShapeError(
      `shape '${shapeStr(shape)}' is invalid for input of size ${size} (input shape ${shapeStr(from)})`,
    );
  }
  return out;
}

/** Reshape; a view when x is contiguous, else a copy. One dimension may be -1. */
export function reshape(x: TensorLike, shape: readonly number[]): Tensor {
  const t = asTensor(x);
  const s = resolveShape(shape, t.size, t.shape);
  if (sameShape(s, t.shape)) return viewOp(t, 'ViewBackward0', s, t.strides, t.offset, (g) => g);
  const src = t.isContiguous ? t : clone(t);
  return viewOp(src, 'ViewBackward0', s, contiguousStrides(s), src.offset, (g) => reshape(g, t.shape));
}

export function flatten(x: TensorLike, start = 0, end = -1): Tensor {
  const t = asTensor(x);
  if (t.ndim === 0) return reshape(t, [1]);
  const a = normAxis(start, t.ndim, 'flatten');
  const b = normAxis(end, t.ndim, 'flatten');
  const shape = [...t.shape.slice(0, a), sizeOf(t.shape.slice(a, b + 1)), ...t.shape.slice(b + 1)];
  return reshape(t, shape);
}

export function permute(x: TensorLike, dims: readonly number[]): Tensor {
  const t = asTensor(x);
  if (dims.length !== t.ndim) {
    throw new ShapeError(
      `permute(sparse_coo): number of dimensions in the tensor input does not match the length of the desired ordering of dimensions i.e. input.dim() = ${t.ndim} is not equal to len(dims) = ${dims.length}`,
    );
  }
  const p = dims.map((d) => normAxis(d, t.ndim, 'permute'));
  if (new Set(p).size !== p.length) throw new ShapeError('permute(): duplicate dims are not allowed.');
  const inv = new Array<number>(p.length);
  p.forEach((d, i) => (inv[d] = i));
  return viewOp(
    t,
    'PermuteBackward0',
    p.map((d) => t.shape[d]),
    p.map((d) => t.strides[d]),
    t.offset,
    (g) => permute(g, inv),
  );
}

export function transpose(x: TensorLike, dim0 = -2, dim1 = -1): Tensor {
  const t = asTensor(x);
  if (t.ndim < 2 && (dim0 === -2 || dim0 === 0) && (dim1 === -1 || dim1 === 0))
    return viewOp(t, 'TransposeBackward0', t.shape, t.strides, t.offset, (g) => g);
  const a = normAxis(dim0, t.ndim, 'transpose');
  const b = normAxis(dim1, t.ndim, 'transpose');
  const p = t.shape.map((_, i) => (i === a ? b : i === b ? a : i));
  const shape = p.map((d) => t.shape[d]);
  const strides = p.map((d) => t.strides[d]);
  return viewOp(t, 'TransposeBackward0', shape, strides, t.offset, (g) => transpose(g, a, b));
}

/**
 * PyTorch's `t()`: a matrix's transpose, a vector or 0-d tensor as it is; one node named
 * TBackward0 either way (a view).
 */
export function matrixTranspose(x: TensorLike): Tensor {
  const m = asTensor(x);
  if (m.ndim > 2) throw new ShapeError(`t() expects a tensor with <= 2 dimensions, but self is ${m.ndim}D`);
  const flip = <T>(v: readonly T[]) => (v.length === 2 ? [v[1], v[0]] : [...v]);
  return viewOp(m, 'TBackward0', flip(m.shape), flip(m.strides), m.offset, (g) => matrixTranspose(g));
}

/** Broadcasts to `shape` without copying (zero strides); -1 keeps a dimension. */
export function expand(x: TensorLike, shape: readonly number[]): Tensor {
  const t = asTensor(x);
  const n = shape.length;
  if (n < t.ndim) {
    throw new ShapeError(
      `expand: the number of sizes provided (${n}) must be greater or equal to the number of dimensions in the tensor (${t.ndim})`,
    );
  }
  const target = shape.map((d, i) => (d === -1 ? t.shape[i - (n - t.ndim)] : d));
  const strides = new Array<number>(n).fill(0);
  for (let i = 0; i < t.ndim; i++) {
    const j = i + n - t.ndim;
    if (t.shape[i] === target[j]) strides[j] = t.strides[i];
    else if (t.shape[i] !== 1) {
      throw new ShapeError(
        `The expanded size of the tensor (${target[j]}) must match the existing size (${t.shape[i]}) at non-singleton dimension ${j}.  Target sizes: ${shapeStr(target)}.  Tensor sizes: ${shapeStr(t.shape)}`,
      );
    }
  }
  if (sameShape(target, t.shape)) return t;
  return viewOp(t, 'ExpandBackward0', target, strides, t.offset, (g) => sumTo(g, t.shape));
}

export function broadcastTo(x: TensorLike, shape: readonly number[]): Tensor {
  const t = asTensor(x);
  broadcastShapes(t.shape, shape, 'broadcast_to');
  return expand(t, shape);
}

export function squeeze(x: TensorLike, dims?: number | readonly number[] | null): Tensor {
  const t = asTensor(x);
  const ds =
    dims == null
      ? t.shape.map((d, i) => (d === 1 ? i : -1)).filter((i) => i >= 0)
      : (typeof dims === 'number' ? [dims] : dims)
          .map((d) => normAxis(d, t.ndim, 'squeeze'))
          .filter((d) => t.shape[d] === 1);
  if (t.ndim === 0) return viewOp(t, 'SqueezeBackward0', [], [], t.offset, (g) => g);
  const shape = t.shape.filter((_, i) => !ds.includes(i));
  const strides = t.strides.filter((_, i) => !ds.includes(i));
  return viewOp(t, 'SqueezeBackward0', shape, strides, t.offset, (g) => reshape(g, t.shape));
}

export function unsqueeze(x: TensorLike, dim: number): Tensor {
  const t = asTensor(x);
  const d = normAxis(dim, t.ndim + 1, 'unsqueeze');
  const shape = [...t.shape.slice(0, d), 1, ...t.shape.slice(d)];
  const inner = d < t.ndim ? t.strides[d] * t.shape[d] : 1;
  const strides = [...t.strides.slice(0, d), inner, ...t.strides.slice(d)];
  return viewOp(t, 'UnsqueezeBackward0', shape, strides, t.offset, (g) => squeeze(g, d));
}

/** Python-style slice along one axis (negative indices count from the end; step > 0). */
export function slice(
  x: TensorLike,
  axis: number,
  start?: number | null,
  end?: number | null,
  step = 1,
): Tensor {
  const t = asTensor(x);
  const a = normAxis(axis, t.ndim, 'slice');
  if (!(step > 0) || !Number.isInteger(step))
    throw new RangeError(`slice step must be a positive integer (got ${step})`);
  const n = t.shape[a];
  const clamp = (v: number) => Math.min(Math.max(v < 0 ? v + n : v, 0), n);
  const s = clamp(start ?? 0);
  const e = Math.max(clamp(end ?? n), s);
  const len = Math.ceil((e - s) / step);
  const shape = t.shape.map((d, i) => (i === a ? len : d));
  const strides = t.strides.map((st, i) => (i === a ? st * step : st));
  const out = t.alias(shape, strides, t.offset + s * t.strides[a]);
  record('SliceBackward0', [t], out, ([g]) => [embed(g, t.shape, a, s, step)]);
  return out;
}

/** A zero tensor of `shape` with g written into the slice [start::step] of `axis` (slice's backward). */
export function embed(
  g: Tensor,
  shape: readonly number[],
  axis: number,
  start: number,
  step: number,
): Tensor {
  const out = empty(g.dtype, shape, g.backend);
  const b = out.storage.backend;
  b.fill(out.view, 0);
  const strides = contiguousStrides(shape);
  b.copy(g.view, {
    buffer: out.storage.buffer,
    dtype: out.dtype,
    shape: g.shape,
    strides: strides.map((s, i) => (i === axis ? s * step : s)),
    offset: start * strides[axis],
  });
  record('SliceBackwardBackward0', [g], out, ([gg]) => [
    slice(gg, axis, start, start + (g.shape[axis] - 1) * step + 1, step),
  ]);
  return out;
}

export function narrow(x: TensorLike, axis: number, start: number, length: number): Tensor {
  const t = asTensor(x);
  const a = normAxis(axis, t.ndim, 'narrow');
  const s = start < 0 ? start + t.shape[a] : start;
  if (s < 0 || length < 0 || s + length > t.shape[a]) {
    throw new RangeError(`start (${start}) + length (${length}) exceeds dimension size (${t.shape[a]}).`);
  }
  return slice(t, a, s, s + length);
}

/**
 * Picks index i along axis and drops that axis: a view, one node named SelectBackward0 (as in
 * PyTorch), whose backward writes the gradient into that slice of zeros.
 */
export function select(x: TensorLike, axis: number, index: number): Tensor {
  const t = asTensor(x);
  if (t.ndim === 0) throw new RangeError('select() cannot be applied to a 0-dim tensor.');
  const a = normAxis(axis, t.ndim, 'select');
  const n = t.shape[a];
  if (!Number.isInteger(index) || index < -n || index >= n) {
    throw new RangeError(
      `select(): index ${index} out of range for tensor of size ${shapeStr(t.shape)} at dimension ${a}`,
    );
  }
  const i = index < 0 ? index + n : index;
  const shape = t.shape;
  return viewOp(
    t,
    'SelectBackward0',
    shape.filter((_, d) => d !== a),
    t.strides.filter((_, d) => d !== a),
    t.offset + i * t.strides[a],
    (g) => embed(unsqueeze(g, a), shape, a, i, 1),
  );
}

/** Constant padding; `pads` lists [before, after] per axis from the last axis backwards (PyTorch's F.pad order). */
export function pad(x: TensorLike, pads: readonly number[], value = 0): Tensor {
  const t = asTensor(x);
  if (pads.length % 2 || pads.length / 2 > t.ndim) {
    throw new ShapeError(
      `Padding length must be divisible by 2 and at most twice the number of dimensions (got ${pads.length} for a ${t.ndim}-d input)`,
    );
  }
  const before = new Array<number>(t.ndim).fill(0);
  const after = new Array<number>(t.ndim).fill(0);
  for (let i = 0; i < pads.length / 2; i++) {
    before[t.ndim - 1 - i] = pads[2 * i];
    after[t.ndim - 1 - i] = pads[2 * i + 1];
  }
  if (before.some((p) => p < 0) || after.some((p) => p < 0))
    throw new RangeError('pad: negative padding is not supported');
  const shape = t.shape.map((d, i) => d + before[i] + after[i]);
  const out = empty(t.dtype, shape, t.backend);
  const b = out.storage.backend;
  b.fill(out.view, value);
  const strides = contiguousStrides(shape);
  const off = before.reduce((s, p, i) => s + p * strides[i], 0);
  b.copy(t.view, { buffer: out.storage.buffer, dtype: t.dtype, shape: t.shape, strides, offset: off });
  record('ConstantPadNdBackward0', [t], out, ([g]) => {
    let r = g;
    for (let i = 0; i < t.ndim; i++)
      if (before[i] || after[i]) r = slice(r, i, before[i], before[i] + t.shape[i]);
    return [r];
  });
  return out;
}

/** Repeats the whole tensor `reps` times per axis (torch.Tensor.repeat / np.tile). */
export function tile(x: TensorLike, reps: readonly number[]): Tensor {
  let t = asTensor(x);
  const n = Math.max(reps.length, t.ndim);
  const r = [...new Array(n - reps.length).fill(1), ...reps];
  if (t.ndim < n) t = reshape(t, [...new Array(n - t.ndim).fill(1), ...t.shape]);
  const inter = t.shape.flatMap((d) => [1, d]);
  const big = t.shape.flatMap((d, i) => [r[i], d]);
  return reshape(
    expand(reshape(t, inter), big),
    t.shape.map((d, i) => d * r[i]),
  );
}

/** Repeats each element `repeats` times along axis (np.repeat / torch.repeat_interleave). */
export function repeatInterleave(x: TensorLike, repeats: number, axis?: number | null): Tensor {
  let t = asTensor(x);
  if (axis == null) {
    t = reshape(t, [t.size]);
    axis = 0;
  }
  const a = normAxis(axis, t.ndim, 'repeat');
  const inter = [...t.shape.slice(0, a + 1), 1, ...t.shape.slice(a + 1)];
  const big = [...t.shape.slice(0, a + 1), repeats, ...t.shape.slice(a + 1)];
  const shape = t.shape.map((d, i) => (i === a ? d * repeats : d));
  return reshape(expand(reshape(t, inter), big), shape);
}

export function isContiguousTensor(t: Tensor): boolean {
  return isContiguous(t.shape, t.strides);
}
