/**
 * The TensorFlow cells of shared/seeds/003 (d2l "Automatic Differentiation"), ported line by
 * line, print exactly what the notebook printed.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { print, tf } from '../src/index.js';

let out: string[] = [];
beforeEach(() => {
  out = [];
  vi.spyOn(process.stdout, 'write').mockImplementation((s: string | Uint8Array) => {
    out.push(String(s));
    return true;
  });
});
afterEach(() => vi.restoreAllMocks());

describe('seed 003, TensorFlow cells', () => {
  it('In [9]-[11]: y = 2 * tensordot(x, x, axes=1) and its gradient', () => {
    // x = tf.range(4, dtype=tf.float32); x = tf.Variable(x)
    let x: any = tf.range(4, { dtype: tf.float32 });
    x = tf.Variable(x);
    // with tf.GradientTape() as t: y = 2 * tf.tensordot(x, x, axes=1)
    const t = new tf.GradientTape();
    const y = t.record(() => tf.multiply(2, tf.tensordot(x, x, { axes: 1 })));
    print(y);
    print(t.gradient(y, x));
    expect(out.join('')).toBe(
      'tf.Tensor(28.0, shape=(), dtype=float32)\n' +
        'tf.Tensor([ 0.  4.  8. 12.], shape=(4,), dtype=float32)\n',
    );
  });

  it('In [17]-[18]: the gradient of a vector target is that of its sum', () => {
    const x = tf.Variable(tf.range(4, { dtype: tf.float32 }));
    const t = new tf.GradientTape();
    const y = t.record(() => x.mul(x));
    print(t.gradient(y, x));
    expect(out.join('')).toBe('tf.Tensor([0. 2. 4. 6.], shape=(4,), dtype=float32)\n');
  });

  it('In [27]-[30]: printing a variable, stop_gradient, a persistent tape', () => {
    const x = tf.Variable(tf.range(4, { dtype: tf.float32 }));
    print(x);
    // with tf.GradientTape(persistent=True) as t: y = x * x; u = tf.stop_gradient(y); z = u * x
    const t = new tf.GradientTape({ persistent: true });
    const [y, z] = t.record(() => {
      const y = x.mul(x);
      const u = tf.stop_gradient(y);
      const z = u.mul(x);
      return [y, z];
    });
    print(t.gradient(z, x));
    print(t.gradient(y, x));
    expect(out.join('')).toBe(
      "<tf.Variable 'Variable:0' shape=(4,) dtype=float32, numpy=array([0., 1., 2., 3.], dtype=float32)>\n" +
        'tf.Tensor([0. 1. 4. 9.], shape=(4,), dtype=float32)\n' +
        'tf.Tensor([0. 2. 4. 6.], shape=(4,), dtype=float32)\n',
    );
  });

  it('the same cells with Python spellings and positional arguments', () => {
    const x = tf.Variable(tf.range(4, { dtype: tf.float32 }));
    const t = tf.GradientTape(true);
    const y = t.record(() => tf.math.multiply(2, tf.tensordot(x, x, 1)));
    const u = t.record(() => tf.stop_gradient(x.mul(x)));
    print(y, t.gradient(y, x));
    expect(u.numpy()).toEqual([0, 1, 4, 9]);
    expect(out.join('')).toBe(
      'tf.Tensor(28.0, shape=(), dtype=float32) tf.Tensor([ 0.  4.  8. 12.], shape=(4,), dtype=float32)\n',
    );
  });
});
