/**
 * Tensor methods that delegate to the torch.* functions (x.exp() is torch.exp(x)), installed
 * on Tensor.prototype with their snake_case aliases. Operators are methods: `2 * x` is
 * `x.mul(2)`, `x ** 2` is `x.pow(2)`, `x == y` is `x.eq(y)`, `x[0, 1:]` is `x.index(0, '1:')`.
 */
import * as core from '@polygrad/core';
import * as creation from './creation.js';
import type { GradFn } from './grad-fn.js';
import { index } from './indexing.js';
import * as ops from './ops.js';
import * as red from './reductions.js';
import * as shape from './shape-ops.js';
import { type RemovableHandle, Tensor, type TensorLike, wrap } from './tensor.js';
import type { Kw, Rest, SnakeAliases } from './types.js';

const newLike =
  (f: (...a: any[]) => Tensor) =>
  (self: Tensor, ...args: unknown[]): Tensor => {
    const last = args[args.length - 1];
    const kw = core.isOptions(last) ? (args.pop() as Record<string, unknown>) : {};
    return f(...args, { dtype: self.dtype, device: self.device, ...kw });
  };

const METHODS = {
  // elementwise
  abs: ops.abs,
  neg: ops.neg,
  negative: ops.negative,
  sign: ops.sign,
  exp: ops.exp,
  log: ops.log,
  log1p: ops.log1p,
  expm1: ops.expm1,
  sqrt: ops.sqrt,
  rsqrt: ops.rsqrt,
  square: ops.square,
  reciprocal: ops.reciprocal,
  sin: ops.sin,
  cos: ops.cos,
  tan: ops.tan,
  tanh: ops.tanh,
  sigmoid: ops.sigmoid,
  relu: ops.relu,
  erf: ops.erf,
  floor: ops.floor,
  ceil: ops.ceil,
  round: ops.round,
  trunc: ops.trunc,
  logicalNot: ops.logicalNot,
  isnan: ops.isnan,
  add: ops.add,
  sub: ops.sub,
  subtract: ops.subtract,
  mul: ops.mul,
  multiply: ops.multiply,
  div: ops.div,
  divide: ops.divide,
  trueDivide: ops.trueDivide,
  pow: ops.pow,
  maximum: ops.maximum,
  minimum: ops.minimum,
  atan2: ops.atan2,
  eq: ops.eq,
  ne: ops.ne,
  lt: ops.lt,
  le: ops.le,
  gt: ops.gt,
  ge: ops.ge,
  logicalAnd: ops.logicalAnd,
  logicalOr: ops.logicalOr,
  equal: ops.equal,
  isclose: ops.isclose,
  allclose: ops.allclose,
  clamp: ops.clamp,
  clip: ops.clip,
  maskedFill: ops.maskedFill,
  where: (self: Tensor, condition: TensorLike, other: TensorLike): Tensor =>
    ops.where(condition, self, other),
  matmul: ops.matmul,
  mm: ops.mm,
  bmm: ops.bmm,
  mv: ops.mv,
  dot: ops.dot,
  outer: ops.outer,
  ger: ops.ger,
  // reductions
  sum: red.sum,
  mean: red.mean,
  prod: red.prod,
  amax: red.amax,
  amin: red.amin,
  argmax: red.argmax,
  argmin: red.argmin,
  var: red.variance,
  std: red.std,
  norm: red.norm,
  logsumexp: red.logsumexp,
  all: red.all,
  any: red.any,
  cumsum: red.cumsum,
  sort: red.sort,
  argsort: red.argsort,
  topk: red.topk,
  softmax: red.softmax,
  logSoftmax: red.logSoftmax,
  // views and indexing
  reshape: shape.reshape,
  view: shape.view,
  viewAs: shape.viewAs,
  reshapeAs: shape.reshapeAs,
  transpose: shape.transpose,
  swapaxes: shape.swapaxes,
  swapdims: shape.swapdims,
  t: shape.t,
  permute: shape.permute,
  unsqueeze: shape.unsqueeze,
  squeeze: shape.squeeze,
  expand: shape.expand,
  expandAs: shape.expandAs,
  broadcastTo: shape.broadcastTo,
  flatten: shape.flatten,
  unflatten: shape.unflatten,
  narrow: shape.narrow,
  select: shape.select,
  split: shape.split,
  chunk: shape.chunk,
  unbind: shape.unbind,
  gather: shape.gather,
  take: shape.take,
  takeAlongDim: shape.takeAlongDim,
  scatterAdd: shape.scatterAdd,
  indexSelect: shape.indexSelect,
  flip: shape.flip,
  repeat: shape.repeat,
  tile: shape.tile,
  repeatInterleave: shape.repeatInterleave,
  index,
  // conversion and creation from a template
  typeAs: (self: Tensor, other: Tensor): Tensor => self.to(other.dtype),
  newTensor: (self: Tensor, data: TensorLike, ...args: Rest<typeof creation.tensor>): Tensor =>
    newLike(creation.tensor)(self, data, ...args),
  newZeros: (self: Tensor, ...args: Parameters<typeof creation.zeros>): Tensor =>
    newLike(creation.zeros)(self, ...args),
  newOnes: (self: Tensor, ...args: Parameters<typeof creation.ones>): Tensor =>
    newLike(creation.ones)(self, ...args),
  newEmpty: (self: Tensor, ...args: Parameters<typeof creation.empty>): Tensor =>
    newLike(creation.empty)(self, ...args),
  newFull: (self: Tensor, ...args: Parameters<typeof creation.full>): Tensor =>
    newLike(creation.full)(self, ...args),
};

type MethodsOf<M> = {
  [K in keyof M]: (...args: Rest<M[K]>) => M[K] extends (...a: any[]) => infer R ? R : never;
};

/** Methods whose overloads a mapped type cannot carry. */
interface Overloaded {
  max(): Tensor;
  max(dim: number, keepdim?: boolean | Kw<{ keepdim?: boolean }>): red.ValuesIndices;
  max(opts: Kw<{ dim: number; keepdim?: boolean }>): red.ValuesIndices;
  max(other: TensorLike): Tensor;
  min(): Tensor;
  min(dim: number, keepdim?: boolean | Kw<{ keepdim?: boolean }>): red.ValuesIndices;
  min(opts: Kw<{ dim: number; keepdim?: boolean }>): red.ValuesIndices;
  min(other: TensorLike): Tensor;
  /** The dimensions reversed (a transpose for matrices). */
  readonly T: Tensor;
  /** The last two dimensions swapped. */
  readonly mT: Tensor;
}

/** The Python spellings of the class's own camelCase members. */
interface ClassAliases {
  requires_grad: boolean;
  requires_grad_(requiresGrad?: boolean): Tensor;
  readonly grad_fn: GradFn | null;
  readonly is_leaf: boolean;
  retain_grad(): void;
  readonly retains_grad: boolean;
  register_hook(fn: (grad: Tensor) => TensorLike | null | undefined | void): RemovableHandle;
  is_floating_point(): boolean;
  is_contiguous(): boolean;
  element_size(): number;
}

export interface TensorMethods
  extends MethodsOf<typeof METHODS>,
    SnakeAliases<MethodsOf<typeof METHODS>>,
    Overloaded,
    ClassAliases {}

declare module './tensor.js' {
  interface Tensor extends TensorMethods {}
}

let installed = false;

/** Puts the methods and their snake_case aliases on Tensor.prototype (once). */
export function installMethods(): void {
  if (installed) return;
  installed = true;
  const proto = Tensor.prototype as unknown as Record<string, unknown>;
  const all = { ...METHODS, max: red.max, min: red.min } as unknown as Record<
    string,
    (self: Tensor, ...a: unknown[]) => unknown
  >;
  for (const [name, f] of Object.entries(all)) {
    Object.defineProperty(proto, name, {
      value: function (this: Tensor, ...args: unknown[]) {
        return f(this, ...args);
      },
      writable: true,
      configurable: true,
    });
  }
  Object.defineProperty(proto, 'T', {
    get(this: Tensor) {
      const c = this.core;
      return wrap(
        core.permute(
          c,
          c.shape.map((_, i) => c.ndim - 1 - i),
        ),
      );
    },
    configurable: true,
  });
  Object.defineProperty(proto, 'mT', {
    get(this: Tensor) {
      return wrap(core.transpose(this.core, -2, -1));
    },
    configurable: true,
  });
  const names = Object.getOwnPropertyNames(proto).filter((k) => /[a-z][A-Z]/.test(k) && k !== 'mT');
  core.addPythonAliases(proto, names);
}
