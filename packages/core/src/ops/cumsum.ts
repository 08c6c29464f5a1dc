/**
 * cumsum: running sums along an axis, one node named CumsumBackward0 (as in PyTorch) whose
 * backward is the reversed running sum of the gradient (itself a cumsum node, so it
 * differentiates again). The sums are a product with a triangle of ones (the backend's matmul;
 * O(n²) along the axis, the same numbers on every backend).
 */
import { tidy } from '../memory.js';
import { normAxis } from '../shape.js';
import type { Tensor } from '../tensor.js';
import { arange } from './creation.js';
import { cast, ge, le } from './elementwise.js';
import { fused } from './fused.js';
import { matmul } from './matmul.js';
import { contiguous, reshape, transpose } from './movement.js';
import { asTensor, type TensorLike } from './util.js';

export interface CumsumOptions {
  /** Sum from the end: out[i] = x[i] + x[i+1] + … (the backward of cumsum). */
  reverse?: boolean;
}

/** out[…, i, …] = x[…, 0, …] + … + x[…, i, …] along axis; bool sums as int32. */
export function cumsum(x: TensorLike, axis: number, opts: CumsumOptions = {}): Tensor {
  const t = asTensor(x);
  const a = normAxis(axis, t.ndim, 'cumsum');
  const reverse = opts.reverse ?? false;
  return fused(
    'CumsumBackward0',
    [t],
    (xi) => [runningSums(xi, a, reverse)],
    (_, g) => [cumsum(g, a, { reverse: !reverse })],
  );
}

function runningSums(x: Tensor, a: number, reverse: boolean): Tensor {
  const dtype = x.dtype === 'bool' ? 'int32' : x.dtype;
  if (x.ndim === 0) return cast(x, dtype).contiguousCopy();
  return tidy(() => {
    const n = x.shape[a];
    const ar = arange(n, undefined, 1, { dtype: 'int32', backend: x.backend });
    const rows = reshape(ar, [n, 1]);
    const cols = reshape(ar, [1, n]);
    // out[j] = Σ_i x[i]·T[i, j] with T[i, j] = i <= j (from the start) or i >= j (from the end).
    const triangle = cast(reverse ? ge(rows, cols) : le(rows, cols), dtype);
    const moved = transpose(cast(x, dtype), a, -1);
    return contiguous(transpose(matmul(moved, triangle), a, -1));
  });
}
