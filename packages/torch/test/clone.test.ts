/**
 * torch.clone(x), the module-level spelling of `x.clone()`: a contiguous copy that stays in the
 * graph (CloneBackward0) and shares nothing with its input.
 */
import { describe, expect, it } from 'vitest';
import { torch } from '../src/index.js';

describe('torch.clone', () => {
  it('copies values (a transposed view becomes contiguous) without sharing storage', () => {
    const x = torch.tensor([
      [1, 2, 3],
      [4, 5, 6],
    ]);
    const c = torch.clone(x.t());
    expect(c.tolist()).toEqual([
      [1, 4],
      [2, 5],
      [3, 6],
    ]);
    expect(c.is_contiguous()).toBe(true);
    x.add_(10);
    expect(c.tolist()).toEqual([
      [1, 4],
      [2, 5],
      [3, 6],
    ]);
    expect(torch.clone(torch.tensor(2.5)).item()).toBe(2.5);
  });

  it('stays in the graph as CloneBackward0; the gradient passes through', () => {
    const x = torch.tensor([1, 2, 3], { requires_grad: true });
    const c = torch.clone(x);
    expect(c.grad_fn!.name()).toBe('CloneBackward0');
    expect(c.requires_grad).toBe(true);
    c.mul(c).sum().backward();
    expect(x.grad!.tolist()).toEqual([2, 4, 6]);
  });

  it('takes array-likes, and is the same as the method', () => {
    expect(torch.clone([1, 2]).tolist()).toEqual([1, 2]);
    const x = torch.arange(4.0);
    expect(torch.clone(x).tolist()).toEqual(x.clone().tolist());
  });
});
