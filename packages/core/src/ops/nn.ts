import { tidy } from '../memory.js';
import { normAxis } from '../shape.js';
import type { Tensor } from '../tensor.js';
import { add, div, erf, exp, expm1, gt, log1p, minimum, mul, sub, where } from './elementwise.js';
import { fused } from './fused.js';
import { matmul } from './matmul.js';
import { matrixTranspose, transpose } from './movement.js';
import { logsumexp, max, sum } from './reduce.js';
import { asTensor, type TensorLike } from './util.js';

export const leakyRelu = (x: TensorLike, slope = 0.01): Tensor =>
  tidy(() => {
    const t = asTensor(x);
    return where(gt(t, 0), t, mul(t, slope));
  });
export const elu = (x: TensorLike, alpha = 1): Tensor =>
  tidy(() => {
    const t = asTensor(x);
    return where(gt(t, 0), t, mul(expm1(t), alpha));
  });
/** Exact GELU: x·Φ(x). */
export const gelu = (x: TensorLike): Tensor =>
  tidy(() => {
    const t = asTensor(x);
    return mul(mul(t, 0.5), add(erf(mul(t, Math.SQRT1_2)), 1));
  });
/**
 * log(1 + exp(x)), returning x above PyTorch's threshold of 20. The clamp inside keeps the
 * unselected branch finite, so its (zero) gradient cannot turn into nan.
 */
export const softplus = (x: TensorLike, threshold = 20): Tensor =>
  tidy(() => {
    const t = asTensor(x);
    return where(gt(t, threshold), t, log1p(exp(minimum(t, threshold))));
  });

/**
 * exp(x − max) / Σ exp(x − max) along axis: one node, SoftmaxBackward0, whose backward
 * y·(g − Σ g·y) uses the saved output.
 */
export function softmax(x: TensorLike, axis = -1): Tensor {
  const t = asTensor(x);
  const a = normAxis(axis, t.ndim, 'softmax');
  return fused(
    'SoftmaxBackward0',
    [t],
    (xi) => {
      const e = exp(sub(xi, max(xi, a, true)));
      const y = div(e, sum(e, a, true));
      return [y, y];
    },
    ([y], g) => [mul(y, sub(g, sum(mul(g, y), a, true)))],
  );
}

/** x − logsumexp(x): one node, LogSoftmaxBackward0; backward g − exp(y)·Σ g. */
export function logSoftmax(x: TensorLike, axis = -1): Tensor {
  const t = asTensor(x);
  const a = normAxis(axis, t.ndim, 'log_softmax');
  return fused(
    'LogSoftmaxBackward0',
    [t],
    (xi) => {
      const y = sub(xi, logsumexp(xi, a, true));
      return [y, y];
    },
    ([y], g) => [sub(g, mul(exp(y), sum(g, a, true)))],
  );
}

/** x · Wᵀ + b, with W of shape [out, in] (PyTorch's layout; a matrix W goes through TBackward0 as there). */
export function linear(x: TensorLike, weight: TensorLike, bias?: TensorLike | null): Tensor {
  return tidy(() => {
    const w = asTensor(weight);
    const y = matmul(x, w.ndim === 2 ? matrixTranspose(w) : transpose(w, -1, -2));
    return bias == null ? y : add(y, bias);
  });
}
