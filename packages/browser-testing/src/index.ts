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
import { type Browser, chromium } from 'playwright-core';

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
