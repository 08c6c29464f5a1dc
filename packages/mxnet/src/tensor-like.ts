/** What the facade accepts where an array goes, and how it reaches core. */
import * as core from '@polygrad/core';
import { CORE_TENSOR, type DType, type Tensor } from '@polygrad/core';

/** An object that wraps a core tensor (any facade's array or tensor). */
export interface HasCore {
  readonly [CORE_TENSOR]: Tensor;
}

/** Arrays of either flavor, core tensors, other facades' tensors, scalars, nested arrays. */
export type ArrayLike = HasCore | Tensor | number | boolean | core.NestedInput | core.TypedArray;

/** MXNet's dtype names: the strings, and NumPy's `bool_` spelling. */
export type DTypeLike = DType | 'bool_' | 'float' | 'int';

export function hasCore(x: unknown): x is HasCore {
  return x !== null && typeof x === 'object' && CORE_TENSOR in x;
}

/** A dtype from MXNet's spellings ('float32', np.float32, 'bool_'), or undefined. */
export function dtypeOf(d: unknown): DType | undefined {
  if (d === undefined || d === null) return undefined;
  const s = String(d);
  const name = s === 'bool_' ? 'bool' : s === 'float' ? 'float64' : s === 'int' ? 'int32' : s;
  return core.checkDType(name, 'dtype');
}

/** The core view of x: a tensor for arrays and nested values, numbers stay weak scalars. */
export function unwrap(x: ArrayLike): Tensor | number | boolean {
  if (typeof x === 'number' || typeof x === 'boolean') return x;
  if (hasCore(x)) return x[CORE_TENSOR];
  if (core.isTensor(x)) return x;
  return core.tensor(x as core.NestedInput);
}

/** Always a tensor: scalars become 0-d float32 (or bool) tensors. */
export function toTensor(x: ArrayLike, dtype?: DType, backend?: string): Tensor {
  const u = unwrap(x);
  if (typeof u === 'number' || typeof u === 'boolean') return core.tensor(u, { dtype, backend });
  return dtype && u.dtype !== dtype ? core.cast(u, dtype) : u;
}

/** A shape from an int, an array, or a tuple-like. */
export function shapeOf(s: unknown, fn: string): number[] {
  if (typeof s === 'number') return [s];
  if (Array.isArray(s)) return s.map(Number);
  if (s === undefined || s === null) return [];
  throw new TypeError(`${fn}: shape must be an int or a sequence of ints, got ${String(s)}`);
}

/** Axes from MXNet's spellings: an int, a list, or null/undefined for all. */
export function axesOf(a: unknown): number | number[] | null {
  if (a === undefined || a === null) return null;
  if (typeof a === 'number') return a;
  if (Array.isArray(a)) return a.map(Number);
  throw new TypeError(`axis must be an int, a sequence of ints or None, got ${String(a)}`);
}
