/**
 * TensorFlow dtypes: `tf.float32` & co. are objects that print as TensorFlow prints them
 * (`repr`: `tf.float32`, `str`: `<dtype: 'float32'>`) and compare by identity
 * (`x.dtype === tf.float32`). The strings 'float32' | 'float64' | 'int32' | 'bool' (and any
 * object with such a `name`, e.g. another facade's dtype) are accepted wherever a dtype is.
 */
import * as core from '@polygrad/core';

export class DType {
  /** @internal use the constants (tf.float32, …). */
  constructor(
    /** The engine's name, which is also TensorFlow's: 'float32' | 'float64' | 'int32' | 'bool'. */
    readonly name: core.DType,
  ) {
    Object.freeze(this);
  }
  // Python spellings (added at run time by addPythonAliases).
  declare readonly is_floating: boolean;
  declare readonly is_integer: boolean;
  declare readonly is_bool: boolean;

  get isFloating(): boolean {
    return core.isFloat(this.name);
  }
  get isInteger(): boolean {
    return this.name === 'int32';
  }
  get isBool(): boolean {
    return this.name === 'bool';
  }
  get size(): number {
    return core.itemSize(this.name);
  }
  toString(): string {
    return `<dtype: '${this.name}'>`;
  }
  [core.PY_STR](): string {
    return this.toString();
  }
  [core.PY_REPR](): string {
    return `tf.${this.name}`;
  }
  [core.INSPECT](): string {
    return `tf.${this.name}`;
  }
}
core.addPythonAliases(DType.prototype);

export const float32 = new DType('float32');
export const float64 = new DType('float64');
export const int32 = new DType('int32');
export const bool = new DType('bool');

const BY_NAME: Record<core.DType, DType> = { float32, float64, int32, bool };

export type DTypeLike = DType | core.DType | { readonly name: string };

export const NO_INT64 =
  'polygrad has no int64 (tf.int64): use tf.int32, which is what indices and class labels are';

/** The tf dtype object for an engine dtype. */
export function dtypeOf(name: core.DType): DType {
  return BY_NAME[name];
}

const ALIASES: Record<string, core.DType> = { double: 'float64', float: 'float32', half: 'float32' };

/** Accepts tf dtypes, dtype strings and dtype-like objects; null/undefined stay undefined. */
export function toCoreDType(d: DTypeLike | null | undefined, op = 'tf'): core.DType | undefined {
  if (d == null) return undefined;
  const name = typeof d === 'string' ? d : typeof d === 'object' && 'name' in d ? String(d.name) : undefined;
  if (name === undefined) {
    throw new core.DTypeError(`${op}: expected a dtype (tf.float32, tf.float64, tf.int32, tf.bool)`);
  }
  const s = name.replace(/^(tf|torch|np)\./, '');
  if (s === 'int64') throw new core.DTypeError(NO_INT64);
  return core.checkDType(ALIASES[s] ?? s, op);
}

/** The dtype constants as they appear on `tf` and `tf.dtypes` (int64 is a getter that explains). */
export function dtypeNamespace(): Record<string, DType> {
  const ns: Record<string, DType> = { float32, float64, double: float64, int32, bool };
  Object.defineProperty(ns, 'int64', {
    get() {
      throw new core.DTypeError(NO_INT64);
    },
    enumerable: false,
  });
  return ns;
}
