/**
 * torch.Tensor: a thin handle on a core tensor (exposed under CORE_TENSOR, so core's tidy
 * sees it). All state (values, grad, history, hooks) lives in the core tensor; there is
 * one wrapper per core tensor, so `x.grad === x.grad`. Math, views and indexing methods
 * are installed by methods.ts.
 */
import * as core from '@polygrad/core';
import { CORE_TENSOR, INSPECT, PY_REPR, PY_STR } from '@polygrad/core';
import { backendFor, Device, type DeviceLike, deviceOf } from './device.js';
import {
  bool,
  type DType,
  type DTypeLike,
  dtypeOf,
  float32,
  float64,
  int32,
  NO_INT64,
  toCoreDType,
} from './dtype.js';
import { type GradFn, gradFnOf } from './grad-fn.js';
import { tensorRepr } from './printing.js';
import { Size } from './size.js';
import type { Kw, PyCall } from './types.js';

/** Anything that carries a core tensor: a torch tensor, or another facade's. */
export interface CoreCarrier {
  readonly [CORE_TENSOR]: core.Tensor;
}
/** What ops accept where a tensor goes: tensors of any facade, numbers, booleans, nested arrays. */
export type TensorLike = CoreCarrier | core.TensorLike;

const wrappers = new WeakMap<core.Tensor, Tensor>();

/** The torch tensor of a core tensor (one per core tensor). */
export function wrap(t: core.Tensor): Tensor {
  const w = t.wrapper;
  if (w instanceof Tensor) return w;
  return wrappers.get(t) ?? new Tensor(t);
}

export function wrapOrNull(t: core.Tensor | null | undefined): Tensor | null {
  return t ? wrap(t) : null;
}

function carried(x: unknown): core.Tensor | undefined {
  return x !== null && typeof x === 'object'
    ? ((x as Partial<CoreCarrier>)[CORE_TENSOR] ?? undefined)
    : undefined;
}

/** Unwraps facade tensors; other values pass through for core to convert. */
export function toCore(x: TensorLike): core.TensorLike {
  return carried(x) ?? (x as core.TensorLike);
}

/** A core tensor for x (numbers and arrays become tensors, float32 unless `dtype`). */
export function toCoreTensor(x: TensorLike, dtype?: core.DType, backend?: string): core.Tensor {
  return core.asTensor(toCore(x), dtype, backend);
}

export function isTensorLike(x: unknown): x is TensorLike {
  return carried(x) !== undefined || x instanceof core.Tensor;
}

export class RemovableHandle {
  #remove: (() => void) | null;
  /** @internal */
  constructor(remove: () => void) {
    this.#remove = remove;
  }
  remove(): void {
    this.#remove?.();
    this.#remove = null;
  }
}

type BackwardKw = Kw<{
  gradient?: TensorLike | null;
  retainGraph?: boolean;
  createGraph?: boolean;
  inputs?: TensorLike | TensorLike[];
}>;

export class Tensor implements CoreCarrier {
  readonly [CORE_TENSOR]: core.Tensor;
  #shape: Size | undefined;

  /** Wraps a core tensor without copying; prefer `torch.from(t)` / `torch.tensor(data)`. */
  constructor(t: core.Tensor) {
    if (!(t instanceof core.Tensor)) {
      throw new TypeError('new torch.Tensor(t) wraps a core tensor; use torch.tensor(data) to make one');
    }
    this[CORE_TENSOR] = t;
    // The core tensor's slot is the fast path; the map serves when another facade holds it.
    if (t.wrapper === null) t.wrapper = this;
    else if (!(t.wrapper instanceof Tensor) && !wrappers.has(t)) wrappers.set(t, this);
  }

  /** @internal the core tensor. */
  get core(): core.Tensor {
    return this[CORE_TENSOR];
  }

  // ---- shape and type --------------------------------------------------------------------

  get shape(): Size {
    return (this.#shape ??= new Size(this.core.shape));
  }
  /** The shape, or the size of one dimension. */
  size(): Size;
  size(dim: number): number;
  size(dim?: number | Kw<{ dim?: number }>): Size | number;
  size(dim?: number | Kw<{ dim?: number }>): Size | number {
    const d = core.pyArgs('size', [dim], ['dim']).dim as number | undefined;
    if (d === undefined) return this.shape;
    return this.core.shape[core.normAxis(d, this.core.ndim, 'size')];
  }
  dim(): number {
    return this.core.ndim;
  }
  ndimension(): number {
    return this.core.ndim;
  }
  get ndim(): number {
    return this.core.ndim;
  }
  numel(): number {
    return this.core.size;
  }
  nelement(): number {
    return this.core.size;
  }
  get dtype(): DType {
    return dtypeOf(this.core.dtype);
  }
  get device(): Device {
    return deviceOf(this.core.backend);
  }
  isFloatingPoint(): boolean {
    return this.dtype.isFloatingPoint;
  }
  isContiguous(): boolean {
    return this.core.isContiguous;
  }
  elementSize(): number {
    return this.dtype.itemsize;
  }

  // ---- autograd ----------------------------------------------------------------------------

  get requiresGrad(): boolean {
    return core.gradMode.tracks(this.core);
  }
  set requiresGrad(b: boolean) {
    core.setRequiresGrad(this.core, b);
  }
  requiresGrad_(requiresGrad: boolean | Kw<{ requiresGrad?: boolean }> = true): this {
    const b = core.pyArgs('requires_grad_', [requiresGrad], ['requiresGrad'], { requiresGrad: true });
    core.setRequiresGrad(this.core, b.requiresGrad);
    return this;
  }

  /** The accumulated gradient (null until a backward reaches this leaf, or a retained one). */
  get grad(): Tensor | null {
    return wrapOrNull(this.core.grad);
  }
  set grad(g: TensorLike | null | undefined) {
    if (g == null) {
      this.core.grad = null;
      return;
    }
    const t = toCoreTensor(g, this.core.dtype, this.core.backend);
    if (t.dtype !== this.core.dtype) throw new TypeError('assigned grad has data of a different type');
    if (t.shape.join() !== this.core.shape.join())
      throw new RangeError('assigned grad has data of a different size');
    this.core.grad = core.keep(t);
  }

  /** The node that made this tensor (null for leaves). */
  get gradFn(): GradFn | null {
    return gradFnOf(this.core);
  }
  get isLeaf(): boolean {
    return gradFnOf(this.core) === null;
  }
  retainGrad(): void {
    if (!this.requiresGrad)
      throw new core.AutogradError("can't retain_grad on Tensor that has requires_grad=False");
    if (!this.isLeaf) this.core.retainsGrad = true;
  }
  get retainsGrad(): boolean {
    return !this.isLeaf && this.core.retainsGrad;
  }

  /** Calls fn(grad) when this tensor's gradient is computed; fn may return a replacement. */
  registerHook(fn: (grad: Tensor) => TensorLike | null | undefined | void): RemovableHandle {
    const t = this.core;
    if (!this.requiresGrad) {
      throw new core.AutogradError("cannot register a hook on a tensor that doesn't require gradient");
    }
    const hook: core.Hook = (g) => {
      const r = fn(wrap(g));
      return r == null ? undefined : toCoreTensor(r, g.dtype, g.backend);
    };
    (t.hooks ??= []).push(hook);
    return new RemovableHandle(() => {
      const i = t.hooks?.indexOf(hook) ?? -1;
      if (i >= 0) t.hooks!.splice(i, 1);
      if (t.hooks?.length === 0) t.hooks = null;
    });
  }

  /** Accumulates the gradient of this tensor into the .grad of the leaves it depends on. */
  backward(
    ...args: PyCall<
      [
        gradient?: TensorLike | null,
        retainGraph?: boolean,
        createGraph?: boolean,
        inputs?: TensorLike | TensorLike[],
      ],
      BackwardKw
    >
  ): void {
    const a = core.pyArgs('backward', args, ['gradient', 'retainGraph', 'createGraph', 'inputs']);
    const t = this.core;
    const g = a.gradient == null ? null : toCoreTensor(a.gradient, t.dtype, t.backend);
    const inputs = a.inputs == null ? undefined : listOf(a.inputs).map((x) => toCoreTensor(x));
    if (inputs?.length === 0) throw new RangeError("'inputs' argument to backward() cannot be empty.");
    core.backward(t, g, { retainGraph: a.retainGraph, createGraph: a.createGraph, inputs });
  }

  /** Shares the values, with no history and requires_grad=False. */
  detach(): Tensor {
    return wrap(core.detach(this.core));
  }
  /** Detaches in place: drops the history and requires_grad. */
  detach_(): this {
    const t = this.core;
    t.node = null;
    t.outputIndex = 0;
    t.requiresGradLeaf = false;
    return this;
  }

  // ---- in place ----------------------------------------------------------------------------

  zero_(): this {
    core.assign(this.core, 0);
    return this;
  }
  fill_(value: number | boolean | TensorLike): this {
    core.assign(this.core, toCore(value));
    return this;
  }
  copy_(src: TensorLike): this {
    core.assign(this.core, toCore(src));
    return this;
  }
  add_(other: TensorLike, ...args: PyCall<[alpha?: number], Kw<{ alpha?: number }>>): this {
    const { alpha = 1 } = core.pyArgs('add_', args, ['alpha']);
    core.inplace(this.core, core.add, scaled(other, alpha));
    return this;
  }
  sub_(other: TensorLike, ...args: PyCall<[alpha?: number], Kw<{ alpha?: number }>>): this {
    const { alpha = 1 } = core.pyArgs('sub_', args, ['alpha']);
    core.inplace(this.core, core.sub, scaled(other, alpha));
    return this;
  }
  mul_(other: TensorLike): this {
    core.inplace(this.core, core.mul, toCore(other));
    return this;
  }
  div_(other: TensorLike): this {
    core.inplace(this.core, core.div, toCore(other));
    return this;
  }

  // ---- reading values ----------------------------------------------------------------------

  item(): number | boolean {
    return this.core.item();
  }
  tolist(): core.NestedArray {
    return this.core.toArray();
  }
  /** The values as nested arrays (a number for 0-d); PyTorch refuses tensors that require grad. */
  numpy(): core.NestedArray {
    if (this.requiresGrad) {
      throw new core.AutogradError(
        "Can't call numpy() on Tensor that requires grad. Use tensor.detach().numpy() instead.",
      );
    }
    return this.core.toArray();
  }
  toArray(): core.NestedArray {
    return this.core.toArray();
  }
  dataSync(): core.TypedArray {
    return this.core.dataSync();
  }
  data(): Promise<core.TypedArray> {
    return this.core.data();
  }

  // ---- conversion --------------------------------------------------------------------------

  /** to(device), to(dtype), to(device, dtype), to(other), to({ device, dtype }). */
  to(...args: (DeviceLike | DTypeLike | Tensor | Kw<{ device?: DeviceLike; dtype?: DTypeLike }>)[]): Tensor {
    let dtype: core.DType | undefined;
    let dev: DeviceLike | undefined;
    for (const a of args) {
      if (core.isOptions(a)) {
        dtype = toDType(core.opt(a, 'dtype')) ?? dtype;
        dev = core.opt<DeviceLike>(a, 'device') ?? dev;
      } else if (a instanceof Tensor) {
        dtype = a.core.dtype;
        dev = a.device;
      } else if (typeof a === 'string' && !core.isDType(a) && !a.startsWith('torch.')) dev = a;
      else if (a instanceof Device) dev = a;
      else if (a !== undefined) dtype = toDType(a as DTypeLike);
    }
    let t = this.core;
    if (dev !== undefined) {
      const b = backendFor(dev);
      if (b !== t.backend) t = core.toBackend(t, b);
    }
    if (dtype !== undefined) t = core.cast(t, dtype);
    return wrap(t);
  }
  cpu(): Tensor {
    return this.to('cpu');
  }
  cuda(): Tensor {
    return this.to('cuda');
  }
  float(): Tensor {
    return this.to(float32);
  }
  double(): Tensor {
    return this.to(float64);
  }
  int(): Tensor {
    return this.to(int32);
  }
  bool(): Tensor {
    return this.to(bool);
  }
  long(): Tensor {
    throw new core.DTypeError(`${NO_INT64}: use .int()`);
  }
  /** A copy that stays in the graph (CloneBackward0). */
  clone(): Tensor {
    return wrap(core.clone(this.core));
  }
  contiguous(): Tensor {
    return wrap(core.contiguous(this.core));
  }

  // ---- memory ------------------------------------------------------------------------------

  dispose(): void {
    this.core.dispose();
  }
  get disposed(): boolean {
    return this.core.disposed;
  }

  // ---- printing ----------------------------------------------------------------------------

  toString(): string {
    return tensorRepr(this.core);
  }
  [PY_STR](): string {
    return tensorRepr(this.core);
  }
  [PY_REPR](): string {
    return tensorRepr(this.core);
  }
  [INSPECT](): string {
    return tensorRepr(this.core);
  }
}

function toDType(d: DTypeLike | undefined): core.DType | undefined {
  return toCoreDType(d, 'to');
}

function scaled(other: TensorLike, alpha: number): core.TensorLike {
  return alpha === 1 ? toCore(other) : core.mul(toCore(other), alpha);
}

/** A tensor or a list of tensors, as a list (a nested array of numbers is one tensor's values). */
export function listOf(x: TensorLike | readonly (TensorLike | null)[] | unknown): TensorLike[] {
  if (!Array.isArray(x)) return [x as TensorLike];
  const list = x.length > 0 && x.every((e) => e == null || isTensorLike(e));
  return list || x.length === 0 ? [...x] : [x as TensorLike];
}
