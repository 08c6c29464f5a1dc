/**
 * Seed notebook 000 (D2L chapter 4.3 with MXNet 1.x `nd`), cell by cell: what `print` wrote
 * and what the cell displayed, against the notebook's own text.
 */
import { numpyScalarStr } from '@polygrad/core';
import { describe, expect, it } from 'vitest';
import { autograd, mx, type NDArray, nd, print } from '../src/index.js';
import { capture, display } from './helpers.js';

const show = (v: string) => `\n${v}\n<NDArray 4 @cpu(0)>`;

describe('seed 000: 4.3 Automatic Differentiation (nd)', () => {
  // The notebook's cells share state, as here.
  let x: NDArray;
  let y: NDArray;

  it('4.3.1 x = nd.arange(4); x', () => {
    x = nd.arange(4);
    expect(display(x)).toBe(show('[0. 1. 2. 3.]'));
    x.attach_grad();
  });

  it('4.3.1 with record: y = 2 * nd.dot(x, x); y', () => {
    y = autograd.record(() => nd.dot(x, x).mul(2));
    expect(display(y)).toBe('\n[28.]\n<NDArray 1 @cpu(0)>');
  });

  it('4.3.1 y.backward(); print(x), print(x.grad), print(x.grad - 4 * x)', () => {
    y.backward();
    const out = capture(() => {
      print(x);
      print(x.grad);
      print(x.grad!.sub(x.mul(4)));
    });
    expect(out).toBe(
      '\n[0. 1. 2. 3.]\n<NDArray 4 @cpu(0)>\n' +
        '\n[ 0.  4.  8. 12.]\n<NDArray 4 @cpu(0)>\n' +
        '\n[0. 0. 0. 0.]\n<NDArray 4 @cpu(0)>\n',
    );
  });

  it('4.3.1 with record: y = x.norm(); y.backward(); x.grad', () => {
    autograd.record(() => x.norm()).backward();
    expect(display(x.grad)).toBe(show('[0.         0.26726124 0.5345225  0.80178374]'));
  });

  it('4.3.2 backward for a non-scalar variable', () => {
    let u: NDArray | null = null;
    const out = capture(() => {
      print('x vector : ', x);
      y = autograd.record(() => x.mul(x));
      print('y vector : ', y);
      y.backward();
      print('x.grad : ', x.grad);
      u = x.copy();
      u.attach_grad();
      const v = autograd.record(() => u!.mul(u!).sum());
      print('v scalar : ', v);
      v.backward();
      print('u.grad : ', u.grad);
    });
    expect(out).toBe(
      'x vector :  \n[0. 1. 2. 3.]\n<NDArray 4 @cpu(0)>\n' +
        'y vector :  \n[0. 1. 4. 9.]\n<NDArray 4 @cpu(0)>\n' +
        'x.grad :  \n[0. 2. 4. 6.]\n<NDArray 4 @cpu(0)>\n' +
        'v scalar :  \n[14.]\n<NDArray 1 @cpu(0)>\n' +
        'u.grad :  \n[0. 2. 4. 6.]\n<NDArray 4 @cpu(0)>\n',
    );
    expect(display(x.grad!.sub((u as unknown as NDArray).grad!))).toBe(show('[0. 0. 0. 0.]'));
  });

  it('4.3.3 detach computations', () => {
    let u!: NDArray;
    let z!: NDArray;
    const out = capture(() => {
      autograd.record(() => {
        y = x.mul(x);
        u = y.detach();
        z = u.mul(x);
      });
      print('x : ', x);
      print('u : ', u);
      print('z : ', z);
      z.backward();
      print('x.grad : ', x.grad);
      print('u : ', u);
    });
    expect(out).toBe(
      'x :  \n[0. 1. 2. 3.]\n<NDArray 4 @cpu(0)>\n' +
        'u :  \n[0. 1. 4. 9.]\n<NDArray 4 @cpu(0)>\n' +
        'z :  \n[ 0.  1.  8. 27.]\n<NDArray 4 @cpu(0)>\n' +
        'x.grad :  \n[0. 1. 4. 9.]\n<NDArray 4 @cpu(0)>\n' +
        'u :  \n[0. 1. 4. 9.]\n<NDArray 4 @cpu(0)>\n',
    );
    expect(display(x.grad!.sub(u))).toBe(show('[0. 0. 0. 0.]'));
  });

  it('4.3.3 y.backward() still works: y was recorded before the detach', () => {
    const out = capture(() => {
      y.backward();
      print('y : ', y);
      print('x.grad : ', x.grad);
      print('x : ', x);
    });
    expect(out).toBe(
      'y :  \n[0. 1. 4. 9.]\n<NDArray 4 @cpu(0)>\n' +
        'x.grad :  \n[0. 2. 4. 6.]\n<NDArray 4 @cpu(0)>\n' +
        'x :  \n[0. 1. 2. 3.]\n<NDArray 4 @cpu(0)>\n',
    );
    expect(display(x.grad!.sub(x.mul(2)))).toBe(show('[0. 0. 0. 0.]'));
  });

  it('4.3.4 attach gradients to internal variables', () => {
    y = nd.ones(4).mul(2);
    y.attach_grad();
    let u!: NDArray;
    const z = autograd.record(() => {
      u = x.mul(y);
      u.attach_grad(); // implicitly run u = u.detach()
      return u.add(x);
    });
    z.backward();
    expect(display([x.grad, u.grad, y.grad])).toBe(
      '(\n [1. 1. 1. 1.]\n <NDArray 4 @cpu(0)>, \n [1. 1. 1. 1.]\n <NDArray 4 @cpu(0)>, \n [0. 0. 0. 0.]\n <NDArray 4 @cpu(0)>)',
    );
  });

  it('4.3.5 head gradients', () => {
    y = nd.ones(4).mul(2);
    y.attach_grad();
    let u!: NDArray;
    let v!: NDArray;
    const z = autograd.record(() => {
      u = x.mul(y);
      v = u.detach(); // u still keeps the computation graph
      v.attach_grad();
      return v.add(x);
    });
    z.backward();
    expect(display([x.grad, y.grad])).toBe(
      '(\n [1. 1. 1. 1.]\n <NDArray 4 @cpu(0)>, \n [0. 0. 0. 0.]\n <NDArray 4 @cpu(0)>)',
    );
    u.backward(v.grad);
    expect(display([x.grad, y.grad])).toBe(
      '(\n [2. 2. 2. 2.]\n <NDArray 4 @cpu(0)>, \n [0. 1. 2. 3.]\n <NDArray 4 @cpu(0)>)',
    );
  });

  it('4.3.6 gradient of Python control flow: a.grad == d / a', () => {
    const f = (a: NDArray) => {
      let b = a.mul(2);
      while ((b.norm().asscalar() as number) < 1000) b = b.mul(2);
      return (b.sum().asscalar() as number) > 0 ? b : b.mul(100);
    };
    mx.random.seed(2); // a draw in [0.977, 1.953), positive: the notebook's branch (grad 1024)
    const a = nd.random.normal({ shape: 1 });
    a.attach_grad();
    const d = autograd.record(() => f(a));
    d.backward();
    // Independently: d = 1024·a in float32 (doubling is exact), its gradient 1024.
    const av = a.asscalar() as number;
    const dv = Math.fround(1024 * av);
    const out = capture(() => {
      print('a : ', a);
      print('d : ', d);
      print('a.grad : ', a.grad);
      print(a.grad!.eq(d.div(a)));
    });
    expect(out).toBe(
      `a :  \n[${numpyScalarStr(av, true)}]\n<NDArray 1 @cpu(0)>\n` +
        `d :  \n[${numpyScalarStr(dv, true)}]\n<NDArray 1 @cpu(0)>\n` +
        'a.grad :  \n[1024.]\n<NDArray 1 @cpu(0)>\n' +
        '\n[1.]\n<NDArray 1 @cpu(0)>\n',
    );
  });

  it('4.3.7 training mode and prediction mode', () => {
    const out = capture(() => {
      print(autograd.is_training());
      autograd.record(() => print(autograd.is_training()));
    });
    expect(out).toBe('False\nTrue\n');
  });
});
