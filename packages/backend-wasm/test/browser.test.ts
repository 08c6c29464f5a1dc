/**
 * Browser smoke test: headless Chromium (Debian's, driven by playwright-core) loads the built
 * core and WASM backend from a loopback server through an import map, computes a gradient and
 * a matmul on the 'wasm' backend, and the results are compared with the CPU backend in Node.
 * Needs `pnpm build` first (it serves dist/).
 */
import { existsSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, normalize, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import '@polygrad/backend-cpu';
import * as core from '@polygrad/core';
import { type Browser, chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const FLAGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
const ROOT = fileURLToPath(new URL('../../../', import.meta.url));

const PAGE = `<!doctype html>
<script type="importmap">
{ "imports": {
  "@polygrad/core": "/packages/core/dist/index.js",
  "@polygrad/backend-wasm": "/packages/backend-wasm/dist/index.js"
} }
</script>
<script type="module">
  import * as core from '@polygrad/core';
  import '@polygrad/backend-wasm';
  window.polygrad = core;
  window.loaded = true;
</script>`;

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

function serve(): Promise<Server> {
  const server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    if (path === '/') {
      res.writeHead(200, { 'content-type': 'text/html' }).end(PAGE);
      return;
    }
    const file = normalize(ROOT + path);
    if (!file.startsWith(ROOT) || file.includes(`${sep}node_modules${sep}`) || !existsSync(file)) {
      res.writeHead(404).end();
      return;
    }
    const type = extname(file) === '.js' ? 'text/javascript' : 'application/octet-stream';
    res.writeHead(200, { 'content-type': type }).end(readFileSync(file));
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

const ci = process.env.CI === 'true' || process.env.CI === '1';
const haveChromium = existsSync(CHROMIUM);
if (!haveChromium && !ci)
  console.warn(`[backend-wasm] skipping the browser test: no Chromium at ${CHROMIUM}`);

describe.skipIf(!haveChromium && !ci)('browser (headless Chromium)', () => {
  let server: Server;
  let browser: Browser;
  beforeAll(async () => {
    if (!haveChromium) throw new Error(`no Chromium at ${CHROMIUM} (install Debian's chromium package)`);
    server = await serve();
    browser = await chromium.launch({ executablePath: CHROMIUM, args: FLAGS, headless: true });
  });
  afterAll(async () => {
    await browser?.close();
    await new Promise((r) => server?.close(r));
  });

  it('loads the WASM backend in a page and computes a gradient, agreeing with the CPU backend', async () => {
    const page = await browser.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`);
    await page.waitForFunction(() => (window as unknown as { loaded?: boolean }).loaded === true);
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
    for (const [k, v] of Object.entries(want)) {
      const g = got.values[k];
      expect(g.length, k).toBe(v.length);
      v.forEach((e, i) =>
        expect(Math.abs(g[i] - e), `${k}[${i}]`).toBeLessThanOrEqual(1e-5 + 1e-5 * Math.abs(e)),
      );
    }
    await page.close();
  });
});
