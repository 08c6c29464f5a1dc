/**
 * Small tensors stay on the host. A GPU dispatch costs tens of microseconds whatever its size
 * (a bind group, a submit, a launch), so an op whose operands are all small host-resident
 * tensors runs the CPU backend's kernel instead, as TensorFlow.js's WebGPU backend does
 * (WEBGPU_CPU_FORWARD). A tensor moves to the device the first time a GPU kernel needs it,
 * and where the device has no synchronous readback (browsers) a device buffer keeps the host
 * copy of its last read until a kernel writes it: so `dataSync()` works there on small tensors
 * and on anything read once with `await t.data()`.
 */
import { CpuBackend } from '@polygrad/backend-cpu';
import {
  type Backend,
  type BinaryOp,
  type DType,
  type ReduceOp,
  SyncReadError,
  type TypedArray,
  type UnaryOp,
  type View,
} from '@polygrad/core';

/** Tensors of at most this many elements are created on the host (TensorFlow.js uses 128 too). */
export const SMALL_ON_HOST = 128;

class HostableBuffer {
  /** The host copy, when it holds the current values. */
  host: TypedArray | null = null;
  /** The device buffer (allocated on first GPU use) and whether it holds the current values. */
  dev: unknown = null;
  devValid = false;
  /** Counts device writes, so a read that a kernel overtook does not keep stale values. */
  writes = 0;
  constructor(
    readonly dtype: DType,
    readonly size: number,
  ) {}
}

const hb = (v: View) => v.buffer as HostableBuffer;

export class SmallOnHost implements Backend {
  readonly name: string;
  private readonly cpu = new CpuBackend();
  declare readSync?: (buffer: unknown, dtype: DType, size: number) => TypedArray;

  constructor(
    /** The GPU backend underneath (for its stats, idle(), terminate()…). */
    readonly inner: Backend,
    private readonly small = SMALL_ON_HOST,
  ) {
    this.name = inner.name;
    // Synchronous reads: host copies always; device buffers where the inner backend can.
    this.readSync = (buffer, dtype, size) => {
      const b = buffer as HostableBuffer;
      if (b.host) return this.cpu.readSync(b.host, dtype, size);
      if (!inner.readSync) {
        throw new SyncReadError(
          `The '${inner.name}' backend cannot read values synchronously here; use \`await t.data()\` instead (after it, dataSync() and printing work until the tensor changes).`,
        );
      }
      return inner.readSync(b.dev, dtype, size);
    };
  }

  /** The inner backend's counters, idle() and terminate(), where it has them. */
  stats(): unknown {
    return (this.inner as unknown as { stats(): unknown }).stats();
  }
  idle(): Promise<void> {
    return (this.inner as unknown as { idle?(): Promise<void> }).idle?.() ?? Promise.resolve();
  }
  terminate(): Promise<void> {
    return (this.inner as unknown as { terminate?(): Promise<void> }).terminate?.() ?? Promise.resolve();
  }

  ready(): Promise<void> {
    return this.inner.ready?.() ?? Promise.resolve();
  }

  alloc(dtype: DType, size: number): unknown {
    const b = new HostableBuffer(dtype, size);
    if (size <= this.small && dtype !== 'float64') b.host = this.cpu.alloc(dtype, size);
    else b.dev = this.inner.alloc(dtype, size); // also refuses float64, naming the backends that have it
    b.devValid = b.dev !== null;
    return b;
  }

  free(buffer: unknown): void {
    const b = buffer as HostableBuffer;
    if (b.dev !== null) this.inner.free(b.dev);
    b.dev = null;
    b.host = null;
  }

  write(buffer: unknown, data: TypedArray): void {
    const b = buffer as HostableBuffer;
    if (b.size <= this.small) {
      b.host ??= this.cpu.alloc(b.dtype, b.size);
      this.cpu.write(b.host, data);
      b.devValid = false;
    } else {
      this.inner.write(this.device(b, false), data);
      b.host = null;
      b.writes++;
    }
  }

  async read(buffer: unknown, dtype: DType, size: number): Promise<TypedArray> {
    const b = buffer as HostableBuffer;
    if (!b.host) {
      const writes = b.writes;
      const data = await this.inner.read(b.dev, dtype, size);
      // Where the device cannot read synchronously (browsers), keep it (whole buffers only)
      // until a kernel writes the buffer, so dataSync() and printing work after one read.
      const current = b.devValid && b.writes === writes && b.dev !== null;
      if (!this.inner.readSync && size === b.size && current) b.host = data.slice() as TypedArray;
      return data;
    }
    return this.cpu.readSync(b.host, dtype, size);
  }

  /** The device buffer with the current values (uploaded from the host copy when needed). */
  private device(b: HostableBuffer, upload = true): unknown {
    if (b.dev === null) b.dev = this.inner.alloc(b.dtype, b.size);
    if (upload && !b.devValid && b.host) this.inner.write(b.dev, b.host);
    b.devValid = true;
    return b.dev;
  }

  /**
   * Runs one kernel: on the host when every operand is host-resident and the output is small,
   * else on the device (uploading host-only inputs; `keepsOut`: the kernel writes into part of
   * out, so out's current values must be there first).
   */
  private run(
    inputs: readonly View[],
    out: View,
    keepsOut: boolean,
    onHost: (h: (v: View) => View) => void,
    onDevice: (d: (v: View) => View) => void,
  ): void {
    const o = hb(out);
    if (o.size <= this.small && o.host && inputs.every((v) => hb(v).host !== null)) {
      onHost((v) => ({ ...v, buffer: hb(v).host }));
      o.devValid = false;
      return;
    }
    const d = (v: View) => ({ ...v, buffer: this.device(hb(v)) });
    // An output that is also an input (in place), or written only in part, needs its values.
    this.device(o, keepsOut || inputs.some((v) => hb(v) === o));
    onDevice(d);
    o.devValid = true;
    o.host = null;
    o.writes++;
  }

  unary(op: UnaryOp, x: View, out: View): void {
    this.run(
      [x],
      out,
      false,
      (h) => this.cpu.unary(op, h(x), h(out)),
      (d) => this.inner.unary(op, d(x), d(out)),
    );
  }

  binary(op: BinaryOp, a: View, b: View, out: View): void {
    this.run(
      [a, b],
      out,
      false,
      (h) => this.cpu.binary(op, h(a), h(b), h(out)),
      (d) => this.inner.binary(op, d(a), d(b), d(out)),
    );
  }

  where(cond: View, a: View, b: View, out: View): void {
    this.run(
      [cond, a, b],
      out,
      false,
      (h) => this.cpu.where(h(cond), h(a), h(b), h(out)),
      (d) => this.inner.where(d(cond), d(a), d(b), d(out)),
    );
  }

  reduce(op: ReduceOp, x: View, axes: readonly number[], out: View): void {
    this.run(
      [x],
      out,
      false,
      (h) => this.cpu.reduce(op, h(x), axes, h(out)),
      (d) => this.inner.reduce(op, d(x), axes, d(out)),
    );
  }

  matmul(a: View, b: View, out: View): void {
    this.run(
      [a, b],
      out,
      false,
      (h) => this.cpu.matmul(h(a), h(b), h(out)),
      (d) => this.inner.matmul(d(a), d(b), d(out)),
    );
  }

  copy(x: View, out: View): void {
    this.run(
      [x],
      out,
      true,
      (h) => this.cpu.copy(h(x), h(out)),
      (d) => this.inner.copy(d(x), d(out)),
    );
  }

  gather(x: View, index: View, axis: number, out: View): void {
    this.run(
      [x, index],
      out,
      false,
      (h) => this.cpu.gather(h(x), h(index), axis, h(out)),
      (d) => this.inner.gather(d(x), d(index), axis, d(out)),
    );
  }

  scatterAdd(out: View, index: View, axis: number, src: View): void {
    this.run(
      [index, src],
      out,
      true,
      (h) => this.cpu.scatterAdd(h(out), h(index), axis, h(src)),
      (d) => this.inner.scatterAdd(d(out), d(index), axis, d(src)),
    );
  }

  fill(out: View, value: number): void {
    this.run(
      [],
      out,
      false,
      (h) => this.cpu.fill(h(out), value),
      (d) => this.inner.fill(d(out), value),
    );
  }
}
