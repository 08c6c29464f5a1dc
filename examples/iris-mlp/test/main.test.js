import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { expect, it } from 'vitest';

const run = (...args) =>
  promisify(execFile)(process.execPath, ['src/main.js', ...args], {
    cwd: fileURLToPath(new URL('..', import.meta.url)),
  });

it('prints the epochs, the accuracies and the agreement', async () => {
  const { stdout } = await run('--epochs', '20');
  expect(stdout).toContain('20 epochs, backend cpu');
  for (const name of ['mxnet', 'torch', 'tf']) {
    expect(stdout).toMatch(
      new RegExp(`^${name} +epoch 10/20 +loss \\d\\.\\d{4} +train +[\\d.]+ % +test +[\\d.]+ %$`, 'm'),
    );
    expect(stdout).toMatch(new RegExp(`^${name} +\\d\\.\\d{6} +[\\d.]+ % +[\\d.]+ %$`, 'm'));
  }
  expect(stdout).toContain('The styles agree: identical (bitwise) losses');
});

it('runs one style on wasm, with flags pnpm passes through', async () => {
  const { stdout } = await run('--', '--api=tf', '--backend', 'wasm', '--epochs', '3');
  expect(stdout).toContain('3 epochs, backend wasm');
  expect(stdout).toMatch(/^tf +epoch 3\/3/m);
  expect(stdout).not.toMatch(/^torch/m);
});

it('rejects bad flags with a usage line and status 2', async () => {
  const err = await run('--api', 'keras').catch((e) => e);
  expect(err.code).toBe(2);
  expect(err.stderr).toContain("--api must be one of mxnet, torch, tf, all (got 'keras')");
  expect(err.stderr).toContain('usage: node src/main.js');
});
