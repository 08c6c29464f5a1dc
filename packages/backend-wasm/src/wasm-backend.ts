import {
  type Backend,
  type BinaryOp,
  type DType,
  contiguousStrides as denseStrides,
  isContiguous,
  itemSize,
  type ReduceOp,
  shapeStr,
  sizeOf,
  type TypedArray,
  type UnaryOp,
  type View,
} from '@polygrad/core';
import { BINARY, DT, DTYPE_OF, REDUCE, REDUCE_INIT, UNARY } from './codes.js';
import { Heap } from './heap.js';
import { type Flavor, type Kernels, loadKernels, relaxedSimdSupported } from './loader.js';
import { hardwareThreads, TASK, ThreadPool } from './threads.js';

/** Most dimensions a view may have (the kernels' descriptor limit). */
const MAX_RANK = 32;

const isDense = (v: View): boolean => isContiguous(v.shape, v.strides);

function allZero(strides: readonly number[]): boolean {
  for (let i = 0; i < strides.length; i++) if (strides[i] !== 0) return false;
  return true;
}

/** Options for {@link WasmBackend}. */
export interface WasmBackendOptions {
  /** Which build to run; by default relaxed SIMD (FMA) where the engine validates it, else plain SIMD. */
  flavor?: Flavor;
  /** Initial memory in 64 KiB pages (default 64, i.e. 4 MiB). */
  initialPages?: number;
  /**
   * Threads for large matmuls, the calling thread included. 'auto' (the default) uses the
   * logical processors, at most 4, where shared memory and workers exist (Node; browsers
   * only when cross-origin isolated); 1 runs everything on the calling thread.
   */
  threads?: number | 'auto';
}

/** Products smaller than this (M·N·K summed over the batch) stay on one thread. */
const PARALLEL_WORK = 1 << 24;
/** Elementwise calls on fewer elements than this stay on one thread. */
const PARALLEL_ELEMENTS = 1 << 18;

/**
 * Buffers are byte addresses (numbers) into one WebAssembly.Memory. Kernels get shapes and
 * strides through a descriptor in the module's scratch area, so a call allocates nothing.
 */
export class WasmBackend implements Backend {
  readonly name = 'wasm';
  private k!: Kernels;
  private heap!: Heap;
  /** Index of the descriptor in heap.i32. */
  private d = 0;
  private err = 0;
  private temps: number[] = [0, 0, 0];
  private tempBytes: number[] = [0, 0, 0];
  private pool: ThreadPool | null = null;
  private loading: Promise<void> | null = null;
  /** The build in use (set by ready()). */
  flavor: Flavor = 'simd';

  constructor(private readonly options: WasmBackendOptions = {}) {}

  /** Compiles and instantiates the kernels and starts the worker threads. */
  ready(): Promise<void> {
    this.loading ??= this.load();
    return this.loading;
  }

  private async load(): Promise<void> {
    const initial = this.options.initialPages ?? 64;
    const want = this.options.threads ?? 'auto';
    let threads = want === 'auto' ? Math.min(4, await hardwareThreads()) : Math.max(1, Math.floor(want));
    let memory: WebAssembly.Memory | null = null;
    const isolated = (globalThis as { crossOriginIsolated?: boolean }).crossOriginIsolated !== false;
    if (threads > 1 && typeof SharedArrayBuffer !== 'undefined' && isolated) {
      try {
        memory = new WebAssembly.Memory({ initial, maximum: 65536, shared: true });
      } catch {
        memory = null;
      }
    }
    const shared = memory !== null;
    if (!memory) {
      memory = new WebAssembly.Memory({ initial });
      threads = 1;
    }
    const flavor = this.options.flavor ?? (relaxedSimdSupported() ? 'relaxed-simd' : 'simd');
    const { kernels, module } = await loadKernels(memory, flavor, shared);
    const heap = new Heap(memory, kernels.heapBase());
    const scratch = heap.alloc(kernels.scratchBytes());
    this.d = kernels.init(scratch) >>> 2;
    this.err = kernels.errAddress() >>> 2;
    if (threads > 1) {
      try {
        this.pool = await ThreadPool.create(threads - 1, module, memory, kernels.scratchBytes(), (n) =>
          heap.alloc(n),
        );
      } catch {
        this.pool = null; // no workers here: one thread
      }
    }
    this.k = kernels;
    this.flavor = flavor;
    this.heap = heap;
  }

  /** Threads a large matmul runs on. */
  get threads(): number {
    return this.pool?.size ?? 1;
  }

  /** Stops the worker threads (the backend keeps working on one thread). */
  dispose(): void {
    this.pool?.terminate();
    this.pool = null;
  }

  /** The memory all buffers live in. */
  get memory(): WebAssembly.Memory {
    return this.heap.memory;
  }

  /** Live buffers and their bytes (by size class capacity), scratch included. */
  stats(): { blocks: number; bytes: number; memoryBytes: number } {
    return { blocks: this.heap.liveBlocks, bytes: this.heap.liveBytes, memoryBytes: this.heap.byteLength };
  }

  alloc(dtype: DType, size: number): number {
    return this.heap.alloc(size * itemSize(dtype), DT[dtype]);
  }

  free(buffer: unknown): void {
    this.heap.free(buffer as number);
  }

  write(buffer: unknown, data: TypedArray): void {
    const p = buffer as number;
    const heap = this.heap;
    const dtype = DTYPE_OF[heap.tagOf(p)];
    if (dtype === 'bool') {
      const u8 = heap.u8;
      if (data instanceof Uint8Array) u8.set(data, p);
      else for (let i = 0; i < data.length; i++) u8[p + i] = data[i] !== 0 ? 1 : 0;
      return;
    }
    const view = dtype === 'float32' ? heap.f32 : dtype === 'float64' ? heap.f64 : heap.i32;
    view.set(data, p / itemSize(dtype));
  }

  read(buffer: unknown, dtype: DType, size: number): Promise<TypedArray> {
    return Promise.resolve(this.readSync(buffer, dtype, size));
  }

  /** A copy of the first `size` elements. */
  readSync(buffer: unknown, dtype: DType, size: number): TypedArray {
    const p = buffer as number;
    const heap = this.heap;
    heap.refresh();
    switch (dtype) {
      case 'float32':
        return heap.f32.slice(p >>> 2, (p >>> 2) + size);
      case 'float64':
        return heap.f64.slice(p >>> 3, (p >>> 3) + size);
      case 'int32':
        return heap.i32.slice(p >>> 2, (p >>> 2) + size);
      default:
        return heap.u8.slice(p, p + size);
    }
  }

  // ---- descriptors ----------------------------------------------------------------------

  /** Writes rank and shape; returns the rank. */
  private shape(shape: readonly number[]): number {
    const r = shape.length;
    if (r > MAX_RANK)
      throw new RangeError(`@polygrad/backend-wasm: at most ${MAX_RANK} dimensions (got ${r})`);
    this.heap.refresh();
    const i32 = this.heap.i32;
    const d = this.d;
    i32[d] = r;
    for (let i = 0; i < r; i++) i32[d + 1 + i] = shape[i];
    return r;
  }

  /** Operand k: its offset and strides (given, or the view's own). */
  private operand(k: number, r: number, offset: number, strides: readonly number[]): void {
    const i32 = this.heap.i32;
    const base = this.d + 1 + r + k * (r + 1);
    i32[base] = offset;
    for (let i = 0; i < r; i++) i32[base + 1 + i] = strides[i];
  }

  private temp(slot: number, bytes: number): number {
    if (this.tempBytes[slot] < bytes) {
      if (this.temps[slot]) this.heap.free(this.temps[slot]);
      const n = Math.max(bytes, 2 * this.tempBytes[slot], 256);
      this.temps[slot] = this.heap.alloc(n);
      this.tempBytes[slot] = n;
    }
    return this.temps[slot];
  }

  /** A dense temporary view of `shape` in temp slot `slot`. */
  private tempView(slot: number, dtype: DType, shape: readonly number[]): View {
    const buffer = this.temp(slot, Math.max(1, sizeOf(shape)) * itemSize(dtype));
    return { buffer, dtype, shape, strides: denseStrides(shape), offset: 0 };
  }

  /**
   * A float32 operand that walks its inner dimension with a large stride (a transposed view,
   * e.g. a weight gradient) is copied contiguous first: the tiled copy reads it cache-friendly
   * and the op then runs its SIMD loop, which beats a strided gather per element.
   */
  private straighten(slot: number, v: View, out: View): View {
    const r = v.shape.length;
    if (r < 2 || v.dtype !== 'float32' || out.dtype !== 'float32') return v;
    const s = v.strides[r - 1];
    if (s === 0 || s === 1 || v.shape[r - 1] === 1 || out.strides[r - 1] !== 1) return v;
    if (sizeOf(v.shape) < 4096) return v;
    const t = this.tempView(slot, 'float32', v.shape);
    this.copy(v, t);
    return t;
  }

  /**
   * Splits a large elementwise call over the threads when every operand is dense or one
   * broadcast value: each thread gets a contiguous range of elements (a rank-1 descriptor).
   * `views` are the operands in descriptor order; `args` the kernel's arguments.
   */
  private splitFlat(kind: number, views: readonly View[], args: readonly number[], size: number): boolean {
    const pool = this.pool;
    if (!pool || size < PARALLEL_ELEMENTS) return false;
    for (const v of views) if (!isDense(v) && !allZero(v.strides)) return false;
    const parts = pool.size;
    const bound = (p: number) =>
      p >= parts ? size : Math.min(size, Math.floor((size * p) / parts / 16) * 16);
    const writeDesc = (i32: Int32Array, d: number, lo: number, hi: number) => {
      i32[d] = 1;
      i32[d + 1] = hi - lo;
      for (let k = 0; k < views.length; k++) {
        const zero = allZero(views[k].strides);
        i32[d + 2 + 2 * k] = views[k].offset + (zero ? 0 : lo);
        i32[d + 3 + 2 * k] = zero ? 0 : 1;
      }
    };
    const k = this.k as unknown as Record<string, (...a: number[]) => void>;
    const name =
      kind === TASK.unary
        ? 'unary'
        : kind === TASK.binary
          ? 'binary'
          : kind === TASK.where
            ? 'where'
            : 'copy';
    pool.run(
      kind,
      (w, i32, at) => {
        writeDesc(i32, pool.descOf(w) >>> 2, bound(w + 1), bound(w + 2));
        for (let i = 0; i < args.length; i++) i32[at + i] = args[i];
      },
      () => {
        this.heap.refresh();
        writeDesc(this.heap.i32, this.d, 0, bound(1));
        k[name](...args);
      },
    );
    return true;
  }

  // ---- kernels ------------------------------------------------------------------------------

  unary(op: UnaryOp, x: View, out: View): void {
    x = this.straighten(0, x, out);
    const size = sizeOf(out.shape);
    if (size >= PARALLEL_ELEMENTS && this.pool) {
      const args = [UNARY[op], DT[x.dtype], x.buffer as number, DT[out.dtype], out.buffer as number];
      if (this.splitFlat(TASK.unary, [x, out], args, size)) return;
    }
    const r = this.shape(out.shape);
    this.operand(0, r, x.offset, x.strides);
    this.operand(1, r, out.offset, out.strides);
    this.k.unary(UNARY[op], DT[x.dtype], x.buffer as number, DT[out.dtype], out.buffer as number);
  }

  binary(op: BinaryOp, a: View, b: View, out: View): void {
    a = this.straighten(0, a, out);
    b = this.straighten(1, b, out);
    const size = sizeOf(out.shape);
    if (size >= PARALLEL_ELEMENTS && this.pool) {
      const args = [
        BINARY[op],
        DT[a.dtype],
        a.buffer as number,
        DT[b.dtype],
        b.buffer as number,
        DT[out.dtype],
        out.buffer as number,
      ];
      if (this.splitFlat(TASK.binary, [a, b, out], args, size)) return;
    }
    const r = this.shape(out.shape);
    this.operand(0, r, a.offset, a.strides);
    this.operand(1, r, b.offset, b.strides);
    this.operand(2, r, out.offset, out.strides);
    this.k.binary(
      BINARY[op],
      DT[a.dtype],
      a.buffer as number,
      DT[b.dtype],
      b.buffer as number,
      DT[out.dtype],
      out.buffer as number,
    );
  }

  where(cond: View, a: View, b: View, out: View): void {
    const size = sizeOf(out.shape);
    if (size >= PARALLEL_ELEMENTS && this.pool) {
      const args = [
        DT[cond.dtype],
        cond.buffer as number,
        DT[a.dtype],
        a.buffer as number,
        DT[b.dtype],
        b.buffer as number,
        DT[out.dtype],
        out.buffer as number,
      ];
      if (this.splitFlat(TASK.where, [cond, a, b, out], args, size)) return;
    }
    const r = this.shape(out.shape);
    this.operand(0, r, cond.offset, cond.strides);
    this.operand(1, r, a.offset, a.strides);
    this.operand(2, r, b.offset, b.strides);
    this.operand(3, r, out.offset, out.strides);
    this.k.where(
      DT[cond.dtype],
      cond.buffer as number,
      DT[a.dtype],
      a.buffer as number,
      DT[b.dtype],
      b.buffer as number,
      DT[out.dtype],
      out.buffer as number,
    );
  }

  reduce(op: ReduceOp, x: View, axes: readonly number[], out: View): void {
    const shape = x.shape;
    let rsize = 1;
    for (let i = 0; i < axes.length; i++) rsize *= shape[axes[i]];
    if (rsize === 0 && op !== 'sum' && op !== 'prod') {
      throw new Error(
        `${op}: the reduction of an empty tensor has no identity (input shape ${shapeStr(shape)}, reduced dims ${shapeStr(axes)} have size 0)`,
      );
    }
    const outSize = sizeOf(out.shape);
    if (outSize === 0) return;
    const isArg = op === 'argmax' || op === 'argmin';
    if (axes.length === 0 && !isArg) {
      this.copy(x, out);
      return;
    }
    if (axes.length === 0 || rsize === 0) {
      this.fill(out, REDUCE_INIT[op]);
      return;
    }
    if (!isDense(out)) {
      const t = this.tempView(2, out.dtype, out.shape);
      this.reduce(op, x, axes, t);
      this.copy(t, out);
      return;
    }
    const acc = this.temp(0, outSize * 8);
    const idx = isArg ? this.temp(1, outSize * 4) : 0;
    const r = this.shape(shape);
    this.operand(0, r, x.offset, x.strides);
    const i32 = this.heap.i32;
    const mask = this.d + 2 + 2 * r;
    for (let i = 0; i < r; i++) i32[mask + i] = 0;
    for (let i = 0; i < axes.length; i++) i32[mask + axes[i]] = 1;
    const outp = (out.buffer as number) + out.offset * itemSize(out.dtype);
    this.k.reduce(REDUCE[op], DT[x.dtype], x.buffer as number, DT[out.dtype], outp, acc, idx);
  }

  matmul(a: View, b: View, out: View): void {
    const r = out.shape.length;
    const K = a.shape[r - 1];
    if (sizeOf(out.shape) === 0) return;
    if (K === 0) {
      this.fill(out, 0);
      return;
    }
    if (out.strides[r - 1] !== 1 && out.shape[r - 1] !== 1 && out.dtype !== 'int32' && out.dtype !== 'bool') {
      const t = this.tempView(2, out.dtype, out.shape);
      this.matmul(a, b, t);
      this.copy(t, out);
      return;
    }
    if (a.dtype !== out.dtype) {
      const t = this.tempView(0, out.dtype, a.shape);
      this.copy(a, t);
      a = t;
    }
    if (b.dtype !== out.dtype) {
      const t = this.tempView(1, out.dtype, b.shape);
      this.copy(b, t);
      b = t;
    }
    this.shape(out.shape);
    this.operand(0, r, a.offset, a.strides);
    this.operand(1, r, b.offset, b.strides);
    this.operand(2, r, out.offset, out.strides);
    if (out.shape[r - 1] === 1) this.heap.i32[this.d + 1 + r + 2 * (r + 1) + r] = 1;
    const dt = DT[out.dtype];
    const ap = a.buffer as number;
    const bp = b.buffer as number;
    const op = out.buffer as number;
    const pool = this.pool;
    const M = out.shape[r - 2];
    const N = out.shape[r - 1];
    if (pool && sizeOf(out.shape) * K >= PARALLEL_WORK && Math.max(M, N) >= 32) {
      const k = this.k;
      const desc = this.d;
      const words = 1 + r + 3 * (r + 1);
      const parts = pool.size;
      pool.run(
        TASK.matmul,
        (w, i32, at) => {
          i32.copyWithin(pool.descOf(w) >>> 2, desc, desc + words);
          i32.set([dt, ap, bp, op, K, w + 1, parts], at);
        },
        () => k.matmul(dt, ap, bp, op, K, 0, parts),
      );
    } else {
      this.k.matmul(dt, ap, bp, op, K, 0, 1);
    }
  }

  copy(x: View, out: View): void {
    const size = sizeOf(out.shape);
    if (size >= PARALLEL_ELEMENTS && this.pool) {
      const args = [DT[x.dtype], x.buffer as number, DT[out.dtype], out.buffer as number];
      if (this.splitFlat(TASK.copy, [x, out], args, size)) return;
    }
    const r = this.shape(out.shape);
    this.operand(0, r, x.offset, x.strides);
    this.operand(1, r, out.offset, out.strides);
    this.k.copy(DT[x.dtype], x.buffer as number, DT[out.dtype], out.buffer as number);
  }

  gather(x: View, index: View, axis: number, out: View): void {
    if (sizeOf(out.shape) === 0) return;
    this.indexed(out, index, x, axis);
    const size = x.shape[axis];
    const bad = this.k.gather(
      DT[x.dtype],
      x.buffer as number,
      index.buffer as number,
      DT[out.dtype],
      out.buffer as number,
      x.strides[axis],
      size,
    );
    if (bad) this.indexError('gather', axis, size, x.shape);
  }

  scatterAdd(out: View, index: View, axis: number, src: View): void {
    if (sizeOf(src.shape) === 0) return;
    this.indexed(src, index, out, axis);
    const size = out.shape[axis];
    const bad = this.k.scatterAdd(
      DT[out.dtype],
      out.buffer as number,
      index.buffer as number,
      DT[src.dtype],
      src.buffer as number,
      out.strides[axis],
      size,
    );
    if (bad) this.indexError('scatterAdd', axis, size, out.shape);
  }

  /**
   * Describes gather's and scatterAdd's walk: over `walked` (the index's shape), the walked
   * operand, the index, and the indexed operand with its stride along `axis` zeroed (the kernel
   * adds index·stride itself).
   */
  private indexed(walked: View, index: View, indexed: View, axis: number): void {
    const r = this.shape(walked.shape);
    this.operand(0, r, walked.offset, walked.strides);
    this.operand(1, r, index.offset, index.strides);
    this.operand(2, r, indexed.offset, indexed.strides);
    this.heap.i32[this.d + 1 + r + 2 * (r + 1) + 1 + axis] = 0;
  }

  private indexError(op: string, axis: number, size: number, shape: readonly number[]): never {
    this.heap.refresh();
    const j = this.heap.i32[this.err];
    throw new RangeError(
      `${op}: index ${j} is out of bounds for dimension ${axis} with size ${size} (shape ${shapeStr(shape)})`,
    );
  }

  fill(out: View, value: number): void {
    const r = this.shape(out.shape);
    this.operand(0, r, out.offset, out.strides);
    this.k.fill(DT[out.dtype], out.buffer as number, value);
  }
}
