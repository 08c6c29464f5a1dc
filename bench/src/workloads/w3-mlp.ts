/**
 * W3: MLP training step. Batch 64×784 → 256 (relu) → 10, mean softmax cross-entropy, gradients of
 * all four parameters, plain SGD (lr 0.05). ms/step over 150 steps (30 in --quick), peak RSS of
 * the process, and the loss must fall.
 */
import { expectClose, MismatchError } from '../compare.js';
import { ints, uniform } from '../data.js';
import type { Engine, MlpSpec } from '../engine.js';
import * as ref from '../reference.js';
import { call, collectGarbage, median, now } from '../timing.js';
import type { Context, Row, RowSpec, Workload } from './workload.js';

/** Inputs in [0, 1) like pixels, random labels, PyTorch's default Linear init. */
export function mlpSpec(
  batch: number,
  inputs: number,
  hidden: number,
  classes: number,
  lr: number,
  seed: number,
): MlpSpec {
  const k1 = 1 / Math.sqrt(inputs);
  const k2 = 1 / Math.sqrt(hidden);
  return {
    batch,
    inputs,
    hidden,
    classes,
    lr,
    x: uniform(batch * inputs, seed, 0, 1),
    labels: ints(batch, seed + 1, classes),
    w1: uniform(hidden * inputs, seed + 2, -k1, k1),
    b1: uniform(hidden, seed + 3, -k1, k1),
    w2: uniform(classes * hidden, seed + 4, -k2, k2),
    b2: uniform(classes, seed + 5, -k2, k2),
  };
}

const plan = (quick: boolean) =>
  quick
    ? { warmSteps: 3, stepsPerRep: 30, minReps: 3, maxReps: 3, budgetMs: 6_000 }
    : { warmSteps: 10, stepsPerRep: 150, minReps: 3, maxReps: 5, budgetMs: 45_000 };

const ROWS: RowSpec[] = [
  { case: 'batch 64', unit: 'ms/step', higherIsBetter: false, timed: true },
  { case: 'peak RSS', unit: 'MB', higherIsBetter: false, timed: false },
];

export const w3: Workload = {
  id: 'W3',
  title: 'MLP training step (784→256→10, SGD)',
  method: 'mlp',
  rows: () => ROWS,
  async check(e) {
    // A large learning rate makes every gradient visible in the next losses.
    const spec = mlpSpec(8, 12, 16, 10, 0.5, 707);
    const r = e.mlp!(spec);
    try {
      const got: number[] = [];
      for (let i = 0; i < 4; i++) got.push(await call(r));
      expectClose('W3 check losses', got, ref.mlpLosses(spec, 4), 1e-4, 1e-5);
    } finally {
      r.dispose();
    }
  },
  async run(e: Engine, ctx: Context): Promise<Row[]> {
    const p = plan(ctx.quick);
    const spec = mlpSpec(64, 784, 256, 10, 0.05, 7000);
    const r = e.mlp!(spec);
    try {
      const losses: number[] = [];
      let t = now();
      losses.push(await call(r));
      const firstMs = now() - t;
      losses.push(await call(r));
      expectClose('W3 first losses', losses, ref.mlpLosses(spec, 2), 1e-4, 1e-5);

      const warm: number[] = [];
      for (let i = 0; i < p.warmSteps; i++) {
        t = now();
        losses.push(await call(r));
        warm.push(now() - t);
      }
      const fit = Math.floor(p.budgetMs / (median(warm) * p.stepsPerRep));
      const reps = ctx.reps ?? Math.min(p.maxReps, Math.max(p.minReps, fit));

      collectGarbage();
      const samples: number[] = [];
      for (let rep = 0; rep < reps; rep++) {
        t = now();
        for (let i = 0; i < p.stepsPerRep; i++) losses.push(await call(r));
        samples.push((now() - t) / p.stepsPerRep);
      }
      const peakMB = process.resourceUsage().maxRSS / 1024;

      const last = losses.slice(-5).reduce((s, v) => s + v, 0) / 5;
      if (!losses.every(Number.isFinite) || !(last < 0.9 * losses[0])) {
        throw new MismatchError(
          `W3: the loss did not fall (step 0: ${losses[0]}, mean of the last 5: ${last})`,
        );
      }
      const medianMs = median(samples);
      const extra = {
        steps: losses.length,
        stepsPerRep: p.stepsPerRep,
        firstLoss: losses[0],
        lastLoss: last,
      };
      return [
        { ...ROWS[0], value: medianMs, firstMs, medianMs, samples, inner: p.stepsPerRep, extra },
        { ...ROWS[1], value: peakMB },
      ];
    } finally {
      r.dispose();
    }
  },
};
