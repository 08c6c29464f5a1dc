/** Seed notebook 001 (D2L 2.5 with MXNet's `np` / `npx`), cell by cell. */
import { numpyScalarStr } from '@polygrad/core';
import { beforeAll, describe, expect, it } from 'vitest';
import { autograd, mx, type NpArray, np, npx, print } from '../src/index.js';
import { capture, display } from './helpers.js';

describe('seed 001: 2.5 Automatic Differentiation (np)', () => {
  beforeAll(() => npx.set_np());

  it('In[26] x = np.arange(4.0); x, x.grad', () => {
    const x = np.arange(4.0);
    expect(display([x, x.grad])).toBe('(array([0., 1., 2., 3.]), None)');
  });

  it('In[28] x.attach_grad(); x, x.grad', () => {
    const x = np.arange(4.0);
    x.attach_grad();
    expect(display([x, x.grad])).toBe('(array([0., 1., 2., 3.]), array([0., 0., 0., 0.]))');
  });

  it('In[3] recorded without attach_grad: nothing has a gradient', () => {
    const x = np.arange(4.0);
    const y = autograd.record(() => np.dot(x, x).mul(2));
    expect(display([y, y.grad, x.grad])).toBe('(array(28.), None, None)');
  });

  it('In[4] y.attach_grad() after the record block', () => {
    const x = np.arange(4.0);
    const y = autograd.record(() => np.dot(x, x).mul(2));
    y.attach_grad();
    expect(display([y, y.grad, x.grad])).toBe('(array(28.), array(0.), None)');
  });

  let x: NpArray;
  it('In[10] y = 2 * np.dot(x, x); y.backward()', () => {
    x = np.arange(4.0);
    x.attach_grad();
    const y = autograd.record(() => np.dot(x, x).mul(2));
    y.backward();
    expect(display([y, y.grad, x.grad])).toBe('(array(28.), None, array([ 0.,  4.,  8., 12.]))');
  });

  it('In[18] y = x.sum(); y.backward(); x.grad', () => {
    autograd.record(() => x.sum()).backward();
    expect(display(x.grad)).toBe('array([1., 1., 1., 1.])');
  });

  it('In[21] attach_grad again resets the gradient to zeros', () => {
    autograd.record(() => x.mean());
    x.attach_grad();
    expect(display(x.grad)).toBe('array([0., 0., 0., 0.])');
  });

  it('In[58] z = 3 * y * y with y = 2 * x * x: only x has a gradient', () => {
    const x = np.arange(4.0);
    x.attach_grad();
    let y!: NpArray;
    const z = autograd.record(() => {
      y = x.mul(2).mul(x);
      return y.mul(3).mul(y);
    });
    z.backward();
    expect(display([x, x.grad, y, y.grad, z, z.grad])).toBe(
      '(array([0., 1., 2., 3.]),\n' +
        ' array([   0.,   48.,  384., 1296.]),\n' +
        ' array([ 0.,  2.,  8., 18.]),\n' +
        ' None,\n' +
        ' array([  0.,  12., 192., 972.]),\n' +
        ' None)',
    );
  });

  it('In[62] y.attach_grad() after record: z.backward() still reaches x, y.grad stays zero', () => {
    const x = np.arange(4.0);
    x.attach_grad();
    let y!: NpArray;
    let z!: NpArray;
    const out = capture(() => {
      print(x, x.grad);
      autograd.record(() => {
        y = x.mul(2).mul(x);
        z = y.mul(3).mul(y);
      });
      y.attach_grad();
      print(x, x.grad, y, y.grad, z, z.grad);
      z.backward();
      print(x, x.grad, y, y.grad, z, z.grad);
    });
    expect(out).toBe(
      '[0. 1. 2. 3.] [0. 0. 0. 0.]\n' +
        '[0. 1. 2. 3.] [0. 0. 0. 0.] [ 0.  2.  8. 18.] [0. 0. 0. 0.] [  0.  12. 192. 972.] None\n' +
        '[0. 1. 2. 3.] [   0.   48.  384. 1296.] [ 0.  2.  8. 18.] [0. 0. 0. 0.] [  0.  12. 192. 972.] None\n',
    );
    expect(display([x, x.grad, y, y.grad, z, z.grad])).toBe(
      '(array([0., 1., 2., 3.]),\n' +
        ' array([   0.,   48.,  384., 1296.]),\n' +
        ' array([ 0.,  2.,  8., 18.]),\n' +
        ' array([0., 0., 0., 0.]),\n' +
        ' array([  0.,  12., 192., 972.]),\n' +
        ' None)',
    );
  });

  it('In[59] y.backward() on the cut y writes y.grad only; z.backward() then reaches x', () => {
    const x = np.arange(4.0);
    x.attach_grad();
    let y!: NpArray;
    let z!: NpArray;
    const out = capture(() => {
      print(x, x.grad);
      autograd.record(() => {
        y = x.mul(2).mul(x);
        z = y.mul(3).mul(y);
      });
      y.attach_grad();
      print(x, x.grad, y, y.grad, z, z.grad);
      y.backward();
      print(x, x.grad, y, y.grad, z, z.grad);
      z.backward();
      print(x, x.grad, y, y.grad, z, z.grad);
    });
    expect(out).toBe(
      '[0. 1. 2. 3.] [0. 0. 0. 0.]\n' +
        '[0. 1. 2. 3.] [0. 0. 0. 0.] [ 0.  2.  8. 18.] [0. 0. 0. 0.] [  0.  12. 192. 972.] None\n' +
        '[0. 1. 2. 3.] [0. 0. 0. 0.] [ 0.  2.  8. 18.] [1. 1. 1. 1.] [  0.  12. 192. 972.] None\n' +
        '[0. 1. 2. 3.] [   0.   48.  384. 1296.] [ 0.  2.  8. 18.] [1. 1. 1. 1.] [  0.  12. 192. 972.] None\n',
    );
    expect(display([y, y.grad, z, z.grad, x.grad])).toBe(
      '(array([ 0.,  2.,  8., 18.]),\n' +
        ' array([1., 1., 1., 1.]),\n' +
        ' array([  0.,  12., 192., 972.]),\n' +
        ' None,\n' +
        ' array([   0.,   48.,  384., 1296.]))',
    );
  });

  it('In[70] backward for non-scalar variables: z = x * x * x', () => {
    const x = np.arange(4.0);
    x.attach_grad();
    let y!: NpArray;
    const z = autograd.record(() => {
      y = x.mul(x);
      return y.mul(x);
    });
    z.backward();
    expect(display([x, x.grad, y, y.grad, z, z.grad])).toBe(
      '(array([0., 1., 2., 3.]),\n' +
        ' array([ 0.,  3., 12., 27.]),\n' +
        ' array([0., 1., 4., 9.]),\n' +
        ' None,\n' +
        ' array([ 0.,  1.,  8., 27.]),\n' +
        ' None)',
    );
  });

  it('In[68] detach: u = y.detach(); z = u * x', () => {
    const x = np.arange(4.0);
    x.attach_grad();
    let y!: NpArray;
    let u!: NpArray;
    const z = autograd.record(() => {
      y = x.mul(x);
      u = y.detach();
      return u.mul(x);
    });
    z.backward();
    expect(display([x, x.grad, y, y.grad, u, u.grad, z, z.grad])).toBe(
      '(array([0., 1., 2., 3.]),\n' +
        ' array([0., 1., 4., 9.]),\n' +
        ' array([0., 1., 4., 9.]),\n' +
        ' None,\n' +
        ' array([0., 1., 4., 9.]),\n' +
        ' None,\n' +
        ' array([ 0.,  1.,  8., 27.]),\n' +
        ' None)',
    );
  });

  it('In[73]/[77] control flow: f prints x, y, z; `y.backward` is never called', () => {
    const f = (x: NpArray) => {
      let y = x.mul(2);
      while (np.linalg.norm(y).lt(1000).item()) y = y.mul(2);
      const z = y.sum().gt(0).item() ? y : y.mul(100);
      print(x, y, z);
      return z;
    };
    mx.random.seed(3); // a draw in (-1.953, -0.977]: the notebook's branch (y = 1024·x, z = 100·y)
    const x = np.random.normal();
    x.attach_grad();
    let y!: NpArray;
    const out = capture(() => {
      y = autograd.record(() => f(x));
    });
    // Independently, in float32: y = 1024·x (exact), z = 100·y (rounded once).
    const xv = x.item() as number;
    const yv = Math.fround(1024 * xv);
    const zv = Math.fround(100 * yv);
    const s = (v: number) => numpyScalarStr(v, true);
    expect(out).toBe(`${s(xv)} ${s(yv)} ${s(zv)}\n`);
    expect(display([x, x.grad, y, y.grad])).toBe(`(array(${s(xv)}), array(0.), array(${s(zv)}), None)`);
  });
});
