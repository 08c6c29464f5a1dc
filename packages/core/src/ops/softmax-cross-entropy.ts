import { ShapeError, sameShape, shapeStr } from '../shape.js';
import type { Tensor } from '../tensor.js';
import { cast, mul, neg } from './elementwise.js';
import { logSoftmax } from './nn.js';
import { pick } from './pick.js';
import { sum } from './reduce.js';
import type { IndexModeOptions } from './take.js';
import { asTensor, type TensorLike } from './util.js';

/**
 * Per-example softmax cross entropy against class probabilities, `-Σ labels · log_softmax(logits)`
 * along `axis` (the class axis, last by default), not reduced: TensorFlow's
 * softmax_cross_entropy_with_logits. Labels and logits broadcast. Differentiable in both (the
 * logits' gradient is softmax(logits)·Σlabels − labels, the labels' −log_softmax(logits)).
 */
export function softmaxCrossEntropy(logits: TensorLike, labels: TensorLike, axis = -1): Tensor {
  const z = asTensor(logits);
  const p = cast(asTensor(labels, z.dtype), z.dtype);
  return neg(sum(mul(logSoftmax(z, axis), p), axis));
}

/**
 * Per-example softmax cross entropy against int32 class indices along the last axis,
 * `-log_softmax(logits)[..., label]`, not reduced: TensorFlow's
 * sparse_softmax_cross_entropy_with_logits. Labels have the logits' shape without the class
 * axis; a label out of range is an error (`outOfRange` gives its text). Differentiable in the
 * logits (softmax(logits) − one_hot(labels)).
 */
export function sparseSoftmaxCrossEntropy(
  logits: TensorLike,
  labels: TensorLike,
  opts: Pick<IndexModeOptions, 'outOfRange'> = {},
): Tensor {
  const z = asTensor(logits);
  const y = asTensor(labels, Array.isArray(labels) || typeof labels === 'number' ? 'int32' : undefined);
  if (z.ndim === 0 || !sameShape(y.shape, z.shape.slice(0, -1))) {
    throw new ShapeError(
      `sparse_softmax_cross_entropy: labels of shape ${shapeStr(y.shape)} do not fit logits of shape ${shapeStr(z.shape)} (expected ${shapeStr(z.shape.slice(0, -1))})`,
    );
  }
  return neg(pick(logSoftmax(z, -1), y, -1, { mode: 'raise', negative: false, ...opts }));
}
