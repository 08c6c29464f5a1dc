/**
 * Results and gradients of the facade's orderings, losses and functional transforms against
 * values computed by real PyTorch 1.13 (test/fixtures/make_fixtures.py, values_cases()).
 */
import { describe, expect, it } from 'vitest';
import { Tensor, torch, type ValuesIndices } from '../src/index.js';
import { close, fixture, flat } from './util.js';

const F = torch.nn.functional;
type In = number[] | number[][] | Tensor;
type Out = Tensor | ValuesIndices;

/** f(inputs) and d/d inputs of sum(f · cot), as run() in the generator. */
function run(f: (...xs: Tensor[]) => Out, inputs: In[], cot?: number[][]) {
  const ins = inputs.map((v) => (v instanceof Tensor ? v : torch.tensor(v, { requiresGrad: true })));
  const y = f(...ins);
  const main = Array.isArray(y) ? y[0] : (y as Tensor);
  const c = cot ? torch.tensor(cot) : torch.onesLike(main);
  const leaves = ins.filter((t) => t.requiresGrad);
  const gs = torch.autograd.grad(main.mul(c).sum(), leaves, { allowUnused: true });
  return {
    values: flat(main),
    grads: gs.map((g) => (g ? flat(g) : null)),
    indices: Array.isArray(y) ? flat(y[1]) : undefined,
  };
}

const X = [
  [1, 4, 4, -2],
  [3, -1, 0.5, 3],
];
const XD = [
  [1, 4, 3.5, -2],
  [3, -1, 0.5, 2.5],
];
const Z = [
  [1, 2, 0.5],
  [0.1, -1, 2],
  [0.3, 0.3, -0.7],
  [2, 1, 0],
];
const T = () => torch.tensor([2, 0, -100, 1], { dtype: 'int32' });
const T2 = () => torch.tensor([2, 0, 1, 1], { dtype: 'int32' });
const W = () => torch.tensor([1, 2, 0.5]);
const COT = [
  [1, 2, 3, 4],
  [-1, 0.5, 2, 1],
];
const ROWS = (r: number[]) => [r, r, r, r];

const CASES: Record<string, () => ReturnType<typeof run>> = {
  max_dim: () => run((x) => torch.max(x, 1), [X]),
  max_dim_keepdim: () => run((x) => torch.max(x, 1, { keepdim: true }), [X]),
  min_dim0: () => run((x) => torch.min(x, 0), [X]),
  sort: () => run((x) => torch.sort(x, 1), [X], COT),
  sort_descending: () => run((x) => torch.sort(x, 1, true), [X], COT),
  sort_dim0: () => run((x) => torch.sort(x, { dim: 0 }), [X], COT),
  topk: () =>
    run(
      (x) => torch.topk(x, 2),
      [X],
      [
        [1, 2],
        [3, 4],
      ],
    ),
  topk_distinct: () =>
    run(
      (x) => torch.topk(x, 3),
      [XD],
      [
        [1, 2, 3],
        [4, 5, 6],
      ],
    ),
  topk_smallest_dim0: () => run((x) => torch.topk(x, 1, { dim: 0, largest: false }), [X]),
  clamp: () => run((x) => x.clamp(-1, 3), [X], COT),
  cumsum: () => run((x) => x.cumsum(1), [X], COT),
  softmax_dim0: () => run((x) => F.softmax(x, 0), [Z], ROWS([1, 0, 2])),
  log_softmax: () => run((x) => F.log_softmax(x, 1), [Z], ROWS([1, 0, 2])),
  cross_entropy: () => run((z) => F.cross_entropy(z, T2()), [Z]),
  cross_entropy_sum: () => run((z) => F.cross_entropy(z, T2(), { reduction: 'sum' }), [Z]),
  cross_entropy_weight: () => run((z) => F.cross_entropy(z, T2(), { weight: W() }), [Z]),
  cross_entropy_ignore: () => run((z) => F.cross_entropy(z, T()), [Z]),
  cross_entropy_ignore_0: () => run((z) => F.cross_entropy(z, T2(), { ignore_index: 0 }), [Z]),
  cross_entropy_smoothing: () => run((z) => F.cross_entropy(z, T2(), { label_smoothing: 0.1 }), [Z]),
  cross_entropy_smoothing_weight_ignore: () =>
    run((z) => F.cross_entropy(z, T(), { weight: W(), labelSmoothing: 0.2 }), [Z]),
  cross_entropy_smoothing_none: () =>
    run((z) => F.cross_entropy(z, T(), { labelSmoothing: 0.2, reduction: 'none' }), [Z]),
  cross_entropy_probs: () =>
    run((z) => F.cross_entropy(z, torch.tensor(ROWS([0.2, 0.3, 0.5])), { label_smoothing: 0.1 }), [Z]),
  nll_loss: () => run((z) => F.nll_loss(F.log_softmax(z, 1), T2(), W()), [Z]),
  nll_loss_ignore_none: () => run((z) => F.nll_loss(z, T(), { reduction: 'none' }), [Z]),
  mse_loss: () => run((a, b) => F.mse_loss(a, b), [X, [new Array(4).fill(0), new Array(4).fill(1)]]),
  mse_loss_sum: () => run((a) => F.mse_loss(a, torch.ones(2, 4), { reduction: 'sum' }), [X]),
  linear: () => run((x, w, b) => F.linear(x, w, b), [X, ROWS([1, 0, -1, 2]).slice(0, 3), [0.5, -0.5, 1]]),
};

describe(`orderings and losses match PyTorch ${fixture.torch}`, () => {
  it.each(Object.keys(CASES))('%s', (name) => {
    const want = fixture.values[name];
    const got = CASES[name]();
    expect(close(got.values, want.values), `values ${got.values} vs ${want.values}`).toBe(true);
    // Ties in topk are unordered in PyTorch: only the values are pinned for the tie case.
    if (name === 'topk') return;
    want.grads!.forEach((g, i) => {
      expect(close(got.grads[i]!, g!), `grad ${i}: ${got.grads[i]} vs ${g}`).toBe(true);
    });
    if (want.indices) expect(got.indices).toEqual(want.indices);
  });
  it('covers the fixture', () => {
    const functional = ['jacobian', 'jacobian_two_inputs', 'hessian', 'vjp', 'jvp'];
    expect(Object.keys(CASES)).toEqual(Object.keys(fixture.values).filter((k) => !functional.includes(k)));
  });
});

describe('torch.autograd.functional', () => {
  const fv = fixture.values;
  it('jacobian of one input is a tensor; of several, a tuple', () => {
    const j = torch.autograd.functional.jacobian((a) => a.mul(a.sum()), torch.tensor([1, 2, 3])) as Tensor;
    expect(j.shape).toEqual([3, 3]);
    expect(close(flat(j), fv.jacobian.values)).toBe(true);
    const j2 = torch.autograd.functional.jacobian(
      (a, b) => a.mul(b),
      [torch.tensor([1, 2]), torch.tensor([3, 4])],
    );
    expect((j2 as Tensor[]).map((t) => flat(t))).toEqual(fv.jacobian_two_inputs.values);
  });
  it('hessian', () => {
    const h = torch.autograd.functional.hessian(
      (a) => a.pow(3).sum().mul(a.index(0)),
      torch.tensor([1, 2]),
    ) as Tensor;
    expect(h.shape).toEqual([2, 2]);
    expect(close(flat(h), fv.hessian.values)).toBe(true);
  });
  it('vjp and jvp', () => {
    const [y, g] = torch.autograd.functional.vjp((a) => a.exp(), torch.tensor([0, 1]), torch.tensor([2, 3]));
    expect(close(flat(y), fv.vjp.values)).toBe(true);
    expect(close(flat(g as Tensor), fv.vjp.grads![0]!)).toBe(true);
    const [y2, jv] = torch.autograd.functional.jvp(
      (a) => a.mul(a.sum()),
      torch.tensor([1, 2]),
      torch.tensor([1, -1]),
    );
    expect(close(flat(y2), fv.jvp.values)).toBe(true);
    expect(close(flat(jv), fv.jvp.grads![0]!)).toBe(true);
    expect(() => torch.autograd.functional.vjp((a) => a.exp(), torch.tensor([0, 1]))).toThrow(
      'The vector v can only be None if the user-provided function returns a single Tensor with a single element.',
    );
    const [, s] = torch.autograd.functional.jvp((a) => a.mul(a), torch.tensor([3]));
    expect(flat(s)).toEqual([6]);
  });
  it('a function returning a tuple gives one jacobian per output', () => {
    const js = torch.autograd.functional.jacobian(
      (a) => [a.mul(2), a.sum()],
      torch.tensor([1, 2]),
    ) as Tensor[];
    expect(js.map((t) => flat(t))).toEqual([
      [2, 0, 0, 2],
      [1, 1],
    ]);
  });
});
