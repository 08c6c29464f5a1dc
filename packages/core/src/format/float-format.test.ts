import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { formatPositional, formatScientific, numpyScalarStr, pyExp, pyFixed } from './float-format.js';

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
const load = (name: string) =>
  JSON.parse(readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8'));

interface NpFloat {
  v: Json;
  f32: boolean;
  str: string;
  sci: string;
  pos8: string;
  fix3: string;
  sci4: string;
  min8: string;
  tot5: string;
}
interface PyFloat {
  v: Json;
  f4: string;
  e4: string;
  f0: string;
  e0: string;
  f2: string;
}

describe('Dragon4 scalar formatting vs NumPy', () => {
  const rows: NpFloat[] = load('format_numpy.json').floats;
  it(`matches ${rows.length} float32/float64 values`, () => {
    const bad: string[] = [];
    for (const r of rows) {
      const v = decode(r.v);
      const f32 = r.f32;
      const got = {
        str: numpyScalarStr(v, f32),
        sci: formatScientific(v, { f32 }),
        pos8: formatPositional(v, { f32, precision: 8, trim: '.' }),
        fix3: formatPositional(v, { f32, precision: 3, unique: false, trim: '-' }),
        sci4: formatScientific(v, { f32, precision: 4, unique: false }),
        min8: formatScientific(v, { f32, precision: 10, minDigits: 8, trim: '.' }),
        tot5: formatPositional(v, { f32, precision: 5, fractional: false, trim: '0' }),
      };
      for (const [k, s] of Object.entries(got)) {
        const want = r[k as keyof NpFloat];
        if (s !== want) bad.push(`${r.v} (${f32 ? 'f32' : 'f64'}) ${k}: got ${s} want ${want}`);
      }
    }
    expect(bad.slice(0, 20)).toEqual([]);
  });
});

describe('Python float formatting', () => {
  const rows: PyFloat[] = load('format_torch.json').floats;
  it(`matches ${rows.length} values`, () => {
    const bad: string[] = [];
    for (const r of rows) {
      const v = decode(r.v);
      const got = {
        f4: pyFixed(v, 4),
        e4: pyExp(v, 4),
        f0: pyFixed(v, 0),
        e0: pyExp(v, 0),
        f2: pyFixed(v, 2),
      };
      for (const [k, s] of Object.entries(got)) {
        const want = r[k as keyof PyFloat];
        if (s !== want) bad.push(`${r.v} ${k}: got ${s} want ${want}`);
      }
    }
    expect(bad.slice(0, 20)).toEqual([]);
  });
});
