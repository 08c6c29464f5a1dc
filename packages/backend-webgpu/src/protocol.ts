/**
 * Messages between the Node main thread (proxy.ts) and the worker that owns the GPU device
 * (node-worker.ts). Kernel calls are fire-and-forget and travel in batches, in call order; a
 * synchronous call waits on a SharedArrayBuffer the worker fills and wakes with Atomics.notify.
 */
import type { WebGPUOptions } from './backend.js';
import type { DT } from './wgsl.js';

/** A view as it crosses the thread boundary: [buffer id, dtype, shape, strides, offset]. */
export type WireView = [number, DT, number[], number[], number];

export type Command =
  | ['alloc', number, DT, number]
  | ['free', number]
  | ['write', number, ArrayBufferView]
  | ['unary', string, WireView, WireView]
  | ['binary', string, WireView, WireView, WireView]
  | ['where', WireView, WireView, WireView, WireView]
  | ['reduce', string, WireView, number[], WireView]
  | ['matmul', WireView, WireView, WireView]
  | ['copy', WireView, WireView]
  | ['gather', WireView, WireView, number, WireView]
  | ['scatterAdd', WireView, WireView, number, WireView]
  | ['fill', WireView, number];

/** What a synchronous or asynchronous request asks for. */
export type Request = ['read', number, number] | ['stats'] | ['idle'];

export type ToWorker =
  | { type: 'init'; flags: string[]; options: WebGPUOptions }
  | {
      type: 'run';
      cmds: Command[];
      sync?: { req: Request; sab: SharedArrayBuffer };
      async?: { id: number; req: Request };
    };

export type FromWorker =
  | { type: 'ready'; adapter: string }
  | { type: 'fatal'; message: string; name?: string }
  | { type: 'error'; message: string }
  | { type: 'reply'; id: number; bytes?: ArrayBuffer; json?: string; error?: string };

/** Header words of the shared reply buffer: state (0 waiting, 1 done, 2 failed), payload bytes. */
export const STATE = 0;
export const LENGTH = 1;
export const HEADER_BYTES = 16;
