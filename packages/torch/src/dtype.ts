/**
 * torch dtypes: `torch.float32` & co. are objects that print as PyTorch prints them
 * (`torch.float32`) and compare by identity (`t.dtype === torch.float32`). The strings
 * 'float32' | 'float64' | 'int32' | 'bool' are accepted wherever a dtype is.
 */
import * as core from '@polygrad/core';

export class DType {
  /** @internal use the constants (torch.float32, …). */
  constructor(
    /** The engine's name: 'float32' | 'float64' | 'int32' | 'bool'. */
    readonly name: core.DType,
  ) {
    Object.freeze(this);
  }
  get isFloatingPoint(): boolean {
    return this.name === 'float32' || this.name === 'float64';
  }
  get is_floating_point(): boolean {
    return this.isFloatingPoint;
  }
  get itemsize(): number {
    return core.itemSize(this.name);
  }
  toString(): string {
    return `torch.${this.name}`;
  }
  [core.PY_REPR](): string {
    return this.toString();
  }
  [core.INSPECT](): string {
    return this.toString();
  }
}

export const float32 = new DType('float32');
export const float64 = new DType('float64');
export const int32 = new DType('int32');
export const bool = new DType('bool');

const BY_NAME: Record<core.DType, DType> = { float32, float64, int32, bool };

export type DTypeLike = DType | core.DType;

/** The torch dtype object for an engine dtype. */
export function dtypeOf(name: core.DType): DType {
  return BY_NAME[name];
}

/** Accepts torch dtype objects and dtype strings; undefined stays undefined. */
export function toCoreDType(d: DTypeLike | undefined | null, op = 'torch'): core.DType | undefined {
  if (d == null) return undefined;
  if (d instanceof DType) return d.name;
  if (typeof d === 'string') {
    const s = (d as string).startsWith('torch.') ? (d as string).slice(6) : (d as string);
    if (s === 'int64' || s === 'long') throw new core.DTypeError(NO_INT64);
    const alias: Record<string, core.DType> = { float: 'float32', double: 'float64', int: 'int32' };
    return core.checkDType(alias[s] ?? s, op);
  }
  throw new core.DTypeError(
    `${op}: expected a dtype (torch.float32, torch.float64, torch.int32, torch.bool)`,
  );
}

export const NO_INT64 =
  'polygrad has no int64 (torch.int64 / torch.long): use torch.int32, which is what indices and class targets are';
