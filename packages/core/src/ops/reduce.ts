import { record } from '../autograd/record.js';
import type { ReduceOp } from '../backend.js';
import { backendSupports } from '../backend.js';
import { type DType, isFloat } from '../dtype.js';
import { tidy } from '../memory.js';
import { normAxes, ShapeError, sameShape, shapeStr } from '../shape.js';
import type { Tensor } from '../tensor.js';
import {
  abs,
  add,
  cast,
  div,
  eq,
  exp,
  isnan,
  log,
  logicalAnd,
  logicalOr,
  mul,
  sqrt,
  square,
  sub,
  trunc,
  where,
} from './elementwise.js';
import { expand, reshape } from './movement.js';
import { asTensor, DTypeError, empty, type TensorLike, viewAs } from './util.js';

export type Axes = number | readonly number[] | null | undefined;

export interface ReduceOptions {
  /**
   * Accumulate float32 in float64 where the backend has float64, rounding the result to float32
   * once (MXNet's accumulation type: 3/‖x‖ prints 0.80178374, not float32's 0.8017837). The
   * graph is the float64 op between two casts.
   */
  accumulate?: 'float64';
}

export interface MeanOptions extends ReduceOptions {
  /**
   * An int32 mean: 'error' (PyTorch; the default) or 'truncate' (TensorFlow: the sum divided by
   * the count, truncated toward zero, as int32).
   */
  integer?: 'error' | 'truncate';
}

/**
 * fn applied to t in float64 and rounded back, when `accumulate` asks for it and applies (a
 * float32 t on a backend with float64); null otherwise.
 */
export function widened(
  t: Tensor,
  opts: ReduceOptions | undefined,
  fn: (w: Tensor) => Tensor,
): Tensor | null {
  if (opts?.accumulate !== 'float64' || t.dtype !== 'float32' || !backendSupports(t.backend, 'float64'))
    return null;
  return tidy(() => cast(fn(cast(t, 'float64')), 'float32'));
}

/** The shape of a reduction's result, with or without the reduced axes kept as 1. */
export function reducedShape(shape: readonly number[], axes: readonly number[], keepdim: boolean): number[] {
  const out: number[] = [];
  for (let i = 0; i < shape.length; i++) {
    if (axes.includes(i)) {
      if (keepdim) out.push(1);
    } else out.push(shape[i]);
  }
  return out;
}

function kernel(op: ReduceOp, t: Tensor, ax: number[], keepdim: boolean, dtype: DType): Tensor {
  const flat = empty(dtype, reducedShape(t.shape, ax, false), t.backend);
  if (ax.length === 0) t.storage.backend.copy(t.view, flat.view);
  else t.storage.backend.reduce(op, t.view, ax, flat.view);
  if (!keepdim) return flat;
  const kept = flat.alias(reducedShape(t.shape, ax, true), undefined, 0);
  flat.dispose();
  return kept;
}

/** g (shaped like a reduction's output) broadcast back to the input's shape. */
export function unreduce(g: Tensor, shape: readonly number[], ax: number[], keepdim: boolean): Tensor {
  return expand(keepdim ? g : reshape(g, reducedShape(shape, ax, true)), shape);
}

function sumDType(d: DType): DType {
  return d === 'bool' ? 'int32' : d;
}

export function sum(x: TensorLike, axes?: Axes, keepdim = false, opts?: ReduceOptions): Tensor {
  const t = asTensor(x);
  const w = widened(t, opts, (u) => sum(u, axes, keepdim));
  if (w) return w;
  const ax = normAxes(axes, t.ndim, 'sum');
  const out = kernel('sum', t, ax, keepdim, sumDType(t.dtype));
  record(axes == null ? 'SumBackward0' : 'SumBackward1', [t], out, ([g]) => [
    unreduce(g, t.shape, ax, keepdim),
  ]);
  return out;
}

function countOf(shape: readonly number[], ax: number[]): number {
  return ax.reduce((n, a) => n * shape[a], 1);
}

export function mean(x: TensorLike, axes?: Axes, keepdim = false, opts?: MeanOptions): Tensor {
  const t = asTensor(x);
  if (t.dtype === 'int32' && opts?.integer === 'truncate') return truncatedMean(t, axes, keepdim);
  const w = widened(t, opts, (u) => mean(u, axes, keepdim));
  if (w) return w;
  if (!isFloat(t.dtype)) {
    throw new DTypeError(
      `mean(): could not infer output dtype. Input dtype must be either a floating point or complex dtype. Got: ${t.dtype}`,
    );
  }
  const ax = normAxes(axes, t.ndim, 'mean');
  const n = countOf(t.shape, ax);
  const s = kernel('sum', t, ax, keepdim, t.dtype);
  const out = empty(t.dtype, s.shape, t.backend);
  t.storage.backend.binary('div', s.view, viewAs(asTensor(n, t.dtype, t.backend), s.shape), out.view);
  s.dispose();
  record(axes == null ? 'MeanBackward0' : 'MeanBackward1', [t], out, ([g]) => [
    div(unreduce(g, t.shape, ax, keepdim), n),
  ]);
  return out;
}

/** An int32 mean truncated toward zero; the division is exact (float64 where the backend has it). */
function truncatedMean(t: Tensor, axes: Axes, keepdim: boolean): Tensor {
  return tidy(() => {
    const ax = normAxes(axes, t.ndim, 'mean');
    const s = sum(t, ax, keepdim);
    const n = countOf(t.shape, ax) || 1;
    const wide = backendSupports(t.backend, 'float64') ? 'float64' : 'float32';
    return cast(trunc(div(cast(s, wide), n)), 'int32');
  });
}

export function prod(x: TensorLike, axes?: Axes, keepdim = false): Tensor {
  const t = asTensor(x);
  const ax = normAxes(axes, t.ndim, 'prod');
  const out = kernel('prod', t, ax, keepdim, sumDType(t.dtype));
  record(
    axes == null ? 'ProdBackward0' : 'ProdBackward1',
    [t],
    out,
    ([g], [xs]) => {
      // Zero-safe: the product of the other elements, from the product of non-zeros and the zero count.
      const isZero = eq(xs, 0);
      const nonzero = kernelProd(where(isZero, 1, xs), ax);
      const zeros = sum(cast(isZero, xs.dtype), ax, true);
      const p = expand(nonzero, xs.shape);
      const z = expand(zeros, xs.shape);
      const others = where(isZero, where(eq(z, 1), p, 0), where(eq(z, 0), div(p, xs), 0));
      return [mul(unreduce(g, xs.shape, ax, keepdim), others)];
    },
    [t],
  );
  return out;
}

function kernelProd(x: Tensor, ax: number[]): Tensor {
  return prod(x, ax, true);
}

/** max/min over axes; ties share the gradient equally (PyTorch's amax/amin and full max()). */
/**
 * Who gets the gradient of a max/min reduction at ties: PyTorch and TensorFlow split it
 * evenly ('split'); MXNet gives every tied element all of it ('all').
 */
export type ReduceTies = 'split' | 'all';

function extreme(
  op: 'max' | 'min',
  x: TensorLike,
  axes: Axes,
  keepdim: boolean,
  ties: ReduceTies = 'split',
): Tensor {
  const t = asTensor(x);
  const ax = normAxes(axes, t.ndim, op);
  for (const a of ax) {
    if (t.shape[a] === 0) {
      throw new ShapeError(
        `${op}(): Expected reduction dim ${a} to have non-zero size (input shape ${shapeStr(t.shape)}).`,
      );
    }
  }
  const out = kernel(op, t, ax, keepdim, t.dtype);
  const name =
    axes == null
      ? op === 'max'
        ? 'MaxBackward1'
        : 'MinBackward1'
      : op === 'max'
        ? 'AmaxBackward0'
        : 'AminBackward0';
  record(
    name,
    [t],
    out,
    ([g], [xs, ys]) => {
      // PyTorch: a full max()/min() gives a NaN result's whole gradient to the NaN;
      // amax/amin over dims compare with ==, so a NaN slice gets nan gradients.
      const ye = unreduce(ys, xs.shape, ax, keepdim);
      const hit = eq(xs, ye);
      const mask = cast(axes == null ? logicalOr(hit, logicalAnd(isnan(xs), isnan(ye))) : hit, xs.dtype);
      if (ties === 'all') return [mul(unreduce(g, xs.shape, ax, keepdim), mask)];
      const count = sum(mask, ax, true);
      return [div(mul(unreduce(g, xs.shape, ax, keepdim), mask), expand(count, xs.shape))];
    },
    [t, out],
  );
  return out;
}

export const max = (x: TensorLike, axes?: Axes, keepdim = false, ties?: ReduceTies) =>
  extreme('max', x, axes, keepdim, ties);
export const min = (x: TensorLike, axes?: Axes, keepdim = false, ties?: ReduceTies) =>
  extreme('min', x, axes, keepdim, ties);

function argext(
  op: 'argmax' | 'argmin',
  x: TensorLike,
  axis: number | null | undefined,
  keepdim: boolean,
): Tensor {
  let t = asTensor(x);
  if (axis == null) t = reshape(t, [t.size]);
  const ax = normAxes(axis ?? 0, t.ndim, op);
  if (t.ndim && t.shape[ax[0]] === 0) {
    throw new ShapeError(
      `${op}(): Expected reduction dim ${ax[0]} to have non-zero size (input shape ${shapeStr(t.shape)}).`,
    );
  }
  return kernel(op, t, ax, keepdim && axis != null, 'int32');
}

/** Index of the first maximum (flattened when axis is null). */
export const argmax = (x: TensorLike, axis?: number | null, keepdim = false) =>
  argext('argmax', x, axis, keepdim);
export const argmin = (x: TensorLike, axis?: number | null, keepdim = false) =>
  argext('argmin', x, axis, keepdim);

/** log(sum(exp(x))) computed stably by shifting with the (constant) maximum. */
export function logsumexp(x: TensorLike, axes?: Axes, keepdim = false): Tensor {
  const t = asTensor(x);
  const ax = normAxes(axes, t.ndim, 'logsumexp');
  // An empty reduction is log(0) = -inf, as in PyTorch; there is no maximum to shift by.
  if (ax.some((a) => t.shape[a] === 0)) return log(sum(exp(t), ax, keepdim));
  const m = kernel('max', t, ax, true, t.dtype);
  // An all -inf slice would give nan from -inf - -inf; shift by 0 there instead.
  const shift = where(eq(abs(m), Number.POSITIVE_INFINITY), 0, m);
  const r = add(log(sum(exp(sub(t, shift)), ax, true)), shift);
  return keepdim ? r : reshape(r, reducedShape(t.shape, ax, false));
}

/** Variance with Bessel's correction by default (correction = 1), as PyTorch. */
export function variance(x: TensorLike, axes?: Axes, correction = 1, keepdim = false): Tensor {
  const t = asTensor(x);
  const ax = normAxes(axes, t.ndim, 'var');
  const n = countOf(t.shape, ax);
  const d = sub(t, mean(t, ax, true));
  return div(sum(square(d), ax, keepdim), Math.max(0, n - correction));
}

/** sqrt(var); where the variance is 0 the gradient is 0 (PyTorch masks it) rather than nan. */
export function std(x: TensorLike, axes?: Axes, correction = 1, keepdim = false): Tensor {
  const v = variance(x, axes, correction, keepdim);
  const zero = eq(v, 0);
  return where(zero, 0, sqrt(where(zero, 1, v)));
}

/** Sums a broadcast gradient back down to `shape` (the inverse of broadcasting). */
export function sumTo(g: Tensor, shape: readonly number[]): Tensor {
  if (sameShape(g.shape, shape)) return g;
  const lead = g.ndim - shape.length;
  const ax: number[] = [];
  for (let i = 0; i < g.ndim; i++) if (i < lead || (shape[i - lead] === 1 && g.shape[i] !== 1)) ax.push(i);
  const s = sum(g, ax, true);
  return sameShape(s.shape, shape) ? s : reshape(s, shape);
}
