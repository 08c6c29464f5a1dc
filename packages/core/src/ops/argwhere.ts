/**
 * argwhere (torch.argwhere / torch.nonzero, np.argwhere, tf.where with a condition only): the
 * coordinates of the nonzero elements, [n, rank] int32 in row-major order. Its shape depends on
 * the values, so they are read: synchronously (CPU, WASM, or after `await t.data()`), or with
 * `argwhereAsync` on every backend.
 */
import { contiguousStrides } from '../shape.js';
import type { Tensor } from '../tensor.js';
import { asTensor, empty, type TensorLike } from './util.js';

/** [n, rank] int32 coordinates of x's nonzero (true) elements; NaN counts as nonzero. */
export function argwhere(x: TensorLike): Tensor {
  const t = asTensor(x);
  return coordinates(t.dataSync(), t);
}

/** argwhere on any backend: the values are read with `await t.data()`. */
export async function argwhereAsync(x: TensorLike): Promise<Tensor> {
  const t = asTensor(x);
  return coordinates(await t.data(), t);
}

function coordinates(data: ArrayLike<number>, t: Tensor): Tensor {
  const strides = contiguousStrides(t.shape);
  let n = 0;
  for (let k = 0; k < data.length; k++) if (data[k] !== 0) n++;
  const out = new Int32Array(n * t.ndim);
  let at = 0;
  for (let k = 0; k < data.length; k++) {
    if (data[k] === 0) continue;
    let r = k;
    for (const s of strides) {
      out[at++] = Math.floor(r / s);
      r %= s;
    }
  }
  const coords = empty('int32', [n, t.ndim], t.backend);
  if (out.length) coords.storage.backend.write(coords.storage.buffer, out);
  return coords;
}
