import type { DType, UnaryOp } from '@polygrad/core';
import * as core from '@polygrad/core';
import { describe, expect, it } from 'vitest';
import { CpuBackend } from './cpu-backend.js';
import { erf } from './kernels/math.js';
import { ALL_DTYPES, at, LAYOUTS, makeView, mismatches, outView, store } from './reference.test.util.js';

const be = new CpuBackend();

/** erf at every pool value, from mpmath at 50 digits (erf is odd; |x| ≥ 6 gives 1 in double). */
const ERF = new Map<number, number>([
  [0, 0],
  [0.25, 0.27632639016823693],
  [0.5, 0.5204998778130465],
  [1, 0.8427007929497149],
  [1.5, 0.9661051464753107],
  [2, 0.9953222650189527],
  [2.5, 0.999593047982555],
  [3, 0.9999779095030014],
  [3.75, 0.9999998862727434],
  [2 ** -27, 8.407079928334896e-9],
]);

function refErf(v: number): number {
  if (Number.isNaN(v)) return v;
  const a = Math.abs(v);
  const e = a >= 6 ? 1 : ERF.get(a);
  if (e === undefined) throw new Error(`no erf reference for ${v}`);
  return v < 0 ? -e : e;
}

function halfEven(v: number): number {
  if (!Number.isFinite(v)) return v;
  const f = Math.floor(v);
  const d = v - f;
  if (d < 0.5) return f;
  if (d > 0.5) return f + 1;
  return f % 2 === 0 ? f : f + 1;
}

/** Reference results in doubles; int32 squares use BigInt so overflow wraps exactly. */
function refUnary(op: UnaryOp, v: number, out: DType): number {
  switch (op) {
    case 'neg':
      return -v;
    case 'abs':
      return v < 0 ? -v : v;
    case 'sign':
      return Number.isNaN(v) ? v : v > 0 ? 1 : v < 0 ? -1 : 0;
    case 'exp':
      return Math.exp(v);
    case 'log':
      return Math.log(v);
    case 'log1p':
      return Math.log1p(v);
    case 'expm1':
      return Math.expm1(v);
    case 'sqrt':
      return Math.sqrt(v);
    case 'rsqrt':
      return 1 / Math.sqrt(v);
    case 'square':
      return out === 'int32' ? Number(BigInt.asIntN(32, BigInt(v) * BigInt(v))) : v * v;
    case 'reciprocal':
      return 1 / v;
    case 'sin':
      return Math.sin(v);
    case 'cos':
      return Math.cos(v);
    case 'tan':
      return Math.tan(v);
    case 'tanh':
      return Math.tanh(v);
    case 'sigmoid':
      return 1 / (1 + Math.exp(-v));
    case 'relu':
      return Number.isNaN(v) ? v : Math.max(v, 0);
    case 'erf':
      return refErf(v);
    case 'floor':
      return Math.floor(v);
    case 'ceil':
      return Math.ceil(v);
    case 'round':
      return halfEven(v);
    case 'trunc':
      return Math.trunc(v);
    case 'not':
      return v === 0 ? 1 : 0;
    case 'isnan':
      return Number.isNaN(v) ? 1 : 0;
  }
}

const OPS = core.UNARY_OPS;
const SHAPES = [[], [0], [7], [3, 4], [2, 3, 4], [2, 0, 3], [1, 5, 1], [3, 1, 4]];

/** Rounding differs between formulas for these two; everything else is computed the same way. */
function tolerance(op: UnaryOp, out: DType): number {
  if (op !== 'sigmoid' && op !== 'erf') return 0;
  return out === 'float32' ? 1.2e-7 : 1e-15;
}

describe('unary', () => {
  for (const op of OPS) {
    it(`${op} matches the reference for every dtype and layout`, () => {
      const boolOut = op === 'not' || op === 'isnan';
      let seed = 1;
      for (const dtype of ALL_DTYPES) {
        for (const out of boolOut ? (['bool'] as DType[]) : [dtype, 'float64' as DType]) {
          for (const shape of SHAPES) {
            for (const layout of LAYOUTS) {
              const x = makeView(dtype, shape, layout, seed++);
              const o = outView(out, shape);
              be.unary(op, x, o);
              const bad = mismatches(
                o,
                (idx) => store(out, refUnary(op, at(x, idx), out)),
                tolerance(op, out),
              );
              expect(bad, `${op} ${dtype}→${out} ${JSON.stringify(shape)} ${layout.name}`).toEqual([]);
            }
          }
        }
      }
    });
  }

  it('handles the special values explicitly', () => {
    const x = {
      buffer: new Float64Array([Number.NaN, -1e300, 1e300, -0.5, 0.5, 1.5, -2.5, -0]),
      dtype: 'float64' as const,
      shape: [8],
      strides: [1],
      offset: 0,
    };
    const run = (op: UnaryOp) => {
      const o = outView('float64', [8]);
      be.unary(op, x, o);
      return Array.from(o.buffer as Float64Array);
    };
    expect(run('sign')).toEqual([Number.NaN, -1, 1, -1, 1, 1, -1, 0]);
    expect(run('relu')[0]).toBeNaN();
    expect(run('round')).toEqual([Number.NaN, -1e300, 1e300, -0, 0, 2, -2, -0]);
    // stable sigmoid: no NaN from Infinity/Infinity, tiny values keep their precision
    expect(run('sigmoid').slice(1, 3)).toEqual([0, 1]);
    const s = outView('float64', [1]);
    be.unary('sigmoid', { ...x, buffer: new Float64Array([-700]), shape: [1] }, s);
    expect((s.buffer as Float64Array)[0] / Math.exp(-700)).toBeCloseTo(1, 12);
  });
});

describe('erf accuracy', () => {
  // x → erf(x) from mpmath at 50 digits, across all three regimes and their boundaries
  const table: [number, number][] = [
    [1e-300, 1.1283791670955126e-300],
    [1e-9, 1.1283791670955127e-9],
    [0.1, 0.1124629160182849],
    [0.3, 0.3286267594591274],
    [0.4999999, 0.5204997899347843],
    [0.5, 0.5204998778130465],
    [0.5000001, 0.5204999656913],
    [0.75, 0.7111556336535151],
    [1.2, 0.9103139782296353],
    [1.7, 0.9837904585907745],
    [1.9999999, 0.9953222629522538],
    [2.0000001, 0.9953222670856509],
    [2.3, 0.9988568234026434],
    [2.9, 0.9999589021219005],
    [3.5, 0.9999992569016276],
    [4.2, 0.9999999971445058],
    [5.1, 0.9999999999994507],
    [5.9, 0.9999999999999999],
    [5.95, 1],
    [6, 1],
    [1.942997, 0.9940005731466368],
    [0.905095, 0.7994540285458834],
    [3.905607, 0.9999999667427211],
    [0.434618, 0.4612092716014779],
    [3.215292, 0.9999945612308712],
    [2.194134, 0.9980841356796529],
    [0.347994, 0.37737809247100695],
    [3.044614, 0.9999833567356675],
    [0.224974, 0.24963739956920025],
    [2.601874, 0.9997664049614721],
    [0.419133, 0.4466472240870048],
    [0.544278, 0.558537158308622],
    [2.547115, 0.9996844215419908],
    [4.961113, 0.999999999997718],
    [0.742812, 0.7065093216769257],
    [1.339434, 0.9418075990557363],
    [3.764599, 0.9999998984604764],
    [5.686254, 0.9999999999999991],
    [3.462618, 0.9999990263040485],
    [2.380083, 0.999237182655613],
  ];
  it('is within 1e-15 of the 50-digit values (and odd)', () => {
    for (const [x, want] of table) {
      expect(Math.abs(erf(x) - want), `erf(${x})`).toBeLessThan(1e-15);
      expect(Math.abs(erf(-x) + want), `erf(${-x})`).toBeLessThan(1e-15);
    }
    expect(erf(Number.POSITIVE_INFINITY)).toBe(1);
    expect(erf(Number.NEGATIVE_INFINITY)).toBe(-1);
    expect(erf(Number.NaN)).toBeNaN();
    expect(Object.is(erf(-0), -0)).toBe(true);
  });
});
