import type { DType } from '../dtype.js';
import { add } from '../ops/elementwise.js';
import { empty } from '../ops/util.js';
import type { Tensor } from '../tensor.js';

export function onesLike(t: Tensor): Tensor {
  const o = empty(t.dtype, t.shape, t.backend);
  o.storage.backend.fill(o.view, 1);
  return o;
}

export function zerosOfShape(shape: readonly number[], dtype: string, backend: string): Tensor {
  const o = empty(dtype as DType, shape, backend);
  o.storage.backend.fill(o.view, 0);
  return o;
}

/** Gradient accumulation: an ordinary add, so it is recorded under createGraph. */
export function addGrad(a: Tensor, b: Tensor): Tensor {
  return add(a, b);
}
