/**
 * One GPU device and everything around it: the buffer pool, the pipeline cache, and the open
 * batch (a command encoder with one compute pass) that kernels are encoded into and that is
 * submitted on reads, before writes to a buffer it uses, when its meta arena fills, and at the
 * end of the current JavaScript task.
 *
 * Dawn (Node) crashes if the GPU, adapter, device, or a buffer referenced only by a bind group
 * is garbage-collected while work is in flight, so this class holds all of them: the three roots
 * for its lifetime, and every bind group and buffer a batch uses until the queue reports the
 * batch done.
 */
import type { DT } from './wgsl.js';

// WebGPU's numeric flags (so Node needs no GPUBufferUsage globals).
const STORAGE = 0x80;
const COPY_SRC = 0x04;
const COPY_DST = 0x08;
const MAP_READ = 0x01;
const MAP_MODE_READ = 0x1;

/** A backend buffer: a pooled GPUBuffer with room for `size` elements of `dtype` (4 bytes each). */
export class GpuBuffer {
  freed = false;
  constructor(
    public gpu: GPUBuffer,
    readonly capacity: number,
    readonly dtype: DT,
    readonly size: number,
  ) {}
}

export interface PoolStats {
  /** Buffers handed out and not yet freed. */
  live: number;
  liveBytes: number;
  /** Freed buffers kept for reuse. */
  pooled: number;
  pooledBytes: number;
  /** GPUBuffers ever created for the pool. */
  created: number;
  pipelines: number;
  dispatches: number;
  submits: number;
}

/** Size classes: powers of two up to 4 KiB, then quarter steps between powers of two. */
export function capacityFor(bytes: number): number {
  const b = Math.max(bytes, 16);
  if (b <= 4096) return 2 ** Math.ceil(Math.log2(b));
  const q = 2 ** Math.floor(Math.log2(b)) / 4;
  return Math.ceil(b / q) * q;
}

export interface Roots {
  gpu: GPU;
  adapter: GPUAdapter;
  device: GPUDevice;
}

const META_BYTES = 1 << 16;
/** Freed bytes the pool keeps before it destroys buffers. */
const POOL_LIMIT = 256 << 20;

export class GpuContext {
  readonly device: GPUDevice;
  /** Pipelines by op key, with their bind group layout (asking Dawn for it per dispatch was costly). */
  private readonly pipelines = new Map<string, { pipe: GPUComputePipeline; layout: GPUBindGroupLayout }>();
  private readonly pool = new Map<number, GPUBuffer[]>();
  private readonly staging = new Map<number, GPUBuffer[]>();
  private stats = { live: 0, liveBytes: 0, pooled: 0, pooledBytes: 0, created: 0, dispatches: 0, submits: 0 };

  private encoder: GPUCommandEncoder | null = null;
  private pass: GPUComputePassEncoder | null = null;
  /** GPU objects the open batch references, and the set of its buffers (to order writes). */
  private keep: unknown[] = [];
  private used = new Set<GPUBuffer>();
  private readonly inflight = new Set<unknown[]>();
  private readonly meta = new Int32Array(META_BYTES / 4);
  private metaUsed = 0;
  private readonly metaGpu: GPUBuffer;
  private readonly align: number;
  private scheduled = false;
  private lost: Error | null = null;
  private failure: Error | null = null;

  constructor(readonly roots: Roots) {
    const device = roots.device;
    this.device = device;
    this.align = Math.max(device.limits.minStorageBufferOffsetAlignment, 16) / 4;
    this.metaGpu = device.createBuffer({ size: META_BYTES, usage: STORAGE | COPY_DST });
    device.lost.then((info) => {
      this.lost = new Error(`WebGPU device lost (${info.reason}): ${info.message}`);
    });
    const onError = (ev: Event) => {
      const err = (ev as GPUUncapturedErrorEvent).error;
      this.failure ??= new Error(`WebGPU error: ${err.message}`);
    };
    if (typeof device.addEventListener === 'function') device.addEventListener('uncapturederror', onError);
    else (device as { onuncapturederror: unknown }).onuncapturederror = onError;
  }

  /** Throws (once) the first asynchronous GPU error, or the device loss. */
  check(): void {
    if (this.lost) throw this.lost;
    const f = this.failure;
    if (f) {
      this.failure = null;
      throw f;
    }
  }

  // ---- buffers ----

  alloc(dtype: DT, size: number): GpuBuffer {
    const cap = capacityFor(size * 4);
    const list = this.pool.get(cap);
    let gpu = list?.pop();
    if (gpu) {
      this.stats.pooled--;
      this.stats.pooledBytes -= cap;
    } else {
      gpu = this.device.createBuffer({ size: cap, usage: STORAGE | COPY_SRC | COPY_DST });
      this.stats.created++;
    }
    this.stats.live++;
    this.stats.liveBytes += cap;
    return new GpuBuffer(gpu, cap, dtype, size);
  }

  release(b: GpuBuffer): void {
    if (b.freed) return;
    b.freed = true;
    this.stats.live--;
    this.stats.liveBytes -= b.capacity;
    let list = this.pool.get(b.capacity);
    if (!list) this.pool.set(b.capacity, (list = []));
    list.push(b.gpu);
    this.stats.pooled++;
    this.stats.pooledBytes += b.capacity;
  }

  /** Destroys pooled buffers beyond the limit; only between batches (no open encoder uses them). */
  private trim(): void {
    if (this.stats.pooledBytes <= POOL_LIMIT) return;
    for (const [cap, list] of [...this.pool].sort((a, b) => b[0] - a[0])) {
      while (list.length && this.stats.pooledBytes > POOL_LIMIT / 2) {
        list.pop()!.destroy();
        this.stats.pooled--;
        this.stats.pooledBytes -= cap;
      }
    }
  }

  poolStats(): PoolStats {
    return { ...this.stats, pipelines: this.pipelines.size };
  }

  /** Writes bytes at the start of b; work already encoded against b runs first. */
  write(b: GpuBuffer, data: ArrayBufferView): void {
    this.check();
    if (this.used.has(b.gpu)) this.flush();
    if (data.byteLength === 0) return;
    this.device.queue.writeBuffer(b.gpu, 0, data.buffer, data.byteOffset, data.byteLength);
  }

  /** The first `bytes` bytes of b, after everything encoded so far. */
  async read(b: GpuBuffer, bytes: number): Promise<ArrayBuffer> {
    this.check();
    if (bytes === 0) return new ArrayBuffer(0);
    const cap = capacityFor(bytes);
    const st =
      this.staging.get(cap)?.pop() ?? this.device.createBuffer({ size: cap, usage: MAP_READ | COPY_DST });
    this.endPass();
    this.openEncoder().copyBufferToBuffer(b.gpu, 0, st, 0, bytes);
    this.keep.push(b.gpu, st);
    this.flush();
    try {
      await st.mapAsync(MAP_MODE_READ, 0, bytes);
      const out = st.getMappedRange(0, bytes).slice(0);
      st.unmap();
      let list = this.staging.get(cap);
      if (!list) this.staging.set(cap, (list = []));
      list.push(st);
      return out;
    } catch (e) {
      this.check();
      throw e;
    }
  }

  // ---- pipelines and dispatch ----

  pipeline(key: string, code: () => string): { pipe: GPUComputePipeline; layout: GPUBindGroupLayout } {
    let p = this.pipelines.get(key);
    if (!p) {
      const module = this.device.createShaderModule({ code: code(), label: key });
      const pipe = this.device.createComputePipeline({
        layout: 'auto',
        compute: { module, entryPoint: 'main' },
        label: key,
      });
      p = { pipe, layout: pipe.getBindGroupLayout(0) };
      this.pipelines.set(key, p);
    }
    return p;
  }

  /**
   * Encodes one dispatch. `buffers[j]` goes to binding j + 1 (undefined: an aliased operand
   * without a binding of its own); the meta words go to binding 0.
   */
  dispatch(
    key: string,
    code: () => string,
    meta: Int32Array,
    buffers: readonly (GpuBuffer | undefined)[],
    groups: readonly [number, number, number],
  ): void {
    this.check();
    const words = Math.ceil(meta.length / this.align) * this.align;
    if (this.metaUsed + words > this.meta.length) this.flush();
    const at = this.metaUsed;
    this.meta.set(meta, at);
    this.metaUsed += words;
    const { pipe, layout } = this.pipeline(key, code);
    const entries: GPUBindGroupEntry[] = [
      { binding: 0, resource: { buffer: this.metaGpu, offset: at * 4, size: Math.max(meta.length, 1) * 4 } },
    ];
    for (let j = 0; j < buffers.length; j++) {
      const b = buffers[j];
      if (!b) continue;
      if (b.freed) throw new Error('WebGPU backend: a kernel was given a freed buffer');
      entries.push({ binding: j + 1, resource: { buffer: b.gpu } });
      this.used.add(b.gpu);
      this.keep.push(b.gpu);
    }
    const group = this.device.createBindGroup({ layout, entries });
    this.keep.push(group);
    const pass = this.openPass();
    pass.setPipeline(pipe);
    pass.setBindGroup(0, group);
    pass.dispatchWorkgroups(groups[0], groups[1], groups[2]);
    this.stats.dispatches++;
  }

  private openEncoder(): GPUCommandEncoder {
    if (!this.encoder) {
      this.encoder = this.device.createCommandEncoder();
      this.schedule();
    }
    return this.encoder;
  }

  private openPass(): GPUComputePassEncoder {
    if (!this.pass) this.pass = this.openEncoder().beginComputePass();
    return this.pass;
  }

  private endPass(): void {
    if (this.pass) {
      this.pass.end();
      this.pass = null;
    }
  }

  /** Submits the open batch at the end of the current task, so the GPU starts while JS waits. */
  private schedule(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    queueMicrotask(() => {
      this.scheduled = false;
      this.flush();
    });
  }

  /** Submits everything encoded so far. */
  flush(): void {
    const enc = this.encoder;
    if (!enc) return;
    this.endPass();
    const q = this.device.queue;
    if (this.metaUsed) q.writeBuffer(this.metaGpu, 0, this.meta.buffer, 0, this.metaUsed * 4);
    const cmd = enc.finish();
    const keep = this.keep;
    keep.push(cmd, enc);
    q.submit([cmd]);
    this.stats.submits++;
    this.inflight.add(keep);
    q.onSubmittedWorkDone().then(
      () => this.inflight.delete(keep),
      () => this.inflight.delete(keep),
    );
    this.encoder = null;
    this.keep = [];
    this.used = new Set();
    this.metaUsed = 0;
    this.trim();
  }

  /** Resolves when every submitted batch has finished. */
  async idle(): Promise<void> {
    this.flush();
    await this.device.queue.onSubmittedWorkDone();
  }

  destroy(): void {
    this.flush();
    this.device.destroy();
  }
}
