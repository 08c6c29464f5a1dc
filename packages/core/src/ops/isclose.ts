/** isclose: elementwise |a − b| <= atol + rtol·|b| (NumPy's and PyTorch's rule), as bool. */
import { tidy } from '../memory.js';
import type { Tensor } from '../tensor.js';
import { abs, add, eq, isnan, le, logicalAnd, logicalOr, lt, mul, sub } from './elementwise.js';
import type { TensorLike } from './util.js';

export interface IsCloseOptions {
  /** Relative tolerance (default 1e-5). */
  rtol?: number;
  /** Absolute tolerance (default 1e-8). */
  atol?: number;
  /** NaN is close to NaN (default false). */
  equalNan?: boolean;
}

/** True where a and b are close; infinities only to themselves, NaN only with `equalNan`. */
export function isclose(a: TensorLike, b: TensorLike, opts: IsCloseOptions = {}): Tensor {
  const { rtol = 1e-5, atol = 1e-8, equalNan = false } = opts;
  return tidy(() => {
    // A finite error within tolerance (|inf − -inf| is no closer than the tolerance inf·rtol).
    const err = abs(sub(a, b));
    const close = logicalAnd(le(err, add(mul(abs(b), rtol), atol)), lt(err, Number.POSITIVE_INFINITY));
    const r = logicalOr(close, eq(a, b)); // infinities of one sign
    return equalNan ? logicalOr(r, logicalAnd(isnan(a), isnan(b))) : r;
  });
}
