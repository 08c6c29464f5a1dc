/**
 * MXNet contexts (`mx.cpu()`, `mx.gpu()`) and the backends they run on: `cpu(0)` is the CPU
 * or WASM backend, whichever is configured; `gpu(0)` is WebGPU.
 */
import * as core from '@polygrad/core';
import { INSPECT, PY_REPR, PY_STR } from '@polygrad/core';
import { MXNetError } from './errors.js';

export type DeviceType = 'cpu' | 'gpu' | 'cpu_pinned';

const CPU_BACKENDS = ['cpu', 'wasm'];

/** `mx.Context`: a device type and id; `str(ctx)` is `cpu(0)`. */
export class Context {
  readonly deviceType: DeviceType;
  readonly deviceId: number;

  constructor(deviceType: DeviceType | Context | string, deviceId = 0) {
    if (deviceType instanceof Context) {
      this.deviceType = deviceType.deviceType;
      this.deviceId = deviceType.deviceId;
      return;
    }
    const m = /^(cpu|gpu|cpu_pinned)(?:\((\d+)\))?$/.exec(String(deviceType));
    if (!m) throw new MXNetError(`Invalid context string '${deviceType}': expected cpu, gpu or cpu_pinned`);
    this.deviceType = m[1] as DeviceType;
    this.deviceId = m[2] !== undefined ? Number(m[2]) : deviceId;
  }

  /** MXNet's `device_type` spelling. */
  get device_type(): DeviceType {
    return this.deviceType;
  }
  get device_id(): number {
    return this.deviceId;
  }

  /** The polygrad backend this context runs on (an error naming the package when missing). */
  get backend(): string {
    return backendFor(this);
  }

  equals(other: unknown): boolean {
    const o = asContextOrNull(other);
    return o !== null && o.deviceType === this.deviceType && o.deviceId === this.deviceId;
  }

  toString(): string {
    return `${this.deviceType}(${this.deviceId})`;
  }
  [PY_STR](): string {
    return this.toString();
  }
  [PY_REPR](): string {
    return this.toString();
  }
  [INSPECT](): string {
    return this.toString();
  }
}

export const cpu = (deviceId = 0): Context => new Context('cpu', deviceId);
export const gpu = (deviceId = 0): Context => new Context('gpu', deviceId);
export const cpuPinned = (deviceId = 0): Context => new Context('cpu_pinned', deviceId);

/** `mx.context.num_gpus()`: 1 when the WebGPU backend is registered, else 0. */
export const numGpus = (): number => (core.listBackends().includes('webgpu') ? 1 : 0);

function asContextOrNull(x: unknown): Context | null {
  if (x instanceof Context) return x;
  if (typeof x === 'string') {
    try {
      return new Context(x);
    } catch {
      return null;
    }
  }
  return null;
}

/** A Context from a Context, a string ('cpu', 'gpu(0)') or nothing (the current context). */
export function asContext(x: unknown): Context {
  if (x === undefined || x === null) return currentContext();
  const c = asContextOrNull(x);
  if (!c) throw new MXNetError(`Invalid context ${String(x)}: expected mx.cpu(), mx.gpu() or a string`);
  return c;
}

/** `mx.current_context()`: gpu(0) while WebGPU is the current backend, else cpu(0). */
export function currentContext(): Context {
  return contextOf(core.getBackend());
}

/** The context a backend stands for. */
export function contextOf(backend: string): Context {
  return backend === 'webgpu' ? gpu(0) : cpu(0);
}

export const GPU_MISSING =
  "mx.gpu() runs on polygrad's WebGPU backend, which is not installed: install and import '@polygrad/backend-webgpu' (then `await core.setBackend('webgpu')`).";

/** The backend for a context; cpu follows the configured CPU-side backend (cpu or wasm). */
export function backendFor(ctx: Context): string {
  if (ctx.deviceType === 'gpu') {
    if (!core.listBackends().includes('webgpu')) throw new MXNetError(GPU_MISSING);
    return 'webgpu';
  }
  const current = core.getBackend();
  if (CPU_BACKENDS.includes(current)) return current;
  const registered = core.listBackends();
  return CPU_BACKENDS.find((b) => registered.includes(b)) ?? 'cpu';
}

/** The backend to create on: the context's, or the current backend when none is given. */
export function backendOf(ctx: unknown): string {
  return ctx === undefined || ctx === null ? core.getBackend() : backendFor(asContext(ctx));
}
