/**
 * Loss functions. The ones PyTorch implements as one autograd node (nll_loss, mse_loss) are one
 * node here too, with PyTorch's names, so `loss.grad_fn` and the graph read as in PyTorch; their
 * backward rules are written with ops, so they differentiate again.
 */
import { applyCustom } from '../autograd/custom.js';
import { isFloat } from '../dtype.js';
import { tidy } from '../memory.js';
import { ShapeError, shapeStr } from '../shape.js';
import type { Tensor } from '../tensor.js';
import { arange } from './creation.js';
import { add, cast, div, eq, log, maximum, mul, ne, neg, sub, where } from './elementwise.js';
import { fused } from './fused.js';
import { gather } from './indexing.js';
import { reshape, squeeze, unsqueeze } from './movement.js';
import { logSoftmax, softplus } from './nn.js';
import { mean, sum } from './reduce.js';
import { asTensor, DTypeError, type TensorLike } from './util.js';

export type Reduction = 'mean' | 'sum' | 'none';

export interface LossOptions {
  reduction?: Reduction;
  weight?: TensorLike;
}

export interface ClassLossOptions extends LossOptions {
  /** Targets equal to it add nothing and do not count in the mean (PyTorch's ignore_index). */
  ignoreIndex?: number;
}

function checkReduction(reduction: string): Reduction {
  if (reduction === 'mean' || reduction === 'sum' || reduction === 'none') return reduction;
  throw new RangeError(`${reduction} is not a valid value for reduction`);
}

function reduce(x: Tensor, reduction: Reduction): Tensor {
  if (reduction === 'mean') return mean(x);
  return reduction === 'sum' ? sum(x) : x;
}

/**
 * Per-target weights, 0 where the target is ignored, and the targets made safe to index with:
 * what nll_loss and cross_entropy's label smoothing share. Shapes follow the target.
 */
function targetWeights(target: Tensor, nClasses: number, o: ClassLossOptions, dtype: string) {
  const keep = o.ignoreIndex === undefined ? null : ne(target, o.ignoreIndex);
  const safe = keep ? where(keep, target, 0) : target;
  let w: Tensor | null = null;
  if (o.weight !== undefined) {
    const cw = asTensor(o.weight, dtype as Tensor['dtype']);
    if (cw.ndim !== 1 || cw.shape[0] !== nClasses) {
      throw new ShapeError(
        `weight tensor should be defined either for all ${nClasses} classes or no classes but got weight tensor of shape: ${shapeStr(cw.shape)}`,
      );
    }
    w = reshape(gather(cw, 0, reshape(safe, [safe.size])), safe.shape);
  }
  if (keep) {
    const k = cast(keep, dtype as Tensor['dtype']);
    w = w ? mul(w, k) : k;
  }
  return { safe, w };
}

/**
 * Negative log likelihood of int32 class indices, given log-probabilities [N, C] or [C]: one
 * node, NllLossBackward0. The mean divides by the summed weights of the counted targets.
 */
export function nllLoss(logProbs: TensorLike, target: TensorLike, opts: ClassLossOptions = {}): Tensor {
  return tidy(() => {
    const lp = asTensor(logProbs);
    const tg = asTensor(target, 'int32');
    const reduction = checkReduction(opts.reduction ?? 'mean');
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
    const axis = batched ? 1 : 0;
    const nClasses = lp.shape[axis];
    const rows = batched ? tg.shape[0] : 1;
    return fused(
      'NllLossBackward0',
      [lp],
      (x) => {
        const { safe, w } = targetWeights(tg, nClasses, opts, x.dtype);
        const picked = squeeze(gather(x, axis, unsqueeze(safe, axis)), axis);
        const per = neg(w ? mul(picked, w) : picked);
        // d loss / d lp is −w at each row's target, over Σw (or the row count) for the mean.
        const classes = arange(nClasses, undefined, 1, { dtype: 'int32', backend: x.backend });
        const hot = cast(eq(classes, unsqueeze(safe, axis)), x.dtype);
        const coef = w ? mul(hot, unsqueeze(w, axis)) : hot;
        if (reduction === 'none') return [per, coef];
        if (reduction === 'sum') return [sum(per), coef];
        const denom = w ? sum(w) : null;
        return denom ? [div(sum(per), denom), coef, denom] : [mean(per), coef];
      },
      ([coef, denom], g) => {
        const gRow = reduction === 'none' ? unsqueeze(g, axis) : g;
        const scaled = reduction !== 'mean' ? gRow : denom ? div(gRow, denom) : div(gRow, rows);
        return [neg(mul(coef, scaled))];
      },
    );
  });
}

/**
 * Cross entropy from logits: int32 class indices, or class probabilities of the logits' shape.
 * The class axis is 1 for [N, C] and 0 for [C]. With indices it is nll_loss(log_softmax(z)),
 * as in PyTorch (NllLossBackward0 → LogSoftmaxBackward0).
 */
export function crossEntropy(
  logits: TensorLike,
  target: TensorLike,
  opts: ClassLossOptions & { labelSmoothing?: number } = {},
): Tensor {
  return tidy(() => {
    const z = asTensor(logits);
    const t = asTensor(target, Array.isArray(target) || typeof target === 'number' ? 'int32' : undefined);
    const classAxis = z.ndim === 1 ? 0 : 1;
    const nClasses = z.shape[classAxis];
    const lp = logSoftmax(z, classAxis);
    const eps = opts.labelSmoothing ?? 0;
    const reduction = checkReduction(opts.reduction ?? 'mean');
    // Class weights broadcast along the class axis.
    const cw =
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
      return reduce(neg(sum(cw ? mul(terms, cw) : terms, classAxis)), reduction);
    }
    const nll = nllLoss(lp, t, { ...opts, reduction: eps ? 'none' : reduction });
    if (!eps) return nll;
    // Label smoothing: (1 − ε)·nll + ε/C · Σ_c w_c·(−log p_c), over the counted targets; the
    // mean divides by Σ w_target, as nll does.
    const { w } = targetWeights(t, nClasses, { ...opts, weight: undefined }, z.dtype);
    let smooth = neg(sum(cw ? mul(lp, cw) : lp, classAxis));
    if (w) smooth = mul(smooth, w);
    const l = add(mul(nll, 1 - eps), mul(smooth, eps / nClasses));
    if (reduction !== 'mean') return reduce(l, reduction);
    if (opts.weight === undefined && opts.ignoreIndex === undefined) return mean(l);
    const counted = targetWeights(t, nClasses, opts, z.dtype).w!;
    return div(sum(l), sum(counted));
  });
}

/** Mean (or summed) squared error: one node, MseLossBackward0, when the shapes match. */
export function mseLoss(input: TensorLike, target: TensorLike, opts: { reduction?: Reduction } = {}): Tensor {
  return tidy(() => {
    const x = asTensor(input);
    const y = asTensor(target, x.dtype);
    const reduction = checkReduction(opts.reduction ?? 'mean');
    if (x.shape.join() !== y.shape.join() || x.dtype !== y.dtype) {
      // Broadcasting (PyTorch warns): ordinary ops reduce each gradient to its input's shape.
      const d = sub(x, y);
      return reduce(mul(d, d), reduction);
    }
    return fused(
      'MseLossBackward0',
      [x, y],
      // The inputs are saved, not their difference: backward must stay differentiable in them.
      (a, b) => {
        const d = sub(a, b);
        return [reduce(mul(d, d), reduction), a, b];
      },
      ([a, b], g) => {
        const gx = mul(mul(sub(a, b), g), reduction === 'mean' ? 2 / Math.max(a.size, 1) : 2);
        return [gx, neg(gx)];
      },
    );
  });
}

/** PyTorch's EPSILON is a float constant: 1e-12 rounded to float32. */
const BCE_EPSILON = Math.fround(1e-12);

/**
 * Binary cross entropy on probabilities. The logs are clamped at -100 and the input
 * gradient is g·(p - y) / max(p(1 - p), 1e-12), as PyTorch computes them, so saturated
 * probabilities give finite gradients.
 */
export function binaryCrossEntropy(p: TensorLike, target: TensorLike, opts: LossOptions = {}): Tensor {
  return tidy(() => {
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
    return reduce(
      opts.weight === undefined ? l : mul(l, opts.weight),
      checkReduction(opts.reduction ?? 'mean'),
    );
  });
}

/** (1 - y)·z + softplus(-z): stable for any logit, smooth at z = 0 (gradient sigmoid(z) - y). */
export function binaryCrossEntropyWithLogits(
  logits: TensorLike,
  target: TensorLike,
  opts: LossOptions & { posWeight?: TensorLike } = {},
): Tensor {
  return tidy(() => {
    const z = asTensor(logits);
    const y = cast(asTensor(target, z.dtype), z.dtype);
    const sp = softplus(neg(z));
    const l =
      opts.posWeight === undefined
        ? add(mul(sub(1, y), z), sp)
        : add(mul(sub(1, y), z), mul(add(mul(sub(opts.posWeight, 1), y), 1), sp));
    return reduce(
      opts.weight === undefined ? l : mul(l, opts.weight),
      checkReduction(opts.reduction ?? 'mean'),
    );
  });
}
