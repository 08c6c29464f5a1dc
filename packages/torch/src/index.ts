/**
 * @polygrad/torch: PyTorch's autograd dialect on the polygrad engine. `torch` holds the
 * camelCase names and their exact Python spellings (`requires_grad_`, `no_grad`, …).
 */
import '@polygrad/backend-cpu';
import * as core from '@polygrad/core';
import * as ag from './autograd.js';
import * as creation from './creation.js';
import { device } from './device.js';
import { bool, float32, float64, int32, NO_INT64 } from './dtype.js';
import * as functional from './functional.js';
import { Ellipsis, slice } from './indexing.js';
import { installMethods } from './methods.js';

// Also as a type reference: methods.ts augments Tensor, and consumers' type checkers must see it.
export type { TensorMethods } from './methods.js';

import * as nnF from './nn.js';
import * as ops from './ops.js';
import { print, repr, setPrintoptions, str } from './printing.js';
import * as red from './reductions.js';
import * as shape from './shape-ops.js';
import { Size } from './size.js';
import { Tensor, type TensorLike, toCore, toCoreTensor } from './tensor.js';
import type { SnakeAliases } from './types.js';

installMethods();

function aliased<T extends object>(o: T): T & SnakeAliases<T> {
  core.addPythonAliases(o);
  return o as T & SnakeAliases<T>;
}

/** Exempts a tensor (of any facade) from the enclosing `tidy` scopes. */
export function keep<T extends TensorLike>(t: T): T {
  const c = toCore(t);
  if (core.isTensor(c)) core.keep(c);
  return t;
}
export const tidy: typeof core.tidy = core.tidy;
export const memory: typeof core.memory = core.memory;
export { print, repr, str };

const functionalNs = aliased({
  jacobian: functional.jacobian,
  hessian: functional.hessian,
  vjp: functional.vjp,
  jvp: functional.jvp,
});

const autograd = aliased({
  grad: ag.grad,
  backward: ag.backward,
  Function: ag.AutogradFunction,
  FunctionCtx: ag.FunctionCtx,
  gradcheck: ag.gradcheck,
  gradgradcheck: ag.gradgradcheck,
  functional: functionalNs,
  /** The recorded graph behind a tensor as Graphviz DOT (grad_fn names and shapes). */
  toDot: (t: TensorLike): string => core.toDot(toCoreTensor(t)),
});

const nnFunctional = aliased({ ...nnF });
const { returnType: _r, softmaxDim: _s, variance: _v, vectorNorm: _vn, matrixNorm: _mn, ...reductions } = red;
const { dimsOf: _d, ...shapeOps } = shape;
const nn = { functional: nnFunctional };
const linalg = aliased({
  vectorNorm: red.vectorNorm,
  matrixNorm: red.matrixNorm,
  norm: red.norm,
  matmul: ops.matmul,
  tensordot: ops.tensordot,
});

const base = {
  // types and constants
  Tensor,
  Size,
  float32,
  float: float32,
  float64,
  double: float64,
  int32,
  int: int32,
  bool,
  device,
  getDefaultDtype: () => float32,
  slice,
  Ellipsis,
  // creation
  ...creation,
  // math, reductions, views
  ...ops,
  ...reductions,
  var: red.variance,
  ...shapeOps,
  isTensor: (x: unknown): x is Tensor => x instanceof Tensor,
  numel: (x: TensorLike): number => toCoreTensor(x).size,
  // autograd
  autograd,
  noGrad: ag.noGrad,
  enableGrad: ag.enableGrad,
  setGradEnabled: ag.setGradEnabled,
  isGradEnabled: ag.isGradEnabled,
  inferenceMode: ag.inferenceMode,
  isInferenceModeEnabled: ag.isInferenceModeEnabled,
  // nn and linear algebra
  nn,
  linalg,
  // printing and memory
  print,
  str,
  repr,
  setPrintoptions,
  tidy,
  keep,
  memory,
};

for (const name of ['int64', 'long']) {
  Object.defineProperty(base, name, {
    get() {
      throw new core.DTypeError(NO_INT64);
    },
    enumerable: false,
  });
}

type Base = typeof base;

/** PyTorch style: `torch.tensor`, `torch.autograd.grad`, `torch.nn.functional.relu`, … */
export const torch: Base & SnakeAliases<Base> = aliased(base as Base);

export type { FunctionCtx } from './autograd.js';
export { Device } from './device.js';
export { DType } from './dtype.js';
export { AccumulateGrad, GradFn } from './grad-fn.js';
export { Slice } from './indexing.js';
export type { ValuesIndices } from './reductions.js';
export { Size } from './size.js';
export { RemovableHandle, Tensor, type TensorLike } from './tensor.js';
export default torch;
