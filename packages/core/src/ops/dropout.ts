/** Dropout: zeroes elements with probability p while training, scaling the rest by 1 / (1 − p). */
import { tidy } from '../memory.js';
import type { Tensor } from '../tensor.js';
import { cast, div, ge, mul } from './elementwise.js';
import { uniform } from './random.js';
import { asTensor, type TensorLike } from './util.js';

/**
 * Inverted dropout: each element is kept with probability 1 − p (one uniform draw per element
 * from core's generator, so a seed repeats the mask on every backend) and scaled by 1 / (1 − p).
 * Not training, or p = 0, gives x itself; p = 1 gives zeros. Differentiable (MulBackward0).
 */
export function dropout(x: TensorLike, p = 0.5, training = true): Tensor {
  if (!(p >= 0 && p <= 1))
    throw new RangeError(`dropout probability has to be between 0 and 1, but got ${p}`);
  const t = asTensor(x);
  if (!training || p === 0) return t;
  if (p === 1) return mul(t, 0);
  return tidy(() => {
    const keep = cast(ge(uniform(t.shape, 0, 1, { dtype: t.dtype, backend: t.backend }), p), t.dtype);
    return mul(t, div(keep, 1 - p));
  });
}
