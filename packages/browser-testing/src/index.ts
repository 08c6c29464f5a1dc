/**
 * What the browser tests share. They drive Debian's Chromium (never a downloaded browser)
 * through playwright-core, with the flags that give a WebGPU adapter on SwiftShader where there
 * is no GPU, and load pages from a loopback static server.
 *
 * Locally a missing Chromium skips the browser tests with a warning; in CI (CI=true) it is a
 * failure, because .ci/run installs the package.
 */
import { existsSync, readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Browser, chromium, type Page } from 'playwright-core';

export type { Browser, Page } from 'playwright-core';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export const CHROMIUM_FLAGS: readonly string[] = [
  '--no-sandbox',
  '--disable-gpu',
  '--enable-unsafe-webgpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

const ci = process.env.CI === 'true' || process.env.CI === '1';

/** Whether `label`'s browser tests should run here (warns once when they are skipped). */
export function browserTestsRun(label: string): boolean {
  if (existsSync(CHROMIUM_PATH) || ci) return true;
  console.warn(`[${label}] skipping the browser tests: no Chromium at ${CHROMIUM_PATH}`);
  return false;
}

/** Headless Chromium; a clear error when it is not installed. */
export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(
      `no Chromium at ${CHROMIUM_PATH} (install Debian's chromium package, or set CHROMIUM_PATH)`,
    );
  }
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: [...CHROMIUM_FLAGS], headless: true });
}

const MIME: Record<string, string> = {
  '.html': 'text/html',
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.json': 'application/json',
  '.map': 'application/json',
  '.wasm': 'application/wasm',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
};

export interface ServeOptions {
  /** Pages served from memory, by path ('/' for the root). */
  pages?: Record<string, string>;
  /** The file under `root` served for '/', when `pages` has no '/'. */
  index?: string;
  /** Paths (relative to root, with '/' separators) that must not be served. */
  deny?: (path: string) => boolean;
}

export interface Served {
  origin: string;
  close(): Promise<void>;
}

/** Serves the files under `root` on 127.0.0.1 (a free port); nothing outside root. */
export function serveFiles(root: string, opts: ServeOptions = {}): Promise<Served> {
  const base = normalize(root.endsWith(sep) ? root : root + sep);
  const server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    const page = opts.pages?.[path];
    if (page !== undefined) {
      res.writeHead(200, { 'content-type': 'text/html' }).end(page);
      return;
    }
    const file = normalize(join(base, path === '/' && opts.index ? opts.index : path));
    const rel = file.slice(base.length).split(sep).join('/');
    if (!file.startsWith(base) || opts.deny?.(rel) || !existsSync(file)) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'content-type': MIME[extname(file)] ?? 'application/octet-stream' });
    res.end(readFileSync(file));
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () =>
      resolve({
        origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
        close: () => new Promise<void>((r) => server.close(() => r())),
      }),
    ),
  );
}

/** The repository root (this file is packages/browser-testing/dist/index.js). */
const ROOT = fileURLToPath(new URL('../../../', import.meta.url));

/**
 * Serves the workspace's built packages to a page that imports `@polygrad/<name>` for each
 * name (core first) through an import map and exposes core as `window.polygrad`.
 */
export function serveWorkspace(names: readonly string[]): Promise<Served> {
  const all = ['core', ...names.filter((n) => n !== 'core')];
  const imports = Object.fromEntries(all.map((n) => [`@polygrad/${n}`, `/packages/${n}/dist/index.js`]));
  const page = `<!doctype html>
<script type="importmap">${JSON.stringify({ imports })}</script>
<script type="module">
${all.map((n) => `  import ${n === 'core' ? '* as core from ' : ''}'@polygrad/${n}';`).join('\n')}
  window.polygrad = core;
  window.loaded = true;
</script>`;
  return serveFiles(ROOT, { pages: { '/': page }, deny: (path) => path.includes('node_modules/') });
}

/** Opens the workspace page; resolves once its modules loaded, with the page errors seen so far. */
export async function openWorkspacePage(
  browser: Browser,
  served: Served,
): Promise<{ page: Page; errors: string[] }> {
  const page = await browser.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(`${served.origin}/`);
  await page.waitForFunction(() => (window as unknown as { loaded?: boolean }).loaded === true);
  return { page, errors };
}

/** Where `got` differs from `want` (each a record of number lists) beyond atol + rtol·|want|. */
export function mismatches(
  got: Record<string, number[]>,
  want: Record<string, number[]>,
  tol = { atol: 1e-5, rtol: 1e-5 },
): string[] {
  const out: string[] = [];
  for (const [k, v] of Object.entries(want)) {
    const g = got[k] ?? [];
    if (g.length !== v.length) out.push(`${k}: ${g.length} values, expected ${v.length}`);
    else
      v.forEach((e, i) => {
        if (!(Math.abs(g[i] - e) <= tol.atol + tol.rtol * Math.abs(e)))
          out.push(`${k}[${i}]: ${g[i]} vs ${e}`);
      });
  }
  return out;
}
