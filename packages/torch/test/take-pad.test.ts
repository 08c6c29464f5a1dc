/**
 * torch.take, torch.take_along_dim and F.pad (constant mode): values as PyTorch 1.13 gives them
 * (worked out by hand from its documentation), gradients through backward, PyTorch's error texts.
 */
import { describe, expect, it } from 'vitest';
import { torch } from '../src/index.js';

const F = torch.nn.functional;
const i32 = (v: number[] | number[][]) => torch.tensor(v, { dtype: torch.int32 });

describe('torch.take / x.take', () => {
  it('reads the input flattened, in the shape of index; negative positions count from the end', () => {
    const x = torch.tensor([
      [4, 3, 5],
      [6, 7, 8],
    ]);
    expect(torch.take(x, i32([0, 2, 5])).tolist()).toEqual([4, 5, 8]);
    expect(x.take(i32([[-1], [1]])).tolist()).toEqual([[8], [3]]);
  });

  it('sends the gradient back to the positions taken, summed where they repeat', () => {
    const x = torch.arange(6.0, { requires_grad: true });
    torch
      .take(x.reshape(2, 3), i32([1, 1, -1]))
      .sum()
      .backward();
    expect(x.grad!.tolist()).toEqual([0, 2, 0, 0, 0, 1]);
  });

  it("refuses positions out of range with PyTorch's text", () => {
    expect(() => torch.take(torch.zeros(2, 3), i32([6]))).toThrow(
      'out of range: tried to access index 6 on a tensor of 6 elements.',
    );
  });
});

describe('torch.take_along_dim / x.take_along_dim', () => {
  const x = torch.tensor([
    [10, 30, 20],
    [60, 40, 50],
  ]);

  it('gathers along dim; without dim, both flattened', () => {
    const idx = i32([[0], [2]]);
    expect(torch.take_along_dim(x, idx, 1).tolist()).toEqual([[10], [50]]);
    expect(x.take_along_dim(idx, { dim: 1 }).tolist()).toEqual([[10], [50]]);
    expect(torch.takeAlongDim(x, i32([5, 0])).tolist()).toEqual([50, 10]);
  });

  it('broadcasts input and indices against each other except along dim', () => {
    expect(torch.take_along_dim(x, i32([[2, 0]]), 1).tolist()).toEqual([
      [20, 10],
      [50, 60],
    ]);
    expect(torch.take_along_dim(x.index(':1'), i32([[0], [1]]), { dim: 1 }).tolist()).toEqual([[10], [30]]);
  });

  it('has the gradient of gather and refuses a rank mismatch', () => {
    const w = torch.zeros(2, 3, { requires_grad: true });
    torch
      .take_along_dim(w, i32([[1], [1]]), 1)
      .sum()
      .backward();
    expect(w.grad!.tolist()).toEqual([
      [0, 1, 0],
      [0, 1, 0],
    ]);
    expect(() => torch.take_along_dim(x, i32([0]), 1)).toThrow(
      'torch.take_along_dim(): input and indices should have the same number of dimensions, but got 2 dimensions for input, and 1 dimensions for indices',
    );
  });
});

describe('F.pad (constant mode)', () => {
  it('pads from the last dimension backwards, with value (default 0)', () => {
    const x = torch.ones(1, 2);
    expect(F.pad(x, [1, 2]).tolist()).toEqual([[0, 1, 1, 0, 0]]);
    expect(F.pad(x, [0, 1, 1, 0], 'constant', 5).tolist()).toEqual([
      [5, 5, 5],
      [1, 1, 5],
    ]);
    expect(F.pad(x, [1, 0], { value: -1 }).tolist()).toEqual([[-1, 1, 1]]);
    expect(F.pad(x, [1, 0]).grad_fn).toBeNull();
  });

  it('negative amounts remove elements; the gradient is the unpadded part', () => {
    const x = torch.arange(4.0, { requires_grad: true });
    expect(F.pad(x, [-1, 2]).tolist()).toEqual([1, 2, 3, 0, 0]);
    const y = F.pad(x, [1, 1]);
    expect(y.grad_fn!.name()).toBe('ConstantPadNdBackward0');
    y.mul(torch.arange(6.0)).sum().backward();
    expect(x.grad!.tolist()).toEqual([1, 2, 3, 4]);
  });

  it("PyTorch's errors; modes other than constant are missing", () => {
    const x = torch.ones(2, 2);
    expect(() => F.pad(x, [1])).toThrow('Padding length must be divisible by 2');
    expect(() => F.pad(x, [1, 1, 1, 1, 1, 1])).toThrow(
      'Padding length should be less than or equal to two times the input dimension but got padding length 6 and input of dimension 2',
    );
    expect(() => F.pad(x, [1, 1], 'reflect', 0)).toThrow(
      'Padding mode "reflect" doesn\'t take in value argument',
    );
    expect(() => F.pad(x, [1, 1], 'reflect')).toThrow("mode 'reflect' is not supported");
    expect(() => F.pad(x, [-2, -1])).toThrow(
      'The input size 2, plus negative padding -2 and -1 resulted in a negative output size, which is invalid. Check dimension 1 of your input.',
    );
  });
});
