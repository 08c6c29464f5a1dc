import * as core from '@polygrad/core';
import { beforeAll, describe, expect, it } from 'vitest';
import { styles } from '../src/index.js';

const EPOCHS = 60; // ≥ 90 % test accuracy already, and fast
const runs = {};
const memory = {};

beforeAll(async () => {
  await styles.torch.train({ epochs: 1 }); // warm-up: core caches a few scalar constants once
  for (const [name, style] of Object.entries(styles)) {
    const live = [];
    const before = core.memory().tensors;
    runs[name] = await style.train({ epochs: EPOCHS, onEpoch: () => live.push(core.memory().tensors) });
    memory[name] = { before, live, after: core.memory().tensors };
  }
});

describe.each(Object.keys(styles))('%s style on cpu', (name) => {
  it('reaches ≥ 90 % test accuracy', () => {
    expect(runs[name].testAccuracy).toBeGreaterThanOrEqual(0.9);
    expect(runs[name].trainAccuracy).toBeGreaterThanOrEqual(0.9);
  });

  it('decreases the loss', () => {
    const { losses } = runs[name];
    expect(losses).toHaveLength(EPOCHS);
    expect(losses.at(-1)).toBeLessThan(losses[0] / 5);
    // Full-batch SGD at this rate descends at every step.
    for (let i = 1; i < losses.length; i++) expect(losses[i]).toBeLessThan(losses[i - 1]);
  });

  it('runs at a flat memory footprint and frees everything when done', () => {
    const { before, live, after } = memory[name];
    expect(live).toHaveLength(EPOCHS);
    expect(live.at(-1)).toBe(live[1]);
    expect(after).toBe(before);
  });

  it('returns the last step as Graphviz DOT', () => {
    expect(runs[name].dot).toMatch(/^digraph/);
    // PyTorch's cross_entropy is two nodes, nll_loss over log_softmax; the others end in a mean.
    if (name === 'torch') expect(runs[name].dot).toMatch(/NllLossBackward0[\s\S]*LogSoftmaxBackward0/);
    else expect(runs[name].dot).toContain('MeanBackward0');
  });
});

describe('the three styles', () => {
  it('agree to 1e-5 in loss at every epoch', () => {
    for (const name of ['mxnet', 'tf']) {
      runs.torch.losses.forEach((v, i) =>
        expect(Math.abs(runs[name].losses[i] - v)).toBeLessThanOrEqual(1e-5),
      );
    }
  });

  it('agree bitwise (same initial weights, same core ops)', () => {
    expect(runs.mxnet.losses).toEqual(runs.torch.losses);
    expect(runs.tf.losses).toEqual(runs.torch.losses);
    for (const key of ['trainAccuracy', 'testAccuracy']) {
      expect(runs.mxnet[key]).toBe(runs.torch[key]);
      expect(runs.tf[key]).toBe(runs.torch[key]);
    }
  });
});

describe('train options', () => {
  it('awaits onEpoch and reports every epoch', async () => {
    const seen = [];
    let pending = false;
    await styles.tf.train({
      epochs: 3,
      onEpoch: async (e) => {
        expect(pending).toBe(false);
        pending = true;
        await new Promise((r) => setTimeout(r, 5));
        pending = false;
        seen.push(e);
      },
    });
    expect(seen.map((e) => [e.epoch, e.epochs])).toEqual([
      [1, 3],
      [2, 3],
      [3, 3],
    ]);
    expect(Object.keys(seen[0]).sort()).toEqual(['epoch', 'epochs', 'loss', 'testAccuracy', 'trainAccuracy']);
  });

  it('takes hidden and seed', async () => {
    const a = await styles.torch.train({ epochs: 2, hidden: 8, seed: 1 });
    const b = await styles.mxnet.train({ epochs: 2, hidden: 8, seed: 1 });
    expect(a.losses).toEqual(b.losses);
    expect(a.losses[0]).not.toBe(runs.torch.losses[0]);
  });
});
