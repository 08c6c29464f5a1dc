/**
 * polygrad's backends, as data: one entry per backend package. A backend is benchmarked when its
 * package is importable (a dependency of this package, or built in the workspace's packages/).
 */
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';

export interface PolygradBackend {
  name: string;
  pkg: string;
  /** Environment the child process needs (e.g. a software Vulkan driver for Dawn). */
  env?: Record<string, string>;
  /** Only with an explicit --backend (a software adapter is not worth timing by default). */
  optIn?: boolean;
}

export const POLYGRAD_BACKENDS: readonly PolygradBackend[] = [
  { name: 'cpu', pkg: '@polygrad/backend-cpu' },
  { name: 'wasm', pkg: '@polygrad/backend-wasm' },
  { name: 'webgpu', pkg: '@polygrad/backend-webgpu', optIn: true },
];

const require = createRequire(import.meta.url);

/** A URL to import the backend package from, or null when it is not installed or not built. */
export function locateBackend(b: PolygradBackend): string | null {
  try {
    return pathToFileURL(require.resolve(b.pkg)).href;
  } catch {
    // Not a dependency of @polygrad/bench: look for a built sibling in the workspace.
  }
  const dir = b.pkg.replace('@polygrad/', '');
  const file = fileURLToPath(new URL(`../../packages/${dir}/dist/index.js`, import.meta.url));
  return existsSync(file) ? pathToFileURL(file).href : null;
}
