/**
 * `nd.NDArray`, MXNet 1.x semantics: no 0-d results (a full reduction or a vector dot has
 * shape (1,)), comparisons give 0/1 in the operands' dtype, and arrays print as
 * `\n[0. 1. 2. 3.]\n<NDArray 4 @cpu(0)>` (str and repr alike).
 */

import type { DType, Tensor } from '@polygrad/core';
import * as core from '@polygrad/core';
import { MxArray } from './array.js';
import type { Flavor } from './ops.js';
import { ndRepr } from './printing.js';

export class NDArray extends MxArray {
  protected get F(): Flavor<NDArray> {
    return ND;
  }
  str(): string {
    return ndRepr(this[core.CORE_TENSOR], 'NDArray', String(this.context));
  }
  repr(): string {
    return this.str();
  }
}

/** How `nd` results are made. */
export const ND: Flavor<NDArray> = {
  kind: 'nd',
  wrap: (t: Tensor) => new NDArray(t),
  scalar: (t: Tensor) => (t.ndim === 0 ? core.reshape(t, [1]) : t),
  compare: (t: Tensor, dtype: DType) => (dtype === 'bool' ? t : core.cast(t, dtype)),
};
