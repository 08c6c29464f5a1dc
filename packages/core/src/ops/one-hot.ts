import type { DType } from '../dtype.js';
import { tidy } from '../memory.js';
import { normAxis } from '../shape.js';
import type { Tensor } from '../tensor.js';
import { arange, full } from './creation.js';
import { cast, eq, where } from './elementwise.js';
import { reshape, unsqueeze } from './movement.js';
import { intIndices } from './take.js';
import { checkDType, type TensorLike } from './util.js';

export interface OneHotOptions {
  /** The value where an index points (default 1). */
  onValue?: number | boolean;
  /** The value everywhere else (default 0). */
  offValue?: number | boolean;
  /** Where the new axis of size depth goes (default -1: last). */
  axis?: number;
  /** The result's dtype (default float32). */
  dtype?: DType;
}

/**
 * One-hot encoding of int32 indices: a new axis of size `depth` (last by default) holds
 * `onValue` at each index and `offValue` elsewhere. An index outside [0, depth) gives a row
 * of `offValue` (TensorFlow's and MXNet's rule; PyTorch's F.one_hot checks the range first).
 * Not differentiable: the indices are integers.
 */
export function oneHot(indices: TensorLike, depth: number, opts: OneHotOptions = {}): Tensor {
  if (!Number.isInteger(depth) || depth < 0) {
    throw new RangeError(`one_hot(): depth must be a non-negative integer, got ${depth}`);
  }
  const dtype = opts.dtype === undefined ? 'float32' : checkDType(opts.dtype, 'one_hot');
  return tidy(() => {
    const idx = intIndices(indices, 'one_hot');
    const a = normAxis(opts.axis ?? -1, idx.ndim + 1, 'one_hot');
    const classShape = Array.from({ length: idx.ndim + 1 }, (_, i) => (i === a ? depth : 1));
    const classes = reshape(
      arange(depth, undefined, 1, { dtype: 'int32', backend: idx.backend }),
      classShape,
    );
    const hot = eq(unsqueeze(idx, a), classes);
    const on = opts.onValue ?? 1;
    const off = opts.offValue ?? 0;
    if (Number(on) === 1 && Number(off) === 0) return cast(hot, dtype);
    const b = idx.backend;
    return where(hot, full([], on, { dtype, backend: b }), full([], off, { dtype, backend: b }));
  });
}
