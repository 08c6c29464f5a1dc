import { beforeAll, describe, expect, it } from 'vitest';
import type { Tensor } from '../index.js';
import * as core from '../index.js';
import { clampScanProductCases, normCases, orderingCases } from './gradient-cases.js';
import { type SuiteOptions, supports } from './options.js';
import { rand, randAway } from './util.js';

type Case = { name: string; fn: (...xs: Tensor[]) => Tensor; inputs: () => Tensor[]; second?: boolean };

const shapesUnary: number[][] = [[], [1], [3], [2, 3], [2, 1, 3], [0, 2]];

function unaryCases(): Case[] {
  const smooth: [string, (x: Tensor) => Tensor, 'any' | 'pos' | 'away' | 'unit'][] = [
    ['neg', core.neg, 'any'],
    ['exp', core.exp, 'any'],
    ['log', core.log, 'pos'],
    ['log1p', core.log1p, 'pos'],
    ['expm1', core.expm1, 'any'],
    ['sqrt', core.sqrt, 'pos'],
    ['rsqrt', core.rsqrt, 'pos'],
    ['square', core.square, 'any'],
    ['reciprocal', core.reciprocal, 'away'],
    ['sin', core.sin, 'any'],
    ['cos', core.cos, 'any'],
    ['tan', core.tan, 'unit'],
    ['tanh', core.tanh, 'any'],
    ['sigmoid', core.sigmoid, 'any'],
    ['erf', core.erf, 'any'],
    ['abs', core.abs, 'away'],
    ['relu', core.relu, 'away'],
    ['leakyRelu', (x) => core.leakyRelu(x, 0.1), 'away'],
    ['elu', (x) => core.elu(x, 1.5), 'away'],
    ['gelu', core.gelu, 'any'],
    ['softplus', core.softplus, 'any'],
    ['floor', core.floor, 'away'],
    ['round', core.round, 'away'],
  ];
  const out: Case[] = [];
  for (const [name, fn, domain] of smooth) {
    for (const shape of shapesUnary) {
      const inputs = () => [
        domain === 'pos'
          ? rand(shape, 7, { lo: 0.3, hi: 2 })
          : domain === 'away'
            ? randAway(shape, 7)
            : domain === 'unit'
              ? rand(shape, 7, { lo: -1, hi: 1 })
              : rand(shape, 7, { lo: -2, hi: 2 }),
      ];
      out.push({
        name: `${name} ${JSON.stringify(shape)}`,
        fn,
        inputs,
        second: !['floor', 'round', 'relu', 'abs', 'neg'].includes(name),
      });
    }
  }
  return out;
}

const pairs: [number[], number[]][] = [
  [[3], [3]],
  [[2, 3], [3]],
  [
    [2, 1],
    [1, 4],
  ],
  [[], [2, 2]],
  [[1], [0]],
  [
    [2, 1, 3],
    [4, 1],
  ],
];

function binaryCases(): Case[] {
  const ops: [string, (a: Tensor, b: Tensor) => Tensor, boolean][] = [
    ['add', core.add, true],
    ['sub', core.sub, true],
    ['mul', core.mul, true],
    ['div', core.div, false],
    ['pow', core.pow, true],
    ['maximum', core.maximum, false],
    ['minimum', core.minimum, false],
    ['atan2', core.atan2, false],
  ];
  const out: Case[] = [];
  for (const [name, fn, any] of ops) {
    for (const [sa, sb] of pairs) {
      const inputs = () =>
        name === 'pow'
          ? [rand(sa, 3, { lo: 0.5, hi: 2 }), rand(sb, 4, { lo: -1.5, hi: 2 })]
          : [
              any ? rand(sa, 3) : randAway(sa, 3),
              name === 'div' ? randAway(sb, 5) : rand(sb, 5, { lo: -0.9, hi: 0.95 }),
            ];
      out.push({ name: `${name} ${JSON.stringify(sa)} ${JSON.stringify(sb)}`, fn, inputs, second: true });
    }
  }
  out.push({
    name: 'pow scalar exponent',
    fn: (a) => core.pow(a, 3),
    inputs: () => [rand([2, 3], 9)],
    second: true,
  });
  out.push({
    name: 'pow scalar exponent 0.5',
    fn: (a) => core.pow(a, 0.5),
    inputs: () => [rand([4], 9, { lo: 0.5, hi: 2 })],
    second: true,
  });
  out.push({
    name: 'where',
    fn: (a, b) => core.where(core.gt(a, 0), a, b),
    inputs: () => [randAway([2, 3], 1), rand([3], 2)],
    second: true,
  });
  return out;
}

function reductionCases(): Case[] {
  const out: Case[] = [];
  const shape = [2, 3, 4];
  const axesList: (number[] | undefined)[] = [undefined, [0], [1, 2], [-1]];
  for (const axes of axesList) {
    for (const keep of [false, true]) {
      const tag = `${JSON.stringify(axes)} keepdim=${keep}`;
      out.push({ name: `sum ${tag}`, fn: (x) => core.sum(x, axes, keep), inputs: () => [rand(shape, 1)] });
      out.push({ name: `mean ${tag}`, fn: (x) => core.mean(x, axes, keep), inputs: () => [rand(shape, 2)] });
      out.push({
        name: `prod ${tag}`,
        fn: (x) => core.prod(x, axes, keep),
        inputs: () => [randAway(shape, 3)],
        second: true,
      });
      out.push({ name: `max ${tag}`, fn: (x) => core.max(x, axes, keep), inputs: () => [rand(shape, 4)] });
      out.push({ name: `min ${tag}`, fn: (x) => core.min(x, axes, keep), inputs: () => [rand(shape, 5)] });
      out.push({
        name: `logsumexp ${tag}`,
        fn: (x) => core.logsumexp(x, axes, keep),
        inputs: () => [rand(shape, 6)],
        second: true,
      });
      out.push({
        name: `var ${tag}`,
        fn: (x) => core.variance(x, axes, 1, keep),
        inputs: () => [rand(shape, 7)],
        second: true,
      });
      out.push({
        name: `std ${tag}`,
        fn: (x) => core.std(x, axes, 1, keep),
        inputs: () => [rand(shape, 8)],
        second: true,
      });
      for (const ord of [1, 2, Number.POSITIVE_INFINITY]) {
        out.push({
          name: `norm${ord} ${tag}`,
          fn: (x) => core.norm(x, ord, axes, keep),
          inputs: () => [randAway(shape, 9)],
          second: ord === 2,
        });
      }
    }
  }
  out.push({
    name: 'prod with one zero',
    fn: (x) => core.prod(x, [1]),
    inputs: () => [
      core.tensor(
        [
          [0, 2, 3],
          [1, 0, 0],
        ],
        { dtype: 'float64' },
      ),
    ],
  });
  out.push({ name: 'sum 0-d', fn: (x) => core.sum(x), inputs: () => [rand([], 1)] });
  out.push({ name: 'sum empty', fn: (x) => core.sum(x, [0]), inputs: () => [rand([0, 3], 1)] });
  return out;
}

function matmulCases(): Case[] {
  const shapes: [number[], number[]][] = [
    [[4], [4]],
    [
      [3, 4],
      [4, 5],
    ],
    [[3, 4], [4]],
    [[4], [4, 2]],
    [
      [2, 3, 4],
      [4, 5],
    ],
    [
      [2, 1, 3, 4],
      [3, 4, 2],
    ],
    [
      [1, 4],
      [4, 1],
    ],
  ];
  const dots: Case[] = [
    {
      name: 'tensordot axes=1',
      fn: (a, b) => core.tensordot(a, b, 1),
      inputs: () => [rand([2, 3], 13), rand([3, 4], 14)],
      second: true,
    },
    {
      name: 'tensordot axes pairs',
      fn: (a, b) =>
        core.tensordot(a, b, [
          [0, 2],
          [1, 0],
        ]),
      inputs: () => [rand([2, 3, 4], 15), rand([4, 2, 5], 16)],
      second: true,
    },
  ];
  return shapes
    .map(
      ([a, b]): Case => ({
        name: `matmul ${JSON.stringify(a)} ${JSON.stringify(b)}`,
        fn: core.matmul,
        inputs: () => [rand(a, 11), rand(b, 12)],
        second: true,
      }),
    )
    .concat(dots);
}

function movementCases(): Case[] {
  const x = () => [rand([2, 3, 4], 21)];
  const idx = (v: number[][]) => core.tensor(v, { dtype: 'int32' });
  return [
    { name: 'reshape', fn: (t) => core.reshape(core.mul(t, t), [4, -1]), inputs: x },
    { name: 'reshape non-contiguous', fn: (t) => core.reshape(core.transpose(t, 0, 2), [-1]), inputs: x },
    { name: 'transpose', fn: (t) => core.mul(core.transpose(t, 0, 1), 2), inputs: x },
    { name: 'permute', fn: (t) => core.square(core.permute(t, [2, 0, 1])), inputs: x, second: true },
    { name: 'expand', fn: (t) => core.square(core.expand(t, [5, 2, 3, 4])), inputs: x, second: true },
    { name: 'expand size-1', fn: (t) => core.expand(t, [3, 4]), inputs: () => [rand([3, 1], 2)] },
    {
      name: 'squeeze/unsqueeze',
      fn: (t) => core.squeeze(core.unsqueeze(t, 1)),
      inputs: () => [rand([3, 1, 2], 2)],
    },
    { name: 'flatten', fn: (t) => core.flatten(t, 1), inputs: x },
    { name: 'slice step 2', fn: (t) => core.square(core.slice(t, 2, 1, null, 2)), inputs: x, second: true },
    { name: 'slice negative', fn: (t) => core.slice(t, 1, -2), inputs: x },
    { name: 'narrow', fn: (t) => core.narrow(t, 0, 1, 1), inputs: x },
    { name: 'select', fn: (t) => core.select(t, 1, -1), inputs: x },
    {
      name: 'concat',
      fn: (a, b) => core.concat([a, b, a], 1),
      inputs: () => [rand([2, 3], 1), rand([2, 2], 2)],
    },
    { name: 'stack', fn: (a, b) => core.stack([a, b], 1), inputs: () => [rand([2, 3], 1), rand([2, 3], 2)] },
    { name: 'split', fn: (t) => core.mul(core.split(t, 2, 2)[1], 3), inputs: x },
    { name: 'chunk', fn: (t) => core.chunk(t, 2, 1)[1], inputs: x },
    {
      name: 'gather',
      fn: (t) =>
        core.gather(
          t,
          1,
          idx([
            [0, 2, 2],
            [1, 1, 0],
          ]),
        ),
      inputs: () => [rand([2, 3], 4)],
      second: false,
    },
    {
      name: 'indexSelect',
      fn: (t) => core.indexSelect(t, 0, core.tensor([2, 0, 2], { dtype: 'int32' })),
      inputs: () => [rand([3, 2], 4)],
    },
    {
      name: 'scatterAdd',
      fn: (t, s) =>
        core.scatterAdd(
          t,
          1,
          idx([
            [0, 0],
            [2, 1],
          ]),
          s,
        ),
      inputs: () => [rand([2, 3], 4), rand([2, 2], 5)],
    },
    { name: 'pad', fn: (t) => core.pad(t, [1, 2, 0, 1], 0.5), inputs: () => [rand([2, 3], 4)] },
    { name: 'flip', fn: (t) => core.flip(t, [0, 1]), inputs: () => [rand([2, 3], 4)] },
    { name: 'tile', fn: (t) => core.tile(t, [2, 1, 3]), inputs: () => [rand([2, 3], 4)] },
    { name: 'repeatInterleave', fn: (t) => core.repeatInterleave(t, 2, 1), inputs: () => [rand([2, 3], 4)] },
    {
      name: 'take flattened, repeated indices',
      fn: (t) =>
        core.take(
          t,
          idx([
            [0, 5],
            [3, 3],
          ]),
        ),
      inputs: () => [rand([2, 3], 4)],
    },
    {
      name: 'take along an axis, wrap and clip',
      fn: (t) =>
        core.add(
          core.take(t, [-1, 4, 1], { axis: 1, mode: 'wrap' }),
          core.take(t, [-2, 9, 1], { axis: 1, mode: 'clip' }),
        ),
      inputs: () => [rand([2, 3], 5)],
    },
    {
      name: 'pick',
      fn: (t) => core.pick(t, core.tensor([2, 0, 7], { dtype: 'int32' }), 1),
      inputs: () => [rand([3, 4], 6)],
    },
    {
      name: 'pick keepdims along axis 0',
      fn: (t) => core.pick(t, idx([[1, 0, 1, 1]]), 0, { keepdims: true }),
      inputs: () => [rand([2, 4], 7)],
    },
    {
      name: 'pyIndex basic (int, negative step, None, slice)',
      fn: (t) => core.square(core.pyIndex(t, [1, '::-2', null, '1:'])),
      inputs: () => [rand([2, 3, 4], 8)],
      second: true,
    },
    {
      name: 'pyIndex advanced (two arrays apart, an int among them)',
      fn: (t) => core.pyIndex(t, [[0, 1, 1], ':', [3, -1, 0]]),
      inputs: () => [rand([2, 3, 4], 9)],
    },
    {
      name: 'pyIndex advanced adjacent with an int (NumPy)',
      fn: (t) => core.pyIndex(t, [':', 2, [[1], [0]]]),
      inputs: () => [rand([2, 3, 4], 10)],
    },
    {
      name: 'pyIndex boolean mask over two dims',
      fn: (t) =>
        core.pyIndex(t, [
          ':',
          core.tensor([
            [true, false, true, true],
            [false, true, false, false],
            [true, true, true, false],
          ]),
        ]),
      inputs: () => [rand([2, 3, 4], 11)],
    },
  ];
}

function nnCases(): Case[] {
  const labels = () => core.tensor([2, 0, 1], { dtype: 'int32' });
  return [
    {
      name: 'softmax',
      fn: (x) => core.softmax(x, 1),
      inputs: () => [rand([3, 4], 31, { lo: -3, hi: 3 })],
      second: true,
    },
    {
      name: 'logSoftmax',
      fn: (x) => core.logSoftmax(x, -1),
      inputs: () => [rand([3, 4], 32, { lo: -3, hi: 3 })],
      second: true,
    },
    {
      name: 'crossEntropy indices',
      fn: (x) => core.crossEntropy(x, labels()),
      inputs: () => [rand([3, 4], 33)],
      second: true,
    },
    {
      name: 'crossEntropy probabilities',
      fn: (x, p) => core.crossEntropy(x, core.softmax(p, 1)),
      inputs: () => [rand([3, 4], 34), rand([3, 4], 35)],
      second: true,
    },
    {
      name: 'nllLoss sum',
      fn: (x) => core.nllLoss(x, labels(), { reduction: 'sum' }),
      inputs: () => [rand([3, 4], 36)],
    },
    {
      name: 'mseLoss',
      fn: (a, b) => core.mseLoss(a, b),
      inputs: () => [rand([3, 4], 37), rand([3, 4], 38)],
      second: true,
    },
    {
      name: 'bce',
      fn: (p, y) => core.binaryCrossEntropy(core.sigmoid(p), y),
      inputs: () => [rand([5], 39), rand([5], 40, { lo: 0, hi: 1 })],
      second: true,
    },
    {
      name: 'bceWithLogits',
      fn: (z, y) => core.binaryCrossEntropyWithLogits(z, y),
      inputs: () => [rand([5], 41, { lo: -4, hi: 4 }), rand([5], 42, { lo: 0, hi: 1 })],
      second: true,
    },
    {
      name: 'softmaxCrossEntropy (logits and labels)',
      fn: (x, p) => core.softmaxCrossEntropy(x, core.softmax(p, 0), 0),
      inputs: () => [rand([4, 3], 46), rand([4, 3], 47)],
      second: true,
    },
    {
      name: 'sparseSoftmaxCrossEntropy',
      fn: (x) =>
        core.sparseSoftmaxCrossEntropy(
          x,
          core.tensor(
            [
              [2, 0],
              [1, 3],
            ],
            { dtype: 'int32' },
          ),
        ),
      inputs: () => [rand([2, 2, 4], 48, { lo: -3, hi: 3 })],
      second: true,
    },
    {
      name: 'linear',
      fn: (x, w, b) => core.linear(x, w, b),
      inputs: () => [rand([4, 3], 43), rand([2, 3], 44), rand([2], 45)],
      second: true,
    },
  ];
}

/** Every differentiable op against float64 central differences, first and (where nonzero) second order. */
export function gradientSuite(backend: string, opts: SuiteOptions = {}): void {
  // Finite differences need float64; a backend without it checks gradients another way.
  describe.skipIf(!supports(opts, 'float64'))(`gradients (${backend})`, () => {
    beforeAll(async () => {
      await core.setBackend(backend);
    });
    const groups: [string, () => Case[]][] = [
      ['unary', unaryCases],
      ['binary', binaryCases],
      ['reductions', reductionCases],
      ['matmul', matmulCases],
      ['movement and indexing', movementCases],
      ['nn composites', nnCases],
      ['orderings and selections', orderingCases],
      ['clamp, cumsum and products', clampScanProductCases],
      ['norms', normCases],
    ];
    for (const [group, make] of groups) {
      describe(group, () => {
        for (const c of make()) {
          it(`${c.name}: first order`, () => {
            core.tidy(() =>
              expect(core.gradcheck(c.fn, c.inputs(), { eps: 1e-6, atol: 1e-6, rtol: 1e-5 })).toBe(true),
            );
          });
          it(`${c.name}: backward after the forward's handles are disposed`, () => {
            // A backward rule may use only what it saved: users free handles (tidy, dispose)
            // between the forward pass and backward.
            core.tidy(() => {
              const grads = (dispose: boolean) => {
                const xs = c.inputs().map((x) => core.setRequiresGrad(x));
                const mids = xs.map((x) => core.mul(x, 1));
                const y = core.tidy(() => core.sum(c.fn(...mids)));
                if (dispose) for (const m of mids) m.dispose();
                return core
                  .grad(y, xs, { allowUnused: true })
                  .map((g) => (g ? Array.from(g.dataSync()) : null));
              };
              expect(grads(true)).toEqual(grads(false));
            });
          });
          if (c.second) {
            it(`${c.name}: second order`, () => {
              core.tidy(() =>
                expect(core.gradgradcheck(c.fn, c.inputs(), { eps: 1e-6, atol: 1e-5, rtol: 1e-4 })).toBe(
                  true,
                ),
              );
            });
          }
        }
      });
    }
  });
}
