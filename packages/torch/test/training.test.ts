/** A small classifier trained PyTorch style: the loss falls and memory stays flat under tidy. */
import { describe, expect, it } from 'vitest';
import { torch } from '../src/index.js';

const F = torch.nn.functional;

describe('training loop', () => {
  it('softmax regression on separable points, at a flat memory footprint', () => {
    torch.manualSeed(0);
    const n = 64;
    const x = torch.randn(n, 2);
    // Class 1 where x0 + x1 > 0: a linear boundary the model can learn.
    const y = torch.tidy(() => x.sum(1).gt(0).int());
    const w = torch.zeros(2, 2, { requiresGrad: true });
    const b = torch.zeros(2, { requiresGrad: true });
    const losses: number[] = [];
    const counts: number[] = [];
    for (let step = 0; step < 60; step++) {
      torch.tidy(() => {
        const loss = F.cross_entropy(F.linear(x, w, b), y);
        loss.backward();
        torch.noGrad(() => {
          w.sub_(w.grad!.mul(0.5));
          b.sub_(b.grad!.mul(0.5));
        });
        w.grad!.zero_();
        b.grad!.zero_();
        losses.push(loss.item() as number);
      });
      counts.push(torch.memory().tensors);
    }
    expect(losses[0]).toBeCloseTo(Math.log(2), 5);
    expect(losses[losses.length - 1]).toBeLessThan(0.25);
    expect(new Set(counts.slice(5)).size).toBe(1);
    const acc = torch.tidy(() => F.linear(x, w, b).argmax(1).eq(y).float().mean().item() as number);
    expect(acc).toBeGreaterThan(0.95);
  });
});

describe('indexing frees what it made on the way', () => {
  it('x.index(...) leaves only its result alive, and gradients still flow', () => {
    const x = torch.arange(12.0).reshape(3, 4).requires_grad_();
    const rows = torch.tensor([[0, 1]], { dtype: torch.int32 });
    const mask = x.gt(5);
    const picks = [
      () => x.index([2, -1]),
      () => x.index(rows, '1:3'),
      () => x.index(null, '...', -1),
      () => x.index(mask),
    ];
    const round = (check: (n: number) => void) => {
      for (const pick of picks) {
        const y = pick();
        check(torch.memory().tensors);
        torch.tidy(() => y.sum().backward());
        y.dispose();
      }
    };
    // The first round makes x.grad and fills core's cache of scalar constants (-1, 0…).
    round(() => {});
    x.grad!.zero_();
    const before = torch.memory().tensors;
    // With grad on, the graph also holds the index it saved for backward, until backward frees it.
    round((n) => expect(n).toBeLessThanOrEqual(before + 2));
    expect(torch.memory().tensors).toBe(before);
    torch.no_grad(() => {
      for (const pick of picks) {
        const y = pick();
        expect(torch.memory().tensors).toBe(before + 1);
        y.dispose();
      }
    });
    expect(x.grad!.tolist()).toEqual([
      [0, 1, 1, 1],
      [0, 1, 2, 2],
      [3, 3, 3, 4],
    ]);
  });
});
