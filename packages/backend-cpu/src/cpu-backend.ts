import {
  arrayFor,
  type Backend,
  type BinaryOp,
  type DType,
  type ReduceOp,
  type TypedArray,
  type UnaryOp,
  type View,
} from '@polygrad/core';
import { binary, where } from './kernels/binary.js';
import { copy, fill } from './kernels/copy.js';
import { gather, scatterAdd } from './kernels/gather.js';
import { matmul } from './kernels/matmul.js';
import { reduce } from './kernels/reduce.js';
import { unary } from './kernels/unary.js';

/** Buffers are plain TypedArrays: Float32Array, Float64Array, Int32Array, and Uint8Array for bool. */
export class CpuBackend implements Backend {
  readonly name = 'cpu';

  alloc(dtype: DType, size: number): TypedArray {
    return arrayFor(dtype, size);
  }

  /** Nothing to release: the garbage collector reclaims the array. */
  free(_buffer: unknown): void {}

  write(buffer: unknown, data: TypedArray): void {
    const buf = buffer as TypedArray;
    if (buf instanceof Uint8Array && !(data instanceof Uint8Array)) {
      // a bool buffer takes truthiness; TypedArray.set would wrap 256 to 0
      for (let i = 0; i < data.length; i++) buf[i] = data[i] !== 0 ? 1 : 0;
    } else {
      buf.set(data);
    }
  }

  read(buffer: unknown, dtype: DType, size: number): Promise<TypedArray> {
    return Promise.resolve(this.readSync(buffer, dtype, size));
  }

  /** A copy of the first `size` elements, as `dtype`'s array type. */
  readSync(buffer: unknown, dtype: DType, size: number): TypedArray {
    const buf = buffer as TypedArray;
    const out = arrayFor(dtype, size);
    out.set(buf.subarray(0, size));
    return out;
  }

  unary(op: UnaryOp, x: View, out: View): void {
    unary(op, x, out);
  }

  binary(op: BinaryOp, a: View, b: View, out: View): void {
    binary(op, a, b, out);
  }

  where(cond: View, a: View, b: View, out: View): void {
    where(cond, a, b, out);
  }

  reduce(op: ReduceOp, x: View, axes: readonly number[], out: View): void {
    reduce(op, x, axes, out);
  }

  matmul(a: View, b: View, out: View): void {
    matmul(a, b, out);
  }

  copy(x: View, out: View): void {
    copy(x, out);
  }

  gather(x: View, index: View, axis: number, out: View): void {
    gather(x, index, axis, out);
  }

  scatterAdd(out: View, index: View, axis: number, src: View): void {
    scatterAdd(out, index, axis, src);
  }

  fill(out: View, value: number): void {
    fill(out, value);
  }
}
