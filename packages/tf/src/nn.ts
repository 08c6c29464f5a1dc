/** `tf.nn`: activations, each a core op under TensorFlow's name and defaults. */
import * as core from '@polygrad/core';
import { type Tensor, type TensorLike, toCore, wrap } from './tensor.js';

type Rest = unknown[];

function activation(op: string, f: (x: core.Tensor) => core.Tensor) {
  return (features: TensorLike, ...rest: Rest): Tensor => {
    const a = core.pyArgs(op, [features, ...rest], ['features', 'name']);
    return wrap(f(toCore(a.features)));
  };
}

function alongAxis(op: string, f: (x: core.Tensor, axis: number) => core.Tensor) {
  return (logits: TensorLike, ...rest: Rest): Tensor => {
    const a = core.pyArgs(op, [logits, ...rest], ['logits', 'axis', 'name']);
    return wrap(f(toCore(a.logits), a.axis === undefined || a.axis === null ? -1 : Number(a.axis)));
  };
}

/** `tf.nn.leaky_relu(features, alpha = 0.2)`. */
function leakyRelu(features: TensorLike, ...rest: Rest): Tensor {
  const a = core.pyArgs('leaky_relu', [features, ...rest], ['features', 'alpha', 'name'], { alpha: 0.2 });
  return wrap(core.leakyRelu(toCore(a.features), Number(a.alpha)));
}

/** `tf.nn.gelu(features, approximate = false)`: the exact (erf) form. */
function gelu(features: TensorLike, ...rest: Rest): Tensor {
  const a = core.pyArgs('gelu', [features, ...rest], ['features', 'approximate', 'name']);
  if (a.approximate) throw new RangeError('tf.nn.gelu: approximate=True is not supported by polygrad');
  return wrap(core.gelu(toCore(a.features)));
}

function sigmoid(x: TensorLike, ...rest: Rest): Tensor {
  const a = core.pyArgs('sigmoid', [x, ...rest], ['x', 'name']);
  return wrap(core.sigmoid(toCore(a.x)));
}

export const nn = {
  relu: activation('relu', core.relu),
  sigmoid,
  tanh: activation('tanh', core.tanh),
  softplus: activation('softplus', (x) => core.softplus(x)),
  elu: activation('elu', (x) => core.elu(x)),
  leakyRelu,
  gelu,
  softmax: alongAxis('softmax', core.softmax),
  logSoftmax: alongAxis('log_softmax', core.logSoftmax),
};
core.addPythonAliases(nn);
