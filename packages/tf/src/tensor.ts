/**
 * `tf.Tensor`: an eager tensor, a thin handle on a core tensor. JavaScript has no operator
 * overloading, so `x + y` is `x.add(y)`, `2 * x` is `x.mul(2)`, `x ** 2` is `x.pow(2)`,
 * `-x` is `x.neg()`, `x @ y` is `x.matmul(y)`, `x == y` is `x.eq(y)`.
 */
import * as core from '@polygrad/core';
import { currentBackend, deviceName } from './device.js';
import { type DType, dtypeOf } from './dtypes.js';
import { disposedText, tensorRepr, tensorStr } from './printing.js';

/** Anything that carries a core tensor (another facade's tensor, for instance). */
export interface HasCoreTensor {
  readonly [core.CORE_TENSOR]: core.Tensor;
}

/** What tf ops accept where a tensor goes: tensors, variables, JS numbers/booleans, nested arrays. */
export type TensorLike =
  | Tensor
  | core.Tensor
  | HasCoreTensor
  | number
  | boolean
  | core.TypedArray
  | core.NestedInput;

function hasCore(x: unknown): x is HasCoreTensor {
  return typeof x === 'object' && x !== null && core.CORE_TENSOR in x;
}

export class Tensor {
  /** @internal the engine tensor. */
  readonly _core: core.Tensor;

  /** @internal use tf.constant, tf.from, … */
  constructor(t: core.Tensor) {
    this._core = t;
  }

  // Python spellings (added at run time by addPythonAliases).
  declare get_shape: Tensor['getShape'];

  /** The core tensor (what `tidy` and the other facades see). */
  get [core.CORE_TENSOR](): core.Tensor {
    return this._core;
  }

  /** @internal The engine tensor an op reads; a Variable reports the read to recording tapes. */
  _read(): core.Tensor {
    return this._core;
  }

  /**
   * @internal The engine tensor an op that returns a view reads: a Variable gives a snapshot
   * (a recorded copy), so the view neither follows later assigns nor shares the variable's handle.
   */
  _snapshot(): core.Tensor {
    return this._read();
  }

  /** The shape as an array; it prints as TensorFlow's TensorShape does, `(2, 3)`. */
  get shape(): number[] {
    return [...this._core.shape];
  }
  getShape(): number[] {
    return this.shape;
  }
  get dtype(): DType {
    return dtypeOf(this._core.dtype);
  }
  get ndim(): number {
    return this._core.ndim;
  }
  get device(): string {
    return deviceName(this._core.backend);
  }
  get isDisposed(): boolean {
    return this._core.disposed;
  }

  /** The value as nested arrays (a number or boolean for a 0-d tensor): TensorFlow's `numpy()`. */
  numpy(): core.NestedArray {
    return this._core.toArray();
  }
  toArray(): core.NestedArray {
    return this._core.toArray();
  }
  dataSync(): core.TypedArray {
    return this._core.dataSync();
  }
  data(): Promise<core.TypedArray> {
    return this._core.data();
  }
  dispose(): void {
    this._core.dispose();
  }

  // ---- operators ---------------------------------------------------------------------------
  add(y: TensorLike): Tensor {
    return wrap(core.add(this._read(), operand(y)));
  }
  sub(y: TensorLike): Tensor {
    return wrap(core.sub(this._read(), operand(y)));
  }
  mul(y: TensorLike): Tensor {
    return wrap(core.mul(this._read(), operand(y)));
  }
  div(y: TensorLike): Tensor {
    return wrap(core.div(this._read(), operand(y)));
  }
  pow(y: TensorLike): Tensor {
    return wrap(core.pow(this._read(), operand(y)));
  }
  neg(): Tensor {
    return wrap(core.neg(this._read()));
  }
  abs(): Tensor {
    return wrap(core.abs(this._read()));
  }
  matmul(y: TensorLike): Tensor {
    return wrap(core.matmul(this._read(), toCore(y)));
  }
  eq(y: TensorLike): Tensor {
    return wrap(core.eq(this._read(), operand(y)));
  }
  ne(y: TensorLike): Tensor {
    return wrap(core.ne(this._read(), operand(y)));
  }
  lt(y: TensorLike): Tensor {
    return wrap(core.lt(this._read(), operand(y)));
  }
  le(y: TensorLike): Tensor {
    return wrap(core.le(this._read(), operand(y)));
  }
  gt(y: TensorLike): Tensor {
    return wrap(core.gt(this._read(), operand(y)));
  }
  ge(y: TensorLike): Tensor {
    return wrap(core.ge(this._read(), operand(y)));
  }

  /**
   * Python's `x[key]`, one argument per subscript item: `x[1:, None, ..., 0]` is
   * `x.index('1:', null, '...', 0)`. TensorFlow's rules: integers, slices, None and `...` only.
   */
  index(...key: core.PyIndexItem[]): Tensor {
    return wrap(core.pyIndex(this._snapshot(), key, { dialect: 'tf' }));
  }

  // ---- printing ----------------------------------------------------------------------------
  /** Python's str(t): `tf.Tensor([0. 1.], shape=(2,), dtype=float32)`. */
  toString(): string {
    return this._core.disposed ? disposedText('Tensor', this._core) : tensorStr(this._core);
  }
  [core.PY_STR](): string {
    return this.toString();
  }
  /** Python's repr(t): `<tf.Tensor: shape=(2,), dtype=float32, numpy=array([0., 1.], dtype=float32)>`. */
  [core.PY_REPR](): string {
    return this._core.disposed ? disposedText('Tensor', this._core) : tensorRepr(this._core);
  }
  [core.INSPECT](): string {
    return this[core.PY_REPR]();
  }
}
core.addPythonAliases(Tensor.prototype);

/** Wraps a core tensor (no copy). */
export function wrap(t: core.Tensor): Tensor {
  return new Tensor(t);
}

/** A core tensor for x: tensors and variables unwrap (no copy), JS values become new tensors. */
export function toCore(x: TensorLike, dtype?: core.DType): core.Tensor {
  if (x instanceof Tensor) return x._read();
  if (x instanceof core.Tensor) return x;
  if (hasCore(x)) return x[core.CORE_TENSOR];
  if (x === null || x === undefined) throw new TypeError(`Expected a tensor or a value, got ${x}`);
  return core.tensor(x as core.TensorLike, { dtype, backend: currentBackend() });
}

/** Like toCore, but a Variable gives a snapshot: for ops whose result may be a view of their input. */
export function valueCore(x: TensorLike, dtype?: core.DType): core.Tensor {
  return x instanceof Tensor ? x._snapshot() : toCore(x, dtype);
}

/** An operand of an arithmetic op: JS scalars stay scalars (weak, core's promotion rule). */
export function operand(x: TensorLike): core.TensorLike {
  if (typeof x === 'number' || typeof x === 'boolean') return x;
  return toCore(x);
}

/** Whether x is something tf ops take as a tensor (not an options object). */
export function isTensorLike(x: unknown): x is TensorLike {
  return x instanceof Tensor || x instanceof core.Tensor || hasCore(x);
}

/** `tf.from(t)`: wraps a core tensor or another facade's tensor, sharing its storage. */
export function from(t: core.Tensor | HasCoreTensor): Tensor {
  if (t instanceof core.Tensor) return wrap(t);
  if (hasCore(t)) return wrap(t[core.CORE_TENSOR]);
  throw new TypeError('tf.from expects a core tensor or a polygrad tensor of any facade');
}
