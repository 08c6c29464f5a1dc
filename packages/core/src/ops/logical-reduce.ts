/**
 * all / any: whether every (some) element along the axes is nonzero, as bool. NaN counts as
 * nonzero; over no elements all is true and any is false (Python's all([]) and any([])).
 */
import { tidy } from '../memory.js';
import type { Tensor } from '../tensor.js';
import { cast, eq, gt, ne } from './elementwise.js';
import { type Axes, sum } from './reduce.js';
import { asTensor, type TensorLike } from './util.js';

/** True where no element along the axes (all of them by default) is zero. */
export function all(x: TensorLike, axes?: Axes, keepdim = false): Tensor {
  return tidy(() => eq(sum(cast(eq(asTensor(x), 0), 'int32'), axes, keepdim), 0));
}

/** True where some element along the axes (all of them by default) is nonzero. */
export function any(x: TensorLike, axes?: Axes, keepdim = false): Tensor {
  return tidy(() => gt(sum(cast(ne(asTensor(x), 0), 'int32'), axes, keepdim), 0));
}
