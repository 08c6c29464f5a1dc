/**
 * What PyTorch has and core lacks, composed from core ops (no kernels and no math of the
 * facade's own beyond wiring core ops together). Every function here is a candidate for core.
 */
import * as core from '@polygrad/core';

type T = core.Tensor;

/** Runs fn with no recorder taking its ops (for index computations that carry no gradient). */
const untracked = <R>(fn: () => R): R => core.withRecorders([], fn);

// TODO(core): move to core — a cross-backend copy op (PyTorch's `to(device)`, ToCopyBackward0).
/** A copy of t on another backend; differentiable (the gradient is copied back). */
export function toBackend(t: T, backend: string): T {
  if (t.backend === backend) return t;
  return core.applyCustom(
    'ToCopyBackward0',
    (_ctx, x) => {
      const flat = core.tensor(x.dataSync(), { dtype: x.dtype, backend });
      return core.reshape(flat, x.shape);
    },
    (_ctx, g) => toBackend(g, t.backend),
    [t],
  ) as T;
}

// TODO(core): move to core — PyTorch's node names for select, t() and stack (core composes
// them from squeeze/slice, transpose and unsqueeze/cat, which name their nodes after those).
/** x.select(dim, index) as one SelectBackward0 node (a view). */
export function select(x: T, dim: number, index: number): T {
  const a = core.normAxis(dim, x.ndim, 'select');
  const n = x.shape[a];
  if (index < -n || index >= n) {
    throw new RangeError(
      `select(): index ${index} out of range for tensor of size [${x.shape.join(', ')}] at dimension ${a}`,
    );
  }
  const i = index < 0 ? index + n : index;
  const shape = x.shape;
  return core.applyCustom(
    'SelectBackward0',
    (_ctx, t) => core.select(t, a, i),
    (_ctx, g) => core.embed(core.unsqueeze(g, a), shape, a, i, 1),
    [x],
  ) as T;
}

/** x.t(): the transpose of a matrix as one TBackward0 node (a view). */
export function t(x: T): T {
  if (x.ndim < 2) return x;
  return core.applyCustom(
    'TBackward0',
    (_ctx, m) => core.transpose(m, 0, 1),
    (_ctx, g) => core.transpose(g, 0, 1),
    [x],
  ) as T;
}

/** torch.stack as one StackBackward0 node. */
export function stack(xs: T[], dim: number): T {
  const a = core.normAxis(dim, (xs[0]?.ndim ?? 0) + 1, 'stack');
  return core.applyCustom(
    'StackBackward0',
    (_ctx, ...ts) => core.stack(ts, a),
    (_ctx, g) => xs.map((_, k) => core.select(g, a, k)),
    xs,
  ) as T;
}

// TODO(core): move to core — gather whose backward is named after the op that picked the
// indices (MaxBackward0, SortBackward0, TopkBackward0), as PyTorch names them.
/** Values of x at int32 `index` along dim; the gradient goes back to those positions. */
export function takeAlong(name: string, x: T, dim: number, index: T, keepdim = true): T {
  const a = core.normAxis(dim, x.ndim, name);
  const { shape, dtype, backend } = x;
  return core.applyCustom(
    name,
    (ctx, t) => {
      ctx.saveForBackward(index);
      const v = core.gather(t, a, index);
      return keepdim ? v : core.squeeze(v, a);
    },
    (ctx, g) => {
      const [i] = ctx.savedTensors;
      const gk = keepdim ? g : core.unsqueeze(g, a);
      return core.scatterAdd(core.zeros(shape, { dtype, backend }), a, i, gk);
    },
    [x],
  ) as T;
}

// TODO(core): move to core — max/min along a dim with their indices (torch.max(x, dim)).
/** [values, indices] of the first maximum (or minimum) along dim. */
export function extremeWithIndices(op: 'max' | 'min', x: T, dim: number, keepdim: boolean): [T, T] {
  if (x.ndim === 0) return [core.clone(x), core.zeros([], { dtype: 'int32', backend: x.backend })];
  const idx = op === 'max' ? core.argmax(x, dim, true) : core.argmin(x, dim, true);
  const a = core.normAxis(dim, x.ndim, op);
  const values = takeAlong(op === 'max' ? 'MaxBackward0' : 'MinBackward0', x, a, idx, keepdim);
  return [values, keepdim ? idx : core.squeeze(idx, a)];
}

// TODO(core): move to core — a sort kernel. This composition compares every pair along the
// dimension (O(n²) memory per row), so it suits the short rows autograd examples use.
/**
 * The permutation that sorts x along dim (stable; NaN sorts as the largest value, as in
 * PyTorch). Element i's rank is the number of elements that sort before it.
 */
export function sortIndices(x: T, dim: number, descending: boolean): T {
  if (x.ndim === 0) return core.zeros([], { dtype: 'int32', backend: x.backend });
  const a = core.normAxis(dim, x.ndim, 'sort');
  return untracked(() => {
    const v = core.transpose(x, a, -1);
    const n = v.shape[v.ndim - 1];
    const xi = core.unsqueeze(v, -1); // [..., n, 1]: the element being ranked
    const xj = core.unsqueeze(v, -2); // [..., 1, n]: the elements it is compared with
    const nanI = core.isnan(xi);
    const nanJ = core.isnan(xj);
    const ar = core.arange(n, undefined, 1, { dtype: 'int32', backend: x.backend });
    const earlier = core.lt(core.reshape(ar, [1, n]), core.reshape(ar, [n, 1])); // j < i
    const strict = descending
      ? core.logicalOr(core.gt(xj, xi), core.logicalAnd(nanJ, core.logicalNot(nanI)))
      : core.logicalOr(core.lt(xj, xi), core.logicalAnd(nanI, core.logicalNot(nanJ)));
    const same = core.logicalOr(core.eq(xj, xi), core.logicalAnd(nanI, nanJ));
    const before = core.logicalOr(strict, core.logicalAnd(same, earlier));
    const rank = core.sum(core.cast(before, 'int32'), -1);
    const src = core.contiguous(core.expand(ar, rank.shape));
    const perm = core.scatterAdd(
      core.zeros(rank.shape, { dtype: 'int32', backend: x.backend }),
      -1,
      rank,
      src,
    );
    return core.contiguous(core.transpose(perm, a, -1));
  });
}

// TODO(core): move to core — sort / topk.
export function sort(x: T, dim: number, descending: boolean): [T, T] {
  const idx = sortIndices(x, dim, descending);
  if (x.ndim === 0) return [core.clone(x), idx];
  return [takeAlong('SortBackward0', x, dim, idx), idx];
}

export function topk(x: T, k: number, dim: number, largest: boolean): [T, T] {
  const a = core.normAxis(dim, x.ndim, 'topk');
  const n = x.ndim === 0 ? 1 : x.shape[a];
  if (!Number.isInteger(k) || k < 0 || k > n) throw new RangeError('selected index k out of range');
  if (x.ndim === 0) return [core.clone(x), core.zeros([], { dtype: 'int32', backend: x.backend })];
  const idx = core.contiguous(core.narrow(sortIndices(x, a, largest), a, 0, k));
  return [takeAlong('TopkBackward0', x, a, idx), idx];
}

// TODO(core): move to core — clamp (gradient passes where min <= x <= max, as in PyTorch).
export function clamp(x: T, min?: number | T | null, max?: number | T | null): T {
  if (min == null && max == null)
    throw new RangeError("torch.clamp: At least one of 'min' or 'max' must not be None");
  let r = x;
  if (min != null) r = core.where(core.lt(r, min), min, r);
  if (max != null) r = core.where(core.gt(r, max), max, r);
  return r;
}

// TODO(core): move to core — all / any reductions.
export function all(x: T, dim?: number | null, keepdim = false): T {
  return core.eq(core.min(core.cast(core.ne(x, 0), 'int32'), dim, keepdim), 1);
}
export function any(x: T, dim?: number | null, keepdim = false): T {
  return core.eq(core.max(core.cast(core.ne(x, 0), 'int32'), dim, keepdim), 1);
}

// TODO(core): move to core — cumsum (here a matmul with a triangle of ones).
export function cumsum(x: T, dim: number): T {
  if (x.ndim === 0) return core.clone(x);
  const a = core.normAxis(dim, x.ndim, 'cumsum');
  const n = x.shape[a];
  const dtype = x.dtype === 'bool' ? 'int32' : x.dtype;
  const ar = core.arange(n, undefined, 1, { dtype: 'int32', backend: x.backend });
  const upper = core.cast(core.le(core.reshape(ar, [n, 1]), core.reshape(ar, [1, n])), dtype); // i <= j
  const moved = core.transpose(core.cast(x, dtype), a, -1);
  return core.contiguous(core.transpose(core.matmul(moved, upper), a, -1));
}

// TODO(core): move to core — outer product.
export function outer(a: T, b: T): T {
  return core.mul(core.unsqueeze(a, 1), core.unsqueeze(b, 0));
}

// TODO(core): move to core — isclose.
export function isclose(a: T, b: T, rtol = 1e-5, atol = 1e-8, equalNan = false): T {
  const close = core.le(core.abs(core.sub(a, b)), core.add(core.mul(core.abs(b), rtol), atol));
  const exact = core.eq(a, b); // infinities of one sign
  const r = core.logicalOr(close, exact);
  return equalNan ? core.logicalOr(r, core.logicalAnd(core.isnan(a), core.isnan(b))) : r;
}

// TODO(core): move to core — dropout (inverted: kept values are scaled by 1 / (1 - p)).
export function dropout(x: T, p: number, training: boolean): T {
  if (p < 0 || p > 1) throw new RangeError(`dropout probability has to be between 0 and 1, but got ${p}`);
  if (!training || p === 0) return x;
  if (p === 1) return core.mul(x, 0);
  const keep = core.cast(
    core.ge(core.uniform(x.shape, 0, 1, { dtype: x.dtype, backend: x.backend }), p),
    x.dtype,
  );
  return core.mul(x, core.div(keep, 1 - p));
}
