/** Seed 003 (D2L autograd in three frameworks): the MXNet cells. */
import { beforeAll, describe, expect, it } from 'vitest';
import { autograd, type NpArray, np, npx, print } from '../src/index.js';
import { capture } from './helpers.js';

describe('seed 003: MXNet cells', () => {
  beforeAll(() => npx.set_np());

  it('A simple example: [3]-[5]', () => {
    const x = np.arange(4.0);
    x.attach_grad();
    expect(capture(() => print(x.grad))).toBe('[0. 0. 0. 0.]\n');
    const y = autograd.record(() => np.dot(x, x).mul(2));
    expect(capture(() => print(y))).toBe('28.0\n');
    y.backward();
    expect(capture(() => print(x.grad))).toBe('[ 0.  4.  8. 12.]\n');
  });

  it('Backward for non-scalar variables: [12]-[14]', () => {
    const x = np.arange(4.0);
    x.attach_grad();
    const y = autograd.record(() => x.mul(x));
    y.backward();
    expect(capture(() => print(x.grad))).toBe('[0. 2. 4. 6.]\n');
  });

  it('Detaching computation: [19]-[22]', () => {
    const x = np.arange(4.0);
    x.attach_grad();
    let y!: NpArray;
    let u!: NpArray;
    let z!: NpArray;
    autograd.record(() => {
      y = x.mul(x);
      u = y.detach();
      z = u.mul(x);
    });
    z.backward();
    expect(
      capture(() => {
        print(x.grad);
        print(u);
        print(x.grad!.eq(u));
      }),
    ).toBe('[0. 1. 4. 9.]\n[0. 1. 4. 9.]\n[ True  True  True  True]\n');
    y.backward();
    expect(capture(() => print(x.grad))).toBe('[0. 2. 4. 6.]\n');
  });
});
