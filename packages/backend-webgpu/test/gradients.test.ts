/**
 * Gradient correctness without float64: every differentiable op runs in float32 on the CPU
 * backend and on WebGPU with the same inputs and cotangents, and the forward values, first-order
 * gradients and (where nonzero) second-order gradients must agree to float32 noise. The CPU
 * backend's gradients are themselves checked against float64 finite differences by core's
 * gradient suite, so agreement here carries that check over to WebGPU.
 */
import '@polygrad/backend-cpu';
import type { Tensor } from '@polygrad/core';
import * as core from '@polygrad/core';
import { values } from '@polygrad/core/testing';
import { describe, expect, it } from 'vitest';
import { gpuAvailable } from './gpu.js';

type Dom = 'any' | 'pos' | 'away' | 'unit';
interface In {
  shape: number[];
  dom?: Dom;
  lo?: number;
  hi?: number;
}
interface Case {
  name: string;
  fn: (...xs: Tensor[]) => Tensor;
  inputs: In[];
  second?: boolean;
}

function data(spec: In, seed: number): number[] {
  const n = spec.shape.reduce((a, b) => a * b, 1);
  const dom = spec.dom ?? 'any';
  if (dom === 'away') return Array.from(values(n, seed, 0.2, 1.2), (v, i) => (i % 2 ? -v : v));
  const [lo, hi] =
    spec.lo !== undefined
      ? [spec.lo, spec.hi ?? 1]
      : dom === 'pos'
        ? [0.3, 2]
        : dom === 'unit'
          ? [-1, 1]
          : [-2, 2];
  return Array.from(values(n, seed, lo, hi));
}

const make = (spec: In, seed: number, backend: string) =>
  core.setRequiresGrad(core.reshape(core.tensor(data(spec, seed), { backend }), spec.shape));

interface Result {
  out: number[];
  g1: (number[] | null)[];
  g2: (number[] | null)[];
}

const flat = (t: Tensor | null) => (t ? Array.from(t.dataSync()) : null);

/** Forward, gradients of Σ out·v, and gradients of Σ_i Σ g_i·w_i (second order). */
function evaluate(c: Case, backend: string): Result {
  return core.tidy(() => {
    const xs = c.inputs.map((s, i) => make(s, 11 + 7 * i, backend));
    const out = c.fn(...xs);
    const v = core.reshape(core.tensor(Array.from(values(out.size, 5, -1, 1)), { backend }), out.shape);
    const g = core.grad([out], xs, { gradOutputs: [v], allowUnused: true, createGraph: !!c.second });
    let g2: (Tensor | null)[] = [];
    if (c.second) {
      const heads: Tensor[] = [];
      const ws: Tensor[] = [];
      g.forEach((gi, i) => {
        if (!gi || (gi.node === null && !gi.requiresGradLeaf)) return;
        heads.push(gi);
        ws.push(core.reshape(core.tensor(Array.from(values(gi.size, 9 + i, -1, 1)), { backend }), gi.shape));
      });
      g2 = heads.length ? core.grad(heads, xs, { gradOutputs: ws, allowUnused: true }) : [];
    }
    return { out: flat(out)!, g1: g.map(flat), g2: g2.map(flat) };
  });
}

function close(what: string, a: number[] | null, e: number[] | null): void {
  if (e === null || a === null) {
    // an unused input: no gradient on one side must be zeros (or nothing) on the other
    for (const v of a ?? e ?? []) expect(v, what).toBe(0);
    return;
  }
  expect(a.length, what).toBe(e.length);
  for (let i = 0; i < e.length; i++) {
    if (Number.isNaN(e[i])) expect(a[i], `${what}[${i}]`).toBeNaN();
    else if (!Number.isFinite(e[i])) expect(a[i], `${what}[${i}]`).toBe(e[i]);
    else {
      const tol = 2e-5 + 1e-4 * Math.abs(e[i]);
      expect(Math.abs(a[i] - e[i]), `${what}[${i}]: webgpu ${a[i]} vs cpu ${e[i]}`).toBeLessThanOrEqual(tol);
    }
  }
}

function unary(): Case[] {
  const ops: [string, (x: Tensor) => Tensor, Dom, boolean][] = [
    ['neg', core.neg, 'any', false],
    ['exp', core.exp, 'any', true],
    ['log', core.log, 'pos', true],
    ['log1p', core.log1p, 'pos', true],
    ['expm1', core.expm1, 'any', true],
    ['sqrt', core.sqrt, 'pos', true],
    ['rsqrt', core.rsqrt, 'pos', true],
    ['square', core.square, 'any', true],
    ['reciprocal', core.reciprocal, 'away', true],
    ['sin', core.sin, 'any', true],
    ['cos', core.cos, 'any', true],
    ['tan', core.tan, 'unit', true],
    ['tanh', core.tanh, 'any', true],
    ['sigmoid', core.sigmoid, 'any', true],
    ['erf', core.erf, 'any', true],
    ['abs', core.abs, 'away', false],
    ['relu', core.relu, 'away', false],
    ['leakyRelu', (x) => core.leakyRelu(x, 0.1), 'away', true],
    ['elu', (x) => core.elu(x, 1.5), 'away', true],
    ['gelu', core.gelu, 'any', true],
    ['softplus', core.softplus, 'any', true],
    ['floor', core.floor, 'away', false],
    ['round', core.round, 'away', false],
  ];
  const shapes = [[], [3], [2, 1, 3], [0, 2], [33, 17]];
  return ops.flatMap(([name, fn, dom, second]) =>
    shapes.map((shape) => ({
      name: `${name} ${JSON.stringify(shape)}`,
      fn,
      inputs: [{ shape, dom }],
      second,
    })),
  );
}

function binary(): Case[] {
  const ops: [string, (a: Tensor, b: Tensor) => Tensor][] = [
    ['add', core.add],
    ['sub', core.sub],
    ['mul', core.mul],
    ['div', core.div],
    ['pow', core.pow],
    ['maximum', core.maximum],
    ['minimum', core.minimum],
    ['atan2', core.atan2],
  ];
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
  const out: Case[] = [];
  for (const [name, fn] of ops) {
    for (const [sa, sb] of pairs) {
      const a: In = name === 'pow' ? { shape: sa, lo: 0.5, hi: 2 } : { shape: sa, dom: 'away' };
      const b: In =
        name === 'pow'
          ? { shape: sb, lo: -1.5, hi: 2 }
          : name === 'div'
            ? { shape: sb, dom: 'away' }
            : { shape: sb, lo: -0.9, hi: 0.95 };
      out.push({
        name: `${name} ${JSON.stringify(sa)} ${JSON.stringify(sb)}`,
        fn,
        inputs: [a, b],
        second: true,
      });
    }
  }
  out.push({ name: 'pow scalar 3', fn: (a) => core.pow(a, 3), inputs: [{ shape: [2, 3] }], second: true });
  out.push({
    name: 'pow scalar 0.5',
    fn: (a) => core.pow(a, 0.5),
    inputs: [{ shape: [4], dom: 'pos' }],
    second: true,
  });
  out.push({
    name: 'where',
    fn: (a, b) => core.where(core.gt(a, 0), a, b),
    inputs: [{ shape: [2, 3], dom: 'away' }, { shape: [3] }],
    second: true,
  });
  return out;
}

function reductions(): Case[] {
  const out: Case[] = [];
  for (const axes of [undefined, [0], [1, 2], [-1]]) {
    for (const keep of [false, true]) {
      const tag = `${JSON.stringify(axes)} keepdim=${keep}`;
      const x: In[] = [{ shape: [2, 3, 4] }];
      const away: In[] = [{ shape: [2, 3, 4], dom: 'away' }];
      out.push({ name: `sum ${tag}`, fn: (t) => core.sum(t, axes, keep), inputs: x });
      out.push({ name: `mean ${tag}`, fn: (t) => core.mean(t, axes, keep), inputs: x });
      out.push({ name: `prod ${tag}`, fn: (t) => core.prod(t, axes, keep), inputs: away, second: true });
      out.push({ name: `max ${tag}`, fn: (t) => core.max(t, axes, keep), inputs: x });
      out.push({ name: `min ${tag}`, fn: (t) => core.min(t, axes, keep), inputs: x });
      out.push({
        name: `logsumexp ${tag}`,
        fn: (t) => core.logsumexp(t, axes, keep),
        inputs: x,
        second: true,
      });
      out.push({ name: `var ${tag}`, fn: (t) => core.variance(t, axes, 1, keep), inputs: x, second: true });
      out.push({ name: `std ${tag}`, fn: (t) => core.std(t, axes, 1, keep), inputs: x, second: true });
      for (const ord of [1, 2, Number.POSITIVE_INFINITY]) {
        out.push({
          name: `norm${ord} ${tag}`,
          fn: (t) => core.norm(t, ord, axes, keep),
          inputs: away,
          second: ord === 2,
        });
      }
    }
  }
  out.push({ name: 'sum of 5000 (workgroup tree)', fn: (t) => core.sum(t), inputs: [{ shape: [5000] }] });
  out.push({
    name: 'mean over rows of [300, 70]',
    fn: (t) => core.mean(t, [0]),
    inputs: [{ shape: [300, 70] }],
  });
  return out;
}

function matmuls(): Case[] {
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
    [
      [37, 29],
      [29, 41],
    ],
  ];
  const out: Case[] = shapes.map(([a, b]) => ({
    name: `matmul ${JSON.stringify(a)} ${JSON.stringify(b)}`,
    fn: core.matmul,
    inputs: [{ shape: a }, { shape: b }],
    second: true,
  }));
  out.push({
    name: 'tensordot axes pairs',
    fn: (a, b) =>
      core.tensordot(a, b, [
        [0, 2],
        [1, 0],
      ]),
    inputs: [{ shape: [2, 3, 4] }, { shape: [4, 2, 5] }],
    second: true,
  });
  return out;
}

function movement(): Case[] {
  const x: In[] = [{ shape: [2, 3, 4] }];
  const m: In[] = [{ shape: [2, 3] }];
  const idx = (v: number[][]) => core.tensor(v, { dtype: 'int32', backend: core.getBackend() });
  return [
    { name: 'reshape non-contiguous', fn: (t) => core.reshape(core.transpose(t, 0, 2), [-1]), inputs: x },
    { name: 'permute', fn: (t) => core.square(core.permute(t, [2, 0, 1])), inputs: x, second: true },
    { name: 'expand', fn: (t) => core.square(core.expand(t, [5, 2, 3, 4])), inputs: x, second: true },
    { name: 'slice step 2', fn: (t) => core.square(core.slice(t, 2, 1, null, 2)), inputs: x, second: true },
    { name: 'select', fn: (t) => core.select(t, 1, -1), inputs: x },
    {
      name: 'concat',
      fn: (a, b) => core.concat([a, b, a], 1),
      inputs: [{ shape: [2, 3] }, { shape: [2, 2] }],
    },
    { name: 'stack', fn: (a, b) => core.stack([a, b], 1), inputs: [{ shape: [2, 3] }, { shape: [2, 3] }] },
    { name: 'split', fn: (t) => core.mul(core.split(t, 2, 2)[1], 3), inputs: x },
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
      inputs: m,
    },
    {
      name: 'indexSelect',
      fn: (t) => core.indexSelect(t, 0, core.tensor([2, 0, 2], { dtype: 'int32', backend: t.backend })),
      inputs: [{ shape: [3, 2] }],
    },
    {
      name: 'scatterAdd with repeated indices',
      fn: (t, s) =>
        core.scatterAdd(
          t,
          1,
          idx([
            [0, 0],
            [2, 2],
          ]),
          s,
        ),
      inputs: [{ shape: [2, 3] }, { shape: [2, 2] }],
    },
    { name: 'pad', fn: (t) => core.pad(t, [1, 2, 0, 1], 0.5), inputs: m },
    { name: 'flip', fn: (t) => core.flip(t, [0, 1]), inputs: m },
    { name: 'tile', fn: (t) => core.tile(t, [2, 1, 3]), inputs: m },
    { name: 'repeatInterleave', fn: (t) => core.repeatInterleave(t, 2, 1), inputs: m },
  ];
}

function nn(): Case[] {
  const labels = (b: string) => core.tensor([2, 0, 1], { dtype: 'int32', backend: b });
  return [
    {
      name: 'softmax',
      fn: (x) => core.softmax(x, 1),
      inputs: [{ shape: [3, 4], lo: -3, hi: 3 }],
      second: true,
    },
    {
      name: 'logSoftmax',
      fn: (x) => core.logSoftmax(x, -1),
      inputs: [{ shape: [3, 4], lo: -3, hi: 3 }],
      second: true,
    },
    {
      name: 'crossEntropy',
      fn: (x) => core.crossEntropy(x, labels(x.backend)),
      inputs: [{ shape: [3, 4] }],
      second: true,
    },
    {
      name: 'nllLoss sum',
      fn: (x) => core.nllLoss(x, labels(x.backend), { reduction: 'sum' }),
      inputs: [{ shape: [3, 4] }],
    },
    {
      name: 'mseLoss',
      fn: (a, b) => core.mseLoss(a, b),
      inputs: [{ shape: [3, 4] }, { shape: [3, 4] }],
      second: true,
    },
    {
      name: 'bceWithLogits',
      fn: (z, y) => core.binaryCrossEntropyWithLogits(z, y),
      inputs: [
        { shape: [5], lo: -4, hi: 4 },
        { shape: [5], lo: 0, hi: 1 },
      ],
      second: true,
    },
    {
      name: 'linear',
      fn: (x, w, b) => core.linear(x, w, b),
      inputs: [{ shape: [4, 3] }, { shape: [2, 3] }, { shape: [2] }],
      second: true,
    },
  ];
}

if (await gpuAvailable('webgpu')) {
  const groups: [string, Case[]][] = [
    ['unary', unary()],
    ['binary', binary()],
    ['reductions', reductions()],
    ['matmul', matmuls()],
    ['movement and indexing', movement()],
    ['nn composites', nn()],
  ];
  describe('float32 gradients: webgpu against cpu', () => {
    for (const [group, cases] of groups) {
      describe(group, () => {
        for (const c of cases) {
          it(c.name, async () => {
            await core.setBackend('cpu');
            const want = evaluate(c, 'cpu');
            await core.setBackend('webgpu');
            const got = evaluate(c, 'webgpu');
            close('forward', got.out, want.out);
            want.g1.forEach((g, i) => close(`grad[${i}]`, got.g1[i] ?? null, g));
            want.g2.forEach((g, i) => close(`grad2[${i}]`, got.g2[i] ?? null, g));
            expect(got.g2.length).toBe(want.g2.length);
          });
        }
      });
    }
  });
}
