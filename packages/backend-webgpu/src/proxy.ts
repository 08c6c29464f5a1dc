/**
 * Node's 'webgpu' backend: a proxy on the main thread for a WebGPUBackend living in a worker
 * (node-worker.ts). Kernel calls are queued and posted once per JavaScript task; reads are
 * answered by messages (`read`) or, for `readSync`, by blocking on Atomics.wait until the
 * worker has copied the bytes into a SharedArrayBuffer. So `dataSync()`, `toArray()`, `item()`
 * and printing work in Node, unlike a device on the main thread (whose mapAsync needs the very
 * event loop a synchronous read would block).
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { Backend, BinaryOp, DType, ReduceOp, TypedArray, UnaryOp, View } from '@polygrad/core';
import { checkDType, fromStorage, toStorage, type WebGPUOptions } from './backend.js';
import type { PoolStats } from './context.js';
import { WebGPUUnavailableError } from './gpu.js';
import {
  type Command,
  type FromWorker,
  HEADER_BYTES,
  LENGTH,
  type Request,
  STATE,
  type ToWorker,
  type WireView,
} from './protocol.js';
import type { DT } from './wgsl.js';

/** A buffer handle on the main thread; the GPUBuffer lives in the worker under `id`. */
export class ProxyBuffer {
  freed = false;
  constructor(
    readonly id: number,
    readonly dtype: DT,
    readonly size: number,
  ) {}
}

/** How long a synchronous read may wait for the worker before it is declared stuck. */
const SYNC_TIMEOUT_MS = 300_000;

function wire(v: View): WireView {
  const b = v.buffer as ProxyBuffer;
  if (b.freed) throw new Error('webgpu: a kernel was given a freed buffer');
  return [b.id, v.dtype as DT, v.shape.slice(), v.strides.slice(), v.offset];
}

/** The compiled worker script: next to this file in dist, or dist's copy when running from src. */
function workerUrl(): URL {
  const here = new URL('./node-worker.js', import.meta.url);
  if (existsSync(fileURLToPath(here))) return here;
  return new URL('../dist/node-worker.js', import.meta.url);
}

export interface WorkerBackendStats extends PoolStats {
  /** Buffers the worker holds for this proxy's handles. */
  handles: number;
}

export class WorkerBackend implements Backend {
  readonly name = 'webgpu';
  private queue: Command[] = [];
  private transfer: ArrayBuffer[] = [];
  private scheduled = false;
  private nextId = 1;
  private nextReq = 1;
  private readonly replies = new Map<number, { resolve: (m: FromWorker & { type: 'reply' }) => void }>();
  private sab = new SharedArrayBuffer(HEADER_BYTES + 4096);
  private failure: string | null = null;
  private dead: Error | null = null;

  private constructor(
    private readonly worker: Worker,
    readonly adapter: string,
  ) {
    // Dawn aborts the process if it exits while a queue callback is pending, so the exit
    // waits (synchronously: 'exit' handlers cannot await) for the worker's queue to drain.
    process.on('exit', this.drainOnExit);
    worker.on('message', (m: FromWorker) => {
      if (m.type === 'error') this.failure ??= m.message;
      else if (m.type === 'reply') {
        const r = this.replies.get(m.id);
        this.replies.delete(m.id);
        if (this.replies.size === 0) worker.unref();
        r?.resolve(m);
      }
    });
    worker.on('exit', (code) => {
      this.dead = new Error(`webgpu: the GPU worker exited (code ${code})`);
    });
    worker.unref();
  }

  /** Starts the worker and waits for its device; a missing adapter rejects with the reason. */
  static async create(flags: string[] = [], options: WebGPUOptions = {}): Promise<WorkerBackend> {
    const worker = new Worker(workerUrl());
    const first = await new Promise<FromWorker>((resolve, reject) => {
      worker.once('message', resolve);
      worker.once('error', reject);
      worker.postMessage({ type: 'init', flags, options } satisfies ToWorker);
    });
    if (first.type !== 'ready') {
      await worker.terminate();
      const msg = first.type === 'fatal' ? first.message : 'unexpected message';
      throw first.type === 'fatal' && first.name === 'WebGPUUnavailableError'
        ? new WebGPUUnavailableError(msg)
        : new Error(`webgpu: the GPU worker failed to start: ${msg}`);
    }
    return new WorkerBackend(worker, first.adapter);
  }

  private check(): void {
    if (this.dead) throw this.dead;
    const f = this.failure;
    if (f) {
      this.failure = null;
      throw new Error(`webgpu: ${f}`);
    }
  }

  private push(c: Command): void {
    this.check();
    this.queue.push(c);
    if (!this.scheduled) {
      this.scheduled = true;
      queueMicrotask(() => this.send());
    }
  }

  private send(extra: Partial<Extract<ToWorker, { type: 'run' }>> = {}): void {
    this.scheduled = false;
    if (!this.queue.length && !extra.sync && !extra.async) return;
    const msg: ToWorker = { type: 'run', cmds: this.queue, ...extra };
    const transfer = this.transfer;
    this.queue = [];
    this.transfer = [];
    this.worker.postMessage(msg, transfer);
  }

  /** Blocks until the worker has answered `req`; returns the payload bytes (a copy). */
  private callSync(req: Request, bytes: number): Uint8Array {
    this.check();
    if (this.sab.byteLength < HEADER_BYTES + bytes) {
      this.sab = new SharedArrayBuffer(HEADER_BYTES + Math.max(bytes, this.sab.byteLength * 2));
    }
    const sab = this.sab;
    const head = new Int32Array(sab, 0, 4);
    Atomics.store(head, STATE, 0);
    this.send({ sync: { req, sab } });
    const t0 = Date.now();
    while (Atomics.load(head, STATE) === 0) {
      Atomics.wait(head, STATE, 0, 1000);
      if (Date.now() - t0 > SYNC_TIMEOUT_MS) throw new Error('webgpu: the GPU worker did not answer a read');
    }
    const out = new Uint8Array(sab, HEADER_BYTES, head[LENGTH]).slice();
    if (Atomics.load(head, STATE) === 2) throw new Error(`webgpu: ${new TextDecoder().decode(out)}`);
    return out;
  }

  private callAsync(req: Request): Promise<ArrayBuffer> {
    this.check();
    const id = this.nextReq++;
    const p = new Promise<FromWorker & { type: 'reply' }>((resolve) => this.replies.set(id, { resolve }));
    if (this.replies.size === 1) this.worker.ref();
    this.send({ async: { id, req } });
    return p.then((m) => {
      if (m.error !== undefined) throw new Error(`webgpu: ${m.error}`);
      return m.bytes ?? new ArrayBuffer(0);
    });
  }

  // ---- Backend ----

  alloc(dtype: DType, size: number): ProxyBuffer {
    const d = checkDType(dtype);
    const b = new ProxyBuffer(this.nextId++, d, size);
    this.push(['alloc', b.id, d, size]);
    return b;
  }

  free(buffer: unknown): void {
    const b = buffer as ProxyBuffer;
    if (b.freed) return;
    b.freed = true;
    this.push(['free', b.id]);
  }

  write(buffer: unknown, data: TypedArray): void {
    const b = buffer as ProxyBuffer;
    const s = toStorage(b.dtype, data);
    // a private copy: the caller may reuse `data`, and the copy is transferred, not cloned
    const copy = new Uint8Array(s.buffer, s.byteOffset, s.byteLength).slice();
    this.push(['write', b.id, copy]);
    this.transfer.push(copy.buffer);
  }

  async read(buffer: unknown, dtype: DType, size: number): Promise<TypedArray> {
    const b = buffer as ProxyBuffer;
    if (size === 0) return fromStorage(checkDType(dtype), new ArrayBuffer(0));
    return fromStorage(checkDType(dtype), await this.callAsync(['read', b.id, size]));
  }

  readSync(buffer: unknown, dtype: DType, size: number): TypedArray {
    const b = buffer as ProxyBuffer;
    const d = checkDType(dtype);
    if (size === 0) return fromStorage(d, new ArrayBuffer(0));
    const bytes = this.callSync(['read', b.id, size], size * 4);
    return fromStorage(d, bytes.buffer as ArrayBuffer);
  }

  /** The worker's pool and dispatch counters (a synchronous round trip). */
  stats(): WorkerBackendStats {
    return JSON.parse(new TextDecoder().decode(this.callSync(['stats'], 4096)));
  }

  /** Resolves when the worker's GPU queue is empty. */
  async idle(): Promise<void> {
    await this.callAsync(['idle']);
  }

  private readonly drainOnExit = (): void => {
    if (this.dead) return;
    try {
      this.callSync(['idle'], 0);
    } catch {
      // a broken worker has nothing left to drain
    }
  };

  /** Stops the worker (and its device); the backend is unusable afterwards. */
  async terminate(): Promise<void> {
    process.off('exit', this.drainOnExit);
    this.dead = new Error('webgpu: the backend was terminated');
    await this.worker.terminate();
  }

  unary(op: UnaryOp, x: View, out: View): void {
    this.push(['unary', op, wire(x), wire(out)]);
  }

  binary(op: BinaryOp, a: View, b: View, out: View): void {
    this.push(['binary', op, wire(a), wire(b), wire(out)]);
  }

  where(cond: View, a: View, b: View, out: View): void {
    this.push(['where', wire(cond), wire(a), wire(b), wire(out)]);
  }

  reduce(op: ReduceOp, x: View, axes: readonly number[], out: View): void {
    this.push(['reduce', op, wire(x), axes.slice(), wire(out)]);
  }

  matmul(a: View, b: View, out: View): void {
    this.push(['matmul', wire(a), wire(b), wire(out)]);
  }

  copy(x: View, out: View): void {
    this.push(['copy', wire(x), wire(out)]);
  }

  gather(x: View, index: View, axis: number, out: View): void {
    this.push(['gather', wire(x), wire(index), axis, wire(out)]);
  }

  scatterAdd(out: View, index: View, axis: number, src: View): void {
    this.push(['scatterAdd', wire(out), wire(index), axis, wire(src)]);
  }

  fill(out: View, value: number): void {
    this.push(['fill', wire(out), value]);
  }
}
