import { registerBackend } from '@polygrad/core';
import { WasmBackend, type WasmBackendOptions } from './wasm-backend.js';

export { classBytes, classOf, Heap } from './heap.js';
export { type Flavor, relaxedSimdSupported } from './loader.js';
export { hardwareThreads } from './threads.js';
export { WasmBackend, type WasmBackendOptions } from './wasm-backend.js';

let defaults: WasmBackendOptions = {};

/**
 * Options for the backend that `setBackend('wasm')` creates (e.g. `{ threads: 1 }`); call it
 * before that backend is first used.
 */
export function configureWasmBackend(options: WasmBackendOptions): void {
  defaults = { ...options };
}

registerBackend('wasm', () => new WasmBackend(defaults));
