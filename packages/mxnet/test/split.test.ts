/**
 * np.split and np.array_split: NumPy's results (worked out by hand from its documentation),
 * gradients through autograd.record, and the ValueError texts of MXNet's (and NumPy's) split.
 */
import { describe, expect, it } from 'vitest';
import { autograd, np } from '../src/index.js';

describe('np.split / np.array_split', () => {
  const x = np.arange(9);

  it('np.split: equal sections, or the indices where pieces start (Python slices)', () => {
    expect(np.split(x, 3).map((p) => p.asnumpy())).toEqual([
      [0, 1, 2],
      [3, 4, 5],
      [6, 7, 8],
    ]);
    expect(np.split(x, [3, 5, 6, 10]).map((p) => p.asnumpy())).toEqual([
      [0, 1, 2],
      [3, 4],
      [5],
      [6, 7, 8],
      [],
    ]);
    expect(np.split(x, [-2]).map((p) => p.asnumpy())).toEqual([
      [0, 1, 2, 3, 4, 5, 6],
      [7, 8],
    ]);
    const m = np.arange(6).reshape(2, 3);
    expect(np.split(m, [1], { axis: 1 }).map((p) => p.shape)).toEqual([
      [2, 1],
      [2, 2],
    ]);
  });

  it('np.array_split: the first n % sections pieces are one longer', () => {
    expect(np.array_split(np.arange(8), 3).map((p) => p.asnumpy())).toEqual([
      [0, 1, 2],
      [3, 4, 5],
      [6, 7],
    ]);
    expect(np.arraySplit(np.arange(2), 3).map((p) => p.shape)).toEqual([[1], [1], [0]]);
  });

  it('the pieces are differentiable', () => {
    const a = np.arange(5);
    a.attach_grad();
    autograd
      .record(() => {
        const [p, q] = np.split(a, [2]);
        return np.add(np.multiply(p, 2).sum(), np.multiply(q, 3).sum());
      })
      .backward();
    expect(a.grad!.asnumpy()).toEqual([2, 2, 3, 3, 3]);
  });

  it("NumPy's ValueError texts", () => {
    expect(() => np.split(x, 2)).toThrow('array split does not result in an equal division');
    expect(() => np.array_split(x, 0)).toThrow('number sections must be larger than 0.');
    expect(() => np.split(x, 'a' as never)).toThrow(
      'indices_or_sections must be either int, or tuple / list / set of ints',
    );
  });
});
