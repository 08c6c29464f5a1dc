/**
 * Every kernel for every combination of float32, int32 and bool operands and outputs, called
 * through the Backend interface itself (below core's dtype rules, which only ever use some of
 * the combinations), on strided inputs, against the CPU backend.
 */
import '@polygrad/backend-cpu';
import type { Backend, DType, TypedArray, UnaryOp, View } from '@polygrad/core';
import * as core from '@polygrad/core';
import { describe, expect, it } from 'vitest';
import { gpuAvailable } from './gpu.js';

const DTYPES: DType[] = ['float32', 'int32', 'bool'];
const UNARY = core.UNARY_OPS;
/** Unary ops whose value is computed in floating point whatever the dtypes. */
const FLOAT_UNARY = new Set<UnaryOp>([
  'exp',
  'log',
  'log1p',
  'expm1',
  'sqrt',
  'rsqrt',
  'reciprocal',
  'sin',
  'cos',
  'tan',
  'tanh',
  'sigmoid',
  'erf',
]);
const BINARY = core.BINARY_OPS;
const REDUCE = core.REDUCE_OPS;

/** 12 values (as a [3, 4] matrix read transposed) that stay meaningful in every dtype. */
const BASE = [0, 1, 2, 3, -1, -2, 0.5, 1.5, -2.5, 4, 0.25, 7];
const vals = (d: DType, shift = 0) =>
  BASE.map((_, i) => BASE[(i + shift) % 12]).map((v) =>
    d === 'int32' ? Math.trunc(v) : d === 'bool' ? (v !== 0 ? 1 : 0) : v,
  );

/** A [4, 3] transposed view (strides [1, 4]) with the given values on backend b. */
function input(b: Backend, d: DType, shift = 0): View {
  const buf = b.alloc(d, 12);
  const data =
    d === 'float32'
      ? new Float32Array(vals(d, shift))
      : d === 'int32'
        ? new Int32Array(vals(d, shift))
        : new Uint8Array(vals(d, shift));
  b.write(buf, data);
  return { buffer: buf, dtype: d, shape: [4, 3], strides: [1, 4], offset: 0 };
}

function output(b: Backend, d: DType, shape: number[]): View {
  const strides = shape.length === 2 ? [shape[1], 1] : shape.length === 1 ? [1] : [];
  return {
    buffer: b.alloc(
      d,
      shape.reduce((x, y) => x * y, 1),
    ),
    dtype: d,
    shape,
    strides,
    offset: 0,
  };
}

async function read(b: Backend, v: View): Promise<number[]> {
  const n = v.shape.reduce((x, y) => x * y, 1);
  const out: TypedArray = await b.read(v.buffer, v.dtype, n);
  return Array.from(out);
}

/**
 * float32 results compare to float32 noise; int32 and bool results exactly, except `slack`: an
 * int32 result truncated from a float32 computation may land one off the CPU's float64 one
 * (erf(4) is 1 in float32, 0.99999998 in float64).
 */
function same(what: string, got: number[], want: number[], d: DType, slack = 0): void {
  expect(got.length, what).toBe(want.length);
  for (let i = 0; i < want.length; i++) {
    const [g, w] = [got[i], want[i]];
    if (Number.isNaN(w)) expect(g, `${what}[${i}]`).toBeNaN();
    else if (!Number.isFinite(w)) expect(g, `${what}[${i}] ${g} vs ${w}`).toBe(w);
    else if (d !== 'float32')
      expect(Math.abs(g - w), `${what}[${i}] ${g} vs ${w}`).toBeLessThanOrEqual(slack);
    else expect(Math.abs(g - w), `${what}[${i}] ${g} vs ${w}`).toBeLessThanOrEqual(1e-6 + 3e-7 * Math.abs(w));
  }
}

if (await gpuAvailable('webgpu')) {
  const cpu = core.backendInstance('cpu');
  const gpu = core.backendInstance('webgpu');
  const both = async (
    d: DType,
    shape: number[],
    run: (b: Backend, out: View) => void,
  ): Promise<[number[], number[]]> => {
    const res: number[][] = [];
    for (const b of [cpu, gpu]) {
      const out = output(b, d, shape);
      run(b, out);
      res.push(await read(b, out));
    }
    return [res[1], res[0]];
  };

  describe('every kernel × dtype combination against the CPU backend', () => {
    for (const op of UNARY) {
      it(`unary ${op}`, async () => {
        for (const x of DTYPES) {
          for (const o of DTYPES) {
            const [g, c] = await both(o, [4, 3], (b, out) => b.unary(op, input(b, x), out));
            same(`${op} ${x}→${o}`, g, c, o, o === 'int32' && FLOAT_UNARY.has(op) ? 1 : 0);
          }
        }
      });
    }
    for (const op of BINARY) {
      it(`binary ${op}`, async () => {
        for (const a of DTYPES) {
          for (const bd of DTYPES) {
            for (const o of DTYPES) {
              const [g, c] = await both(o, [4, 3], (b, out) =>
                b.binary(op, input(b, a), input(b, bd, 5), out),
              );
              same(`${op} ${a},${bd}→${o}`, g, c, o);
            }
          }
        }
      });
    }
    it('where, copy (cast), fill, gather and scatterAdd', async () => {
      for (const cd of DTYPES) {
        for (const x of DTYPES) {
          for (const o of DTYPES) {
            let [g, c] = await both(o, [4, 3], (b, out) =>
              b.where(input(b, cd, 3), input(b, x), input(b, x, 7), out),
            );
            same(`where ${cd},${x}→${o}`, g, c, o);
            [g, c] = await both(o, [4, 3], (b, out) => b.copy(input(b, x), out));
            same(`copy ${x}→${o}`, g, c, o);
            [g, c] = await both(o, [4, 2], (b, out) => {
              const idx = b.alloc('int32', 8);
              b.write(idx, new Int32Array([2, 0, 1, 1, 0, 2, 2, 2]));
              b.gather(
                input(b, x),
                { buffer: idx, dtype: 'int32', shape: [4, 2], strides: [2, 1], offset: 0 },
                1,
                out,
              );
            });
            same(`gather ${x}→${o}`, g, c, o);
          }
          const [g, c] = await both(cd, [4, 3], (b, out) => {
            b.fill(out, 0);
            const idx = b.alloc('int32', 12);
            b.write(idx, new Int32Array([0, 0, 0, 2, 2, 1, 0, 1, 2, 1, 1, 1]));
            b.scatterAdd(
              out,
              { buffer: idx, dtype: 'int32', shape: [4, 3], strides: [3, 1], offset: 0 },
              1,
              input(b, x),
            );
          });
          same(`scatterAdd ${x}→${cd}`, g, c, cd);
        }
        for (const v of [0, -2.5, 3, Number.NaN]) {
          const [g, c] = await both(cd, [4, 3], (b, out) => b.fill(out, v));
          same(`fill ${v}→${cd}`, g, c, cd);
        }
      }
    });
    it('reductions and matmul', async () => {
      for (const op of REDUCE) {
        for (const x of DTYPES) {
          for (const o of op.startsWith('arg') ? (['int32'] as DType[]) : DTYPES) {
            for (const axes of op.startsWith('arg') ? [[0], [1]] : [[0], [1], [0, 1]]) {
              const shape = axes.length === 2 ? [] : axes[0] === 0 ? [3] : [4];
              const [g, c] = await both(o, shape, (b, out) => b.reduce(op, input(b, x), axes, out));
              same(`${op} ${x}→${o} over ${axes}`, g, c, o);
            }
          }
        }
      }
      for (const x of DTYPES) {
        for (const o of DTYPES) {
          const [g, c] = await both(o, [4, 4], (b, out) => {
            const a = input(b, x);
            const bt: View = { ...input(b, x, 2), shape: [3, 4], strides: [4, 1] };
            b.matmul(a, bt, out);
          });
          same(`matmul ${x}→${o}`, g, c, o);
        }
      }
    });
  });
}
