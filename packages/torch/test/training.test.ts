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
