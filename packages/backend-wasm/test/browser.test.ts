/**
 * Browser smoke test: headless Chromium (Debian's, driven by playwright-core) loads the built
 * core and WASM backend from a loopback server through an import map, computes a gradient and
 * a matmul on the 'wasm' backend, and the results are compared with the CPU backend in Node.
 * Needs `pnpm build` first (it serves dist/).
 */
import '@polygrad/backend-cpu';
import {
  type Browser,
  browserTestsRun,
  launchChromium,
  mismatches,
  openWorkspacePage,
  type Served,
  serveWorkspace,
} from '@polygrad/browser-testing';
import * as core from '@polygrad/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/** What the page computes; the same function runs on the CPU backend in Node. */
async function workload(core: typeof import('@polygrad/core')): Promise<Record<string, number[]>> {
  const read = async (t: import('@polygrad/core').Tensor) => Array.from(await t.data());
  const x = core.setRequiresGrad(core.arange(4));
  core.backward(core.mul(2, core.dot(x, x)));
  const a = core.reshape(core.linspace(-1, 1, 35), [5, 7]);
  const b = core.reshape(core.linspace(2, -3, 21), [7, 3]);
  return {
    grad: await read(x.grad!),
    matmul: await read(core.matmul(a, b)),
    matmulT: await read(core.matmul(core.transpose(b), core.transpose(a))),
    softmax: await read(core.softmax(a, 1)),
  };
}

describe.runIf(browserTestsRun('backend-wasm'))('browser (headless Chromium)', () => {
  let server: Served;
  let browser: Browser;
  beforeAll(async () => {
    server = await serveWorkspace(['backend-wasm']);
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('loads the WASM backend in a page and computes a gradient, agreeing with the CPU backend', async () => {
    const { page, errors } = await openWorkspacePage(browser, server);
    expect(errors).toEqual([]);
    const got = await page.evaluate(async (src) => {
      const core = (window as unknown as { polygrad: typeof import('@polygrad/core') }).polygrad;
      await core.setBackend('wasm');
      const run = new Function('core', `return (${src})(core);`) as typeof workload;
      return { backend: core.getBackend(), values: await run(core) };
    }, workload.toString());
    expect(got.backend).toBe('wasm');
    expect(got.values.grad).toEqual([0, 4, 8, 12]);
    await core.setBackend('cpu');
    const want = await workload(core);
    expect(mismatches(got.values, want)).toEqual([]);
    await page.close();
  });
});
