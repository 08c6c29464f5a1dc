import { applyCustom } from '../autograd/custom.js';
import { isFloat } from '../dtype.js';
import { ShapeError, shapeStr } from '../shape.js';
import type { Tensor } from '../tensor.js';
import {
  add,
  cast,
  div,
  erf,
  exp,
  expm1,
  gt,
  log,
  log1p,
  maximum,
  minimum,
  mul,
  neg,
  sub,
  where,
} from './elementwise.js';
import { gather } from './indexing.js';
import { matmul } from './matmul.js';
import { detach, reshape, squeeze, transpose, unsqueeze } from './movement.js';
import { logsumexp, max, mean, sum } from './reduce.js';
import { asTensor, DTypeError, type TensorLike } from './util.js';

export type Reduction = 'mean' | 'sum' | 'none';

function reduce(x: Tensor, reduction: Reduction): Tensor {
  if (reduction === 'mean') return mean(x);
  if (reduction === 'sum') return sum(x);
  if (reduction === 'none') return x;
  throw new RangeError(`${reduction} is not a valid value for reduction`);
}

export const leakyRelu = (x: TensorLike, slope = 0.01) => {
  const t = asTensor(x);
  return where(gt(t, 0), t, mul(t, slope));
};
export const elu = (x: TensorLike, alpha = 1) => {
  const t = asTensor(x);
  return where(gt(t, 0), t, mul(expm1(t), alpha));
};
/** Exact GELU: x·Φ(x). */
export const gelu = (x: TensorLike) => {
  const t = asTensor(x);
  return mul(mul(t, 0.5), add(erf(mul(t, Math.SQRT1_2)), 1));
};
/**
 * log(1 + exp(x)), returning x above PyTorch's threshold of 20. The clamp inside keeps the
 * unselected branch finite, so its (zero) gradient cannot turn into nan.
 */
export const softplus = (x: TensorLike, threshold = 20) => {
  const t = asTensor(x);
  return where(gt(t, threshold), t, log1p(exp(minimum(t, threshold))));
};

/** exp(x - max) / sum(exp(x - max)) along axis; the shift is a constant, so gradients are exact. */
export function softmax(x: TensorLike, axis = -1): Tensor {
  const t = asTensor(x);
  const e = exp(sub(t, detach(max(t, axis, true))));
  return div(e, sum(e, axis, true));
}

export function logSoftmax(x: TensorLike, axis = -1): Tensor {
  const t = asTensor(x);
  return sub(t, logsumexp(t, axis, true));
}

export interface LossOptions {
  reduction?: Reduction;
  weight?: TensorLike;
}

/** Negative log likelihood of int32 class indices, given log-probabilities [N, C] or [C]. */
export function nllLoss(logProbs: TensorLike, target: TensorLike, opts: LossOptions = {}): Tensor {
  const lp = asTensor(logProbs);
  const tg = asTensor(target, 'int32');
  if (tg.dtype !== 'int32')
    throw new DTypeError(`nll_loss: expected int32 class indices for target but got ${tg.dtype}`);
  const batched = lp.ndim === 2;
  if (
    (batched && (tg.ndim !== 1 || tg.shape[0] !== lp.shape[0])) ||
    (!batched && (lp.ndim !== 1 || tg.ndim !== 0))
  ) {
    throw new ShapeError(
      `nll_loss: input ${shapeStr(lp.shape)} and target ${shapeStr(tg.shape)} do not match (expected [N, C] with [N], or [C] with [])`,
    );
  }
  const picked = batched
    ? squeeze(gather(lp, 1, unsqueeze(tg, 1)), 1)
    : squeeze(gather(lp, 0, unsqueeze(tg, 0)), 0);
  const nll = neg(picked);
  if (opts.weight === undefined) return reduce(nll, opts.reduction ?? 'mean');
  const w = gather(asTensor(opts.weight, lp.dtype), 0, batched ? tg : unsqueeze(tg, 0));
  const wl = mul(nll, batched ? w : squeeze(w, 0));
  if ((opts.reduction ?? 'mean') === 'mean') return div(sum(wl), sum(w));
  return reduce(wl, opts.reduction ?? 'mean');
}

/**
 * Cross entropy from logits: int32 class indices, or class probabilities of the logits' shape.
 * `axis` is the class axis (1 for [N, C], 0 for [C]).
 */
export function crossEntropy(
  logits: TensorLike,
  target: TensorLike,
  opts: LossOptions & { labelSmoothing?: number } = {},
): Tensor {
  const z = asTensor(logits);
  const t = asTensor(target, Array.isArray(target) || typeof target === 'number' ? 'int32' : undefined);
  const classAxis = z.ndim === 1 ? 0 : 1;
  const nClasses = z.shape[classAxis];
  const lp = logSoftmax(z, classAxis);
  const eps = opts.labelSmoothing ?? 0;
  const reduction = opts.reduction ?? 'mean';
  // Class weights broadcast along the class axis.
  const w =
    opts.weight === undefined
      ? null
      : reshape(
          asTensor(opts.weight, z.dtype),
          z.ndim === 1 ? [nClasses] : [nClasses, ...z.shape.slice(2).map(() => 1)],
        );
  if (isFloat(t.dtype)) {
    if (t.shape.join() !== z.shape.join()) {
      throw new ShapeError(
        `cross_entropy: probability target ${shapeStr(t.shape)} must match input ${shapeStr(z.shape)}`,
      );
    }
    const p = eps ? add(mul(t, 1 - eps), eps / nClasses) : t;
    const terms = mul(lp, p);
    return reduce(neg(sum(w ? mul(terms, w) : terms, classAxis)), reduction);
  }
  const nll = nllLoss(lp, t, { ...opts, reduction: eps ? 'none' : reduction });
  if (!eps) return nll;
  // Label smoothing: (1 - ε)·nll + ε/C · Σ_c w_c·(-log p_c); the mean divides by Σ w_target as nll does.
  const smooth = neg(sum(w ? mul(lp, w) : lp, classAxis));
  const l = add(mul(nll, 1 - eps), mul(smooth, eps / nClasses));
  if (reduction === 'mean' && w) {
    const wt = gather(reshape(w, [nClasses]), 0, reshape(t, [t.size]));
    return div(sum(l), sum(wt));
  }
  return reduce(l, reduction);
}

export function mseLoss(input: TensorLike, target: TensorLike, opts: { reduction?: Reduction } = {}): Tensor {
  const d = sub(asTensor(input), target);
  return reduce(mul(d, d), opts.reduction ?? 'mean');
}

/**
 * Binary cross entropy on probabilities. The logs are clamped at -100 and the input
 * gradient is g·(p - y) / max(p(1 - p), 1e-12), as PyTorch computes them, so saturated
 * probabilities give finite gradients.
 */
/** PyTorch's EPSILON is a float constant: 1e-12 rounded to float32. */
const BCE_EPSILON = Math.fround(1e-12);

export function binaryCrossEntropy(p: TensorLike, target: TensorLike, opts: LossOptions = {}): Tensor {
  const x = asTensor(p);
  const y = cast(asTensor(target, x.dtype), x.dtype);
  if (x.shape.join() !== y.shape.join()) {
    throw new ShapeError(
      `Using a target size (${shapeStr(y.shape)}) that is different to the input size (${shapeStr(x.shape)}) is deprecated. Please ensure they have the same size.`,
    );
  }
  const l = applyCustom(
    'BinaryCrossEntropyBackward0',
    (ctx, xi, yi) => {
      ctx.saveForBackward(xi, yi);
      return neg(add(mul(yi, maximum(log(xi), -100)), mul(sub(1, yi), maximum(log(sub(1, xi)), -100))));
    },
    (ctx, g) => {
      const [xs, ys] = ctx.savedTensors;
      const gx = div(mul(g, sub(xs, ys)), maximum(mul(sub(1, xs), xs), BCE_EPSILON));
      const gy = mul(g, sub(log(sub(1, xs)), log(xs)));
      return [gx, gy];
    },
    [x, y],
  ) as Tensor;
  return reduce(opts.weight === undefined ? l : mul(l, opts.weight), opts.reduction ?? 'mean');
}

/** (1 - y)·z + softplus(-z): stable for any logit, smooth at z = 0 (gradient sigmoid(z) - y). */
export function binaryCrossEntropyWithLogits(
  logits: TensorLike,
  target: TensorLike,
  opts: LossOptions & { posWeight?: TensorLike } = {},
): Tensor {
  const z = asTensor(logits);
  const y = cast(asTensor(target, z.dtype), z.dtype);
  const sp = softplus(neg(z));
  const l =
    opts.posWeight === undefined
      ? add(mul(sub(1, y), z), sp)
      : add(mul(sub(1, y), z), mul(add(mul(sub(opts.posWeight, 1), y), 1), sp));
  return reduce(opts.weight === undefined ? l : mul(l, opts.weight), opts.reduction ?? 'mean');
}

/** x · Wᵀ + b, with W of shape [out, in] (PyTorch's layout). */
export function linear(x: TensorLike, weight: TensorLike, bias?: TensorLike | null): Tensor {
  const y = matmul(x, transpose(asTensor(weight), -1, -2));
  return bias == null ? y : add(y, bias);
}
