/**
 * `tf.device('/CPU:0' | '/GPU:0', fn)`: TensorFlow device names mapped onto polygrad backends.
 * "CPU" is the CPU or WASM backend, whichever is configured; "GPU" is WebGPU. Inside the
 * scope, new tensors (constants, creation ops, random draws, converted JS values) are made on
 * that backend; ops on existing tensors run where their inputs live.
 */
import * as core from '@polygrad/core';

const stack: string[] = [];

export class DeviceError extends Error {
  override name = 'InvalidArgumentError';
}

/** The backend new tensors are made on: the innermost `tf.device` scope, else core's current one. */
export function currentBackend(): string {
  return stack.length ? stack[stack.length - 1] : core.getBackend();
}

/** Parses '/CPU:0', 'GPU:0', '/device:GPU:0', '/job:localhost/replica:0/task:0/device:CPU:0', 'cpu'. */
export function parseDevice(spec: string): { type: 'CPU' | 'GPU'; index: number } {
  const s = String(spec).trim();
  const parts = s.split('/').filter(Boolean);
  const last = parts.length ? parts[parts.length - 1] : s;
  const m = /^(?:device:)?(cpu|gpu)(?::(\d+))?$/i.exec(last);
  if (!m) throw new DeviceError(`Could not parse device specification '${spec}'. Use '/CPU:0' or '/GPU:0'.`);
  return { type: m[1].toUpperCase() as 'CPU' | 'GPU', index: m[2] ? Number(m[2]) : 0 };
}

/** The backend a TensorFlow device name means here; a clear error when it is not installed. */
export function backendForDevice(spec: string): string {
  const { type, index } = parseDevice(spec);
  const registered = core.listBackends();
  if (type === 'GPU') {
    if (!registered.includes('webgpu') || index !== 0) {
      throw new DeviceError(
        `Could not satisfy device specification '${spec}': ${
          index !== 0
            ? `only GPU:0 exists (polygrad drives one WebGPU adapter).`
            : `the WebGPU backend is not installed. Install '@polygrad/backend-webgpu' and import it (or \`await core.setBackend('webgpu')\`) before using '/GPU:0'.`
        }`,
      );
    }
    return 'webgpu';
  }
  if (index !== 0)
    throw new DeviceError(`Could not satisfy device specification '${spec}': only CPU:0 exists.`);
  const cur = core.getBackend();
  if (cur === 'cpu' || cur === 'wasm') return cur;
  return registered.includes('wasm') ? 'wasm' : 'cpu';
}

/** TensorFlow's full device name for a backend, e.g. '/job:localhost/replica:0/task:0/device:CPU:0'. */
export function deviceName(backend: string): string {
  return `/job:localhost/replica:0/task:0/device:${backend === 'webgpu' ? 'GPU' : 'CPU'}:0`;
}

/**
 * Runs fn with new tensors placed on the device (Python's `with tf.device(name):`), returning
 * its value; async callbacks keep the scope until they settle. Without fn, returns a scope
 * with `exit()` and `[Symbol.dispose]`.
 */
export function device<T>(name: string, fn: () => T): T;
export function device(name: string): core.Scope;
export function device<T>(name: string, fn?: () => T): T | core.Scope {
  const backend = backendForDevice(name);
  return core.scoped(() => {
    stack.push(backend);
    return () => {
      const i = stack.lastIndexOf(backend);
      if (i >= 0) stack.splice(i, 1);
    };
  }, fn);
}
