/**
 * Devices map onto engine backends: 'cpu' is the CPU or WASM backend (whichever is
 * configured), 'webgpu' (also 'gpu' and 'cuda') is the WebGPU backend.
 */
import * as core from '@polygrad/core';

export type DeviceType = 'cpu' | 'webgpu';

export class Device {
  /** @internal use torch.device(name). */
  constructor(readonly type: DeviceType) {
    Object.freeze(this);
  }
  /** PyTorch's device index; polygrad has one device of each type. */
  get index(): null {
    return null;
  }
  toString(): string {
    return this.type;
  }
  [core.PY_STR](): string {
    return this.type;
  }
  [core.PY_REPR](): string {
    return `device(type='${this.type}')`;
  }
  [core.INSPECT](): string {
    return this[core.PY_REPR]();
  }
}

const CPU = new Device('cpu');
const GPU = new Device('webgpu');

export type DeviceLike = Device | string;

/** torch.device('cpu' | 'webgpu' | 'gpu' | 'cuda'), with an optional ':0' index. */
export function device(d: DeviceLike): Device {
  if (d instanceof Device) return d;
  if (typeof d !== 'string') throw new TypeError(`torch.device(): expected a string, got ${typeof d}`);
  const [type, index] = d.split(':');
  if (index !== undefined && index !== '0') {
    throw new RangeError(`device '${d}': polygrad has one device of each type (index 0)`);
  }
  switch (type) {
    case 'cpu':
      return CPU;
    case 'webgpu':
    case 'gpu':
    case 'cuda':
      return GPU;
    default:
      throw new RangeError(
        `Expected one of cpu, webgpu, gpu, cuda device type at start of device string: ${d}`,
      );
  }
}

/** The backend that holds tensors of a device. */
export function backendFor(d: DeviceLike): string {
  const dev = device(d);
  if (dev.type === 'cpu') {
    let cur: string | null = null;
    try {
      cur = core.getBackend();
    } catch {}
    return cur === 'wasm' ? 'wasm' : 'cpu';
  }
  if (!core.listBackends().includes('webgpu')) {
    throw new core.BackendError(
      `Device '${typeof d === 'string' ? d : dev.type}' needs the WebGPU backend, which is not installed: install and import '@polygrad/backend-webgpu' (then \`await core.setBackend('webgpu')\` or \`await core.ready()\`).`,
    );
  }
  return 'webgpu';
}

/** The device a backend's tensors report. */
export function deviceOf(backend: string): Device {
  return backend === 'webgpu' ? GPU : CPU;
}
