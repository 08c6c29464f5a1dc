/** The README's example, run as written, prints what its comments say. */
import { describe, expect, it } from 'vitest';
import { torch } from '../src/index.js';
import { capture, flat } from './util.js';

describe('README example', () => {
  it('runs', () => {
    const out = capture(() => {
      const x = torch.arange(4.0, { requiresGrad: true });
      const y = torch.dot(x, x).mul(2); //                      y = 2 * torch.dot(x, x)
      torch.print(y); //                                        tensor(28., grad_fn=<MulBackward0>)
      y.backward();
      torch.print(x.grad); //                                   tensor([ 0.,  4.,  8., 12.])
      const [g] = torch.autograd.grad(x.pow(3).sum(), x, { create_graph: true }); // 3x², differentiable
      expect(flat(g)).toEqual([0, 3, 12, 27]);
      expect(g!.requiresGrad).toBe(true);
      torch.noGrad(() => x.sub_(x.grad!.mul(0.1))); //          an SGD step: with torch.no_grad(): x -= 0.1 * x.grad
      torch.print(torch.repr(x)); //                            tensor([0.0000, 0.6000, 1.2000, 1.8000], requires_grad=True)
    });
    expect(out).toBe(
      [
        'tensor(28., grad_fn=<MulBackward0>)',
        'tensor([ 0.,  4.,  8., 12.])',
        'tensor([0.0000, 0.6000, 1.2000, 1.8000], requires_grad=True)',
        '',
      ].join('\n'),
    );
  });
});
