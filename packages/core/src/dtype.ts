/** The four element types. There is no int64: indices and classes are int32. */
export type DType = 'float32' | 'float64' | 'int32' | 'bool';
export type TypedArray = Float32Array | Float64Array | Int32Array | Uint8Array;

export const DTYPES: readonly DType[] = ['bool', 'int32', 'float32', 'float64'];

const RANK: Record<DType, number> = { bool: 0, int32: 1, float32: 2, float64: 3 };

export function isDType(x: unknown): x is DType {
  return typeof x === 'string' && x in RANK;
}

export function itemSize(dtype: DType): number {
  return dtype === 'float64' ? 8 : dtype === 'bool' ? 1 : 4;
}

export function isFloat(dtype: DType): boolean {
  return dtype === 'float32' || dtype === 'float64';
}

export function arrayFor(dtype: DType, size: number): TypedArray {
  switch (dtype) {
    case 'float32':
      return new Float32Array(size);
    case 'float64':
      return new Float64Array(size);
    case 'int32':
      return new Int32Array(size);
    case 'bool':
      return new Uint8Array(size);
  }
}

export function arrayFrom(dtype: DType, values: ArrayLike<number>): TypedArray {
  const out = arrayFor(dtype, values.length);
  if (dtype === 'bool') for (let i = 0; i < values.length; i++) out[i] = values[i] ? 1 : 0;
  else out.set(values);
  return out;
}

/**
 * Type promotion between two tensors, as NumPy and PyTorch do for these four types:
 *
 * |         | bool    | int32   | float32 | float64 |
 * |---------|---------|---------|---------|---------|
 * | bool    | bool    | int32   | float32 | float64 |
 * | int32   | int32   | int32   | float32 | float64 |
 * | float32 | float32 | float32 | float32 | float64 |
 * | float64 | float64 | float64 | float64 | float64 |
 */
export function promoteTypes(a: DType, b: DType): DType {
  return RANK[a] >= RANK[b] ? a : b;
}

/**
 * A JavaScript number is a "weak" scalar (PyTorch's rule for Python scalars): it takes the
 * tensor's dtype unless it needs a wider category (a fraction next to an integer tensor
 * gives float32, a number next to a bool tensor gives int32 or float32).
 */
export function promoteWithScalar(t: DType, s: number | boolean): DType {
  if (typeof s === 'boolean') return t;
  if (isFloat(t)) return t;
  if (Number.isInteger(s)) return t === 'bool' ? 'int32' : t;
  return 'float32';
}

/** The dtype a scalar has on its own: float32 for numbers (JS cannot tell 4 from 4.0), bool for booleans. */
export function scalarDType(s: number | boolean): DType {
  return typeof s === 'boolean' ? 'bool' : 'float32';
}
