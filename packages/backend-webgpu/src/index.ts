/**
 * Importing this package registers the 'webgpu' backend with @polygrad/core. In browsers it
 * runs on `navigator.gpu` on the calling thread; in Node it runs Dawn (the `webgpu` package) in
 * a worker thread so that synchronous reads (`dataSync`, `toArray`, printing) work.
 */
import { registerBackend } from '@polygrad/core';
import { WebGPUBackend, type WebGPUOptions } from './backend.js';
import { browserGpu, isNode, nodeGpu, requestRoots } from './gpu.js';
import { SmallOnHost } from './small-on-host.js';

export { FLOAT64_MESSAGE, isCpuAdapter, WebGPUBackend, type WebGPUOptions } from './backend.js';
export type { PoolStats } from './context.js';
export { NO_ADAPTER_HELP, WebGPUUnavailableError } from './gpu.js';
export type { WorkerBackend, WorkerBackendStats } from './proxy.js';
export { SMALL_ON_HOST, SmallOnHost } from './small-on-host.js';

/**
 * A backend on this thread's device: `navigator.gpu`, or in Node a Dawn instance made with
 * `flags`. It has no synchronous reads (`dataSync()` throws, naming `await t.data()`).
 */
export async function createDirectBackend(
  opts: WebGPUOptions & { gpu?: GPU; flags?: string[] } = {},
): Promise<WebGPUBackend> {
  const gpu = opts.gpu ?? browserGpu() ?? (isNode ? await nodeGpu(opts.flags) : undefined);
  if (!gpu) throw new Error('WebGPU is not available here (no navigator.gpu)');
  return new WebGPUBackend(await requestRoots(gpu), { matmul: opts.matmul });
}

/** Node only: a backend whose device lives in a worker thread, with synchronous reads. */
export async function createWorkerBackend(opts: WebGPUOptions & { flags?: string[] } = {}) {
  const { WorkerBackend } = await import('./proxy.js');
  return WorkerBackend.create(opts.flags, { matmul: opts.matmul });
}

/** The device backend alone: a worker-hosted device in Node, `navigator.gpu` elsewhere. */
export function createDeviceBackend(): Promise<WebGPUBackend | import('./proxy.js').WorkerBackend> {
  return isNode && !browserGpu() ? createWorkerBackend() : createDirectBackend();
}

/** The default: the device backend with small tensors kept on the host (see small-on-host.ts). */
export async function createBackend(): Promise<SmallOnHost> {
  return new SmallOnHost(await createDeviceBackend());
}

registerBackend('webgpu', createBackend);
