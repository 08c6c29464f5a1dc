/**
 * NumPy's legacy (1.13) array printing, `np.set_printoptions(legacy='1.13')`: fixed
 * precision with trailing zeros blanked, a leading sign column, `..., ` summaries.
 * MXNet's own documentation (seed 002) was printed this way. numpy.ts switches to it when the
 * `legacy` print option is '1.13'.
 */
import type { DType } from '../dtype.js';
import { numpyScalarStr, pyExp, pyFixed } from './float-format.js';
import type { FormatInput } from './types.js';

/** The print options NumPy 1.13's formatter reads. */
export interface LegacyOptions {
  precision: number;
  threshold: number;
  edgeitems: number;
  linewidth: number;
  suppress: boolean;
}

type Fmt = (v: number) => string;

const rjust = (s: string, w: number) => (s.length >= w ? s : ' '.repeat(w - s.length) + s);

/** '%#W.Pf' and '%W.Pe' as Python formats them (ties to even, exact decimals). */
const fixed = (v: number, p: number, sign: boolean) => {
  const s = pyFixed(v, p) + (p === 0 ? '.' : '');
  return sign && !s.startsWith('-') ? `+${s}` : s;
};

function floatFormat(data: number[], o: LegacyOptions): Fmt {
  const finite = data.filter((v) => Number.isFinite(v) && v !== 0).map(Math.abs);
  const special = data.some((v) => !Number.isFinite(v));
  const maxVal = finite.length ? Math.max(...finite) : 0;
  const minVal = finite.length ? Math.min(...finite) : 0;
  const exp =
    finite.length > 0 && (maxVal >= 1e8 || (!o.suppress && (minVal < 0.0001 || maxVal / minVal > 1000)));
  const nonFinite = (v: number, w: number) => rjust(Number.isNaN(v) ? 'nan' : v > 0 ? 'inf' : '-inf', w);
  if (exp) {
    const large = (minVal > 0 && minVal < 1e-99) || maxVal >= 1e100;
    const width = 8 + o.precision + (large ? 1 : 0);
    return (v) => {
      if (!Number.isFinite(v)) return nonFinite(v, width);
      let s = rjust(pyExp(v, o.precision), width);
      if (large && (s[s.length - 3] === '+' || s[s.length - 3] === '-'))
        s = `${s.slice(1, -2)}0${s.slice(-2)}`;
      return s;
    };
  }
  const digits = (v: number) => {
    const s = pyFixed(v, o.precision);
    return o.precision - (s.length - s.replace(/0+$/, '').length);
  };
  const precision = Math.min(o.precision, finite.length ? Math.max(...finite.map(digits)) : 0);
  let width = String(Math.trunc(maxVal)).length + precision + 2;
  if (special) width = Math.max(width, 3, 4);
  return (v) => {
    if (!Number.isFinite(v)) return nonFinite(v, width);
    const s = rjust(fixed(v, precision, false), width);
    const z = s.replace(/0+$/, '');
    return z + ' '.repeat(s.length - z.length);
  };
}

function elementFormat(x: FormatInput, data: number[], o: LegacyOptions): Fmt {
  if (x.dtype === 'bool') return (v) => (v ? ' True' : 'False');
  if (x.dtype === 'int32') {
    const w = data.length ? Math.max(String(Math.max(...data)).length, String(Math.min(...data)).length) : 0;
    return (v) => rjust(String(v), w);
  }
  return floatFormat(data, o);
}

/** The values the formatter measures: all, or the corners of a summarised array. */
function measured(x: FormatInput, o: LegacyOptions, summarise: boolean): number[] {
  const out: number[] = [];
  const strides = stridesOf(x.shape);
  const walk = (axis: number, off: number) => {
    if (axis === x.shape.length) return void out.push(x.data[off]);
    const n = x.shape[axis];
    const e = o.edgeitems;
    const idx = summarise && n > 2 * e ? [...range(0, e), ...range(n - e, n)] : range(0, n);
    for (const i of idx) walk(axis + 1, off + i * strides[axis]);
  };
  walk(0, 0);
  return out;
}

const range = (a: number, b: number) => Array.from({ length: b - a }, (_, i) => a + i);

function stridesOf(shape: readonly number[]): number[] {
  const s = new Array<number>(shape.length);
  let n = 1;
  for (let i = shape.length - 1; i >= 0; i--) {
    s[i] = n;
    n *= shape[i];
  }
  return s;
}

function extendLine(s: string, line: string, word: string, max: number, prefix: string): [string, string] {
  if (line.trimEnd().length + word.trimEnd().length >= max) {
    s += `${line.trimEnd()}\n`;
    line = prefix;
  }
  return [s, line + word];
}

/** numpy 1.13's _formatArray, returning its text without the final newline. */
function formatArray(
  x: FormatInput,
  fmt: Fmt,
  o: LegacyOptions,
  sep: string,
  prefix: string,
  summarise: boolean,
) {
  const strides = stridesOf(x.shape);
  const insert = summarise ? '..., ' : '';
  const rec = (axis: number, off: number, nextPrefix: string): string => {
    const n = x.shape[axis];
    const rank = x.shape.length - axis;
    const cut = insert !== '' && 2 * o.edgeitems < n;
    const lead = cut ? o.edgeitems : 0;
    const trail = cut ? o.edgeitems : n;
    const at = (i: number) => off + i * strides[axis];
    if (rank === 1) {
      let s = '';
      let line = nextPrefix;
      for (let i = 0; i < lead; i++)
        [s, line] = extendLine(s, line, fmt(x.data[at(i)]) + sep, o.linewidth, nextPrefix);
      if (cut) [s, line] = extendLine(s, line, insert, o.linewidth, nextPrefix);
      for (let i = trail; i > 1; i--)
        [s, line] = extendLine(s, line, fmt(x.data[at(n - i)]) + sep, o.linewidth, nextPrefix);
      [s, line] = extendLine(s, line, fmt(x.data[at(n - 1)]), o.linewidth, nextPrefix);
      s += `${line}]\n`;
      return `[${s.slice(nextPrefix.length)}`;
    }
    let s = '[';
    const sepT = sep.trimEnd();
    const nl = '\n'.repeat(Math.max(rank - 1, 1));
    for (let i = 0; i < lead; i++) {
      if (i > 0) s += nextPrefix;
      s += rec(axis + 1, at(i), ` ${nextPrefix}`);
      s = s.trimEnd() + sepT + nl;
    }
    if (cut) s += `${nextPrefix}${insert}\n`;
    for (let i = trail; i > 1; i--) {
      if (lead || i !== trail) s += nextPrefix;
      s += rec(axis + 1, at(n - i), ` ${nextPrefix}`);
      s = s.trimEnd() + sepT + nl;
    }
    if (lead || trail > 1) s += nextPrefix;
    return `${s}${rec(axis + 1, at(n - 1), ` ${nextPrefix}`).trimEnd()}]\n`;
  };
  return rec(0, 0, ` ${' '.repeat(prefix.length)}`).slice(0, -1);
}

/** numpy 1.13's array2string (`style` is str for str(), repr for repr()). */
export function legacyArray2string(x: FormatInput, o: LegacyOptions, sep = ' ', prefix = ''): string {
  const size = x.shape.reduce((a, b) => a * b, 1);
  if (x.shape.length === 0) {
    const v = x.data[0];
    if (x.dtype === 'bool') return v ? 'True' : 'False';
    if (x.dtype === 'int32') return String(v);
    return numpyScalarStr(v, false);
  }
  if (size === 0) return '[]';
  const summarise = size > o.threshold;
  const fmt = elementFormat(x, measured(x, o, summarise), o);
  return formatArray(x, fmt, o, sep, prefix, summarise);
}

/**
 * numpy 1.13's array_repr: `array([ 0.,  1.], dtype=float32)`; only float64 hides its dtype by
 * default (1.13 printed `dtype=bool`).
 */
export function legacyRepr(
  x: FormatInput,
  o: LegacyOptions,
  prefix = 'array(',
  hideDtype: (d: DType) => boolean = (d) => d === 'float64',
): string {
  const size = x.shape.reduce((a, b) => a * b, 1);
  const body =
    size > 0 || (x.shape.length === 1 && x.shape[0] === 0)
      ? legacyArray2string(x, o, ', ', prefix)
      : `[], shape=(${x.shape.join(', ')}${x.shape.length === 1 ? ',' : ''})`;
  const skip = hideDtype(x.dtype) && size > 0;
  return skip ? `${prefix}${body})` : `${prefix}${body}, dtype=${x.dtype})`;
}
