/** torch.Size: a frozen array of dimensions that prints as `torch.Size([2, 3])`. */
import * as core from '@polygrad/core';

export class Size extends Array<number> {
  /** map/filter/slice give plain arrays. */
  static override get [Symbol.species](): ArrayConstructor {
    return Array;
  }

  constructor(dims: Iterable<number> = []) {
    super();
    for (const d of dims) this.push(d);
    Object.freeze(this);
  }

  /** The number of elements a tensor of this shape holds. */
  numel(): number {
    let n = 1;
    for (const d of this) n *= d;
    return n;
  }

  override toString(): string {
    return `torch.Size([${this.join(', ')}])`;
  }
  [core.PY_REPR](): string {
    return this.toString();
  }
  [core.PY_STR](): string {
    return this.toString();
  }
  [core.INSPECT](): string {
    return this.toString();
  }
}
