/**
 * `tf.math`: elementwise math, comparisons and reductions, each a core op under TensorFlow's
 * name and argument order. `ROOT_MATH` lists those that TensorFlow 2 also has at the root
 * (`tf.exp`, `tf.add`, `tf.reduce_sum`, …); `tf.log` is accepted at the root too.
 */
import * as core from '@polygrad/core';
import { axesArg } from './args.js';
import { operand, type Tensor, type TensorLike, toCore, wrap } from './tensor.js';

export interface NameOption {
  name?: string;
}
export type UnaryOp = (x: TensorLike, options?: NameOption) => Tensor;
export type BinaryOp = (x: TensorLike, y: TensorLike, options?: NameOption) => Tensor;
export type ReduceOp = (
  inputTensor: TensorLike,
  axis?: number | readonly number[] | null | ReduceOptions,
  keepdims?: boolean | ReduceOptions,
  options?: ReduceOptions,
) => Tensor;
export interface ReduceOptions {
  axis?: number | readonly number[] | null;
  keepdims?: boolean;
  name?: string;
}

function unary(op: string, f: (x: core.Tensor) => core.Tensor): UnaryOp {
  return (...args: unknown[]) => {
    const a = core.pyArgs(op, args, ['x', 'name']);
    return wrap(f(toCore(a.x)));
  };
}

function binary(op: string, f: (x: core.TensorLike, y: core.TensorLike) => core.Tensor): BinaryOp {
  return (...args: unknown[]) => {
    const a = core.pyArgs(op, args, ['x', 'y', 'name']);
    return wrap(f(operand(a.x), operand(a.y)));
  };
}

type CoreReduce = (x: core.Tensor, axes: number | number[] | null, keepdims: boolean) => core.Tensor;

function reduction(op: string, f: CoreReduce): ReduceOp {
  return (...args: unknown[]) => {
    const a = core.pyArgs(op, args, ['inputTensor', 'axis', 'keepdims', 'name'], { keepdims: false });
    return wrap(f(toCore(a.inputTensor), axesArg(a.axis), Boolean(a.keepdims)));
  };
}

function argReduction(op: string, f: (x: core.Tensor, axis: number) => core.Tensor) {
  return (input: TensorLike, ...rest: unknown[]): Tensor => {
    const a = core.pyArgs(op, [input, ...rest], ['input', 'axis', 'outputType', 'name']);
    return wrap(f(toCore(a.input), a.axis === undefined || a.axis === null ? 0 : Number(a.axis)));
  };
}

/** `tf.math.add_n(inputs)`: the elementwise sum of a list of tensors. */
function addN(inputs: readonly TensorLike[], ...rest: unknown[]): Tensor {
  const a = core.pyArgs('add_n', [inputs, ...rest], ['inputs', 'name']);
  const ts = (a.inputs as TensorLike[]).map((t) => toCore(t));
  if (!ts.length)
    throw new Error('inputs must be a list of at least one Tensor with the same dtype and shape');
  return wrap(ts.slice(1).reduce((s, t) => core.add(s, t), core.clone(ts[0])));
}

/** TensorFlow's mean of int32 values truncates toward zero. */
const mean: CoreReduce = (x, ax, keep) => core.mean(x, ax, keep, { integer: 'truncate' });

export const math = {
  add: binary('add', core.add),
  subtract: binary('subtract', core.sub),
  multiply: binary('multiply', core.mul),
  divide: binary('divide', core.div),
  truediv: binary('truediv', core.div),
  pow: binary('pow', core.pow),
  // TensorFlow's gradient goes wholly to x where x >= y (x <= y for minimum).
  maximum: binary('maximum', (x, y) => core.maximum(x, y, 'first')),
  minimum: binary('minimum', (x, y) => core.minimum(x, y, 'first')),
  equal: binary('equal', core.eq),
  notEqual: binary('not_equal', core.ne),
  less: binary('less', core.lt),
  lessEqual: binary('less_equal', core.le),
  greater: binary('greater', core.gt),
  greaterEqual: binary('greater_equal', core.ge),
  logicalAnd: binary('logical_and', core.logicalAnd),
  logicalOr: binary('logical_or', core.logicalOr),
  logicalNot: unary('logical_not', core.logicalNot),

  abs: unary('abs', core.abs),
  negative: unary('negative', core.neg),
  square: unary('square', core.square),
  sqrt: unary('sqrt', core.sqrt),
  rsqrt: unary('rsqrt', core.rsqrt),
  reciprocal: unary('reciprocal', core.reciprocal),
  exp: unary('exp', core.exp),
  expm1: unary('expm1', core.expm1),
  log: unary('log', core.log),
  log1p: unary('log1p', core.log1p),
  sin: unary('sin', core.sin),
  cos: unary('cos', core.cos),
  tan: unary('tan', core.tan),
  tanh: unary('tanh', core.tanh),
  sigmoid: unary('sigmoid', core.sigmoid),
  softplus: unary('softplus', (x) => core.softplus(x)),
  sign: unary('sign', core.sign),
  floor: unary('floor', core.floor),
  ceil: unary('ceil', core.ceil),
  round: unary('round', core.round),
  isNan: unary('is_nan', core.isnan),

  reduceSum: reduction('reduce_sum', core.sum),
  reduceMean: reduction('reduce_mean', mean),
  reduceMax: reduction('reduce_max', core.max),
  reduceMin: reduction('reduce_min', core.min),
  reduceProd: reduction('reduce_prod', core.prod),
  reduceLogsumexp: reduction('reduce_logsumexp', core.logsumexp),
  reduceStd: reduction('reduce_std', (x, ax, keep) => core.std(x, ax, 0, keep)),
  reduceVariance: reduction('reduce_variance', (x, ax, keep) => core.variance(x, ax, 0, keep)),
  argmax: argReduction('argmax', core.argmax),
  argmin: argReduction('argmin', core.argmin),
  addN,
};
core.addPythonAliases(math);

/** The tf.math names TensorFlow 2 also exports at the root of `tf`. */
export const ROOT_MATH = [
  'add',
  'subtract',
  'multiply',
  'divide',
  'truediv',
  'pow',
  'maximum',
  'minimum',
  'equal',
  'notEqual',
  'less',
  'lessEqual',
  'greater',
  'greaterEqual',
  'logicalAnd',
  'logicalOr',
  'logicalNot',
  'abs',
  'negative',
  'square',
  'sqrt',
  'exp',
  'sin',
  'cos',
  'tan',
  'tanh',
  'sigmoid',
  'sign',
  'floor',
  'round',
  'reduceSum',
  'reduceMean',
  'reduceMax',
  'reduceMin',
  'reduceProd',
  'reduceLogsumexp',
  'argmax',
  'argmin',
  'addN',
  // Not at TensorFlow 2's root (it is tf.math.log there), accepted for TF 1 habits.
  'log',
] as const satisfies readonly (keyof typeof math)[];
