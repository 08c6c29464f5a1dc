import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import type { DType } from '../dtype.js';
import {
  getNumpyPrintOptions,
  type NumpyPrintOptions,
  numpyArray2string,
  numpyRepr,
  numpyStr,
  resetNumpyPrintOptions,
  setNumpyPrintOptions,
} from './numpy.js';
import type { FormatInput } from './types.js';

type Json = number | string;
const decode = (v: Json): number =>
  typeof v === 'number'
    ? v
    : v === 'nan'
      ? Number.NaN
      : v === 'inf'
        ? Infinity
        : v === '-inf'
          ? -Infinity
          : -0;

interface Case {
  name: string;
  dtype: DType;
  shape: number[];
  data: Json[];
  opts?: Partial<NumpyPrintOptions>;
  str: string;
  repr: string;
}

const fixture: { cases: Case[] } = JSON.parse(
  readFileSync(new URL('./fixtures/format_numpy.json', import.meta.url), 'utf8'),
);
const input = (c: Case): FormatInput => ({ data: c.data.map(decode), shape: c.shape, dtype: c.dtype });
const t = (data: number[], shape: number[], dtype: DType = 'float64'): FormatInput => ({
  data,
  shape,
  dtype,
});

afterEach(() => resetNumpyPrintOptions());

describe(`numpy fixtures (${fixture.cases.length} cases)`, () => {
  it.each(fixture.cases.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    setNumpyPrintOptions(c.opts ?? {});
    expect(numpyStr(input(c))).toBe(c.str);
    expect(numpyRepr(input(c))).toBe(c.repr);
    resetNumpyPrintOptions();
    // The same options passed per call instead of globally.
    expect(numpyStr(input(c), c.opts)).toBe(c.str);
    expect(numpyRepr(input(c), c.opts)).toBe(c.repr);
  });
});

describe('numpy literal examples', () => {
  const r14 = [0, 1, 2, 3].map((i) => Math.fround(i / Math.fround(Math.sqrt(14))));
  it('str', () => {
    expect(numpyStr(t([0, 1, 2, 3], [4]))).toBe('[0. 1. 2. 3.]');
    expect(numpyStr(t([4, 8, 12, 16], [2, 2]))).toBe('[[ 4.  8.]\n [12. 16.]]');
    expect(numpyStr(t(r14, [4], 'float32'))).toBe('[0.         0.26726124 0.5345225  0.8017837 ]');
    expect(numpyStr(t([1, 0], [2], 'bool'))).toBe('[ True False]');
    expect(numpyStr(t([0, 1, 2], [3], 'int32'))).toBe('[0 1 2]');
    expect(numpyStr(t([28], []))).toBe('28.0');
    expect(numpyStr(t([5], [], 'int32'))).toBe('5');
    expect(numpyStr(t([1], [], 'bool'))).toBe('True');
  });
  it('repr', () => {
    expect(numpyRepr(t([0, 1, 2, 3], [4]))).toBe('array([0., 1., 2., 3.])');
    expect(numpyRepr(t([28], []))).toBe('array(28.)');
    expect(numpyRepr(t([0, 1, 2], [3], 'int32'))).toBe('array([0, 1, 2], dtype=int32)');
    expect(numpyRepr(t([1, 2], [2], 'float32'))).toBe('array([1., 2.], dtype=float32)');
    expect(numpyRepr(t([], [0], 'float32'))).toBe('array([], dtype=float32)');
    expect(numpyRepr(t([], [2, 0]))).toBe('array([], shape=(2, 0), dtype=float64)');
    expect(numpyRepr(t([4, 8, 12, 16], [2, 2]))).toBe('array([[ 4.,  8.],\n       [12., 16.]])');
  });
  it('hideDtype and prefix options', () => {
    const f32 = (d: DType) => d === 'float32' || d === 'bool';
    expect(numpyRepr(t([1, 2], [2], 'float32'), { hideDtype: f32 })).toBe('array([1., 2.])');
    expect(numpyRepr(t([1, 2], [2]), { hideDtype: f32 })).toBe('array([1., 2.], dtype=float64)');
    expect(numpyRepr(t([], [0], 'float32'), { hideDtype: f32 })).toBe('array([], dtype=float32)');
    expect(numpyRepr(t([1, 2, 3, 4], [2, 2]), { prefix: 'MyArray(' })).toBe(
      'MyArray([[1., 2.],\n         [3., 4.]])',
    );
    expect(numpyArray2string(t([1, 2, 3, 4], [2, 2]), { separator: ', ', prefix: 'x = ' })).toBe(
      '[[1., 2.],\n     [3., 4.]]',
    );
  });
  it('print option state', () => {
    expect(getNumpyPrintOptions().precision).toBe(8);
    setNumpyPrintOptions({ precision: 3, linewidth: undefined });
    expect(getNumpyPrintOptions()).toMatchObject({ precision: 3, linewidth: 75 });
    expect(numpyStr(t([Math.PI], [1]))).toBe('[3.142]');
    expect(numpyStr(t([Math.PI], [1]), { precision: 5 })).toBe('[3.14159]');
    expect(() => setNumpyPrintOptions({ sign: 'x' as never })).toThrow();
  });
});
