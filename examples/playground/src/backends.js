/**
 * The three backends as the page offers them: each is loaded on demand (its own chunk) and
 * tried once; one that cannot run here is offered greyed out, with the reason.
 */
import '@polygrad/backend-cpu';
import * as core from '@polygrad/core';

export const BACKENDS = [
  { id: 'cpu', label: 'CPU', load: async () => {} },
  { id: 'wasm', label: 'WASM', load: () => import('@polygrad/backend-wasm') },
  { id: 'webgpu', label: 'WebGPU', load: () => import('@polygrad/backend-webgpu') },
];

/** Why `id` cannot run in this browser, before loading anything; null when it might. */
function missingFeature(id) {
  if (id === 'wasm' && typeof WebAssembly !== 'object') return 'this browser has no WebAssembly';
  if (id === 'webgpu' && !navigator.gpu) {
    return 'this browser has no WebGPU (navigator.gpu is undefined); Chromium 113+ has it, or start it with --enable-unsafe-webgpu';
  }
  return null;
}

/** Loads and initialises every backend; resolves to { id → null (usable) | reason }. */
export async function probeBackends() {
  const previous = core.getBackend();
  const out = {};
  for (const b of BACKENDS) {
    out[b.id] = missingFeature(b.id);
    if (out[b.id]) continue;
    try {
      await b.load();
      await core.setBackend(b.id);
      // A computation proves the kernels run, not just that the module loaded (big enough that
      // WebGPU does it on the device, not on the host as it does for small tensors).
      const [v] = await core.sum(core.ones([1024])).data();
      if (v !== 1024) throw new Error(`a test sum gave ${v}, not 1024`);
    } catch (e) {
      out[b.id] = e instanceof Error ? e.message : String(e);
    }
  }
  await core.setBackend(previous);
  return out;
}

export function useBackend(id) {
  return core.setBackend(id);
}
