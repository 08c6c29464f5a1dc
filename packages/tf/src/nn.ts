/** `tf.nn`: activations, each a core op under TensorFlow's name and defaults. */
import * as core from '@polygrad/core';
import { InvalidArgumentError } from './errors.js';
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

const shapeText = (s: readonly number[]) => `(${s.join(', ')}${s.length === 1 ? ',' : ''})`;

/**
 * `tf.nn.sparse_softmax_cross_entropy_with_logits(labels, logits)`: per-example losses
 * −log softmax(logits)[label], with int32 labels of the logits' shape without the last axis.
 */
function sparseSoftmaxCrossEntropyWithLogits(...args: Rest): Tensor {
  const a = core.pyArgs('sparse_softmax_cross_entropy_with_logits', args, ['labels', 'logits', 'name']);
  const logits = toCore(a.logits);
  const labels = toCore(a.labels, 'int32');
  if (labels.dtype !== 'int32') {
    throw new TypeError(
      `Value for attr 'Tlabels' of ${labels.dtype} is not in the list of allowed values: int32, int64`,
    );
  }
  if (labels.ndim !== logits.ndim - 1) {
    throw new core.ShapeError(
      `Rank mismatch: Rank of labels (received ${labels.ndim}) should equal rank of logits minus 1 (received ${logits.ndim}).`,
    );
  }
  if (!core.sameShape(labels.shape, logits.shape.slice(0, -1))) {
    throw new core.ShapeError(
      `Shape mismatch: The shape of labels (received ${shapeText(labels.shape)}) should equal the shape of logits except for the last dimension (received ${shapeText(logits.shape)}).`,
    );
  }
  const outOfRange = (value: number, n: number) =>
    new InvalidArgumentError(
      `Received a label value of ${value} which is outside the valid range of [0, ${n}).  Label values: ${Array.from(labels.dataSync()).join(' ')}`,
    );
  return wrap(core.sparseSoftmaxCrossEntropy(logits, labels, { outOfRange }));
}

/**
 * `tf.nn.softmax_cross_entropy_with_logits(labels, logits, axis=-1)`: per-example losses
 * −Σ labels · log softmax(logits) along the class axis; gradients reach the labels too.
 */
function softmaxCrossEntropyWithLogits(...args: Rest): Tensor {
  const a = core.pyArgs('softmax_cross_entropy_with_logits', args, ['labels', 'logits', 'axis', 'name'], {
    axis: -1,
  });
  const logits = toCore(a.logits);
  const labels = toCore(a.labels, logits.dtype);
  try {
    core.broadcastShapes(logits.shape, labels.shape);
  } catch {
    throw new InvalidArgumentError(
      `logits and labels must be broadcastable: logits_size=[${logits.shape.join(',')}] labels_size=[${labels.shape.join(',')}]`,
    );
  }
  return wrap(core.softmaxCrossEntropy(logits, labels, Number(a.axis)));
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
  sparseSoftmaxCrossEntropyWithLogits,
  softmaxCrossEntropyWithLogits,
};
core.addPythonAliases(nn);
