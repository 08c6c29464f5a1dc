/** Finding a WebGPU implementation, an adapter and a device. */
import type { Roots } from './context.js';

export const NO_ADAPTER_HELP =
  'No WebGPU adapter is available. In a browser, enable WebGPU (Chromium: --enable-unsafe-webgpu where it is ' +
  "not on by default). In Node, Dawn (the 'webgpu' package) needs a Vulkan driver: a GPU driver, or on a machine " +
  "without a GPU SwiftShader from Debian's 'chromium' package with libvulkan1 and " +
  'VK_ICD_FILENAMES=/usr/lib/chromium/vk_swiftshader_icd.json.';

export class WebGPUUnavailableError extends Error {
  override name = 'WebGPUUnavailableError';
}

/** navigator.gpu where it exists (browsers, Deno, workers). */
export function browserGpu(): GPU | undefined {
  const nav = (globalThis as { navigator?: { gpu?: GPU } }).navigator;
  return nav?.gpu;
}

export const isNode = typeof process !== 'undefined' && !!process.versions?.node;

/** Dawn's GPU object in Node; one per thread, kept alive by the caller (see context.ts). */
export async function nodeGpu(flags: string[] = []): Promise<GPU> {
  const pkg = 'webgpu';
  const mod = (await import(/* @vite-ignore */ pkg)) as { create: (flags: string[]) => GPU };
  return mod.create(flags);
}

export async function requestRoots(gpu: GPU): Promise<Roots> {
  const adapter = await gpu.requestAdapter({ powerPreference: 'high-performance' });
  if (!adapter) throw new WebGPUUnavailableError(NO_ADAPTER_HELP);
  const l = adapter.limits;
  const device = await adapter.requestDevice({
    requiredLimits: {
      maxStorageBufferBindingSize: l.maxStorageBufferBindingSize,
      maxBufferSize: l.maxBufferSize,
    },
  });
  return { gpu, adapter, device };
}
