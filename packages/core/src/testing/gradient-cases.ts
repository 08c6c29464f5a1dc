/**
 * Gradient cases of the orderings, selections, clamps, scans, products and norms (part of the
 * gradient suite): first order against finite differences, second order where it is nonzero.
 */
import type { Tensor } from '../index.js';
import * as core from '../index.js';
import { rand, randAway } from './util.js';

export type GradCase = {
  name: string;
  fn: (...xs: Tensor[]) => Tensor;
  inputs: () => Tensor[];
  second?: boolean;
};

/** Distinct values (no ties, so orderings have a gradient) in a shuffled order. */
function distinct(shape: number[], seed: number): Tensor {
  const n = shape.reduce((a, b) => a * b, 1);
  const v = Array.from(rand([n], seed).dataSync(), (x, i) => x + 3 * i);
  const perm = v.map((_, i) => (i * 7 + seed) % n);
  return core.reshape(
    core.tensor(
      perm.map((k) => v[k] / n),
      { dtype: 'float64' },
    ),
    shape,
  );
}

export function orderingCases(): GradCase[] {
  const x = () => [distinct([3, 5], 2)];
  // Squares make the selection's gradient depend on x, so second order checks the scatter back.
  const sq = (f: (t: Tensor) => Tensor) => (t: Tensor) => core.square(f(t));
  return [
    { name: 'sort along the last axis', fn: (t) => core.sort(t)[0], inputs: x },
    { name: 'sort descending along axis 0', fn: (t) => core.sort(t, 0, { descending: true })[0], inputs: x },
    { name: 'sort, squared', fn: sq((t) => core.sort(t, 1)[0]), inputs: x, second: true },
    { name: 'topk', fn: (t) => core.topk(t, 2)[0], inputs: x },
    {
      name: 'topk smallest along axis 0, squared',
      fn: sq((t) => core.topk(t, 2, 0, { largest: false })[0]),
      inputs: x,
      second: true,
    },
    { name: 'maxWithIndices', fn: (t) => core.maxWithIndices(t, 1)[0], inputs: x },
    {
      name: 'minWithIndices keepdim, squared',
      fn: sq((t) => core.minWithIndices(t, 0, true)[0]),
      inputs: x,
      second: true,
    },
    {
      name: 'takeAlong',
      fn: (t) =>
        core.takeAlong(
          t,
          1,
          [
            [4, 0],
            [1, 1],
            [2, 3],
          ],
          { name: 'TakeBackward' },
        ),
      inputs: x,
    },
    { name: 'select, squared', fn: sq((t) => core.select(t, 1, 2)), inputs: x, second: true },
    {
      name: 'stack, squared',
      fn: (a, b) => core.square(core.stack([a, b, a], 1)),
      inputs: () => [rand([2, 3], 3), rand([2, 3], 4)],
      second: true,
    },
    {
      name: 'matrixTranspose, squared',
      fn: sq(core.matrixTranspose),
      inputs: () => [rand([2, 3], 5)],
      second: true,
    },
    { name: 'matrixTranspose of a vector', fn: core.matrixTranspose, inputs: () => [rand([3], 6)] },
  ];
}

export function clampScanProductCases(): GradCase[] {
  // Values away from the bounds: the gradient is 1 inside and 0 outside.
  const away = () => [
    core.tensor(
      [
        [-1.3, -0.2, 0.4],
        [0.9, 1.6, -0.7],
      ],
      { dtype: 'float64' },
    ),
  ];
  return [
    { name: 'clamp number bounds', fn: (t) => core.clamp(t, -0.5, 0.5), inputs: away },
    { name: 'clamp min only, squared', fn: (t) => core.square(core.clamp(t, 0)), inputs: away, second: true },
    { name: 'clamp max only', fn: (t) => core.clamp(t, null, 0), inputs: away },
    {
      name: 'clamp tensor bounds (broadcast): gradients to x and both bounds',
      fn: (t, lo, hi) => core.clamp(t, lo, hi),
      inputs: () => [
        away()[0],
        core.tensor([-0.5, 0, 0.1], { dtype: 'float64' }),
        core.tensor([[0.3], [1]], { dtype: 'float64' }),
      ],
    },
    {
      name: 'clamp tensor min above max: max wins',
      fn: (t, lo, hi) => core.clamp(t, lo, hi),
      inputs: () => [
        away()[0],
        core.tensor(0.8, { dtype: 'float64' }),
        core.tensor(0.25, { dtype: 'float64' }),
      ],
    },
    { name: 'cumsum last axis', fn: (t) => core.cumsum(t, -1), inputs: () => [rand([2, 4], 7)] },
    {
      name: 'cumsum axis 0, squared',
      fn: (t) => core.square(core.cumsum(t, 0)),
      inputs: () => [rand([3, 2], 8)],
      second: true,
    },
    {
      name: 'cumsum reverse',
      fn: (t) => core.cumsum(t, 1, { reverse: true }),
      inputs: () => [rand([2, 3], 9)],
    },
    { name: 'cumsum 0-d', fn: (t) => core.cumsum(t, 0), inputs: () => [rand([], 10)] },
    { name: 'outer', fn: core.outer, inputs: () => [rand([3], 11), rand([4], 12)], second: true },
    {
      name: 'dropout (seeded mask)',
      fn: (t) => {
        core.seed(5);
        return core.dropout(t, 0.4);
      },
      inputs: () => [rand([3, 4], 13)],
    },
    {
      name: 'tensordot single axes',
      fn: (a, b) => core.tensordot(a, b, [1, 0]),
      inputs: () => [rand([2, 3], 14), rand([3, 2], 15)],
      second: true,
    },
  ];
}

export function normCases(): GradCase[] {
  const x = () => [randAway([2, 3, 4], 21)];
  return [
    { name: 'norm p=3 over all', fn: (t) => core.norm(t, 3), inputs: x, second: true },
    {
      name: 'norm p=1.5 over [0, 2] keepdim',
      fn: (t) => core.norm(t, 1.5, [0, 2], true),
      inputs: x,
      second: true,
    },
    { name: 'norm p=0.5 over the last axis', fn: (t) => core.norm(t, 0.5, -1), inputs: x, second: true },
    {
      name: 'norm p=2 with a zero row',
      fn: (t) => core.norm(t, 2, 1),
      inputs: () => [
        core.tensor(
          [
            [0, 0],
            [3, -4],
          ],
          { dtype: 'float64' },
        ),
      ],
    },
    { name: 'matrixNorm fro', fn: (t) => core.matrixNorm(t, 'fro'), inputs: x, second: true },
    { name: 'matrixNorm 1', fn: (t) => core.matrixNorm(t, 1), inputs: x },
    {
      name: 'matrixNorm -inf over [0, 2] keepdim',
      fn: (t) => core.matrixNorm(t, Number.NEGATIVE_INFINITY, [0, 2], true),
      inputs: x,
    },
  ];
}
