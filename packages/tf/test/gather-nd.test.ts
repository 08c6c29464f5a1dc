/**
 * tf.gather_nd: the examples of TensorFlow's documentation, the gradient against float64 finite
 * differences (core.gradcheck) and summed where coordinates repeat, TensorFlow's error texts.
 */
import * as core from '@polygrad/core';
import { CORE_TENSOR } from '@polygrad/core';
import { describe, expect, it } from 'vitest';
import { InvalidArgumentError, tf } from '../src/index.js';

const i32 = (v: core.NestedInput) => tf.constant(v, { dtype: tf.int32 });

describe('tf.gather_nd', () => {
  const params = tf.constant([
    [1, 2],
    [3, 4],
  ]);

  it('full coordinates give elements, shorter ones give slices', () => {
    expect(
      tf
        .gather_nd(
          params,
          i32([
            [0, 0],
            [1, 1],
          ]),
        )
        .numpy(),
    ).toEqual([1, 4]);
    expect(tf.gather_nd(params, i32([[1], [0]])).numpy()).toEqual([
      [3, 4],
      [1, 2],
    ]);
    expect(tf.gatherNd(params, { indices: i32([[[0, 1]], [[1, 0]]]) }).numpy()).toEqual([[2], [3]]);
    expect(tf.gather_nd(params, i32([1, 0])).numpy()).toBe(3);
  });

  it('is differentiable; repeated coordinates add up', () => {
    const x = tf.Variable(tf.constant([1, 2, 3]));
    const tape = new tf.GradientTape();
    const y = tape.record(() => tf.reduce_sum(tf.gather_nd(x, i32([[2], [0], [2]]))));
    expect(tape.gradient(y, x)!.numpy()).toEqual([1, 0, 2]);
    const r = core.gradcheck(
      (t) =>
        tf.gather_nd(
          tf.from(t),
          i32([
            [1, 0],
            [0, 2],
          ]),
        )[CORE_TENSOR],
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

  it("refuses coordinates out of range, negative ones too, with TensorFlow's text", () => {
    expect(() =>
      tf.gather_nd(
        params,
        i32([
          [0, 0],
          [2, 0],
        ]),
      ),
    ).toThrow(InvalidArgumentError);
    expect(() =>
      tf.gather_nd(
        params,
        i32([
          [0, 0],
          [2, 0],
        ]),
      ),
    ).toThrow('indices[1] = [2, 0] does not index into param shape [2,2], node name: GatherNd');
    expect(() => tf.gather_nd(params, i32([[-1]]))).toThrow('indices[0] = [-1] does not index');
    expect(() => tf.gather_nd(params, i32([[0, 0, 0]]))).toThrow(
      'index innermost dimension length must be <= params rank; saw: 3 vs. 2',
    );
  });
});
