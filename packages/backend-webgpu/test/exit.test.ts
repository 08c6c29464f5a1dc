/**
 * A Node program may call process.exit() with GPU work still queued: Dawn aborts the process if
 * a queue callback is pending at exit, so the backend drains the worker's queue first. Runs the
 * built package (dist/) in child processes, several times because the race is timing-dependent.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { gpuAvailable } from './gpu.js';

const core = fileURLToPath(new URL('../../core/dist/index.js', import.meta.url));
const backend = fileURLToPath(new URL('../dist/index.js', import.meta.url));
const SCRIPT = `
const core = await import(${JSON.stringify(core)});
await import(${JSON.stringify(backend)});
await core.setBackend('webgpu');
const x = core.normal([1 << 18]);
let y = x;
for (let i = 0; i < 40; i++) y = core.add(core.mul(y, 1.0001), core.exp(core.mul(x, 0.001)));
console.log(core.sum(y).item() > 0);
// Queued and never read: the worker submits it while this thread waits a moment, then exits
// with the GPU still busy.
for (let i = 0; i < 200; i++) y = core.add(core.mul(y, 0.5), core.exp(x));
await new Promise((resolve) => setTimeout(resolve, 30));
process.exit(0);
`;

if (await gpuAvailable()) {
  describe('process.exit with GPU work in flight', () => {
    it('exits with status 0, every time', async () => {
      const file = join(mkdtempSync(join(tmpdir(), 'polygrad-exit-')), 'exit.mjs');
      writeFileSync(file, SCRIPT);
      for (let run = 0; run < 4; run++) {
        const { stdout } = await promisify(execFile)(process.execPath, [file], { env: process.env });
        expect(stdout.trim()).toBe('true');
      }
    }, 120_000);
  });
}
