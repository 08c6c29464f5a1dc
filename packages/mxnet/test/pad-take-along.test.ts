/**
 * np.pad (constant mode) and np.take_along_axis: NumPy's results (worked out by hand from its
 * documentation), gradients through autograd.record, and NumPy's error texts.
 */
import { describe, expect, it } from 'vitest';
import { autograd, np } from '../src/index.js';

describe('np.pad', () => {
  const x = np.array([
    [1, 2],
    [3, 4],
  ]);

  it('reads pad_width as an int, a (before, after) pair, or one pair per axis', () => {
    expect(np.pad(np.array([1, 2]), 1).asnumpy()).toEqual([0, 1, 2, 0]);
    expect(np.pad(np.array([1, 2]), [2, 1]).asnumpy()).toEqual([0, 0, 1, 2, 0]);
    expect(np.pad(np.array([1, 2]), [[1, 0]]).asnumpy()).toEqual([0, 1, 2]);
    expect(
      np
        .pad(
          x,
          [
            [1, 0],
            [0, 2],
          ],
          'constant',
          9,
        )
        .asnumpy(),
    ).toEqual([
      [9, 9, 9, 9],
      [1, 2, 9, 9],
      [3, 4, 9, 9],
    ]);
    expect(np.pad(x, [1], { constant_values: -1 }).shape).toEqual([4, 4]);
    // shape (2, 1): one amount per axis, on both sides
    expect(np.pad(x, [[0], [1]]).asnumpy()).toEqual([
      [0, 1, 2, 0],
      [0, 3, 4, 0],
    ]);
  });

  it('keeps the dtype and copies when nothing is added', () => {
    const i = np.array([1, 2], { dtype: 'int32' });
    const p = np.pad(i, 1, { mode: 'constant', constant_values: 7 });
    expect(p.dtype).toBe('int32');
    expect(p.asnumpy()).toEqual([7, 1, 2, 7]);
    const same = np.pad(x, 0);
    expect(same.asnumpy()).toEqual(x.asnumpy());
    expect(same).not.toBe(x);
  });

  it('sends back the gradient of the original elements', () => {
    const a = np.array([1, 2, 3]);
    a.attach_grad();
    autograd.record(() => np.multiply(np.pad(a, [1, 2], 'constant', 5), np.arange(6)).sum()).backward();
    expect(a.grad!.asnumpy()).toEqual([1, 2, 3]);
  });

  it("NumPy's errors; modes other than 'constant' are missing", () => {
    expect(() => np.pad(x, -1)).toThrow("index can't contain negative values");
    expect(() => np.pad(x, 1.5)).toThrow('`pad_width` must be of integral type.');
    expect(() => np.pad(x, [1, 2, 3])).toThrow(
      'operands could not be broadcast together with remapped shapes [original->remapped]: (3,) and requested shape (2,2)',
    );
    expect(() => np.pad(x, 1, 'reflect')).toThrow(
      "np.pad: mode 'reflect' is not supported by polygrad (only 'constant')",
    );
    expect(() => np.pad(x, 1, 'edge')).toThrow("only 'constant'");
    expect(() => np.pad(x, 1, 'nope')).toThrow("mode 'nope' is not supported");
    expect(() => np.pad(x, 1, { constant_values: [1, 2] as never })).toThrow(
      'np.pad: constant_values must be a scalar',
    );
  });
});

describe('np.take_along_axis', () => {
  const a = np.array([
    [10, 30, 20],
    [60, 40, 50],
  ]);

  it('takes along axis at the positions indices give (as np.argsort / argmax results are used)', () => {
    expect(np.take_along_axis(a, np.array([[0], [2]]), 1).asnumpy()).toEqual([[10], [50]]);
    expect(np.takeAlongAxis(a, np.array([[1, 0, 1]]), { axis: 0 }).asnumpy()).toEqual([[60, 30, 50]]);
    expect(np.take_along_axis(a, np.array([[-1], [-3]], { dtype: 'int32' }), -1).asnumpy()).toEqual([
      [20],
      [60],
    ]);
  });

  it('broadcasts arr and indices on the other axes; axis=None reads arr flattened', () => {
    expect(np.take_along_axis(a, np.array([[2, 0]]), 1).asnumpy()).toEqual([
      [20, 10],
      [50, 60],
    ]);
    expect(np.take_along_axis(np.array([[1, 2, 3]]), np.array([[0], [2]]), 1).asnumpy()).toEqual([[1], [3]]);
    expect(np.take_along_axis(a, np.array([5, 0]), null).asnumpy()).toEqual([50, 10]);
  });

  it('sends the gradient back to the positions taken, summed where they repeat', () => {
    const w = np.array([
      [1, 2, 3],
      [4, 5, 6],
    ]);
    w.attach_grad();
    autograd
      .record(() =>
        np
          .take_along_axis(
            w,
            np.array([
              [1, 1],
              [2, 0],
            ]),
            1,
          )
          .sum(),
      )
      .backward();
    expect(w.grad!.asnumpy()).toEqual([
      [0, 2, 0],
      [1, 0, 1],
    ]);
  });

  it("NumPy's errors", () => {
    expect(() => np.take_along_axis(a, np.array([0]), 1)).toThrow(
      '`indices` and `arr` must have the same number of dimensions',
    );
    expect(() => np.take_along_axis(a, np.array([[0]]), null)).toThrow(
      'when axis=None, `indices` must have a single dimension.',
    );
    expect(() => np.take_along_axis(a, np.array([[3]]), 1)).toThrow(
      'index 3 is out of bounds for axis 1 with size 3',
    );
    expect(() => np.take_along_axis(a, np.array([[0]]))).toThrow(
      "take_along_axis() missing 1 required positional argument: 'axis'",
    );
  });
});
