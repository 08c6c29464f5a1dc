import { isFloat } from '../dtype.js';
import { tidy } from '../memory.js';
import { normAxis, sizeOf } from '../shape.js';
import type { Tensor } from '../tensor.js';
import { add, cast, div, floor, ge, lt, maximum, minimum, mul, sub, where } from './elementwise.js';
import { indexSelect } from './indexing.js';
import { reshape } from './movement.js';
import { asTensor, DTypeError, type TensorLike } from './util.js';

/**
 * What an index outside [0, n) does: 'raise' throws (negative indices count from the end
 * unless `negative: false`), 'wrap' takes it modulo n, 'clip' clamps it to [0, n - 1] (so a
 * negative index picks the first element).
 */
export type IndexMode = 'raise' | 'wrap' | 'clip';

export interface IndexModeOptions {
  mode?: IndexMode;
  /** mode 'raise': whether -n..-1 count from the end (NumPy, default) or are out of range (MXNet). */
  negative?: boolean;
  /** The error for an index out of range in mode 'raise' (a facade's text); core's by default. */
  outOfRange?: (index: number, size: number, axis: number) => Error;
}

/** int32 indices from a tensor or JS values (JS numbers become int32; floats are refused). */
export function intIndices(index: TensorLike, op: string): Tensor {
  const i = asTensor(index, Array.isArray(index) || typeof index === 'number' ? 'int32' : undefined);
  if (i.dtype !== 'int32') throw new DTypeError(`${op}(): expected int32 indices, but got ${i.dtype}`);
  return i;
}

/**
 * Indices into an axis of size n, made to lie in [0, n) as `mode` says. Where the backend reads
 * synchronously the indices are checked and fixed on the host (and returned as they are when
 * nothing changes); otherwise (WebGPU) the fix-up runs as ops and mode 'raise' cannot check.
 */
export function indicesInRange(
  idx: Tensor,
  n: number,
  axis: number,
  op: string,
  { mode = 'raise', negative = true, outOfRange }: IndexModeOptions = {},
): Tensor {
  if (mode !== 'raise' && mode !== 'clip' && mode !== 'wrap')
    throw new RangeError(`${op}(): unknown mode '${String(mode)}' (raise, wrap or clip)`);
  if (idx.size === 0) return idx;
  if (n === 0) throw new RangeError(`${op}(): cannot do a non-empty take from an empty axes.`);
  if (idx.storage.backend.readSync) {
    const v = idx.dataSync();
    const out = new Int32Array(v.length);
    let changed = false;
    for (let k = 0; k < v.length; k++) {
      let i = v[k];
      if (mode === 'clip') i = Math.min(Math.max(i, 0), n - 1);
      else if (mode === 'wrap') i = ((i % n) + n) % n;
      else if (i >= n || i < (negative ? -n : 0)) {
        throw (
          outOfRange?.(i, n, axis) ??
          new RangeError(`index ${i} is out of bounds for axis ${axis} with size ${n}`)
        );
      } else if (i < 0) i += n;
      out[k] = i;
      if (i !== v[k]) changed = true;
    }
    return changed ? reshape(asTensor(out, 'int32', idx.backend), idx.shape) : idx;
  }
  if (mode === 'clip') return maximum(minimum(idx, n - 1), 0);
  if (mode === 'wrap') {
    // i - n·floor(i / n); the division is in float32, so results off by one n are moved back.
    const r = sub(idx, mul(cast(floor(div(idx, n)), 'int32'), n));
    return where(lt(r, 0), add(r, n), where(ge(r, n), sub(r, n), r));
  }
  return negative ? where(lt(idx, 0), add(idx, n), idx) : idx;
}

export interface TakeOptions extends IndexModeOptions {
  /** The axis to take along; null (the default) takes from the flattened x, as np.take does. */
  axis?: number | null;
}

/**
 * np.take / nd.take / tf.gather: the values of x at integer `indices` along an axis, whose
 * place the indices' shape takes (`x.shape[:axis] + indices.shape + x.shape[axis+1:]`).
 * Differentiable in x (the gradient is scattered back, summed where indices repeat).
 */
export function take(x: TensorLike, indices: TensorLike, opts: TakeOptions = {}): Tensor {
  return tidy(() => {
    let t = asTensor(x);
    const idx = intIndices(indices, 'take');
    if (opts.axis == null) t = reshape(t, [t.size]);
    const a = normAxis(opts.axis ?? 0, t.ndim, 'take');
    const pos = indicesInRange(idx, t.shape[a], a, 'take', opts);
    const picked = indexSelect(t, a, reshape(pos, [sizeOf(pos.shape)]));
    return reshape(picked, [...t.shape.slice(0, a), ...idx.shape, ...t.shape.slice(a + 1)]);
  });
}

/** Float (and bool) indices as int32, floats truncated toward zero (MXNet casts its float index arrays so). */
export function asIndexDType(t: Tensor): Tensor {
  return isFloat(t.dtype) || t.dtype === 'bool' ? cast(t, 'int32') : t;
}
