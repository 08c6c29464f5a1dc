/**
 * Browser smoke test: headless Chromium (Debian's, driven by playwright-core) loads the built
 * packages from a loopback HTTP server through an import map and runs the backend on
 * `navigator.gpu` (SwiftShader where there is no GPU). Results are compared with the CPU backend
 * in Node. Needs `pnpm build` first (it serves dist/).
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
  const x = core.reshape(core.arange(12), [3, 4]);
  const w = core.reshape(core.linspace(-1, 1, 8), [4, 2]);
  const read = async (t: import('@polygrad/core').Tensor) => Array.from(await t.data());
  const out: Record<string, number[]> = {
    exp: await read(core.exp(core.div(x, 4))),
    matmul: await read(core.matmul(x, w)),
    matmulT: await read(core.matmul(core.transpose(w), core.transpose(x))),
    sum: await read(core.sum(x, [0])),
    argmax: await read(core.argmax(core.sin(x), 1)),
    cmp: await read(core.ge(x, 5)),
  };
  const p = core.keep(core.setRequiresGrad(core.mul(core.ones([4, 2]), 0.1)));
  const losses: number[] = [];
  for (let i = 0; i < 20; i++) {
    const loss = core.tidy(() => {
      const l = core.mseLoss(core.matmul(core.div(x, 10), p), core.ones([3, 2]));
      core.backward(l);
      core.noGrad(() => {
        core.inplace(p, core.sub, core.mul(p.grad!, 0.5));
        core.assign(p.grad!, 0);
      });
      return l;
    });
    losses.push((await read(loss))[0]);
    loss.dispose();
  }
  out.losses = losses;
  return out;
}

describe.runIf(browserTestsRun('backend-webgpu'))('browser (headless Chromium, navigator.gpu)', () => {
  let server: Served;
  let browser: Browser;
  beforeAll(async () => {
    server = await serveWorkspace(['backend-cpu', 'backend-webgpu']);
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('runs kernels and a training loop on WebGPU, agreeing with the CPU backend', async () => {
    const { page, errors } = await openWorkspacePage(browser, server);
    expect(errors).toEqual([]);
    const adapter = await page.evaluate(async () => {
      const gpu = (navigator as unknown as { gpu?: GPU }).gpu;
      return !!(gpu && (await gpu.requestAdapter()));
    });
    expect(adapter, 'navigator.gpu gives an adapter').toBe(true);
    const got = await page.evaluate(async (src) => {
      const core = (window as unknown as { polygrad: typeof import('@polygrad/core') }).polygrad;
      await core.setBackend('webgpu');
      let syncError = '';
      // A tensor computed on the device has no synchronous readback in a browser…
      const big = core.exp(core.ones([1000]));
      try {
        big.dataSync();
      } catch (e) {
        syncError = (e as Error).message;
      }
      // …until it has been read once; a small tensor lives on the host and reads at once.
      await big.data();
      const afterRead = big.dataSync()[0];
      const small = Array.from(core.mul(core.tensor([1, 2]), 3).dataSync());
      const run = new Function('core', `return (${src})(core);`) as typeof workload;
      return { backend: core.getBackend(), syncError, afterRead, small, values: await run(core) };
    }, workload.toString());
    expect(got.backend).toBe('webgpu');
    expect(got.syncError).toContain('await t.data()');
    expect(got.afterRead).toBeCloseTo(Math.E, 5);
    expect(got.small).toEqual([3, 6]);
    await core.setBackend('cpu');
    const want = await workload(core);
    expect(mismatches(got.values, want)).toEqual([]);
    expect(got.values.losses[19]).toBeLessThan(got.values.losses[0]);
    await page.close();
  });
});
