/**
 * `mx.nd`, MXNet 1.x's NDArray API. Every function takes its Python parameters positionally
 * in Python's order or by name in a trailing options object (either spelling).
 */
import * as core from '@polygrad/core';
import { CORE_TENSOR, pyArgs } from '@polygrad/core';
import { withAliases } from './aliases.js';
import { ND, NDArray } from './ndarray.js';
import * as ops from './ops.js';
import { seed } from './random.js';
import { type ArrayLike, type HasCore, hasCore, shapeOf } from './tensor-like.js';

type X = ArrayLike;
type A = Record<string, any>;
const F = ND;

/** A function with Python's parameter binding. */
const py =
  <R>(name: string, names: string[], defaults: A, body: (a: A) => R) =>
  (...args: unknown[]): R =>
    body(pyArgs(name, args, names, defaults));

const un = (name: string, op: ops.UnaryName) => py(name, ['data'], {}, (a) => ops.unary(F, op, a.data));
const bin = (name: string, op: ops.BinaryName) =>
  py(name, ['lhs', 'rhs'], {}, (a) => ops.binary(F, op, a.lhs, a.rhs));
const cmp = (name: string, op: ops.CompareName) =>
  py(name, ['lhs', 'rhs'], {}, (a) => ops.compare(F, op, a.lhs, a.rhs));
const red = (name: string, op: ops.ReduceName) =>
  py(name, ['data', 'axis', 'keepdims', 'exclude'], { keepdims: false, exclude: false }, (a) =>
    ops.reduce(F, op, a.data, a.axis, a.keepdims, a.exclude),
  );

/** `*data` then keyword options: `f(a, b, { dim: 0 })`, or one JS array of arrays. */
export function variadicArrays(args: readonly unknown[]): [X[], A] {
  const last = args[args.length - 1];
  const kw = core.isOptions(last) ? (last as A) : {};
  const pos = (core.isOptions(last) ? args.slice(0, -1) : args) as X[];
  const list = pos.length === 1 && Array.isArray(pos[0]) && pos[0].every(isArrayish) ? (pos[0] as X[]) : pos;
  return [list, kw];
}
const isArrayish = (v: unknown) => hasCore(v) || Array.isArray(v) || core.isTensor(v);

const shapeArg = (s: unknown) => (s === undefined || s === null ? [1] : shapeOf(s, 'random'));

const normal = py('normal', ['loc', 'scale', 'shape', 'dtype', 'ctx', 'out'], { loc: 0, scale: 1 }, (a) =>
  ops.randomNormal(F, a.loc, a.scale, shapeArg(a.shape), a),
);
const uniform = py('uniform', ['low', 'high', 'shape', 'dtype', 'ctx', 'out'], { low: 0, high: 1 }, (a) =>
  ops.randomUniform(F, a.low, a.high, shapeArg(a.shape), a),
);

/** `nd.random`: normal, uniform and seed. */
export const random = { normal, uniform, seed };

export const nd = withAliases({
  NDArray,
  random,

  /** Wraps a core tensor (or another facade's tensor) without copying. */
  from: (t: core.Tensor | HasCore): NDArray => new NDArray(core.isTensor(t) ? t : t[CORE_TENSOR]),

  // ---- creation ----
  array: py('array', ['sourceArray', 'ctx', 'dtype'], {}, (a) => ops.array(F, a.sourceArray, a)),
  arange: py(
    'arange',
    ['start', 'stop', 'step', 'repeat', 'inferRange', 'ctx', 'dtype'],
    { step: 1, repeat: 1 },
    (a) => ops.arange(F, a.start, a.stop, a.step, a.repeat, a),
  ),
  ones: py('ones', ['shape', 'ctx', 'dtype'], {}, (a) => ops.full(F, a.shape, 1, a)),
  zeros: py('zeros', ['shape', 'ctx', 'dtype'], {}, (a) => ops.full(F, a.shape, 0, a)),
  empty: py('empty', ['shape', 'ctx', 'dtype'], {}, (a) => ops.full(F, a.shape, 0, a)),
  full: py('full', ['shape', 'val', 'ctx', 'dtype', 'out'], {}, (a) => ops.full(F, a.shape, a.val, a)),
  onesLike: py('ones_like', ['data'], {}, (a) => ops.fullLike(F, a.data, 1)),
  zerosLike: py('zeros_like', ['data'], {}, (a) => ops.fullLike(F, a.data, 0)),
  eye: py('eye', ['N', 'M', 'k', 'ctx', 'dtype'], { M: 0, k: 0 }, (a) => ops.eye(F, a.N, a.M || a.N, a.k, a)),
  randomNormal: normal,
  randomUniform: uniform,

  // ---- products and reductions ----
  dot: py(
    'dot',
    ['lhs', 'rhs', 'transposeA', 'transposeB', 'forwardStype'],
    { transposeA: false, transposeB: false },
    (a) => ops.ndDot(F, a.lhs, a.rhs, a.transposeA, a.transposeB),
  ),
  batchDot: py('batch_dot', ['lhs', 'rhs'], {}, (a) => ops.matmul(F, a.lhs, a.rhs)),
  sum: red('sum', 'sum'),
  mean: red('mean', 'mean'),
  max: red('max', 'max'),
  min: red('min', 'min'),
  prod: red('prod', 'prod'),
  argmax: py('argmax', ['data', 'axis', 'keepdims'], { keepdims: false }, (a) =>
    ops.arg(F, 'argmax', a.data, a.axis, a.keepdims),
  ),
  argmin: py('argmin', ['data', 'axis', 'keepdims'], { keepdims: false }, (a) =>
    ops.arg(F, 'argmin', a.data, a.axis, a.keepdims),
  ),
  norm: py('norm', ['data', 'ord', 'axis', 'outDtype', 'keepdims'], { ord: 2, keepdims: false }, (a) =>
    ops.norm(F, a.data, a.ord, a.axis, a.keepdims),
  ),

  // ---- elementwise ----
  exp: un('exp', 'exp'),
  log: un('log', 'log'),
  sqrt: un('sqrt', 'sqrt'),
  square: un('square', 'square'),
  abs: un('abs', 'abs'),
  sign: un('sign', 'sign'),
  relu: un('relu', 'relu'),
  sigmoid: un('sigmoid', 'sigmoid'),
  tanh: un('tanh', 'tanh'),
  negative: un('negative', 'neg'),
  softmax: py('softmax', ['data', 'axis', 'temperature', 'dtype', 'useLength'], { axis: -1 }, (a) =>
    ops.softmax(F, a.data, a.axis, a.temperature),
  ),
  logSoftmax: py('log_softmax', ['data', 'axis', 'temperature', 'dtype', 'useLength'], { axis: -1 }, (a) =>
    ops.softmax(F, a.data, a.axis, a.temperature, true),
  ),
  add: bin('add', 'add'),
  subtract: bin('subtract', 'sub'),
  multiply: bin('multiply', 'mul'),
  divide: bin('divide', 'div'),
  power: bin('power', 'pow'),
  maximum: bin('maximum', 'maximum'),
  minimum: bin('minimum', 'minimum'),
  elemwiseAdd: bin('elemwise_add', 'add'),
  elemwiseSub: bin('elemwise_sub', 'sub'),
  elemwiseMul: bin('elemwise_mul', 'mul'),
  elemwiseDiv: bin('elemwise_div', 'div'),
  broadcastAdd: bin('broadcast_add', 'add'),
  broadcastSub: bin('broadcast_sub', 'sub'),
  broadcastMul: bin('broadcast_mul', 'mul'),
  broadcastDiv: bin('broadcast_div', 'div'),
  broadcastPower: bin('broadcast_power', 'pow'),
  broadcastMaximum: bin('broadcast_maximum', 'maximum'),
  broadcastMinimum: bin('broadcast_minimum', 'minimum'),
  equal: cmp('equal', 'eq'),
  notEqual: cmp('not_equal', 'ne'),
  greater: cmp('greater', 'gt'),
  greaterEqual: cmp('greater_equal', 'ge'),
  lesser: cmp('lesser', 'lt'),
  lesserEqual: cmp('lesser_equal', 'le'),
  where: py('where', ['condition', 'x', 'y'], {}, (a) => ops.where(F, a.condition, a.x, a.y)),
  clip: py('clip', ['data', 'aMin', 'aMax'], {}, (a) => ops.clip(F, a.data, a.aMin, a.aMax)),

  // ---- indexing ----
  take: py('take', ['a', 'indices', 'axis', 'mode'], { axis: 0, mode: 'clip' }, (a) =>
    ops.take(F, a.a, a.indices, a.axis, a.mode),
  ),
  pick: py(
    'pick',
    ['data', 'index', 'axis', 'keepdims', 'mode'],
    { axis: -1, keepdims: false, mode: 'clip' },
    (a) => ops.pick(F, a.data, a.index, a.axis, a.keepdims, a.mode),
  ),
  oneHot: py(
    'one_hot',
    ['indices', 'depth', 'onValue', 'offValue', 'dtype'],
    { onValue: 1, offValue: 0 },
    (a) => ops.oneHot(F, a.indices, a.depth, a.onValue, a.offValue, a.dtype),
  ),

  // ---- shape ----
  concat: (...args: unknown[]): NDArray => {
    const [list, kw] = variadicArrays(args);
    return ops.concat(F, list, core.opt(kw, 'dim', 1));
  },
  stack: (...args: unknown[]): NDArray => {
    const [list, kw] = variadicArrays(args);
    return ops.stack(F, list, core.opt(kw, 'axis', 0));
  },
  reshape: py('reshape', ['data', 'shape', 'reverse'], { reverse: false }, (a) =>
    ops.reshape(F, a.data, a.shape, a.reverse),
  ),
  transpose: py('transpose', ['data', 'axes'], {}, (a) => ops.transpose(F, a.data, a.axes)),
  broadcastTo: py('broadcast_to', ['data', 'shape'], {}, (a) => ops.broadcastTo(F, a.data, a.shape)),
  expandDims: py('expand_dims', ['data', 'axis'], {}, (a) => ops.expandDims(F, a.data, a.axis)),
  squeeze: py('squeeze', ['data', 'axis'], {}, (a) => ops.squeeze(F, a.data, a.axis)),
  flatten: py('flatten', ['data'], {}, (a) => ops.flatten(F, a.data)),
  swapaxes: py('swapaxes', ['data', 'dim1', 'dim2'], { dim1: 0, dim2: 0 }, (a) =>
    ops.swapaxes(F, a.data, a.dim1, a.dim2),
  ),

  /** MXNet runs asynchronously; polygrad's CPU work is done when a call returns. */
  waitall: (): void => {},
});
