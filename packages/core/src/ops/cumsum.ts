/**
 * cumsum: running sums along an axis, one node named CumsumBackward0 (as in PyTorch) whose
 * backward is the reversed running sum of the gradient (itself a cumsum node, so it
 * differentiates again). Where the backend reads synchronously (CPU, WASM) the sums run on
 * the host, O(n), accumulating in order in the element type as PyTorch's CPU kernel does; an
 * asynchronous-only backend (WebGPU in a browser) multiplies by a triangle of ones instead
 * (its matmul; O(n²) along the axis).
 */

import { arrayFor } from '../dtype.js';
import { tidy } from '../memory.js';
import { normAxis } from '../shape.js';
import type { Tensor } from '../tensor.js';
import { arange } from './creation.js';
import { cast, ge, le } from './elementwise.js';
import { fused } from './fused.js';
import { matmul } from './matmul.js';
import { contiguous, reshape, transpose } from './movement.js';
import { asTensor, empty, type TensorLike } from './util.js';

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
  if (x.storage.backend.readSync) return hostRunningSums(x, a, reverse, dtype);
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

function hostRunningSums(x: Tensor, a: number, reverse: boolean, dtype: Tensor['dtype']): Tensor {
  const data = x.dataSync();
  const n = x.shape[a];
  const inner = x.shape.slice(a + 1).reduce((p, d) => p * d, 1);
  const outer = n * inner === 0 ? 0 : data.length / (n * inner);
  const out = arrayFor(dtype, data.length);
  // out is the element type's array, so each store rounds (float32) or wraps (int32) in order.
  for (let o = 0; o < outer; o++) {
    for (let i = 0; i < inner; i++) {
      const base = o * n * inner + i;
      let acc = 0;
      for (let k = 0; k < n; k++) {
        const at = base + (reverse ? n - 1 - k : k) * inner;
        out[at] = acc + data[at];
        acc = out[at];
      }
    }
  }
  const r = empty(dtype, x.shape, x.backend);
  if (out.length) r.storage.backend.write(r.storage.buffer, out);
  return r;
}
