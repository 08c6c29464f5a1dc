/** torch.nn.functional: activations, linear, and the losses, with PyTorch's parameters. */
import * as core from '@polygrad/core';
import * as red from './reductions.js';
import { type Tensor, type TensorLike, toCoreTensor, wrap } from './tensor.js';
import type { Kw, PyCall } from './types.js';

const ct = (x: TensorLike) => toCoreTensor(x);
type Reduction = core.Reduction;

export function relu(
  input: TensorLike,
  ...args: PyCall<[inplace?: boolean], Kw<{ inplace?: boolean }>>
): Tensor {
  const { inplace = false } = core.pyArgs('relu', args, ['inplace']);
  const t = ct(input);
  return wrap(inplace ? core.inplace(t, (x) => core.relu(x), 0) : core.relu(t));
}
export const sigmoid = (input: TensorLike): Tensor => wrap(core.sigmoid(ct(input)));
export const tanh = (input: TensorLike): Tensor => wrap(core.tanh(ct(input)));

type SoftmaxKw = Kw<{ dim?: number | null; dtype?: Parameters<typeof red.softmax>[1] }>;
/** softmax(input, dim); without dim, PyTorch's legacy choice (0 for 0-, 1- and 3-d inputs, else 1). */
export function softmax(input: TensorLike, ...args: PyCall<[dim?: number | null], SoftmaxKw>): Tensor {
  const a = core.pyArgs('softmax', args, ['dim', 'Stacklevel', 'dtype']);
  return red.softmax(input, { dim: a.dim, dtype: a.dtype });
}
export function logSoftmax(input: TensorLike, ...args: PyCall<[dim?: number | null], SoftmaxKw>): Tensor {
  const a = core.pyArgs('log_softmax', args, ['dim', 'Stacklevel', 'dtype']);
  return red.logSoftmax(input, { dim: a.dim, dtype: a.dtype });
}

/** input · weightᵀ + bias, with weight of shape [out_features, in_features]. */
export function linear(input: TensorLike, weight: TensorLike, bias?: TensorLike | null): Tensor {
  return wrap(core.linear(ct(input), ct(weight), bias == null ? null : ct(bias)));
}

export function leakyRelu(
  input: TensorLike,
  ...args: PyCall<[negativeSlope?: number], Kw<{ negativeSlope?: number; inplace?: boolean }>>
): Tensor {
  const a = core.pyArgs('leaky_relu', args, ['negativeSlope', 'inplace']);
  return wrap(core.leakyRelu(ct(input), a.negativeSlope ?? 0.01));
}
export function elu(
  input: TensorLike,
  ...args: PyCall<[alpha?: number], Kw<{ alpha?: number; inplace?: boolean }>>
): Tensor {
  const a = core.pyArgs('elu', args, ['alpha', 'inplace']);
  return wrap(core.elu(ct(input), a.alpha ?? 1));
}
/** Exact GELU (approximate='none'). */
export function gelu(input: TensorLike, ...args: PyCall<[], Kw<{ approximate?: 'none' }>>): Tensor {
  const a = core.pyArgs('gelu', args, ['approximate']);
  if ((a.approximate ?? 'none') !== 'none')
    throw new RangeError("gelu: only approximate='none' is supported");
  return wrap(core.gelu(ct(input)));
}
export const softplus = (input: TensorLike): Tensor => wrap(core.softplus(ct(input)));
export function dropout(
  input: TensorLike,
  ...args: PyCall<[p?: number, training?: boolean], Kw<{ p?: number; training?: boolean; inplace?: boolean }>>
): Tensor {
  const a = core.pyArgs('dropout', args, ['p', 'training', 'inplace']);
  return wrap(core.dropout(ct(input), a.p ?? 0.5, a.training ?? true));
}

type PadMode = 'constant' | 'reflect' | 'replicate' | 'circular';
/**
 * F.pad(input, pad, mode='constant', value=None): `pad` lists (before, after) pairs from the
 * last dimension backwards; negative amounts remove elements. Constant mode only.
 */
export function pad(
  input: TensorLike,
  pad: readonly number[],
  ...args: PyCall<[mode?: PadMode, value?: number | null], Kw<{ mode?: PadMode; value?: number | null }>>
): Tensor {
  const a = core.pyArgs('pad', args, ['mode', 'value']);
  const mode = a.mode ?? 'constant';
  const x = ct(input);
  if (pad.length % 2 !== 0) throw new RangeError('Padding length must be divisible by 2');
  if (pad.length / 2 > x.ndim) {
    throw new RangeError(
      `Padding length should be less than or equal to two times the input dimension but got padding length ${pad.length} and input of dimension ${x.ndim}`,
    );
  }
  if (mode !== 'constant') {
    if (a.value != null) throw new RangeError(`Padding mode "${mode}" doesn't take in value argument`);
    throw new RangeError(`F.pad: mode '${mode}' is not supported by polygrad (only 'constant')`);
  }
  // Negative amounts narrow first (as constant_pad_nd does); the rest is core's pad.
  let t = x;
  for (let i = 0; i < pad.length / 2; i++) {
    const d = x.ndim - 1 - i;
    const [lo, hi] = [pad[2 * i], pad[2 * i + 1]];
    const n = x.shape[d];
    if (n + lo + hi < 0) {
      throw new RangeError(
        `The input size ${n}, plus negative padding ${lo} and ${hi} resulted in a negative output size, which is invalid. Check dimension ${d} of your input.`,
      );
    }
    if (lo < 0 || hi < 0) t = core.slice(t, d, Math.max(-lo, 0), n - Math.max(-hi, 0));
  }
  const p = pad.map((v) => Math.max(v, 0));
  return wrap(p.some((v) => v > 0) || t === x ? core.pad(t, p, a.value ?? 0) : t);
}

// ---- losses ----------------------------------------------------------------------------------

/** PyTorch's legacy size_average / reduce flags, when given, decide the reduction. */
function reductionOf(a: Record<string, any>): Reduction {
  if (a.sizeAverage == null && a.reduce == null) return a.reduction ?? 'mean';
  if (a.reduce === false) return 'none';
  return a.sizeAverage === false ? 'sum' : 'mean';
}

type LossKw = Kw<{ sizeAverage?: boolean | null; reduce?: boolean | null; reduction?: Reduction }>;
export function mseLoss(
  input: TensorLike,
  target: TensorLike,
  ...args: PyCall<[sizeAverage?: boolean | null, reduce?: boolean | null, reduction?: Reduction], LossKw>
): Tensor {
  const a = core.pyArgs('mse_loss', args, ['sizeAverage', 'reduce', 'reduction']);
  return wrap(core.mseLoss(ct(input), ct(target), { reduction: reductionOf(a) }));
}

type ClassKw = LossKw & Kw<{ weight?: TensorLike | null; ignoreIndex?: number; labelSmoothing?: number }>;
const NLL = ['weight', 'sizeAverage', 'ignoreIndex', 'reduce', 'reduction'];

/**
 * The default ignore_index is -100. Where targets read synchronously it is passed only when a
 * target holds it (the plain loss is a few ops shorter); elsewhere it is always passed.
 */
function ignoreIndexOf(a: Record<string, any>, target: core.Tensor): number | undefined {
  if (a.ignoreIndex !== undefined) return a.ignoreIndex;
  if (target.dtype !== 'int32') return undefined;
  if (!target.storage.backend.readSync) return -100;
  return target.dataSync().includes(-100) ? -100 : undefined;
}

function classTarget(target: TensorLike): core.Tensor {
  return toCoreTensor(target, Array.isArray(target) || typeof target === 'number' ? 'int32' : undefined);
}

/** Negative log likelihood of int32 class targets, given log-probabilities [N, C] or [C]. */
export function nllLoss(
  input: TensorLike,
  target: TensorLike,
  ...args: PyCall<[weight?: TensorLike | null, sizeAverage?: boolean | null, ignoreIndex?: number], ClassKw>
): Tensor {
  const a = core.pyArgs('nll_loss', args, NLL);
  const t = classTarget(target);
  return wrap(
    core.nllLoss(ct(input), t, {
      weight: a.weight == null ? undefined : ct(a.weight),
      ignoreIndex: ignoreIndexOf(a, t),
      reduction: reductionOf(a),
    }),
  );
}

/** Cross entropy of logits against int32 class targets or class probabilities. */
export function crossEntropy(
  input: TensorLike,
  target: TensorLike,
  ...args: PyCall<[weight?: TensorLike | null, sizeAverage?: boolean | null, ignoreIndex?: number], ClassKw>
): Tensor {
  const a = core.pyArgs('cross_entropy', args, [...NLL, 'labelSmoothing']);
  const t = classTarget(target);
  return wrap(
    core.crossEntropy(ct(input), t, {
      weight: a.weight == null ? undefined : ct(a.weight),
      ignoreIndex: core.isFloat(t.dtype) ? undefined : ignoreIndexOf(a, t),
      reduction: reductionOf(a),
      labelSmoothing: a.labelSmoothing,
    }),
  );
}

type BceKw = LossKw & Kw<{ weight?: TensorLike | null }>;
export function binaryCrossEntropy(
  input: TensorLike,
  target: TensorLike,
  ...args: PyCall<[weight?: TensorLike | null], BceKw>
): Tensor {
  const a = core.pyArgs('binary_cross_entropy', args, ['weight', 'sizeAverage', 'reduce', 'reduction']);
  const weight = a.weight == null ? undefined : ct(a.weight);
  return wrap(core.binaryCrossEntropy(ct(input), ct(target), { weight, reduction: reductionOf(a) }));
}
export function binaryCrossEntropyWithLogits(
  input: TensorLike,
  target: TensorLike,
  ...args: PyCall<[weight?: TensorLike | null], BceKw>
): Tensor {
  const a = core.pyArgs('binary_cross_entropy_with_logits', args, [
    'weight',
    'sizeAverage',
    'reduce',
    'reduction',
  ]);
  const weight = a.weight == null ? undefined : ct(a.weight);
  return wrap(
    core.binaryCrossEntropyWithLogits(ct(input), ct(target), { weight, reduction: reductionOf(a) }),
  );
}

/**
 * `F.one_hot(tensor, num_classes=-1)`: int32 class indices to an int32 one-hot tensor with a new
 * last axis (PyTorch returns int64, which polygrad lacks). `num_classes=-1` takes max + 1; the
 * values are read synchronously to check them, as PyTorch checks them.
 */
export function oneHot(
  tensor: TensorLike,
  ...args: PyCall<[numClasses?: number], Kw<{ numClasses?: number }>>
): Tensor {
  const { numClasses = -1 } = core.pyArgs('one_hot', args, ['numClasses']);
  const t = toCoreTensor(tensor, Array.isArray(tensor) ? 'int32' : undefined);
  if (t.dtype !== 'int32') throw new TypeError('one_hot is only applicable to index tensor.');
  const values = t.dataSync();
  let n = numClasses;
  if (n === -1) {
    if (!values.length) throw new RangeError('Can not infer total number of classes from empty tensor.');
    n = Math.max(...values) + 1;
  }
  for (const v of values) {
    if (v < 0) throw new RangeError('Class values must be non-negative.');
    if (v >= n) throw new RangeError('Class values must be smaller than num_classes.');
  }
  return wrap(core.oneHot(t, n, { dtype: 'int32' }));
}
