import type { Node } from './autograd/node.js';
import type { View } from './backend.js';
import { arrayFor, type DType, type TypedArray } from './dtype.js';
import { finalizer, track } from './memory.js';
import { contiguousStrides, isContiguous, sizeOf } from './shape.js';
import { Storage } from './storage.js';

export type GradReq = 'write' | 'add' | 'null';
export type Hook = (grad: Tensor) => Tensor | undefined | void;

let nextId = 1;

export class DisposedError extends Error {
  override name = 'DisposedError';
}

/** A synchronous read on a backend that reads only asynchronously here (WebGPU in browsers). */
export class SyncReadError extends Error {
  override name = 'SyncReadError';
}

/**
 * A handle: a storage plus shape, strides, offset and dtype. Views share storage.
 * Autograd state lives here too; which recorder cares about which field is documented
 * in autograd/recorders.ts.
 */
export class Tensor implements View {
  readonly id = nextId++;
  readonly shape: readonly number[];
  readonly strides: readonly number[];
  readonly offset: number;
  readonly dtype: DType;
  readonly size: number;
  private _storage: Storage | null;
  private armed = false;

  private _node: Node | null = null;
  /** Which output of its node this is. */
  outputIndex = 0;
  /** PyTorch: a leaf that requires grad. */
  requiresGradLeaf = false;
  /** MXNet: attachGrad() was called. */
  gradAttached = false;
  gradReq: GradReq = 'add';
  grad: Tensor | null = null;
  retainsGrad = false;
  hooks: Hook[] | null = null;
  name: string | null = null;
  /**
   * The facade object that wraps this tensor, so a facade keeps one wrapper per tensor
   * without a WeakMap lookup per op (one slot: a second facade keeps its own map).
   */
  wrapper: object | null = null;

  constructor(storage: Storage, shape: readonly number[], strides?: readonly number[], offset = 0) {
    this._storage = storage;
    this.shape = shape;
    this.strides = strides ?? contiguousStrides(shape);
    this.offset = offset;
    this.dtype = storage.dtype;
    this.size = sizeOf(shape);
    storage.stats.tensors++;
    if (!track(this)) this.escape();
  }

  /** Arms the GC safety net for this handle (see memory.track). */
  escape(): void {
    if (this.armed || this._storage === null) return;
    this.armed = true;
    finalizer.register(this, this._storage, this);
  }

  /** A fresh contiguous tensor on a backend (the current one by default). */
  static empty(dtype: DType, shape: readonly number[], backend?: string): Tensor {
    return new Tensor(Storage.alloc(dtype, sizeOf(shape), backend), shape);
  }

  get storage(): Storage {
    const s = this._storage;
    if (s === null) {
      throw new DisposedError(
        `Tensor #${this.id}${this.name ? ` '${this.name}'` : ''} (shape [${this.shape.join(', ')}], ${this.dtype}) was used after dispose()`,
      );
    }
    return s;
  }

  get disposed(): boolean {
    return this._storage === null;
  }

  /** The node that made this tensor (null for leaves). A live handle holds its node. */
  get node(): Node | null {
    return this._node;
  }
  set node(n: Node | null) {
    const old = this._node;
    if (n === old) return;
    this._node = n;
    if (this._storage === null) return; // a disposed handle holds nothing
    if (n) n.holders++;
    old?.drop();
  }
  get ndim(): number {
    return this.shape.length;
  }
  get isLeaf(): boolean {
    return this.node === null;
  }
  get backend(): string {
    return this.storage.backendName;
  }
  get version(): number {
    return this.storage.version;
  }
  get isContiguous(): boolean {
    return isContiguous(this.shape, this.strides);
  }

  /** What a kernel sees: the tensor itself is a View (no allocation per kernel call). */
  get view(): View {
    return this;
  }
  get buffer(): unknown {
    return this.storage.buffer;
  }

  /** Another handle on the same storage (a view); no autograd history. */
  alias(shape: readonly number[] = this.shape, strides?: readonly number[], offset = this.offset): Tensor {
    const s = this.storage;
    s.retain();
    return new Tensor(
      s,
      shape,
      strides ?? (shape === this.shape ? this.strides : contiguousStrides(shape)),
      offset,
    );
  }

  /** Frees this handle (and its gradient); the storage goes when its last view goes. Idempotent. */
  dispose(): void {
    const s = this._storage;
    if (s === null) return;
    this._storage = null;
    if (this.armed) finalizer.unregister(this);
    s.stats.tensors--;
    s.release();
    this._node?.drop();
    if (this.grad && this.grad !== this) this.grad.dispose();
  }

  /**
   * Flat values in row-major order (a copy). Synchronous where the backend allows it; on a
   * backend without synchronous reads (WebGPU in browsers) it serves the values of the last
   * `await t.data()` on this storage while nothing has written to it since.
   */
  dataSync(): TypedArray {
    const s = this.storage;
    const b = s.backend;
    if (!b.readSync) {
      if (s.host && s.hostVersion === s.version) return this.fromHost(s.host);
      throw new SyncReadError(
        `The '${s.backendName}' backend cannot read values synchronously here; use \`await t.data()\` instead (after it, dataSync() and printing work until the tensor changes).`,
      );
    }
    if (this.offset === 0 && this.isContiguous) return b.readSync(s.buffer, this.dtype, this.size);
    const c = this.contiguousCopy();
    try {
      return b.readSync(c.storage.buffer, this.dtype, this.size);
    } finally {
      c.dispose();
    }
  }

  /** Flat values in row-major order (a copy), on every backend. */
  async data(): Promise<TypedArray> {
    const s = this.storage;
    const whole = this.offset === 0 && this.isContiguous && this.size === s.size;
    if (!s.backend.readSync && (whole || s.size <= 4 * this.size + 1024)) {
      // Read the whole buffer once and keep it, so that later synchronous reads can be served.
      const version = s.version;
      const host = await s.backend.read(s.buffer, this.dtype, s.size);
      s.host = host;
      s.hostVersion = version;
      return this.fromHost(host);
    }
    if (this.offset === 0 && this.isContiguous) return s.backend.read(s.buffer, this.dtype, this.size);
    const c = this.contiguousCopy();
    try {
      return await s.backend.read(c.storage.buffer, this.dtype, this.size);
    } finally {
      c.dispose();
    }
  }

  /** This view's values gathered from a host copy of its whole storage. */
  private fromHost(host: TypedArray): TypedArray {
    if (this.offset === 0 && this.isContiguous) return host.slice(0, this.size) as TypedArray;
    const out = new (host.constructor as new (n: number) => TypedArray)(this.size);
    const { shape, strides } = this;
    const idx = new Array<number>(shape.length).fill(0);
    let at = this.offset;
    for (let i = 0; i < this.size; i++) {
      out[i] = host[at];
      for (let d = shape.length - 1; d >= 0; d--) {
        at += strides[d];
        if (++idx[d] < shape[d]) break;
        at -= strides[d] * shape[d];
        idx[d] = 0;
      }
    }
    return out;
  }

  /** Nested arrays (a number or boolean for 0-d). */
  toArray(): NestedArray {
    return nest(this.dataSync(), this.shape, this.dtype === 'bool');
  }

  /** The single value of a one-element tensor. */
  item(): number | boolean {
    if (this.size !== 1) {
      throw new RangeError(`a Tensor with ${this.size} elements cannot be converted to Scalar`);
    }
    const v = this.dataSync()[0];
    return this.dtype === 'bool' ? v !== 0 : v;
  }

  /** A contiguous copy without autograd history (kernel-level; ops use `contiguous`). */
  contiguousCopy(dtype: DType = this.dtype): Tensor {
    const out = Tensor.empty(dtype, this.shape, this.backend);
    this.storage.backend.copy(this.view, out.view);
    return out;
  }

  toString(): string {
    return `Tensor(shape=[${this.shape.join(', ')}], dtype=${this.dtype}, backend=${this._storage?.backendName ?? 'disposed'})`;
  }
}

export type NestedArray = number | boolean | NestedArray[];

export function nest(
  flat: TypedArray | ArrayLike<number>,
  shape: readonly number[],
  bool: boolean,
): NestedArray {
  const conv = (v: number) => (bool ? v !== 0 : v);
  if (shape.length === 0) return conv(flat[0]);
  const rec = (dim: number, off: number): NestedArray[] => {
    const n = shape[dim];
    const out: NestedArray[] = new Array(n);
    if (dim === shape.length - 1) {
      for (let i = 0; i < n; i++) out[i] = conv(flat[off + i]);
      return out;
    }
    const step = sizeOf(shape.slice(dim + 1));
    for (let i = 0; i < n; i++) out[i] = rec(dim + 1, off + i * step);
    return out;
  };
  return rec(0, 0);
}

export function writeNew(
  dtype: DType,
  shape: readonly number[],
  values: TypedArray,
  backend?: string,
): Tensor {
  const t = Tensor.empty(dtype, shape, backend);
  if (values.length) t.storage.backend.write(t.storage.buffer, values);
  return t;
}

export { arrayFor };
