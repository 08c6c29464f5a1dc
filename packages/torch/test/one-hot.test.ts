/**
 * F.one_hot against PyTorch 1.13's results and error texts (printed by torch 1.13:
 * `F.one_hot(torch.tensor([[0, 2], [1, 0]]))`), with int32 in place of int64.
 */
import { describe, expect, it } from 'vitest';
import { torch } from '../src/index.js';

const F = torch.nn.functional;
const i32 = (v: number[] | number[][]) => torch.tensor(v, { dtype: torch.int32 });

describe('F.one_hot', () => {
  it('infers num_classes as max + 1, or takes it; a new last axis; int32', () => {
    const y = F.one_hot(
      i32([
        [0, 2],
        [1, 0],
      ]),
    );
    expect(y.dtype).toBe(torch.int32);
    expect(y.tolist()).toEqual([
      [
        [1, 0, 0],
        [0, 0, 1],
      ],
      [
        [0, 1, 0],
        [1, 0, 0],
      ],
    ]);
    expect(F.one_hot(i32([1, 0]), 4).tolist()).toEqual([
      [0, 1, 0, 0],
      [1, 0, 0, 0],
    ]);
    expect(F.one_hot(i32([2]), { num_classes: 3 }).tolist()).toEqual([[0, 0, 1]]);
    expect(F.oneHot).toBe(F.one_hot);
    expect(F.one_hot(torch.zeros(0, { dtype: torch.int32 }), 3).shape).toEqual([0, 3]);
    expect(torch.repr(F.one_hot(i32([1]), 2))).toBe('tensor([[0, 1]], dtype=torch.int32)');
  });

  it('gives a tensor that does not require grad (the indices are integers)', () => {
    expect(F.one_hot(i32([0, 1])).requiresGrad).toBe(false);
  });

  it("PyTorch's errors", () => {
    expect(() => F.one_hot(torch.tensor([1.0]))).toThrow('one_hot is only applicable to index tensor.');
    expect(() => F.one_hot(i32([3]), 2)).toThrow('Class values must be smaller than num_classes.');
    expect(() => F.one_hot(i32([-1]), 2)).toThrow('Class values must be non-negative.');
    expect(() => F.one_hot(torch.zeros(0, { dtype: torch.int32 }))).toThrow(
      'Can not infer total number of classes from empty tensor.',
    );
    expect(() => F.one_hot(i32([1]), -2)).toThrow('Class values must be smaller than num_classes.');
  });
});
