/**
 * A pool of worker threads that run shares of a kernel call on the shared WebAssembly.Memory.
 *
 * Each worker instantiates the same compiled module on the same memory, with its own scratch
 * region (descriptors, packed panels). A control block of 16 int32 words per worker, in the
 * shared memory, carries the work: the main thread writes the worker's descriptor into its
 * scratch, the kernel and its arguments into the block, bumps `seq` and notifies; the worker
 * runs its share, stores `done = seq` and notifies back. The calling thread computes its own
 * share meanwhile. Workers spin briefly before sleeping in Atomics.wait, so back-to-back
 * calls do not pay a wake-up.
 */

/** Control block words. */
const SEQ = 0;
const DONE = 1;
const ERROR = 2;
const KIND = 3;
const ARGS = 4; // up to 10 kernel arguments
const WORDS = 16;
/** How long an idle worker spins before it sleeps (a wake-up from Atomics.wait costs ~50 µs). */
const SPIN_MS = 0.5;

/** Kernels a worker can run (the worker calls the export of that name with ARGS). */
export const TASK = { matmul: 0, unary: 1, binary: 2, where: 3, copy: 4 } as const;
const TASK_NAMES = ['matmul', 'unary', 'binary', 'where', 'copy'];
const TASK_ARITY = [7, 5, 7, 8, 4];
/** A worker that has not started by then (e.g. blocked by a content security policy) is given up. */
const START_TIMEOUT_MS = 10000;

/** The worker, as a classic script (an eval worker in Node, a blob URL in browsers). */
const WORKER_SOURCE = `
'use strict';
const NAMES = ${JSON.stringify(TASK_NAMES)};
const ARITY = ${JSON.stringify(TASK_ARITY)};
function start(d, ready) {
  const inst = new WebAssembly.Instance(d.module, {
    env: { memory: d.memory, abort() { throw new Error('@polygrad/backend-wasm: kernel aborted'); } },
  });
  const k = inst.exports;
  k.init(d.scratch);
  const c = new Int32Array(d.memory.buffer, d.ctrl, ${WORDS});
  // read before announcing readiness: the first task may be posted right after
  let seen = Atomics.load(c, ${SEQ});
  ready();
  for (;;) {
    let s = seen;
    // spin up to SPIN_MS for the next task, then sleep
    const t0 = performance.now();
    for (let spin = 1; (s = Atomics.load(c, ${SEQ})) === seen; spin++) {
      if ((spin & 255) === 0 && performance.now() - t0 > ${SPIN_MS}) break;
    }
    // a wait can return without a new task: only a changed seq means one
    while ((s = Atomics.load(c, ${SEQ})) === seen) Atomics.wait(c, ${SEQ}, seen);
    seen = s;
    try {
      const f = k[NAMES[c[${KIND}]]];
      const a = c.subarray(${ARGS}, ${ARGS} + ARITY[c[${KIND}]]);
      f(...a);
      c[${ERROR}] = 0;
    } catch (e) {
      c[${ERROR}] = 1;
    }
    Atomics.store(c, ${DONE}, seen);
    Atomics.notify(c, ${DONE});
  }
}
if (typeof require === 'function') {
  const { parentPort } = require('node:worker_threads');
  parentPort.once('message', (d) => start(d, () => parentPort.postMessage('ready')));
} else {
  self.onmessage = (e) => start(e.data, () => self.postMessage('ready'));
}
`;

interface WorkerLike {
  postMessage(m: unknown): void;
  terminate(): unknown;
}

const isNode = typeof process !== 'undefined' && !!process.versions?.node;

/** Logical processors available to this process. */
export async function hardwareThreads(): Promise<number> {
  if (isNode) {
    try {
      const spec = 'node:os';
      const os = (await import(/* @vite-ignore */ spec)) as typeof import('node:os');
      return os.availableParallelism?.() ?? os.cpus().length;
    } catch {
      return 1;
    }
  }
  return (globalThis as { navigator?: { hardwareConcurrency?: number } }).navigator?.hardwareConcurrency ?? 1;
}

async function spawn(): Promise<{ worker: WorkerLike; ready: Promise<void> }> {
  if (isNode) {
    const spec = 'node:worker_threads';
    const { Worker } = (await import(/* @vite-ignore */ spec)) as typeof import('node:worker_threads');
    const worker = new Worker(WORKER_SOURCE, { eval: true });
    worker.unref();
    const ready = new Promise<void>((resolve, reject) => {
      worker.once('message', () => resolve());
      worker.once('error', reject);
    });
    return { worker, ready };
  }
  const url = URL.createObjectURL(new Blob([WORKER_SOURCE], { type: 'text/javascript' }));
  const worker = new Worker(url);
  const ready = new Promise<void>((resolve, reject) => {
    worker.onmessage = () => resolve();
    worker.onerror = (e) => reject(e);
  });
  return { worker, ready };
}

export class ThreadPool {
  private seq = 0;
  /** Whether this thread may block in Atomics.wait (not on a browser's main thread). */
  private readonly canWait: boolean;

  private constructor(
    private readonly memory: WebAssembly.Memory,
    private readonly workers: WorkerLike[],
    /** Byte address of each worker's control block and descriptor. */
    private readonly ctrls: number[],
    private readonly descs: number[],
  ) {
    let canWait = true;
    try {
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 1, 0);
    } catch {
      canWait = false;
    }
    this.canWait = canWait;
  }

  /** Number of threads a call is split over (workers plus the calling thread). */
  get size(): number {
    return this.workers.length + 1;
  }

  /**
   * Starts `n` workers. `alloc` provides memory in the shared heap; each worker gets its
   * scratch region and control block from it.
   */
  static async create(
    n: number,
    module: WebAssembly.Module,
    memory: WebAssembly.Memory,
    scratchBytes: number,
    alloc: (bytes: number) => number,
  ): Promise<ThreadPool> {
    const workers: WorkerLike[] = [];
    const ctrls: number[] = [];
    const descs: number[] = [];
    try {
      for (let i = 0; i < n; i++) {
        const scratch = alloc(scratchBytes);
        const ctrl = alloc(WORDS * 4);
        new Int32Array(memory.buffer, ctrl, WORDS).fill(0);
        const { worker, ready } = await spawn();
        workers.push(worker);
        worker.postMessage({ module, memory, scratch, ctrl });
        let timer: ReturnType<typeof setTimeout> | undefined;
        const timeout = new Promise<never>((_, reject) => {
          timer = setTimeout(() => reject(new Error('worker did not start')), START_TIMEOUT_MS);
        });
        try {
          await Promise.race([ready, timeout]);
        } finally {
          clearTimeout(timer);
        }
        ctrls.push(ctrl);
        descs.push(scratch); // init() puts the descriptor at the start of the scratch region
      }
    } catch (e) {
      for (const w of workers) w.terminate();
      throw e;
    }
    return new ThreadPool(memory, workers, ctrls, descs);
  }

  /** Byte address of worker w's descriptor (the start of its scratch region). */
  descOf(w: number): number {
    return this.descs[w];
  }

  /**
   * Runs kernel `kind` on every worker and `self()` on the calling thread, and returns when
   * all are done. `prepare(w, i32, args)` sets worker w's descriptor and writes its kernel
   * arguments at index `args` of `i32` (a view of the whole memory).
   */
  run(kind: number, prepare: (w: number, i32: Int32Array, args: number) => void, self: () => void): void {
    const i32 = new Int32Array(this.memory.buffer);
    const seq = (this.seq = (this.seq + 1) | 0);
    for (let w = 0; w < this.workers.length; w++) {
      const c = this.ctrls[w] >>> 2;
      prepare(w, i32, c + ARGS);
      i32[c + KIND] = kind;
      Atomics.store(i32, c + SEQ, seq);
      Atomics.notify(i32, c + SEQ);
    }
    let failed = false;
    try {
      self();
    } finally {
      for (let w = 0; w < this.workers.length; w++) {
        const c = this.ctrls[w] >>> 2;
        for (let spin = 0; Atomics.load(i32, c + DONE) !== seq; spin++) {
          const v = Atomics.load(i32, c + DONE);
          if (this.canWait && spin > 1000 && v !== seq) Atomics.wait(i32, c + DONE, v, 10);
        }
        if (i32[c + ERROR]) failed = true;
      }
    }
    if (failed) throw new Error(`@polygrad/backend-wasm: a worker thread failed in ${TASK_NAMES[kind]}`);
  }

  terminate(): void {
    for (const w of this.workers) w.terminate();
    this.workers.length = 0;
  }
}
