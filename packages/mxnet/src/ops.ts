/**
 * The operations behind `nd`, `np` and the array methods, each a composition of core ops.
 * A `Flavor` says what differs between MXNet 1.x `nd` and MXNet's NumPy `np`: how results
 * are wrapped, whether a would-be 0-d result has shape (1,), and what comparisons return.
 */
import * as core from '@polygrad/core';
import { CORE_TENSOR, type DType, type Tensor } from '@polygrad/core';
import { backendOf } from './context.js';
import { MXNetError } from './errors.js';
import { type ArrayLike, dtypeOf, hasCore, shapeOf, toTensor, unwrap } from './tensor-like.js';

export interface Flavor<A = unknown> {
  readonly kind: 'nd' | 'np';
  wrap(t: Tensor): A;
  /** nd: a result that would be 0-d has shape (1,). np: unchanged. */
  scalar(t: Tensor): Tensor;
  /** nd: comparisons give 0/1 in the operands' dtype. np: bool. */
  compare(t: Tensor, dtype: DType): Tensor;
}

type X = ArrayLike;
const T = (x: X) => toTensor(x);

// ---- elementwise ---------------------------------------------------------------------------

export type UnaryName =
  | 'exp'
  | 'log'
  | 'sqrt'
  | 'square'
  | 'abs'
  | 'relu'
  | 'sigmoid'
  | 'tanh'
  | 'neg'
  | 'sign'
  | 'sin'
  | 'cos'
  | 'floor'
  | 'ceil'
  | 'round'
  | 'log1p'
  | 'expm1'
  | 'reciprocal'
  | 'rsqrt';

const UNARY: Record<UnaryName, (t: Tensor) => Tensor> = {
  exp: core.exp,
  log: core.log,
  sqrt: core.sqrt,
  square: core.square,
  abs: core.abs,
  relu: core.relu,
  sigmoid: core.sigmoid,
  tanh: core.tanh,
  neg: core.neg,
  sign: core.sign,
  sin: core.sin,
  cos: core.cos,
  floor: core.floor,
  ceil: core.ceil,
  round: core.round,
  log1p: core.log1p,
  expm1: core.expm1,
  reciprocal: core.reciprocal,
  rsqrt: core.rsqrt,
};

export function unary<A>(F: Flavor<A>, op: UnaryName, x: X): A {
  return F.wrap(UNARY[op](T(x)));
}

export type BinaryName = 'add' | 'sub' | 'mul' | 'div' | 'pow' | 'maximum' | 'minimum';
type Bin = (a: core.TensorLike, b: core.TensorLike) => Tensor;
const BINARY: Record<BinaryName, Bin> = {
  add: core.add,
  sub: core.sub,
  mul: core.mul,
  div: core.div,
  pow: core.pow,
  // MXNet's backward gives the first operand the whole gradient at a tie.
  maximum: (a, b) => core.maximum(a, b, 'first'),
  minimum: (a, b) => core.minimum(a, b, 'first'),
};

export function binary<A>(F: Flavor<A>, op: BinaryName, a: X, b: X): A {
  const ua = unwrap(a);
  const ub = unwrap(b);
  if (typeof ua !== 'object' && typeof ub !== 'object') return F.wrap(BINARY[op](core.tensor(ua), ub));
  return F.wrap(BINARY[op](ua, ub));
}

export type CompareName = 'eq' | 'ne' | 'lt' | 'le' | 'gt' | 'ge';
const COMPARE: Record<CompareName, Bin> = {
  eq: core.eq,
  ne: core.ne,
  lt: core.lt,
  le: core.le,
  gt: core.gt,
  ge: core.ge,
};

export function compare<A>(F: Flavor<A>, op: CompareName, a: X, b: X): A {
  let ua = unwrap(a);
  const ub = unwrap(b);
  if (typeof ua !== 'object' && typeof ub !== 'object') ua = core.tensor(ua);
  const dtype = core.resultType(ua, ub);
  return F.wrap(F.compare(COMPARE[op](ua, ub), dtype));
}

// ---- reductions ----------------------------------------------------------------------------

/** core axes for a reduction; nd's `axis=()` and `exclude` are resolved here. */
function reduceAxes(t: Tensor, axis: unknown, exclude: boolean, nd: boolean): number[] | null {
  let ax: number[] | null =
    axis === undefined || axis === null
      ? null
      : typeof axis === 'number'
        ? [axis]
        : (axis as number[]).map(Number);
  if (nd && ax && ax.length === 0) ax = null;
  if (exclude) {
    const keep = core.normAxes(ax, t.ndim, 'reduce');
    ax = t.shape.map((_, i) => i).filter((i) => !keep.includes(i));
  }
  return ax;
}

export type ReduceName = 'sum' | 'mean' | 'max' | 'min' | 'prod';
const REDUCE: Record<ReduceName, (t: Tensor, axes: core.Axes, keepdim: boolean) => Tensor> = {
  sum: core.sum,
  mean: core.mean,
  // MXNet's max/min backward gives every tied element the whole gradient.
  max: (t, axes, keepdim) => core.max(t, axes, keepdim, 'all'),
  min: (t, axes, keepdim) => core.min(t, axes, keepdim, 'all'),
  prod: core.prod,
};

export function reduce<A>(
  F: Flavor<A>,
  op: ReduceName,
  x: X,
  axis: unknown,
  keepdims = false,
  exclude = false,
  dtype?: unknown,
): A {
  let t = T(x);
  const d = dtypeOf(dtype);
  if (d) t = core.cast(t, d);
  const ax = reduceAxes(t, axis, exclude, F.kind === 'nd');
  return F.wrap(F.scalar(REDUCE[op](t, ax, keepdims)));
}

export function arg<A>(F: Flavor<A>, op: 'argmax' | 'argmin', x: X, axis: unknown, keepdims = false): A {
  const t = T(x);
  let r = (op === 'argmax' ? core.argmax : core.argmin)(t, axis == null ? null : Number(axis), keepdims);
  // MXNet 1.x returns indices as floats.
  if (F.kind === 'nd') r = core.cast(r, t.dtype === 'float64' ? 'float64' : 'float32');
  return F.wrap(F.scalar(r));
}

/**
 * Vector norms (ord 1, 2, inf) and the Frobenius norm. nd flattens (MXNet's norm is over all
 * elements by default); np follows NumPy, where an `ord` over two axes (or over a 2-D array
 * with no axis) is a matrix norm, of which only 'fro' is supported.
 */
export function norm<A>(F: Flavor<A>, x: X, ord: unknown, axis: unknown, keepdims = false): A {
  const t = T(x);
  if (typeof ord === 'string' && ord !== 'fro') throw new RangeError(`norm: unsupported ord '${ord}'`);
  const ax = reduceAxes(t, axis, false, F.kind === 'nd');
  const matrix = F.kind === 'np' && ord != null && (ax ? ax.length === 2 : t.ndim === 2);
  if (matrix && ord !== 'fro') {
    throw new RangeError(`norm: the matrix norm ord=${String(ord)} is not supported (only 'fro' or None)`);
  }
  const o = ord == null || ord === 'fro' ? 2 : Number(ord);
  // MXNet reduces float32 in float64 (MXNET_ACC_TYPE_SWITCH) and rounds once: 3/‖x‖ prints
  // 0.80178374 in seed 000, as MXNet does.
  return F.wrap(F.scalar(core.norm(t, o, ax, keepdims, o === 2 ? { accumulate: 'float64' } : {})));
}

// ---- products ------------------------------------------------------------------------------

const reverseAxes = (t: Tensor) =>
  core.permute(
    t,
    t.shape.map((_, i) => t.ndim - 1 - i),
  );

/**
 * MXNet 1.x `nd.dot`: the last axis of lhs against the first axis of rhs (not batched);
 * transpose_a / transpose_b reverse all axes first. A vector·vector result has shape (1,).
 */
export function ndDot<A>(F: Flavor<A>, lhs: X, rhs: X, transposeA = false, transposeB = false): A {
  let a = T(lhs);
  let b = T(rhs);
  if (transposeA) a = reverseAxes(a);
  if (transposeB) b = reverseAxes(b);
  if (a.ndim === 0 || b.ndim === 0) return F.wrap(F.scalar(core.mul(a, b)));
  if (a.ndim <= 2 && b.ndim <= 2) return F.wrap(F.scalar(core.matmul(a, b)));
  const k = a.shape[a.ndim - 1];
  const out = core.matmul(core.reshape(a, [-1, k]), core.reshape(b, [k, -1]));
  return F.wrap(core.reshape(out, [...a.shape.slice(0, -1), ...b.shape.slice(1)]));
}

/** NumPy `dot`: scalars multiply, vectors give 0-d, N-D sums over a's last and b's second-to-last axis. */
export function npDot<A>(F: Flavor<A>, x: X, y: X): A {
  const a = T(x);
  const b = T(y);
  if (a.ndim === 0 || b.ndim === 0) return F.wrap(core.mul(a, b));
  if (b.ndim === 1 || (a.ndim <= 2 && b.ndim <= 2)) return F.wrap(core.matmul(a, b));
  // b's contracted axis (second to last) goes first: (k, ...b.shape[:-2], b.shape[-1]).
  const perm = [b.ndim - 2, ...b.shape.map((_, i) => i).filter((i) => i !== b.ndim - 2)];
  const k = a.shape[a.ndim - 1];
  const bm = core.reshape(core.permute(b, perm), [k, -1]);
  const out = core.matmul(core.reshape(a, [-1, k]), bm);
  return F.wrap(core.reshape(out, [...a.shape.slice(0, -1), ...b.shape.slice(0, -2), b.shape[b.ndim - 1]]));
}

export function matmul<A>(F: Flavor<A>, x: X, y: X): A {
  return F.wrap(F.scalar(core.matmul(T(x), T(y))));
}

// ---- nn ------------------------------------------------------------------------------------

export function softmax<A>(F: Flavor<A>, x: X, axis = -1, temperature?: number | null, log = false): A {
  let t = T(x);
  if (temperature != null && temperature !== 1) t = core.div(t, temperature);
  return F.wrap(log ? core.logSoftmax(t, axis) : core.softmax(t, axis));
}

export function where<A>(F: Flavor<A>, condition: X, x: X, y: X): A {
  const c = T(condition);
  const cond = c.dtype === 'bool' ? c : core.ne(c, 0);
  return F.wrap(core.where(cond, unwrap(x), unwrap(y)));
}

export function clip<A>(F: Flavor<A>, x: X, low: number | null, high: number | null): A {
  let t = T(x);
  // The gradient passes where the value was not clipped (MXNet's clip).
  if (low != null)
    t = core.where(core.lt(t, low), core.full([], low, { dtype: t.dtype, backend: t.backend }), t);
  if (high != null)
    t = core.where(core.gt(t, high), core.full([], high, { dtype: t.dtype, backend: t.backend }), t);
  return F.wrap(t);
}

// ---- shape ---------------------------------------------------------------------------------

/** nd.reshape with MXNet's special values; np.reshape with -1 only. */
export function reshape<A>(F: Flavor<A>, x: X, shape: unknown, reverse = false): A {
  const t = T(x);
  const s = shapeOf(shape, 'reshape');
  return F.wrap(core.reshape(t, F.kind === 'nd' ? core.mxnetReshapeShape(t.shape, s, reverse) : s));
}

export function transpose<A>(F: Flavor<A>, x: X, axes?: unknown): A {
  const t = T(x);
  const ax = axes == null || (Array.isArray(axes) && axes.length === 0) ? null : shapeOf(axes, 'transpose');
  return F.wrap(ax ? core.permute(t, ax) : reverseAxes(t));
}

/** nd: a 0 in the target shape keeps the source's dimension. */
export function broadcastTo<A>(F: Flavor<A>, x: X, shape: unknown): A {
  const t = T(x);
  let s = shapeOf(shape, 'broadcast_to');
  if (F.kind === 'nd') s = s.map((d, i) => (d === 0 ? t.shape[i - (s.length - t.ndim)] : d));
  return F.wrap(core.broadcastTo(t, s));
}

export function expandDims<A>(F: Flavor<A>, x: X, axis: number): A {
  return F.wrap(core.unsqueeze(T(x), axis));
}

export function squeeze<A>(F: Flavor<A>, x: X, axis?: unknown): A {
  const t = T(x);
  const r = core.squeeze(t, axis == null ? null : shapeOf(axis, 'squeeze'));
  return F.wrap(F.scalar(r));
}

/** nd.flatten keeps the first axis: (N, rest); np's flatten gives 1-D. */
export function flatten<A>(F: Flavor<A>, x: X): A {
  const t = T(x);
  if (F.kind === 'np') return F.wrap(core.reshape(t, [t.size]));
  return F.wrap(core.reshape(t, t.ndim === 0 ? [1, 1] : [t.shape[0], t.size / (t.shape[0] || 1)]));
}

export function swapaxes<A>(F: Flavor<A>, x: X, a: number, b: number): A {
  return F.wrap(core.transpose(T(x), a, b));
}

export function concat<A>(F: Flavor<A>, xs: readonly X[], axis: number): A {
  return F.wrap(core.concat(xs.map(T), axis));
}

export function stack<A>(F: Flavor<A>, xs: readonly X[], axis: number): A {
  return F.wrap(core.stack(xs.map(T), axis));
}

/**
 * np.split / np.array_split: a number of sections (np.split refuses an unequal division,
 * np.array_split gives the first n % sections pieces one element more) or the indices where
 * pieces start, each piece `x[prev:index]` along axis as Python slices it (views).
 */
export function split<A>(F: Flavor<A>, x: X, indicesOrSections: unknown, axis: number, equal: boolean): A[] {
  const t = T(x);
  const a = core.normAxis(axis, t.ndim, equal ? 'split' : 'array_split');
  const n = t.shape[a];
  let bounds: (number | null)[];
  if (typeof indicesOrSections === 'number') {
    const sections = indicesOrSections;
    if (!Number.isInteger(sections) || sections <= 0)
      throw new RangeError('number sections must be larger than 0.');
    if (equal && n % sections) throw new RangeError('array split does not result in an equal division');
    const each = Math.floor(n / sections);
    const extra = n % sections;
    bounds = [0];
    for (let k = 0; k < sections; k++) bounds.push((bounds[k] as number) + each + (k < extra ? 1 : 0));
  } else if (Array.isArray(indicesOrSections)) {
    for (const i of indicesOrSections) {
      if (!Number.isInteger(i)) throw new TypeError(`split: indices must be integers, got ${String(i)}`);
    }
    bounds = [null, ...(indicesOrSections as number[]), null];
  } else {
    throw new TypeError('indices_or_sections must be either int, or tuple / list / set of ints');
  }
  return bounds.slice(1).map((end, k) => F.wrap(core.slice(t, a, bounds[k], end)));
}

const NUMPY_PAD_MODES = [
  'constant',
  'edge',
  'linear_ramp',
  'maximum',
  'mean',
  'median',
  'minimum',
  'reflect',
  'symmetric',
  'wrap',
  'empty',
];

/** `pad_width` as NumPy reads it (`np.broadcast_to(pad_width, (ndim, 2))`): one [before, after] per axis. */
function padWidths(padWidth: unknown, ndim: number): [number, number][] {
  const rows = typeof padWidth === 'number' ? [[padWidth]] : padWidth;
  if (!Array.isArray(rows)) throw new TypeError('`pad_width` must be of integral type.');
  const nested = rows.length > 0 && rows.every(Array.isArray);
  if (!nested && rows.some(Array.isArray)) throw new TypeError('`pad_width` must be of integral type.');
  const grid = (nested ? rows : [rows]) as unknown[][];
  const shape = [grid.length, grid[0]?.length ?? 0];
  if (grid.some((r) => r.length !== shape[1])) throw new TypeError('`pad_width` must be of integral type.');
  for (const v of grid.flat()) {
    if (!Number.isInteger(v)) throw new TypeError('`pad_width` must be of integral type.');
    if ((v as number) < 0) throw new RangeError("index can't contain negative values");
  }
  const fits = (n: number, want: number) => n === want || n === 1;
  if (!fits(shape[0], ndim) || !fits(shape[1], 2)) {
    const given = nested ? `(${shape.join(',')})` : `(${shape[1]},)`;
    throw new RangeError(
      `operands could not be broadcast together with remapped shapes [original->remapped]: ${given} and requested shape (${ndim},2)`,
    );
  }
  return Array.from({ length: ndim }, (_, i) => {
    const r = grid[shape[0] === 1 ? 0 : i] as number[];
    return [r[0], r[shape[1] === 1 ? 0 : 1]];
  });
}

/**
 * np.pad(array, pad_width, mode='constant', constant_values=0): pad_width is an int, a
 * (before, after) pair, or one pair per axis (NumPy broadcasts it to (ndim, 2)); a constant
 * (a number, as MXNet takes it) fills the new elements. Constant mode only.
 */
export function pad<A>(F: Flavor<A>, x: X, padWidth: unknown, mode: unknown, constantValues: unknown): A {
  if (!NUMPY_PAD_MODES.includes(mode as string))
    throw new RangeError(`mode '${String(mode)}' is not supported`);
  if (mode !== 'constant') {
    throw new RangeError(`np.pad: mode '${String(mode)}' is not supported by polygrad (only 'constant')`);
  }
  if (typeof constantValues !== 'number' && typeof constantValues !== 'boolean') {
    throw new TypeError('np.pad: constant_values must be a scalar (as in MXNet)');
  }
  const t = T(x);
  const widths = padWidths(padWidth, t.ndim);
  // core's pad lists (before, after) from the last axis backwards, as F.pad does.
  const pads = widths.reverse().flat();
  return F.wrap(core.pad(t, pads, Number(constantValues)));
}

// ---- indexing ------------------------------------------------------------------------------

/** Index arrays as int32: MXNet's arrays are float32 by default, and its ops truncate them. */
const indexArray = (x: X) => core.asIndexDType(T(x));

/** `x[key]` (as `x.index(...key)`): NumPy's rules; index arrays may be floats, as MXNet's are. */
export function index<A>(F: Flavor<A>, x: X, items: readonly core.PyIndexItem[]): A {
  return F.wrap(F.scalar(core.pyIndex(T(x), items, { castFloatIndices: true })));
}

/**
 * `x[key] = value` (as `x.setitem(...key, value)`): writes value (broadcast, cast) into the
 * view the basic key selects, in place and not recorded, as `copyto` writes.
 */
export function setitem(x: X, items: readonly core.PyIndexItem[], value: X): void {
  const t = T(x);
  if (!core.isBasicIndex(items)) {
    throw new TypeError(
      'setitem: only integers, slices, None and ... can be assigned to (not index arrays or masks)',
    );
  }
  const view = core.pyIndex(t, items);
  try {
    if (view.storage !== t.storage) throw new TypeError('setitem: a negative step cannot be assigned to');
    core.assign(view, core.detach(core.toBackend(toTensor(value), t.backend)));
  } finally {
    if (view !== t) view.dispose();
  }
}

const TAKE_MODES = ['raise', 'wrap', 'clip'];

/**
 * np.take / nd.take: mode 'raise' (np's default) refuses indices outside [0, n) with MXNet's
 * error, negative ones included; 'clip' (nd's default) and 'wrap' as MXNet documents.
 */
export function take<A>(F: Flavor<A>, a: X, indices: X, axis: number | null, mode: string): A {
  if (!TAKE_MODES.includes(mode)) throw new MXNetError(`function take does not support mode '${mode}'`);
  const r = core.take(T(a), indexArray(indices), {
    axis,
    mode: mode as core.IndexMode,
    negative: false,
    outOfRange: () => new MXNetError('Take indices contains indices out of bound'),
  });
  return F.wrap(F.scalar(r));
}

/**
 * np.take_along_axis(arr, indices, axis): arr's values at indices along axis, arr and indices
 * (of the same rank) broadcast against each other on the other axes; negative indices count
 * from the end. axis=None reads arr flattened with 1-d indices.
 */
export function takeAlongAxis<A>(F: Flavor<A>, arr: X, indices: X, axis: number | null): A {
  let t = T(arr);
  const idx = indexArray(indices);
  if (axis === null) {
    if (idx.ndim !== 1) throw new RangeError('when axis=None, `indices` must have a single dimension.');
    t = core.reshape(t, [t.size]);
  } else if (idx.ndim !== t.ndim) {
    throw new RangeError('`indices` and `arr` must have the same number of dimensions');
  }
  const a = core.normAxis(axis ?? 0, t.ndim, 'take_along_axis');
  // NumPy's bounds and negative indices first; the broadcast and the gather are core's.
  const pos = core.indicesInRange(idx, t.shape[a], a, 'take_along_axis', {
    outOfRange: (i, n, ax) =>
      new core.IndexError(`index ${i} is out of bounds for axis ${ax} with size ${n}`),
  });
  return F.wrap(core.takeAlongAxis(t, pos, a));
}

const mxShape = (s: readonly number[]) => `[${s.join(',')}]`;

/** npx.pick / nd.pick: one element per position along axis; indices clip (or wrap) into range. */
export function pick<A>(
  F: Flavor<A>,
  data: X,
  index: X,
  axis: number | null,
  keepdims: boolean,
  mode: string,
): A {
  if (mode !== 'clip' && mode !== 'wrap') {
    throw new MXNetError(`Invalid Input: '${mode}', valid values are: {'clip', 'wrap'}`);
  }
  if (axis === null) throw new MXNetError('pick: axis=None is not supported by polygrad: pass an axis');
  const t = T(data);
  const idx = indexArray(index);
  const a = core.normAxis(axis, t.ndim, 'pick');
  const want = keepdims ? t.shape.map((d, i) => (i === a ? 1 : d)) : t.shape.filter((_, i) => i !== a);
  if (!core.sameShape(idx.shape, want)) {
    throw new MXNetError(
      `Shape inconsistent, Provided = ${mxShape(idx.shape)}, inferred shape=${mxShape(want)}`,
    );
  }
  return F.wrap(F.scalar(core.pick(t, idx, a, { keepdims, mode })));
}

/** npx.one_hot / nd.one_hot: a new last axis of size depth; indices out of range give off values. */
export function oneHot<A>(
  F: Flavor<A>,
  indices: X,
  depth: number,
  on: number,
  off: number,
  dtype?: unknown,
): A {
  return F.wrap(
    core.oneHot(indexArray(indices), depth, {
      onValue: on,
      offValue: off,
      dtype: dtypeOf(dtype) ?? 'float32',
    }),
  );
}

// ---- creation ------------------------------------------------------------------------------

export interface Where {
  dtype?: unknown;
  ctx?: unknown;
}

const place = (w: Where, fallback: DType = 'float32') => ({
  dtype: dtypeOf(w.dtype) ?? fallback,
  backend: backendOf(w.ctx),
});

/**
 * nd.array / np.array: always a copy. Nested numbers are float32 and booleans bool unless a
 * dtype is given (MXNet's default dtype); arrays and typed arrays keep their dtype.
 */
export function array<A>(F: Flavor<A>, values: X, w: Where): A {
  const backend = backendOf(w.ctx);
  const dtype = dtypeOf(w.dtype);
  if (hasCore(values) || core.isTensor(values)) {
    const u = hasCore(values) ? values[CORE_TENSOR] : values;
    return F.wrap(core.tensor(core.detach(core.toBackend(u, backend)), { dtype: dtype ?? u.dtype }));
  }
  return F.wrap(F.scalar(core.tensor(values as core.TensorLike, { dtype, backend })));
}

export function full<A>(F: Flavor<A>, shape: unknown, value: number | boolean, w: Where): A {
  return F.wrap(
    core.full(shapeOf(shape, 'full'), value, place(w, typeof value === 'boolean' ? 'bool' : 'float32')),
  );
}

export function fullLike<A>(F: Flavor<A>, x: X, value: number, dtype?: unknown): A {
  const t = T(x);
  return F.wrap(core.full(t.shape, value, { dtype: dtypeOf(dtype) ?? t.dtype, backend: t.backend }));
}

/** np.eye / nd.eye: N×M (M defaults to N) with ones on the k-th diagonal. */
export function eye<A>(F: Flavor<A>, n: number, m: number | null | undefined, k: number, w: Where): A {
  return F.wrap(core.eye(n, m ?? n, { k, ...place(w) }));
}

export function arange<A>(
  F: Flavor<A>,
  start: number,
  stop: number | null | undefined,
  step: number,
  repeat: number,
  w: Where,
): A {
  let t = core.arange(start, stop ?? undefined, step, place(w));
  if (repeat > 1) t = core.repeatInterleave(t, repeat, 0);
  return F.wrap(t);
}

function numbers(fn: string, ...vs: unknown[]): void {
  if (vs.some((v) => typeof v !== 'number')) {
    throw new TypeError(`${fn}: array-valued parameters are not supported; pass numbers`);
  }
}

export function randomNormal<A>(F: Flavor<A>, loc: number, scale: number, shape: number[], w: Where): A {
  numbers('normal', loc, scale);
  return F.wrap(core.normal(shape, loc, scale, place(w)));
}

export function randomUniform<A>(F: Flavor<A>, low: number, high: number, shape: number[], w: Where): A {
  numbers('uniform', low, high);
  return F.wrap(core.uniform(shape, low, high, place(w)));
}
