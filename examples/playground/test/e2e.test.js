/**
 * End to end: the built site (dist/, made by `vite build`, which `pnpm test` runs first) in
 * Debian's headless Chromium through playwright-core. For each API style and each backend, the
 * autorun URL must print seed 003 exactly as examples/d2l-autograd's port prints it in Node
 * (itself checked against the notebook transcript); then the training view trains the Iris MLP
 * and screenshots of both views are saved to test-results/ (the README shows them).
 */
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { browserTestsRun, launchChromium, serveFiles } from '@polygrad/browser-testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const DIST = fileURLToPath(new URL('../dist/', import.meta.url));
const RESULTS = fileURLToPath(new URL('../test-results/', import.meta.url));
const d2l = dirname(createRequire(import.meta.url).resolve('@polygrad/example-d2l-autograd/package.json'));
const expected = (api) => readFileSync(join(d2l, `expected/seed003-${api}.txt`), 'utf8');
const expectedFile = (file) => readFileSync(join(d2l, `expected/${file}`), 'utf8');

/**
 * On WebGPU the frameworks name the device as they would a GPU's (PyTorch `device='webgpu'`,
 * MXNet `@gpu(0)`; TensorFlow prints no device). Without those marks the text must be the
 * notebook's.
 */
const DEVICE_MARK = { torch: /,? device='webgpu',?/g, mxnet: / @gpu\(0\)/g, tf: null };
function withoutDeviceMarks(api, text) {
  const mark = DEVICE_MARK[api];
  return mark ? text.replace(mark, (m) => (m.startsWith(',') && m.endsWith(',') ? ',' : '')) : text;
}

describe.runIf(browserTestsRun('playground'))('playground in headless Chromium', () => {
  let server;
  let browser;
  let origin;

  beforeAll(async () => {
    if (!existsSync(join(DIST, 'index.html'))) throw new Error('dist/ is missing: run `pnpm build` first');
    server = await serveFiles(DIST, { index: 'index.html' });
    origin = server.origin;
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  /** Opens `query`, waits for the autorun to finish; resolves to what the page shows. */
  async function open(query, page) {
    const errors = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`${origin}/?${query}&autorun=1`);
    await page.waitForFunction(() => ['done', 'error'].includes(document.body.dataset.state), null, {
      timeout: 120_000,
    });
    return {
      state: await page.evaluate(() => document.body.dataset.state),
      output: await page.textContent('#output'),
      status: await page.textContent('#train-status'),
      disabled: await page.$$eval('#backend label', (ls) =>
        Object.fromEntries(ls.map((l) => [l.dataset.id, l.querySelector('input').disabled ? l.title : null])),
      ),
      errors,
    };
  }

  it('offers every backend this browser has (WebGPU through SwiftShader here)', async () => {
    const page = await browser.newPage();
    const got = await open('api=torch&backend=cpu&example=seed003', page);
    expect(got.disabled).toEqual({ cpu: null, wasm: null, webgpu: null });
    await page.close();
  });

  for (const api of ['mxnet', 'torch', 'tf']) {
    for (const backend of ['cpu', 'wasm', 'webgpu']) {
      it(`${api} on ${backend}: seed 003 prints what the notebook printed`, async () => {
        const page = await browser.newPage({ viewport: { width: 1280, height: 760 } });
        const got = await open(`api=${api}&backend=${backend}&example=seed003`, page);
        if (api === 'torch' && backend === 'webgpu') {
          mkdirSync(RESULTS, { recursive: true });
          await page.screenshot({ path: join(RESULTS, 'notebook.png') });
        }
        expect(got.errors).toEqual([]);
        expect(got.state, got.output).toBe('done');
        if (backend === 'webgpu' && DEVICE_MARK[api]) {
          expect(got.output).toMatch(DEVICE_MARK[api]);
          expect(withoutDeviceMarks(api, got.output)).toBe(expected(api));
        } else {
          expect(got.output).toBe(expected(api));
        }
        await page.close();
      });
    }
  }

  // The MXNet-only seeds read values synchronously in their control flow (asscalar(), item()):
  // on WebGPU that works because their small tensors live on the host.
  for (const [example, file] of [
    ['seed000', 'seed000-mxnet-nd.txt'],
    ['seed001', 'seed001-mxnet-np.txt'],
    ['seed002', 'seed002-mxnet-nd.txt'],
  ]) {
    for (const backend of ['cpu', 'wasm', 'webgpu']) {
      it(`mxnet ${example} on ${backend} prints what the notebook printed`, async () => {
        const page = await browser.newPage();
        const got = await open(`api=mxnet&backend=${backend}&example=${example}`, page);
        expect(got.errors).toEqual([]);
        expect(got.state, got.output).toBe('done');
        if (backend !== 'webgpu') {
          expect(got.output).toBe(expectedFile(file));
        } else {
          // On WebGPU MXNet names the context gpu(0) where the notebook said cpu(0); the longer
          // reprs make Jupyter's display wrap tuples differently (compared without line breaks);
          // and WebGPU has no float64 to accumulate a float32 norm in, so seed 000's
          // 3/‖x‖ rounds as float32 (0.8017837, MXNet on a CPU prints 0.80178374).
          const canon = (t) => t.replace(/,\n\s*/g, ', ').replace(/\(\n\s*/g, '(');
          const text = got.output
            .replace(/(<NDArray [^>]*) @gpu\(0\)>/g, '$1 @cpu(0)>')
            .replace(/ @gpu\(0\)|, ctx=gpu\(0\)/g, '');
          const want = expectedFile(file).replace('0.5345225  0.80178374]', '0.5345225  0.8017837 ]');
          expect(canon(text)).toBe(canon(want));
        }
        await page.close();
      });
    }
  }

  it('greys out a backend the browser lacks, with the reason, and says so when a URL asks for it', async () => {
    const page = await browser.newPage();
    await page.addInitScript(() => {
      Object.defineProperty(Navigator.prototype, 'gpu', { get: () => undefined });
    });
    const got = await open('api=tf&backend=webgpu&example=seed003', page);
    expect(got.disabled.webgpu).toMatch(/no WebGPU \(navigator\.gpu is undefined\)/);
    expect(got.state).toBe('error');
    expect(got.output).toMatch(/The 'webgpu' backend is not available here/);
    await page.close();
  });

  it('trains the Iris MLP on WebGPU in each style, to the same loss', async () => {
    const finals = [];
    for (const api of ['mxnet', 'torch', 'tf']) {
      const page = await browser.newPage();
      const got = await open(`view=train&api=${api}&backend=webgpu&epochs=40`, page);
      expect(got.errors).toEqual([]);
      expect(got.state, got.status).toBe('done');
      expect(Number(/test accuracy ([\d.]+) %/.exec(got.status)?.[1])).toBeGreaterThanOrEqual(90);
      finals.push(/final loss ([\d.]+)/.exec(got.status)?.[1]);
      await page.close();
    }
    expect(new Set(finals).size, finals.join(' ')).toBe(1);
  });

  it('trains the Iris MLP live, draws the loss curve and the graph, and saves a screenshot', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 760 } });
    const got = await open('view=train&api=torch&backend=wasm&epochs=60', page);
    expect(got.errors).toEqual([]);
    expect(got.state, got.status).toBe('done');
    const acc = Number(/test accuracy ([\d.]+) %/.exec(got.status)?.[1]);
    expect(acc).toBeGreaterThanOrEqual(90);
    expect(await page.$$('#chart .u-over')).toHaveLength(1);
    const nodes = await page.$$('#graph svg g.node');
    expect(nodes.length).toBeGreaterThan(5);
    mkdirSync(RESULTS, { recursive: true });
    await page.screenshot({ path: join(RESULTS, 'training.png') });
    await page.close();
  });
});
