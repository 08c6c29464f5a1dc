/**
 * 4. One engine under three facades: `torch.from(t)`, `tf.from(t)`, `nd.from(t)` / `np.from(t)`
 * wrap a core tensor, or another facade's tensor, without a copy: they hold the same core tensor,
 * and a write in place through one is read through all the others.
 */
import * as core from '@polygrad/core';
import { autograd, nd, np } from '@polygrad/mxnet';
import { tf } from '@polygrad/tf';
import { torch } from '@polygrad/torch';
import { describe, expect, it } from 'vitest';
import { coreOf } from './fixtures.js';
import { flat } from './reference.js';

const wrappers: Record<Name, (t: any) => any> = {
  torch: (t: any) => torch.from(t),
  tf: (t: any) => tf.from(t),
  nd: (t: any) => nd.from(t),
  np: (t: any) => np.from(t),
};
type Name = 'torch' | 'tf' | 'nd' | 'np';
const NAMES = Object.keys(wrappers) as Name[];

describe('wrapping a core tensor', () => {
  it('every facade holds the same core tensor (no copy)', () => {
    const t = core.tensor([1, 2, 3, 4]);
    for (const n of NAMES) expect(coreOf(wrappers[n](t)), n).toBe(t);
  });

  it('a write in place through torch (add_) is read through tf, nd, np and core', () => {
    const t = core.tensor([1, 2, 3, 4]);
    const [pt, tt, nt, npt] = [torch.from(t), tf.from(t), nd.from(t), np.from(t)];
    pt.add_(10);
    for (const v of [t, pt, tt, nt, npt]) expect(flat(v)).toEqual([11, 12, 13, 14]);
    expect(tt.numpy()).toEqual([11, 12, 13, 14]);
    expect(nt.asnumpy()).toEqual([11, 12, 13, 14]);
  });

  it('a write through mxnet (copyto into the array) is read through torch and tf', () => {
    const t = core.tensor([
      [1, 2],
      [3, 4],
    ]);
    const [pt, tt, nt] = [torch.from(t), tf.from(t), nd.from(t)];
    nd.array([
      [5, 6],
      [7, 8],
    ]).copyto(nt);
    expect(pt.tolist()).toEqual([
      [5, 6],
      [7, 8],
    ]);
    expect(tt.numpy()).toEqual([
      [5, 6],
      [7, 8],
    ]);
    expect(t.toArray()).toEqual([
      [5, 6],
      [7, 8],
    ]);
  });
});

describe("wrapping each other's tensors", () => {
  const makers: Record<Name, () => any> = {
    torch: () => torch.tensor([1, 2, 3]),
    tf: () => tf.constant([1, 2, 3]),
    nd: () => nd.array([1, 2, 3]),
    np: () => np.array([1, 2, 3]),
  };

  for (const src of NAMES) {
    for (const dst of NAMES) {
      if (src === dst) continue;
      it(`${dst}.from(a ${src} tensor) shares its storage`, () => {
        const a = makers[src]();
        const b = wrappers[dst](a);
        expect(coreOf(b)).toBe(coreOf(a));
        // write through the wrapper when it can write in place, else through the source
        if (dst === 'torch') b.mul_(2);
        else if (dst === 'nd' || dst === 'np') nd.array([2, 4, 6]).copyto(b);
        else if (src === 'torch') a.mul_(2);
        else nd.array([2, 4, 6]).copyto(nd.from(a));
        expect(flat(a)).toEqual([2, 4, 6]);
        expect(flat(b)).toEqual([2, 4, 6]);
      });
    }
  }

  it('a chain torch → tf → nd → np → torch comes back to the same core tensor', () => {
    const a = torch.tensor([1, 2]);
    const back = torch.from(np.from(nd.from(tf.from(a))));
    expect(coreOf(back)).toBe(coreOf(a));
    expect(back).toBe(a); // torch keeps one wrapper per core tensor
  });

  it('tf.Variable: torch.from(v) shares its storage; v.assign_add is read through torch', () => {
    const v = tf.Variable([1, 2, 3]);
    const p = torch.from(v);
    expect(coreOf(p)).toBe(coreOf(v));
    v.assign_add([10, 10, 10]);
    expect(flat(p)).toEqual([11, 12, 13]);
    torch.no_grad(() => p.sub_(1));
    expect(v.numpy()).toEqual([10, 11, 12]);
  });
});

describe('gradients stay with the facade that asked for them', () => {
  it('a torch leaf wrapped by mxnet: MXNet recording and PyTorch grad mode do not mix', () => {
    const x = torch.tensor([1, 2, 3], { requires_grad: true });
    const m = nd.from(x);
    m.attach_grad();
    const y = autograd.record(() => nd.sum(m.mul(m)));
    y.backward();
    expect(flat(m.grad)).toEqual([2, 4, 6]);
    x.mul(3).sum().backward();
    expect(flat(x.grad)).toEqual([3, 3, 3]);
  });
});
