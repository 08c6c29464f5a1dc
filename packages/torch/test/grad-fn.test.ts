/** grad_fn names and next_functions against real PyTorch 1.13 (test/fixtures/make_fixtures.py). */
import { describe, expect, it } from 'vitest';
import { type Tensor, torch } from '../src/index.js';
import { fixture } from './util.js';

const F = torch.nn.functional;

function cases(): Record<string, () => Tensor> {
  const rg = { requiresGrad: true };
  const x = torch.tensor(
    [
      [1, 2, 3],
      [4, 5, 6],
    ],
    rg,
  );
  const v = torch.tensor([1, 2, 3], rg);
  const w = torch.tensor(
    [
      [0.5, -1, 2],
      [1.5, 0.25, -0.5],
    ],
    rg,
  );
  return {
    add: () => x.add(w),
    add_scalar: () => x.add(1),
    sub: () => x.sub(w),
    mul: () => x.mul(w),
    mul_scalar: () => x.mul(2),
    div: () => x.div(w),
    pow_scalar: () => x.pow(2),
    pow_tensor: () => x.pow(w),
    neg: () => x.neg(),
    exp: () => x.exp(),
    log: () => x.log(),
    sqrt: () => x.sqrt(),
    sin: () => x.sin(),
    tanh: () => x.tanh(),
    sigmoid: () => x.sigmoid(),
    relu: () => x.relu(),
    abs: () => x.abs(),
    sum: () => x.sum(),
    sum_dim: () => x.sum(1),
    mean: () => x.mean(),
    mean_dim: () => x.mean(0),
    max_all: () => x.max(),
    max_dim: () => x.max(1).values,
    min_dim: () => x.min(0).values,
    amax: () => x.amax(1),
    sort: () => x.sort(1).values,
    topk: () => x.topk(2).values,
    prod: () => x.prod(),
    dot: () => v.dot(v),
    mm: () => x.mm(w.t()),
    mv: () => x.mv(v),
    matmul_2d: () => x.matmul(w.t()),
    reshape: () => x.reshape(3, 2),
    view: () => x.view(6),
    flatten: () => x.flatten(),
    transpose: () => x.transpose(0, 1),
    permute: () => x.permute(1, 0),
    T: () => x.T,
    t: () => x.t(),
    unsqueeze: () => x.unsqueeze(0),
    squeeze_dim: () => x.unsqueeze(0).squeeze(0),
    expand: () => v.expand(2, 3),
    select: () => x.index(0),
    select_column: () => x.index(':', 1),
    slice: () => x.index(':', '1:'),
    narrow: () => x.narrow(1, 0, 2),
    index_none: () => x.index(null),
    cat: () => torch.cat([x, w]),
    stack: () => torch.stack([x, w]),
    clone: () => x.clone(),
    where: () => torch.where(x.gt(2), x, w),
    to_float64: () => x.to(torch.float64),
    gather: () => x.gather(1, [[0], [2]]),
    softmax: () => F.softmax(x, 1),
    log_softmax: () => F.log_softmax(x, 1),
    mse_loss: () => F.mse_loss(x, w),
    cross_entropy: () => F.cross_entropy(x, [0, 2]),
    linear: () => F.linear(x, w),
    clamp: () => x.clamp(2, 5),
    cumsum: () => x.cumsum(1),
  };
}

/**
 * Where polygrad's graph differs from PyTorch 1.13's (README, "Differences"): squeeze(dim) has
 * one name for both overloads; reshape is ViewBackward0 as in PyTorch 2.x.
 */
const KNOWN: Record<string, [string, (string | null)[]]> = {
  pow_scalar: ['PowBackward0', ['AccumulateGrad', null]],
  reshape: ['ViewBackward0', ['AccumulateGrad']],
  flatten: ['ViewBackward0', ['AccumulateGrad']],
  squeeze_dim: ['SqueezeBackward0', ['UnsqueezeBackward0']],
};

const names = (t: Tensor): [string, (string | null)[]] => {
  const fn = t.gradFn!;
  const next = fn.nextFunctions.map(([f]) => {
    if (!f) return null;
    const n = f.name();
    return n === 'torch::autograd::AccumulateGrad' ? 'AccumulateGrad' : n;
  });
  return [fn.name(), next];
};

describe(`grad_fn and next_functions match PyTorch ${fixture.torch}`, () => {
  const all = cases();
  const same = Object.keys(all).filter((k) => !(k in KNOWN));
  it.each(same)('%s', (name) => {
    expect(names(all[name]())).toEqual(fixture.grad_fn[name]);
  });
  it.each(Object.keys(KNOWN))('%s (known difference)', (name) => {
    const ours = names(all[name]());
    expect(ours).toEqual(KNOWN[name]);
    expect(ours).not.toEqual(fixture.grad_fn[name]);
  });
  it('covers every fixture case', () => {
    expect(Object.keys(all).sort()).toEqual(Object.keys(fixture.grad_fn).sort());
  });
});
