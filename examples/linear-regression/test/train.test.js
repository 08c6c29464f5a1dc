/**
 * Each style recovers the true parameters with D2L's settings (3 epochs, CPU), the three styles
 * compute the same numbers, training runs at a flat memory footprint, and `src/main.js` runs.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import * as core from '@polygrad/core';
import { describe, expect, it } from 'vitest';
import { syntheticData, TRUE_B, TRUE_W } from '../src/data.js';
import * as mxnet from '../src/mxnet.js';
import * as tf from '../src/tf.js';
import * as torch from '../src/torch.js';

const STYLES = { mxnet: mxnet.train, torch: torch.train, tf: tf.train };
const quiet = () => {};

// One run per style with the defaults, shared by the tests below.
const results = Object.fromEntries(
  Object.entries(STYLES).map(([name, train]) => [name, train({ log: quiet })]),
);

describe.each(Object.keys(STYLES))('%s', (name) => {
  const r = results[name];

  it('recovers true_w and true_b to 0.01', () => {
    expect(r.w).toHaveLength(2);
    r.w.forEach((w, i) => expect(Math.abs(w - TRUE_W[i])).toBeLessThan(0.01));
    expect(Math.abs(r.b - TRUE_B)).toBeLessThan(0.01);
  });

  it('reports a decreasing mean loss per epoch, below 1e-3 at the end', () => {
    expect(r.losses).toHaveLength(3);
    for (let e = 1; e < r.losses.length; e++) expect(r.losses[e]).toBeLessThan(r.losses[e - 1]);
    expect(r.losses.at(-1)).toBeLessThan(1e-3);
  });

  it('prints one D2L line per epoch through log', () => {
    const lines = [];
    STYLES[name]({ epochs: 2, log: (s) => lines.push(s) });
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(/^epoch 1, loss 0\.0\d{5}$/);
    expect(lines[1]).toMatch(/^epoch 2, loss 0\.\d{6}$/);
  });

  it('frees what it makes: memory() is the same before and after a run, and flat across epochs', () => {
    // The runs above have already filled core's cache of scalar constants (lr, 2, …), which
    // lives as long as the process; from here on a run must leave nothing behind.
    const before = core.memory().tensors;
    const perEpoch = [];
    STYLES[name]({ log: () => perEpoch.push(core.memory().tensors) });
    expect(core.memory().tensors).toBe(before);
    expect(new Set(perEpoch).size).toBe(1);
  });
});

describe('the three styles', () => {
  it('train on the same data from the same initial weights', () => {
    const a = syntheticData({ seed: 7, epochs: 2 });
    const b = syntheticData({ seed: 7, epochs: 2 });
    expect(b).toEqual(a);
    expect(a.features).toHaveLength(1000);
    expect(new Set(a.orders[0]).size).toBe(1000);
    expect(a.orders[1]).not.toEqual(a.orders[0]);
  });

  it('agree to 1e-5, and in fact bitwise', () => {
    const flat = (r) => [...r.w, r.b, ...r.losses];
    for (const other of [results.torch, results.tf]) {
      flat(other).forEach((x, i) => expect(Math.abs(x - flat(results.mxnet)[i])).toBeLessThan(1e-5));
      // The same engine ops in the same order: the same float32 bits.
      expect(flat(other)).toEqual(flat(results.mxnet));
    }
  });
});

describe('src/main.js', () => {
  it('runs the three styles (--epochs 1) and exits 0', async () => {
    const { stdout } = await promisify(execFile)(process.execPath, ['src/main.js', '--epochs', '1'], {
      cwd: new URL('../', import.meta.url),
    });
    for (const style of ['MXNet', 'PyTorch', 'TensorFlow']) expect(stdout).toContain(`## ${style}`);
    expect(stdout.match(/^epoch 1, loss /gm)).toHaveLength(3);
    expect(stdout.match(/^w = \[.+\], b = .+$/gm)).toHaveLength(3);
    expect(stdout.match(/^error in estimating w: /gm)).toHaveLength(3);
    expect(stdout).toContain('The three styles agree');
  });
});
