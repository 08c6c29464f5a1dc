/**
 * The Node worker that owns Dawn's device. It replays the main thread's kernel calls on a
 * WebGPUBackend, in order, and answers reads. Keeping the device here frees the main thread to
 * block on Atomics.wait for a synchronous read while this thread's event loop drives Dawn.
 * Every GPU object stays reachable from `backend` (and its context) for the worker's lifetime.
 */
import { parentPort } from 'node:worker_threads';
import { WebGPUBackend, type WebGPUOptions } from './backend.js';
import type { GpuBuffer } from './context.js';
import { nodeGpu, requestRoots } from './gpu.js';
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

const port = parentPort!;
let backend: WebGPUBackend | null = null;
const buffers = new Map<number, GpuBuffer>();
/** The first error of a fire-and-forget command, reported with the next reply. */
let pending: string | null = null;

const post = (m: FromWorker, transfer: Transferable[] = []) => port.postMessage(m, transfer as never);

function view(w: WireView) {
  const buffer = buffers.get(w[0]);
  if (!buffer) throw new Error(`webgpu worker: unknown buffer #${w[0]}`);
  return { buffer, dtype: w[1], shape: w[2], strides: w[3], offset: w[4] };
}

function run(b: WebGPUBackend, c: Command): void {
  switch (c[0]) {
    case 'alloc':
      buffers.set(c[1], b.alloc(c[2], c[3]));
      return;
    case 'free': {
      const buf = buffers.get(c[1]);
      if (buf) b.free(buf);
      buffers.delete(c[1]);
      return;
    }
    case 'write': {
      const buf = buffers.get(c[1]);
      if (!buf) throw new Error(`webgpu worker: unknown buffer #${c[1]}`);
      b.ctx.write(buf, c[2]); // already in storage layout
      return;
    }
    case 'unary':
      b.unary(c[1] as never, view(c[2]), view(c[3]));
      return;
    case 'binary':
      b.binary(c[1] as never, view(c[2]), view(c[3]), view(c[4]));
      return;
    case 'where':
      b.where(view(c[1]), view(c[2]), view(c[3]), view(c[4]));
      return;
    case 'reduce':
      b.reduce(c[1] as never, view(c[2]), c[3], view(c[4]));
      return;
    case 'matmul':
      b.matmul(view(c[1]), view(c[2]), view(c[3]));
      return;
    case 'copy':
      b.copy(view(c[1]), view(c[2]));
      return;
    case 'gather':
      b.gather(view(c[1]), view(c[2]), c[3], view(c[4]));
      return;
    case 'scatterAdd':
      b.scatterAdd(view(c[1]), view(c[2]), c[3], view(c[4]));
      return;
    case 'fill':
      b.fill(view(c[1]), c[2]);
      return;
  }
}

/** Raw bytes for a request: a buffer's storage words, or JSON. */
async function answer(b: WebGPUBackend, req: Request): Promise<Uint8Array> {
  if (pending) {
    const m = pending;
    pending = null;
    throw new Error(m);
  }
  b.ctx.check();
  switch (req[0]) {
    case 'read': {
      const buf = buffers.get(req[1]);
      if (!buf) throw new Error(`webgpu worker: unknown buffer #${req[1]}`);
      return new Uint8Array(await b.ctx.read(buf, req[2] * 4));
    }
    case 'stats':
      return new TextEncoder().encode(JSON.stringify({ ...b.stats(), handles: buffers.size }));
    case 'idle':
      await b.idle();
      return new Uint8Array(0);
  }
}

function fill(sab: SharedArrayBuffer, bytes: Uint8Array, state: number): void {
  const head = new Int32Array(sab, 0, 4);
  new Uint8Array(sab, HEADER_BYTES, bytes.length).set(bytes);
  head[LENGTH] = bytes.length;
  Atomics.store(head, STATE, state);
  Atomics.notify(head, STATE);
}

async function init(flags: string[], options: WebGPUOptions): Promise<void> {
  try {
    const roots = await requestRoots(await nodeGpu(flags));
    backend = new WebGPUBackend(roots, options);
    const info = roots.adapter.info;
    post({
      type: 'ready',
      adapter: [info?.vendor, info?.architecture, info?.description].filter(Boolean).join(' '),
    });
  } catch (e) {
    const err = e as Error;
    post({ type: 'fatal', message: err.message ?? String(e), name: err.name });
  }
}

port.on('message', (msg: ToWorker) => {
  if (msg.type === 'init') {
    void init(msg.flags, msg.options);
    return;
  }
  const b = backend!;
  for (const c of msg.cmds) {
    try {
      run(b, c);
    } catch (e) {
      const m = (e as Error).message ?? String(e);
      if (!pending) {
        pending = m;
        post({ type: 'error', message: m });
      }
    }
  }
  const { sync, async: req } = msg;
  if (sync) {
    answer(b, sync.req).then(
      (bytes) => fill(sync.sab, bytes, 1),
      (e) => fill(sync.sab, new TextEncoder().encode((e as Error).message ?? String(e)), 2),
    );
  }
  if (req) {
    answer(b, req.req).then(
      (bytes) => {
        const ab = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
        post({ type: 'reply', id: req.id, bytes: ab }, [ab]);
      },
      (e) => post({ type: 'reply', id: req.id, error: (e as Error).message ?? String(e) }),
    );
  }
});
