/**
 * tf.pad (CONSTANT mode): the examples of TensorFlow's documentation, the gradient against
 * float64 finite differences (core.gradcheck) and through a tape, TensorFlow's error texts.
 */
import * as core from '@polygrad/core';
import { CORE_TENSOR } from '@polygrad/core';
import { describe, expect, it } from 'vitest';
import { InvalidArgumentError, tf } from '../src/index.js';

describe('tf.pad', () => {
  const t = tf.constant([
    [1, 2, 3],
    [4, 5, 6],
  ]);
  const paddings = [
    [1, 1],
    [2, 2],
  ];

  it("TensorFlow's example: [[before, after], ...] per axis, constant_values (default 0)", () => {
    expect(tf.pad(t, paddings).numpy()).toEqual([
      [0, 0, 0, 0, 0, 0, 0],
      [0, 0, 1, 2, 3, 0, 0],
      [0, 0, 4, 5, 6, 0, 0],
      [0, 0, 0, 0, 0, 0, 0],
    ]);
    expect(
      tf
        .pad(
          t,
          [
            [0, 1],
            [1, 0],
          ],
          'CONSTANT',
          -1,
        )
        .numpy(),
    ).toEqual([
      [-1, 1, 2, 3],
      [-1, 4, 5, 6],
      [-1, -1, -1, -1],
    ]);
  });

  it('takes paddings as an int32 tensor, the mode in any case, and keyword arguments', () => {
    const p = tf.constant(
      [
        [0, 0],
        [1, 0],
      ],
      { dtype: tf.int32 },
    );
    expect(tf.pad(t, p, { mode: 'constant', constant_values: 9 }).numpy()).toEqual([
      [9, 1, 2, 3],
      [9, 4, 5, 6],
    ]);
    expect(tf.pad(tf.constant([1, 2], { dtype: tf.int32 }), [[1, 1]], { constant_values: 7 }).dtype).toBe(
      tf.int32,
    );
  });

  it('is differentiable: the gradient is the unpadded part', () => {
    const x = tf.Variable(tf.constant([1, 2, 3]));
    const tape = new tf.GradientTape();
    const y = tape.record(() =>
      tf.reduce_sum(tf.multiply(tf.pad(x, [[2, 1]]), tf.range(6, { dtype: tf.float32 }))),
    );
    expect(tape.gradient(y, x)!.numpy()).toEqual([2, 3, 4]);
    const r = core.gradcheck(
      (u) => tf.pad(tf.from(u), paddings, 'CONSTANT', 0.5)[CORE_TENSOR],
      [
        core.tensor(
          [
            [1, 2, 3],
            [4, 5, 6],
          ],
          { dtype: 'float64' },
        ),
      ],
      { eps: 1e-6, atol: 1e-6, rtol: 1e-5 },
    );
    expect(r).toBe(true);
  });

  it("TensorFlow's errors; REFLECT and SYMMETRIC are missing", () => {
    expect(() => tf.pad(t, [[1, 1]])).toThrow(InvalidArgumentError);
    expect(() => tf.pad(t, [[1, 1]])).toThrow(
      'The first dimension of paddings must be the rank of inputs[1,2] [2,3]',
    );
    expect(() => tf.pad(t, [1, 1])).toThrow('paddings must be a matrix with 2 columns: [2]');
    expect(() =>
      tf.pad(t, [
        [0, -1],
        [0, 0],
      ]),
    ).toThrow('Paddings must be non-negative: 0 -1');
    expect(() => tf.pad(t, paddings, 'REFLECT')).toThrow("pad: mode 'REFLECT' is not supported by polygrad");
    expect(() => tf.pad(t, paddings, 'symmetric')).toThrow("mode 'SYMMETRIC' is not supported");
    expect(() => tf.pad(t, paddings, 'edge')).toThrow(
      'Value of argument `mode` expected to be one of "CONSTANT", "REFLECT", or "SYMMETRIC". Received `mode` = edge',
    );
    expect(() => tf.pad(t)).toThrow("pad() missing 1 required positional argument: 'paddings'");
  });
});
