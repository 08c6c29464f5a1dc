/**
 * `np.ndarray`, MXNet's NumPy semantics: 0-d results, bool comparisons, NumPy printing with
 * float32 (MXNet's default dtype) left unstated: repr `array([0., 1.])`, 0-d `array(28.)`.
 */

import type { Tensor } from '@polygrad/core';
import * as core from '@polygrad/core';
import { MxArray } from './array.js';
import type { Flavor } from './ops.js';
import { npRepr, npStr } from './printing.js';

export class NpArray extends MxArray {
  protected get F(): Flavor<NpArray> {
    return NP;
  }
  str(): string {
    return npStr(this[core.CORE_TENSOR], String(this.context));
  }
  repr(): string {
    return npRepr(this[core.CORE_TENSOR], String(this.context));
  }
}

/** How `np` results are made. */
export const NP: Flavor<NpArray> = {
  kind: 'np',
  wrap: (t: Tensor) => new NpArray(t),
  scalar: (t: Tensor) => t,
  compare: (t: Tensor) => t,
};
