/** Elementwise math, comparisons and products: torch.exp, torch.add, torch.matmul, … */
import * as core from '@polygrad/core';
import { type Tensor, type TensorLike, toCore, toCoreTensor, wrap } from './tensor.js';
import type { Kw, PyCall } from './types.js';

const c = toCore;
const ct = (x: TensorLike) => toCoreTensor(x);

// ---- unary -----------------------------------------------------------------------------------

const unary =
  (f: (x: core.TensorLike) => core.Tensor) =>
  (input: TensorLike): Tensor =>
    wrap(f(c(input)));

export const abs = unary(core.abs);
export const neg = unary(core.neg);
export const negative = neg;
export const sign = unary(core.sign);
export const exp = unary(core.exp);
export const log = unary(core.log);
export const log1p = unary(core.log1p);
export const expm1 = unary(core.expm1);
export const sqrt = unary(core.sqrt);
export const rsqrt = unary(core.rsqrt);
export const square = unary(core.square);
export const reciprocal = unary(core.reciprocal);
export const sin = unary(core.sin);
export const cos = unary(core.cos);
export const tan = unary(core.tan);
export const tanh = unary(core.tanh);
export const sigmoid = unary(core.sigmoid);
export const relu = unary(core.relu);
export const erf = unary(core.erf);
export const floor = unary(core.floor);
export const ceil = unary(core.ceil);
export const round = unary(core.round);
export const trunc = unary(core.trunc);
export const logicalNot = unary(core.logicalNot);
export const isnan = unary(core.isnan);

// ---- binary ----------------------------------------------------------------------------------

type AlphaArgs = PyCall<[alpha?: number], Kw<{ alpha?: number }>>;

/** input + alpha · other. */
export function add(input: TensorLike, other: TensorLike, ...args: AlphaArgs): Tensor {
  const { alpha = 1 } = core.pyArgs('add', args, ['alpha']);
  return wrap(core.add(c(input), alpha === 1 ? c(other) : core.mul(c(other), alpha)));
}
/** input - alpha · other. */
export function sub(input: TensorLike, other: TensorLike, ...args: AlphaArgs): Tensor {
  const { alpha = 1 } = core.pyArgs('sub', args, ['alpha']);
  return wrap(core.sub(c(input), alpha === 1 ? c(other) : core.mul(c(other), alpha)));
}
export const subtract = sub;
export function mul(input: TensorLike, other: TensorLike): Tensor {
  return wrap(core.mul(c(input), c(other)));
}
export const multiply = mul;
/** True division; roundingMode 'trunc' or 'floor' rounds the quotient. */
export function div(
  input: TensorLike,
  other: TensorLike,
  ...args: PyCall<[roundingMode?: 'trunc' | 'floor' | null], Kw<{ roundingMode?: 'trunc' | 'floor' | null }>>
): Tensor {
  const { roundingMode } = core.pyArgs('div', args, ['roundingMode']);
  const q = core.div(c(input), c(other));
  if (roundingMode == null) return wrap(q);
  const r = roundingMode === 'trunc' ? core.trunc(q) : roundingMode === 'floor' ? core.floor(q) : null;
  if (!r)
    throw new RangeError(
      `div expected rounding_mode to be one of None, 'trunc', or 'floor' but found '${roundingMode}'`,
    );
  const d = core.resultType(c(input), c(other));
  return wrap(d === 'int32' || d === 'bool' ? core.cast(r, 'int32') : r);
}
export const divide = div;
export const trueDivide = (input: TensorLike, other: TensorLike): Tensor => div(input, other);
export function pow(input: TensorLike, exponent: TensorLike): Tensor {
  return wrap(core.pow(c(input), c(exponent)));
}
export function maximum(input: TensorLike, other: TensorLike): Tensor {
  return wrap(core.maximum(c(input), c(other)));
}
export function minimum(input: TensorLike, other: TensorLike): Tensor {
  return wrap(core.minimum(c(input), c(other)));
}
export function atan2(input: TensorLike, other: TensorLike): Tensor {
  return wrap(core.atan2(c(input), c(other)));
}

const cmp =
  (f: (a: core.TensorLike, b: core.TensorLike) => core.Tensor) =>
  (input: TensorLike, other: TensorLike): Tensor =>
    wrap(f(c(input), c(other)));
export const eq = cmp(core.eq);
export const ne = cmp(core.ne);
export const lt = cmp(core.lt);
export const le = cmp(core.le);
export const gt = cmp(core.gt);
export const ge = cmp(core.ge);
export const logicalAnd = cmp(core.logicalAnd);
export const logicalOr = cmp(core.logicalOr);

/** True when both have the same shape and values. */
export function equal(input: TensorLike, other: TensorLike): boolean {
  const a = ct(input);
  const b = ct(other);
  if (a.shape.join() !== b.shape.join()) return false;
  return core.all(core.eq(a, b)).item() as boolean;
}

type CloseKw = Kw<{ rtol?: number; atol?: number; equalNan?: boolean }>;
type CloseArgs = PyCall<[rtol?: number, atol?: number, equalNan?: boolean], CloseKw>;
export function isclose(input: TensorLike, other: TensorLike, ...args: CloseArgs): Tensor {
  const a = core.pyArgs('isclose', args, ['rtol', 'atol', 'equalNan']);
  return wrap(core.isclose(ct(input), ct(other), { rtol: a.rtol, atol: a.atol, equalNan: a.equalNan }));
}
export function allclose(input: TensorLike, other: TensorLike, ...args: CloseArgs): boolean {
  return core.all(isclose(input, other, ...args).core).item() as boolean;
}

// ---- selection -------------------------------------------------------------------------------

/** condition ? input : other, broadcasting all three. */
export function where(condition: TensorLike, input: TensorLike, other: TensorLike): Tensor {
  return wrap(core.where(c(condition), c(input), c(other)));
}

type Bound = number | TensorLike | null;
export function clamp(
  input: TensorLike,
  ...args: PyCall<[min?: Bound, max?: Bound], Kw<{ min?: Bound; max?: Bound }>>
): Tensor {
  const a = core.pyArgs('clamp', args, ['min', 'max']);
  const b = (v: Bound | undefined) => (v == null ? v : typeof v === 'number' ? v : ct(v));
  return wrap(core.clamp(ct(input), b(a.min), b(a.max)));
}
export const clip = clamp;

/** input with `value` where mask is true. */
export function maskedFill(input: TensorLike, mask: TensorLike, value: TensorLike): Tensor {
  return wrap(core.where(c(mask), c(value), c(input)));
}

// ---- products --------------------------------------------------------------------------------

export function matmul(input: TensorLike, other: TensorLike): Tensor {
  return wrap(core.matmul(c(input), c(other)));
}
export function mm(input: TensorLike, mat2: TensorLike): Tensor {
  const a = ct(input);
  const b = ct(mat2);
  if (a.ndim !== 2) throw new core.ShapeError('self must be a matrix');
  if (b.ndim !== 2) throw new core.ShapeError('mat2 must be a matrix');
  return wrap(core.matmul(a, b));
}
export function bmm(input: TensorLike, mat2: TensorLike): Tensor {
  const a = ct(input);
  const b = ct(mat2);
  if (a.ndim !== 3) throw new core.ShapeError('batch1 must be a 3D tensor');
  if (b.ndim !== 3) throw new core.ShapeError('batch2 must be a 3D tensor');
  return wrap(core.matmul(a, b));
}
export function mv(input: TensorLike, vec: TensorLike): Tensor {
  const a = ct(input);
  const v = ct(vec);
  if (a.ndim !== 2 || v.ndim !== 1) throw new core.ShapeError('vector + matrix @ vector expected');
  return wrap(core.matmul(a, v));
}
export function dot(input: TensorLike, other: TensorLike): Tensor {
  return wrap(core.dot(c(input), c(other)));
}
export function outer(input: TensorLike, vec2: TensorLike): Tensor {
  return wrap(core.outer(ct(input), ct(vec2)));
}
export const ger = outer;

/** torch.tensordot(a, b, dims=2): dims is a count of trailing/leading axes or a pair of axis lists. */
export function tensordot(
  a: TensorLike,
  b: TensorLike,
  ...args: PyCall<[dims?: number | [number[], number[]]], Kw<{ dims?: number | [number[], number[]] }>>
): Tensor {
  const o = core.pyArgs('tensordot', args, ['dims'], { dims: 2 });
  return wrap(core.tensordot(ct(a), ct(b), o.dims as core.TensordotAxes));
}

/** torch.argwhere(input): the indices of the nonzero elements, [n, ndim] (int32 here). */
export function argwhere(input: TensorLike): Tensor {
  return wrap(core.argwhere(ct(input)));
}

/** torch.nonzero(input, as_tuple=False) (int32 here). */
export function nonzero(
  input: TensorLike,
  ...args: PyCall<[], Kw<{ asTuple?: boolean }>>
): Tensor | Tensor[] {
  const o = core.pyArgs('nonzero', args, ['asTuple'], { asTuple: false });
  const idx = core.argwhere(ct(input));
  if (!o.asTuple) return wrap(idx);
  const n = idx.shape[1] ?? 0;
  const cols = Array.from({ length: n }, (_, j) => wrap(core.select(idx, 1, j)));
  return cols;
}
