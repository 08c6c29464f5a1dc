/**
 * Whether this machine has a WebGPU adapter. Under CI=true a missing adapter fails the run;
 * elsewhere (a developer machine without a GPU or SwiftShader) the WebGPU tests are skipped
 * with the reason printed.
 */
import * as core from '@polygrad/core';
import { it } from 'vitest';
import '../src/index.js';

export async function gpuAvailable(backend = 'webgpu'): Promise<boolean> {
  try {
    await core.setBackend(backend);
    return true;
  } catch (e) {
    const reason = e instanceof Error ? e.message : String(e);
    if (process.env.CI === 'true' || process.env.CI === '1') {
      it('has a WebGPU adapter (required under CI)', () => {
        throw new Error(`no WebGPU adapter under CI: ${reason}`);
      });
    } else {
      console.warn(`[backend-webgpu] skipping the WebGPU tests: ${reason}`);
      it.skip(`WebGPU tests (skipped: ${reason})`, () => {});
    }
    return false;
  }
}
