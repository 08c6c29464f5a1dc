/**
 * The PyTorch cells of seed notebook 003 (d2l "Automatic Differentiation", cells 6–8, 15–16
 * and 23–26), ported line by line. The expected text is what the notebook printed; a cell whose
 * last line is an expression displays its repr, which `display` reproduces.
 */
import { describe, expect, it } from 'vitest';
import { type Tensor, torch } from '../src/index.js';
import { capture } from './util.js';

const display = (v: unknown) => torch.print(torch.repr(v));

describe('seed 003: PyTorch cells', () => {
  it('A Simple Example (cells 6–8)', () => {
    const out = capture(() => {
      const x = torch.arange(4.0);
      x.requires_grad_(true); // Same as `x = torch.arange(4.0, requires_grad=True)`
      torch.print(x.grad); // The default value is None
      const y = torch.dot(x, x).mul(2); // y = 2 * torch.dot(x, x)
      torch.print(y);
      y.backward();
      torch.print(x.grad);
    });
    expect(out).toBe(
      ['None', 'tensor(28., grad_fn=<MulBackward0>)', 'tensor([ 0.,  4.,  8., 12.])', ''].join('\n'),
    );
  });

  it('Backward for Non-Scalar Variables (cells 15–16)', () => {
    let x!: Tensor;
    const out = capture(() => {
      x = torch.arange(4.0);
      display(x.requires_grad_(true));
      const y = x.mul(x);
      y.sum().backward();
      torch.print(x.grad);
    });
    expect(out).toBe(
      ['tensor([0., 1., 2., 3.], requires_grad=True)', 'tensor([0., 2., 4., 6.])', ''].join('\n'),
    );
  });

  it('Detaching Computation (cells 23–26)', () => {
    const out = capture(() => {
      const x = torch.arange(4.0);
      display(x.requires_grad_(true));
      const y = x.mul(x);
      const u = y.detach();
      const z = u.mul(x);
      z.sum().backward();
      torch.print(x.grad);
      torch.print(u);
      torch.print(x.grad!.eq(u)); // x.grad == u
      x.grad!.zero_();
      y.sum().backward();
      torch.print(x.grad);
    });
    expect(out).toBe(
      [
        'tensor([0., 1., 2., 3.], requires_grad=True)',
        'tensor([0., 1., 4., 9.])',
        'tensor([0., 1., 4., 9.])',
        'tensor([True, True, True, True])',
        'tensor([0., 2., 4., 6.])',
        '',
      ].join('\n'),
    );
  });

  it('the same cells in Python spelling (snake_case names and options)', () => {
    const out = capture(() => {
      const x = torch.arange(4.0, { requires_grad: true });
      const y = torch.mul(torch.dot(x, x), 2);
      torch.print(y);
      y.backward(undefined, { retain_graph: true });
      torch.print(x.grad, x.grad_fn, x.is_leaf, x.requires_grad);
    });
    expect(out).toBe(
      ['tensor(28., grad_fn=<MulBackward0>)', 'tensor([ 0.,  4.,  8., 12.]) None True True', ''].join('\n'),
    );
  });
});
