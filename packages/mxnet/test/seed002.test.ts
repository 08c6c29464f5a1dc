/**
 * Seed 002 (MXNet's "Automatic differentiation with autograd" page, `nd` and head gradients).
 * The page was printed by NumPy 1.13 (`[ 1.20000005 0.16 ]`, `[ 12. 16.]`) and scraped from
 * HTML, which collapsed runs of spaces: its cells are compared with legacy printing on and
 * spaces collapsed; the same values are also checked exactly with today's NumPy printing.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { autograd, mx, type NDArray, nd, np, print } from '../src/index.js';
import { capture, collapse } from './helpers.js';

const legacy = (fn: () => void) => {
  np.set_printoptions({ legacy: '1.13' });
  try {
    return capture(fn);
  } finally {
    np.set_printoptions({ legacy: false });
  }
};

describe('seed 002: autograd with nd, head gradients', () => {
  afterEach(() => np.set_printoptions({ legacy: false }));
  mx.random.seed(1);
  const x = nd.array([
    [1, 2],
    [3, 4],
  ]);
  x.attach_grad();

  it('[4]-[6] z = (x * 2) * x; z.backward(); print(x.grad)', () => {
    const z = autograd.record(() => {
      const y = x.mul(2);
      return y.mul(x);
    });
    z.backward();
    expect(collapse(legacy(() => print(x.grad)))).toBe('[[ 4. 8.]\n[ 12. 16.]]\n<NDArray 2x2 @cpu(0)>');
    expect(capture(() => print(x.grad))).toBe('\n[[ 4.  8.]\n [12. 16.]]\n<NDArray 2x2 @cpu(0)>\n');
  });

  it('[7] z.backward(head_gradient)', () => {
    const z = autograd.record(() => {
      const y = x.mul(2);
      return y.mul(x);
    });
    const headGradient = nd.array([
      [10, 1],
      [0.1, 0.01],
    ]);
    z.backward(headGradient);
    expect(collapse(legacy(() => print(x.grad)))).toBe(
      '[[ 40. 8. ]\n[ 1.20000005 0.16 ]]\n<NDArray 2x2 @cpu(0)>',
    );
    expect(capture(() => print(x.grad))).toBe('\n[[40.    8.  ]\n [ 1.2   0.16]]\n<NDArray 2x2 @cpu(0)>\n');
  });

  it('[8]-[10] control flow with a head gradient', () => {
    mx.random.seed(7); // sum(b) < 0 and 1024·‖a‖ < 1000 ≤ 2048·‖a‖: the page's branch
    const a = nd.random_normal({ shape: 3 });
    a.attach_grad();
    let c!: NDArray;
    autograd.record(() => {
      let b = a.mul(2);
      while (nd.norm(b).lt(1000).asscalar()) b = b.mul(2);
      c = mx.nd.sum(b).gt(0).asscalar() ? b : b.mul(100);
    });
    const headGradient = nd.array([0.01, 1.0, 0.1]);
    c.backward(headGradient);
    expect(collapse(legacy(() => print(a.grad)))).toBe('[ 2048. 204800. 20480.]\n<NDArray 3 @cpu(0)>');
    // Independently: 100 · 2048 · head, rounded to float32.
    const expected = [0.01, 1.0, 0.1].map((h) => Math.fround(Math.fround(100 * Math.fround(h)) * 2048));
    expect(a.grad!.asnumpy()).toEqual(expected);
  });
});
