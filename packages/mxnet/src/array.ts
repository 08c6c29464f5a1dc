/**
 * The one implementation behind `nd.NDArray` and `np.ndarray`: a wrapper around a core
 * tensor with MXNet's autograd methods (attach_grad, grad, backward, detach), value readers,
 * arithmetic and the fluent math methods. Subclasses pick their flavor (see ops.ts) and printing.
 */
import * as core from '@polygrad/core';
import { CORE_TENSOR, type DType, INSPECT, PY_REPR, PY_STR, pyArgs, type Tensor } from '@polygrad/core';
import { mxBackward } from './backprop.js';
import { asContext, backendFor, type Context, contextOf } from './context.js';
import { ITEM_SIZE, MXNetError, NOT_A_SCALAR } from './errors.js';
import * as ops from './ops.js';
import { type ArrayLike, dtypeOf, shapeOf, toTensor } from './tensor-like.js';

type X = ArrayLike;
const GRAD_REQS = ['write', 'add', 'null'];

/** A variadic shape or axes list: `f(2, 3)`, `f([2, 3])`, or an options object holding it. */
function variadic(args: readonly unknown[], key: string): { list: number[] | null; kw: Record<string, any> } {
  const last = args[args.length - 1];
  const kw = core.isOptions(last) ? (last as Record<string, any>) : {};
  const pos = core.isOptions(last) ? args.slice(0, -1) : args;
  const fromKw = core.opt<unknown>(kw, key);
  if (pos.length === 1 && (Array.isArray(pos[0]) || pos[0] == null)) {
    return { list: pos[0] == null ? null : shapeOf(pos[0], key), kw };
  }
  if (pos.length) return { list: pos.map(Number), kw };
  return { list: fromKw == null ? null : shapeOf(fromKw, key), kw };
}

export abstract class MxArray {
  readonly [CORE_TENSOR]: Tensor;
  /** The wrapper last handed out for .grad (so `x.grad` keeps its identity). */
  private gradView: MxArray | null = null;

  // Python spellings (added to the prototype below).
  declare attach_grad: (...args: unknown[]) => void;
  declare as_in_context: (ctx: Context | string) => this;
  declare as_in_ctx: (ctx: Context | string) => this;
  declare wait_to_read: () => void;
  declare log_softmax: (...args: unknown[]) => this;
  declare broadcast_to: (shape: number | number[]) => this;
  declare broadcast_like: (other: MxArray) => this;
  declare expand_dims: (axis: number) => this;
  declare zeros_like: () => this;
  declare ones_like: () => this;
  declare one_hot: (...args: unknown[]) => this;

  constructor(t: Tensor) {
    this[CORE_TENSOR] = t;
  }

  /** How results of this class are made (nd or np semantics). */
  protected abstract get F(): ops.Flavor<any>;
  abstract str(): string;
  abstract repr(): string;

  // ---- properties --------------------------------------------------------------------------

  get shape(): number[] {
    return [...this[CORE_TENSOR].shape];
  }
  get dtype(): DType {
    return this[CORE_TENSOR].dtype;
  }
  get size(): number {
    return this[CORE_TENSOR].size;
  }
  get ndim(): number {
    return this[CORE_TENSOR].ndim;
  }
  get context(): Context {
    return contextOf(this[CORE_TENSOR].backend);
  }
  get ctx(): Context {
    return this.context;
  }
  get stype(): 'default' {
    return 'default';
  }
  get T(): this {
    return ops.transpose(this.F, this);
  }

  // ---- autograd ----------------------------------------------------------------------------

  /** Allocates a zero gradient buffer; an array made inside record() is cut from its history. */
  attachGrad(...args: unknown[]): void {
    const { gradReq } = pyArgs('attach_grad', args, ['gradReq', 'stype'], { gradReq: 'write' });
    if (!GRAD_REQS.includes(gradReq)) {
      throw new MXNetError(`Invalid grad_req '${gradReq}': expected 'write', 'add' or 'null'`);
    }
    this.releaseGrad();
    core.attachGrad(this[CORE_TENSOR], gradReq);
  }

  /**
   * @internal Before a new gradient buffer is attached: a `.grad` array already handed out
   * stays valid (as in MXNet) instead of being freed by core; its GC net frees it later.
   */
  releaseGrad(): void {
    if (this.gradView) this[CORE_TENSOR].grad = null;
    this.gradView = null;
  }

  /** The gradient buffer: null until attachGrad, then zeros until a backward writes it. */
  get grad(): this | null {
    const g = this[CORE_TENSOR].grad;
    if (!g) return null;
    if (this.gradView && this.gradView[CORE_TENSOR] === g) return this.gradView as this;
    const v = this.F.wrap(g);
    this.gradView = v;
    return v;
  }

  /** @internal markVariables: the user's own gradient array becomes .grad. */
  setGradView(v: MxArray): void {
    this.gradView = v;
  }

  /** Backward from this array (a non-scalar array is summed: its head gradient is ones). */
  backward(...args: unknown[]): void {
    const a = pyArgs('backward', args, ['outGrad', 'retainGraph', 'trainMode'], {
      retainGraph: false,
      trainMode: true,
    });
    const g = a.outGrad == null ? null : toTensor(a.outGrad);
    mxBackward([this[CORE_TENSOR]], [g], { retainGraph: a.retainGraph, trainMode: a.trainMode });
  }

  /** Shares the value, has no history. */
  detach(): this {
    return this.F.wrap(core.detach(this[CORE_TENSOR]));
  }

  // ---- copies, devices, values --------------------------------------------------------------

  /** A copy on the same context (recorded, as MXNet's copy is). */
  copy(): this {
    return this.F.wrap(core.clone(this[CORE_TENSOR]));
  }

  /** Copies into another array (returned) or onto a context (a new array). */
  copyto(other: MxArray | Context | string): MxArray {
    const t = this[CORE_TENSOR];
    if (other instanceof MxArray) {
      const dst = other[CORE_TENSOR];
      core.assign(dst, core.detach(core.toBackend(t, dst.backend)));
      return other;
    }
    const backend = backendFor(asContext(other));
    return this.F.wrap(backend === t.backend ? core.clone(t) : core.toBackend(t, backend));
  }

  /** This array when it is already on ctx, else a copy there. */
  asInContext(ctx: Context | string): this {
    const backend = backendFor(asContext(ctx));
    const t = this[CORE_TENSOR];
    return t.backend === backend ? this : this.F.wrap(core.toBackend(t, backend));
  }

  /** `as_in_ctx` (MXNet 2's spelling). */
  asInCtx(ctx: Context | string): this {
    return this.asInContext(ctx);
  }

  /** A copy in another dtype (this array itself when the dtype is the same and copy is false). */
  astype(...args: unknown[]): this {
    const a = pyArgs('astype', args, ['dtype', 'copy'], { copy: true });
    const d = dtypeOf(a.dtype)!;
    const t = this[CORE_TENSOR];
    if (d === t.dtype) return a.copy ? this.F.wrap(core.clone(t)) : this;
    return this.F.wrap(core.cast(t, d));
  }

  /** The values as nested arrays (MXNet returns a NumPy array; a number for 0-d). */
  asnumpy(): core.NestedArray {
    return this[CORE_TENSOR].toArray();
  }
  toArray(): core.NestedArray {
    return this[CORE_TENSOR].toArray();
  }
  tolist(): core.NestedArray {
    return this[CORE_TENSOR].toArray();
  }
  dataSync(): core.TypedArray {
    return this[CORE_TENSOR].dataSync();
  }
  data(): Promise<core.TypedArray> {
    return this[CORE_TENSOR].data();
  }

  /** The single value (nd: the array must have shape (1,), as in MXNet 1.x). */
  asscalar(): number | boolean {
    const t = this[CORE_TENSOR];
    if (this.F.kind === 'nd' ? !(t.ndim === 1 && t.shape[0] === 1) : t.size !== 1) {
      throw new MXNetError(NOT_A_SCALAR);
    }
    return t.item();
  }

  /** The single value of a one-element array. */
  item(): number | boolean {
    const t = this[CORE_TENSOR];
    if (t.size !== 1) throw new MXNetError(ITEM_SIZE);
    return t.item();
  }

  /** MXNet's engine is synchronous here: nothing to wait for. */
  waitToRead(): void {}

  dispose(): void {
    this[CORE_TENSOR].dispose();
  }

  // ---- operators ---------------------------------------------------------------------------

  add(other: X): this {
    return ops.binary(this.F, 'add', this, other);
  }
  sub(other: X): this {
    return ops.binary(this.F, 'sub', this, other);
  }
  mul(other: X): this {
    return ops.binary(this.F, 'mul', this, other);
  }
  div(other: X): this {
    return ops.binary(this.F, 'div', this, other);
  }
  pow(other: X): this {
    return ops.binary(this.F, 'pow', this, other);
  }
  /** `other - this` (Python's __rsub__, for `2 - x`). */
  rsub(other: X): this {
    return ops.binary(this.F, 'sub', other, this);
  }
  rdiv(other: X): this {
    return ops.binary(this.F, 'div', other, this);
  }
  rpow(other: X): this {
    return ops.binary(this.F, 'pow', other, this);
  }
  neg(): this {
    return ops.unary(this.F, 'neg', this);
  }
  matmul(other: X): this {
    return ops.matmul(this.F, this, other);
  }
  dot(other: X, ...args: unknown[]): this {
    if (this.F.kind === 'np') return ops.npDot(this.F, this, other);
    const a = pyArgs('dot', args, ['transposeA', 'transposeB'], { transposeA: false, transposeB: false });
    return ops.ndDot(this.F, this, other, a.transposeA, a.transposeB);
  }
  maximum(other: X): this {
    return ops.binary(this.F, 'maximum', this, other);
  }
  minimum(other: X): this {
    return ops.binary(this.F, 'minimum', this, other);
  }
  eq(other: X): this {
    return ops.compare(this.F, 'eq', this, other);
  }
  ne(other: X): this {
    return ops.compare(this.F, 'ne', this, other);
  }
  lt(other: X): this {
    return ops.compare(this.F, 'lt', this, other);
  }
  le(other: X): this {
    return ops.compare(this.F, 'le', this, other);
  }
  gt(other: X): this {
    return ops.compare(this.F, 'gt', this, other);
  }
  ge(other: X): this {
    return ops.compare(this.F, 'ge', this, other);
  }

  // ---- math --------------------------------------------------------------------------------

  abs(): this {
    return ops.unary(this.F, 'abs', this);
  }
  exp(): this {
    return ops.unary(this.F, 'exp', this);
  }
  log(): this {
    return ops.unary(this.F, 'log', this);
  }
  sqrt(): this {
    return ops.unary(this.F, 'sqrt', this);
  }
  square(): this {
    return ops.unary(this.F, 'square', this);
  }
  sign(): this {
    return ops.unary(this.F, 'sign', this);
  }
  relu(): this {
    return ops.unary(this.F, 'relu', this);
  }
  sigmoid(): this {
    return ops.unary(this.F, 'sigmoid', this);
  }
  tanh(): this {
    return ops.unary(this.F, 'tanh', this);
  }
  softmax(...args: unknown[]): this {
    const a = pyArgs('softmax', args, ['axis', 'temperature'], { axis: -1 });
    return ops.softmax(this.F, this, a.axis, a.temperature);
  }
  logSoftmax(...args: unknown[]): this {
    const a = pyArgs('log_softmax', args, ['axis', 'temperature'], { axis: -1 });
    return ops.softmax(this.F, this, a.axis, a.temperature, true);
  }
  clip(...args: unknown[]): this {
    const a = pyArgs('clip', args, ['aMin', 'aMax']);
    return ops.clip(this.F, this, a.aMin ?? null, a.aMax ?? null);
  }

  // ---- reductions (nd: axis, keepdims, exclude; np: axis, dtype, out, keepdims) ---------------

  private reduceArgs(name: string, args: unknown[]) {
    const names =
      this.F.kind === 'nd' ? ['axis', 'keepdims', 'exclude'] : ['axis', 'dtype', 'out', 'keepdims'];
    const a = pyArgs(name, args, names, { keepdims: false, exclude: false });
    if (a.out != null) throw new TypeError(`${name}: out= is not supported`);
    return a;
  }
  sum(...args: unknown[]): this {
    const a = this.reduceArgs('sum', args);
    return ops.reduce(this.F, 'sum', this, a.axis, a.keepdims, a.exclude, a.dtype);
  }
  mean(...args: unknown[]): this {
    const a = this.reduceArgs('mean', args);
    return ops.reduce(this.F, 'mean', this, a.axis, a.keepdims, a.exclude, a.dtype);
  }
  max(...args: unknown[]): this {
    const a = this.reduceArgs('max', args);
    return ops.reduce(this.F, 'max', this, a.axis, a.keepdims, a.exclude);
  }
  min(...args: unknown[]): this {
    const a = this.reduceArgs('min', args);
    return ops.reduce(this.F, 'min', this, a.axis, a.keepdims, a.exclude);
  }
  prod(...args: unknown[]): this {
    const a = this.reduceArgs('prod', args);
    return ops.reduce(this.F, 'prod', this, a.axis, a.keepdims, a.exclude, a.dtype);
  }
  argmax(...args: unknown[]): this {
    const a = pyArgs('argmax', args, ['axis', 'keepdims'], { keepdims: false });
    return ops.arg(this.F, 'argmax', this, a.axis, a.keepdims);
  }
  argmin(...args: unknown[]): this {
    const a = pyArgs('argmin', args, ['axis', 'keepdims'], { keepdims: false });
    return ops.arg(this.F, 'argmin', this, a.axis, a.keepdims);
  }
  /** The 2-norm of all elements by default (nd: shape (1,); np: 0-d). */
  norm(...args: unknown[]): this {
    const names =
      this.F.kind === 'nd' ? ['ord', 'axis', 'outDtype', 'keepdims'] : ['ord', 'axis', 'keepdims'];
    const a = pyArgs('norm', args, names, { keepdims: false });
    return ops.norm(this.F, this, a.ord, a.axis, a.keepdims);
  }

  // ---- shape -------------------------------------------------------------------------------

  /** `x.reshape(2, 3)` or `x.reshape([2, 3])`; nd also takes MXNet's codes and `{ reverse }`. */
  reshape(...args: unknown[]): this {
    const { list, kw } = variadic(args, 'shape');
    return ops.reshape(this.F, this, list ?? [], core.opt(kw, 'reverse', false));
  }
  /** `x.transpose()`, `x.transpose(1, 0)` or `x.transpose([1, 0])`. */
  transpose(...args: unknown[]): this {
    return ops.transpose(this.F, this, variadic(args, 'axes').list);
  }
  broadcastTo(shape: number | number[]): this {
    return ops.broadcastTo(this.F, this, shape);
  }
  broadcastLike(other: MxArray): this {
    return ops.broadcastTo(this.F, this, other.shape);
  }
  expandDims(axis: number): this {
    return ops.expandDims(this.F, this, axis);
  }
  squeeze(...args: unknown[]): this {
    return ops.squeeze(this.F, this, pyArgs('squeeze', args, ['axis']).axis);
  }
  flatten(): this {
    return ops.flatten(this.F, this);
  }
  swapaxes(a: number, b: number): this {
    return ops.swapaxes(this.F, this, a, b);
  }
  zerosLike(): this {
    return ops.fullLike(this.F, this, 0);
  }
  onesLike(): this {
    return ops.fullLike(this.F, this, 1);
  }

  // ---- indexing ----------------------------------------------------------------------------

  /**
   * Python's `x[key]`, one argument per subscript item: `x[0, 1:3, None, ..., idx]` is
   * `x.index(0, '1:3', null, '...', idx)` (NumPy's rules; basic items give a view).
   */
  index(...key: core.PyIndexItem[]): this {
    return ops.index(this.F, this, key);
  }
  /** Python's `x[key] = value`: `x[:] = v` is `x.setitem(':', v)`, `x[1:3, 0] = 5` is `x.setitem('1:3', 0, 5)`. */
  setitem(...keyAndValue: unknown[]): void {
    if (!keyAndValue.length) throw new TypeError('setitem() needs a value to assign');
    const value = keyAndValue[keyAndValue.length - 1] as X;
    ops.setitem(this, keyAndValue.slice(0, -1) as core.PyIndexItem[], value);
  }
  /** np: `take(indices, axis=None, mode='raise')`; nd: `take(indices, axis=0, mode='clip')`. */
  take(indices: X, ...args: unknown[]): this {
    const np = this.F.kind === 'np';
    const a = pyArgs(
      'take',
      args,
      ['axis', 'mode', 'out'],
      np ? { axis: null, mode: 'raise' } : { axis: 0, mode: 'clip' },
    );
    return ops.take(this.F, this, indices, a.axis, a.mode);
  }
  /** `pick(index, axis=-1, keepdims=False, mode='clip')`. */
  pick(index: X, ...args: unknown[]): this {
    const a = pyArgs('pick', args, ['axis', 'keepdims', 'mode'], { axis: -1, keepdims: false, mode: 'clip' });
    return ops.pick(this.F, this, index, a.axis, a.keepdims, a.mode);
  }
  /** `one_hot(depth, on_value=1, off_value=0, dtype='float32')`, on an array of indices. */
  oneHot(...args: unknown[]): this {
    const a = pyArgs('one_hot', args, ['depth', 'onValue', 'offValue', 'dtype'], { onValue: 1, offValue: 0 });
    return ops.oneHot(this.F, this, a.depth, a.onValue, a.offValue, a.dtype);
  }

  // ---- printing ----------------------------------------------------------------------------

  toString(): string {
    return this.str();
  }
  [PY_STR](): string {
    return this.str();
  }
  [PY_REPR](): string {
    return this.repr();
  }
  [INSPECT](): string {
    return this.repr();
  }
  /** `+x` and `x < 3` read the value of a one-element array, as Python's float(x) does. */
  [Symbol.toPrimitive](hint: string): number | string {
    if (hint === 'string') return this.str();
    if (this.size !== 1) {
      if (hint === 'default') return this.str();
      throw new MXNetError(NOT_A_SCALAR);
    }
    return Number(this[CORE_TENSOR].item());
  }
}

/** Python spellings of the camelCase members (attach_grad, as_in_context, log_softmax, …). */
export const ARRAY_ALIASES = [
  'attachGrad',
  'asInContext',
  'asInCtx',
  'waitToRead',
  'logSoftmax',
  'broadcastTo',
  'broadcastLike',
  'expandDims',
  'zerosLike',
  'onesLike',
  'oneHot',
];
core.addPythonAliases(MxArray.prototype, ARRAY_ALIASES);
