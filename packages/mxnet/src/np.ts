/**
 * `mx.np` (MXNet's NumPy-compatible arrays: 0-d results, bool comparisons) and `mx.npx`
 * (the operators NumPy lacks: relu, sigmoid, softmax, and set_np).
 */
import * as core from '@polygrad/core';
import { CORE_TENSOR, pyArgs } from '@polygrad/core';
import { withAliases } from './aliases.js';
import { NP, NpArray } from './np-array.js';
import * as ops from './ops.js';
import { getPrintoptions, setPrintoptions } from './printing.js';
import { seed } from './random.js';
import { type HasCore, shapeOf } from './tensor-like.js';

type A = Record<string, any>;
const F = NP;

const py =
  <R>(name: string, names: string[], defaults: A, body: (a: A) => R) =>
  (...args: unknown[]): R =>
    body(pyArgs(name, args, names, defaults));

const un = (name: string, op: ops.UnaryName) => py(name, ['x', 'out'], {}, (a) => ops.unary(F, op, a.x));
const bin = (name: string, op: ops.BinaryName) =>
  py(name, ['x1', 'x2', 'out'], {}, (a) => ops.binary(F, op, a.x1, a.x2));
const cmp = (name: string, op: ops.CompareName) =>
  py(name, ['x1', 'x2', 'out'], {}, (a) => ops.compare(F, op, a.x1, a.x2));
const red = (name: string, op: ops.ReduceName) =>
  py(name, ['a', 'axis', 'dtype', 'out', 'keepdims'], { keepdims: false }, (a) =>
    ops.reduce(F, op, a.a, a.axis, a.keepdims, false, a.dtype),
  );
const size = (s: unknown) => (s === undefined || s === null ? [] : shapeOf(s, 'random'));

/** `np.random`: normal, uniform (size None gives a 0-d array) and seed. */
export const random = {
  normal: py('normal', ['loc', 'scale', 'size', 'dtype', 'ctx', 'out'], { loc: 0, scale: 1 }, (a) =>
    ops.randomNormal(F, a.loc, a.scale, size(a.size), a),
  ),
  uniform: py('uniform', ['low', 'high', 'size', 'dtype', 'ctx', 'out'], { low: 0, high: 1 }, (a) =>
    ops.randomUniform(F, a.low, a.high, size(a.size), a),
  ),
  seed,
};

/** `np.linalg`. */
export const linalg = {
  norm: py('norm', ['x', 'ord', 'axis', 'keepdims'], { keepdims: false }, (a) =>
    ops.norm(F, a.x, a.ord, a.axis, a.keepdims),
  ),
};

export const np = withAliases({
  ndarray: NpArray,
  random,
  linalg,
  float32: 'float32' as const,
  float64: 'float64' as const,
  int32: 'int32' as const,
  bool: 'bool' as const,
  bool_: 'bool' as const,

  /** Wraps a core tensor (or another facade's tensor) without copying. */
  from: (t: core.Tensor | HasCore): NpArray => new NpArray(core.isTensor(t) ? t : t[CORE_TENSOR]),

  // ---- creation ----
  array: py('array', ['object', 'dtype', 'ctx'], {}, (a) => ops.array(F, a.object, a)),
  asarray: py('asarray', ['a', 'dtype', 'ctx'], {}, (a) => ops.array(F, a.a, a)),
  arange: py('arange', ['start', 'stop', 'step', 'dtype', 'ctx'], { step: 1 }, (a) =>
    ops.arange(F, a.start, a.stop, a.step, 1, a),
  ),
  ones: py('ones', ['shape', 'dtype', 'order', 'ctx'], {}, (a) => ops.full(F, a.shape, 1, a)),
  zeros: py('zeros', ['shape', 'dtype', 'order', 'ctx'], {}, (a) => ops.full(F, a.shape, 0, a)),
  empty: py('empty', ['shape', 'dtype', 'order', 'ctx'], {}, (a) => ops.full(F, a.shape, 0, a)),
  full: py('full', ['shape', 'fillValue', 'dtype', 'order', 'ctx'], {}, (a) =>
    ops.full(F, a.shape, a.fillValue, a),
  ),
  onesLike: py('ones_like', ['a', 'dtype'], {}, (a) => ops.fullLike(F, a.a, 1, a.dtype)),
  zerosLike: py('zeros_like', ['a', 'dtype'], {}, (a) => ops.fullLike(F, a.a, 0, a.dtype)),
  fullLike: py('full_like', ['a', 'fillValue', 'dtype'], {}, (a) =>
    ops.fullLike(F, a.a, a.fillValue, a.dtype),
  ),
  eye: py('eye', ['N', 'M', 'k', 'dtype', 'ctx'], { k: 0 }, (a) => ops.eye(F, a.N, a.M, a.k, a)),

  // ---- indexing ----
  take: py('take', ['a', 'indices', 'axis', 'mode', 'out'], { axis: null, mode: 'raise' }, (a) =>
    ops.take(F, a.a, a.indices, a.axis, a.mode),
  ),
  takeAlongAxis: py('take_along_axis', ['arr', 'indices', 'axis'], {}, (a) => {
    if (a.axis === undefined)
      throw new TypeError("take_along_axis() missing 1 required positional argument: 'axis'");
    return ops.takeAlongAxis(F, a.arr, a.indices, a.axis);
  }),

  // ---- products and reductions ----
  dot: py('dot', ['a', 'b', 'out'], {}, (a) => ops.npDot(F, a.a, a.b)),
  matmul: py('matmul', ['a', 'b', 'out'], {}, (a) => ops.matmul(F, a.a, a.b)),
  sum: red('sum', 'sum'),
  mean: red('mean', 'mean'),
  max: red('max', 'max'),
  min: red('min', 'min'),
  amax: red('amax', 'max'),
  amin: red('amin', 'min'),
  prod: red('prod', 'prod'),
  argmax: py('argmax', ['a', 'axis', 'out'], {}, (a) => ops.arg(F, 'argmax', a.a, a.axis)),
  argmin: py('argmin', ['a', 'axis', 'out'], {}, (a) => ops.arg(F, 'argmin', a.a, a.axis)),

  // ---- elementwise ----
  exp: un('exp', 'exp'),
  log: un('log', 'log'),
  log1p: un('log1p', 'log1p'),
  expm1: un('expm1', 'expm1'),
  sqrt: un('sqrt', 'sqrt'),
  square: un('square', 'square'),
  abs: un('abs', 'abs'),
  absolute: un('absolute', 'abs'),
  sign: un('sign', 'sign'),
  negative: un('negative', 'neg'),
  reciprocal: un('reciprocal', 'reciprocal'),
  tanh: un('tanh', 'tanh'),
  sin: un('sin', 'sin'),
  cos: un('cos', 'cos'),
  floor: un('floor', 'floor'),
  ceil: un('ceil', 'ceil'),
  add: bin('add', 'add'),
  subtract: bin('subtract', 'sub'),
  multiply: bin('multiply', 'mul'),
  divide: bin('divide', 'div'),
  trueDivide: bin('true_divide', 'div'),
  power: bin('power', 'pow'),
  maximum: bin('maximum', 'maximum'),
  minimum: bin('minimum', 'minimum'),
  equal: cmp('equal', 'eq'),
  notEqual: cmp('not_equal', 'ne'),
  less: cmp('less', 'lt'),
  lessEqual: cmp('less_equal', 'le'),
  greater: cmp('greater', 'gt'),
  greaterEqual: cmp('greater_equal', 'ge'),
  where: py('where', ['condition', 'x', 'y'], {}, (a) => ops.where(F, a.condition, a.x, a.y)),
  clip: py('clip', ['a', 'aMin', 'aMax', 'out'], {}, (a) => ops.clip(F, a.a, a.aMin, a.aMax)),

  // ---- shape ----
  concatenate: py('concatenate', ['seq', 'axis', 'out'], { axis: 0 }, (a) => ops.concat(F, a.seq, a.axis)),
  concat: py('concat', ['seq', 'axis', 'out'], { axis: 0 }, (a) => ops.concat(F, a.seq, a.axis)),
  stack: py('stack', ['arrays', 'axis', 'out'], { axis: 0 }, (a) => ops.stack(F, a.arrays, a.axis)),
  split: py('split', ['ary', 'indicesOrSections', 'axis'], { axis: 0 }, (a) =>
    ops.split(F, a.ary, a.indicesOrSections, a.axis, true),
  ),
  arraySplit: py('array_split', ['ary', 'indicesOrSections', 'axis'], { axis: 0 }, (a) =>
    ops.split(F, a.ary, a.indicesOrSections, a.axis, false),
  ),
  pad: py(
    'pad',
    ['array', 'padWidth', 'mode', 'constantValues'],
    { mode: 'constant', constantValues: 0 },
    (a) => ops.pad(F, a.array, a.padWidth, a.mode, a.constantValues),
  ),
  reshape: py('reshape', ['a', 'newshape', 'order'], {}, (a) => ops.reshape(F, a.a, a.newshape)),
  transpose: py('transpose', ['a', 'axes'], {}, (a) => ops.transpose(F, a.a, a.axes)),
  broadcastTo: py('broadcast_to', ['array', 'shape'], {}, (a) => ops.broadcastTo(F, a.array, a.shape)),
  expandDims: py('expand_dims', ['a', 'axis'], {}, (a) => ops.expandDims(F, a.a, a.axis)),
  squeeze: py('squeeze', ['a', 'axis'], {}, (a) => ops.squeeze(F, a.a, a.axis)),
  ravel: py('ravel', ['x', 'order'], {}, (a) => ops.flatten(F, a.x)),
  swapaxes: py('swapaxes', ['a', 'axis1', 'axis2'], {}, (a) => ops.swapaxes(F, a.a, a.axis1, a.axis2)),

  // ---- printing ----
  setPrintoptions,
  getPrintoptions,
});

let npActive = false;

/** `mx.npx`: operators outside NumPy, and the switch MXNet needs for NumPy semantics. */
export const npx = withAliases({
  /** Turns on NumPy semantics in MXNet; in polygrad `np` arrays always have them, so it only records the call. */
  setNp: (..._args: unknown[]): void => {
    npActive = true;
  },
  resetNp: (): void => {
    npActive = false;
  },
  isNpArray: (): boolean => npActive,
  isNpShape: (): boolean => npActive,
  relu: py('relu', ['data'], {}, (a) => ops.unary(F, 'relu', a.data)),
  sigmoid: py('sigmoid', ['data'], {}, (a) => ops.unary(F, 'sigmoid', a.data)),
  softmax: py('softmax', ['data', 'axis', 'temperature'], { axis: -1 }, (a) =>
    ops.softmax(F, a.data, a.axis, a.temperature),
  ),
  logSoftmax: py('log_softmax', ['data', 'axis', 'temperature'], { axis: -1 }, (a) =>
    ops.softmax(F, a.data, a.axis, a.temperature, true),
  ),
  oneHot: py('one_hot', ['data', 'depth', 'onValue', 'offValue', 'dtype'], { onValue: 1, offValue: 0 }, (a) =>
    ops.oneHot(F, a.data, a.depth, a.onValue, a.offValue, a.dtype),
  ),
  pick: py(
    'pick',
    ['data', 'index', 'axis', 'mode', 'keepdims'],
    { axis: -1, mode: 'clip', keepdims: false },
    (a) => ops.pick(F, a.data, a.index, a.axis, a.keepdims, a.mode),
  ),
  random: { seed },
  waitall: (): void => {},
});
