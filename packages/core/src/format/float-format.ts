import { dragon4 } from './dragon4.js';

/**
 * Trimming after digit generation, as in NumPy's format_float_*:
 * 'k' keep zeros and point, '.' trim zeros keep point, '0' trim to one zero, '-' trim zeros and point.
 */
export type Trim = 'k' | '.' | '0' | '-';

export interface FloatFormatOptions {
  /** Value is a float32 (shortest digits are judged against float32 neighbours). */
  f32?: boolean;
  /** Maximum digits (after the point, or in total for `fractional: false`); -1 for none. */
  precision?: number;
  unique?: boolean;
  /** Positional only: `precision` counts digits after the point (default) or all digits. */
  fractional?: boolean;
  trim?: Trim;
  /** Always print a sign ('+' for positive values). */
  sign?: boolean;
  /** Pad with spaces until this many characters precede the point. */
  padLeft?: number;
  /** Positional only: pad with spaces until this many characters follow the point. */
  padRight?: number;
  /** Scientific only: pad the exponent with zeros to this many digits (default 2). */
  expDigits?: number;
  /** Unique mode only: print at least this many digits (after the point / in total). */
  minDigits?: number;
}

function nonFinite(v: number, sign: boolean): string | undefined {
  if (Number.isNaN(v)) return sign ? '+nan' : 'nan';
  if (v === Infinity) return sign ? '+inf' : 'inf';
  if (v === -Infinity) return '-inf';
  return undefined;
}

function signOf(v: number, sign: boolean): string {
  return v < 0 || Object.is(v, -0) ? '-' : sign ? '+' : '';
}

/** Remove trailing zeros of the fraction, counting them off `frac`. */
function trimZeros(s: string, frac: number): [string, number] {
  while (frac > 0 && s.endsWith('0')) {
    s = s.slice(0, -1);
    frac--;
  }
  return [s, frac];
}

/** NumPy's `format_float_positional` for a float32 (`f32`) or float64 value. */
export function formatPositional(v: number, o: FloatFormatOptions = {}): string {
  const { f32 = false, precision = -1, unique = true, fractional = true, trim = 'k', sign = false } = o;
  const { padLeft = -1, padRight = -1, minDigits = -1 } = o;
  const nf = nonFinite(v, sign);
  if (nf !== undefined) return nf;
  const sgn = signOf(v, sign);
  const mode = fractional ? 'fraction' : 'total';
  const { digits, exp } = dragon4(v, f32, unique, mode, precision, unique ? minDigits : -1);
  let whole: string;
  let fracDigits: string;
  if (exp >= 0) {
    whole =
      digits.length <= exp + 1 ? digits + '0'.repeat(exp + 1 - digits.length) : digits.slice(0, exp + 1);
    fracDigits = digits.slice(whole.length);
  } else {
    whole = '0';
    fracDigits = '0'.repeat(-exp - 1) + digits;
  }
  let s = sgn + whole;
  let frac = fracDigits.length;
  if (frac > 0) s += `.${fracDigits}`;
  else if (trim !== '-') s += '.';

  const add = unique ? minDigits : precision;
  const want = fractional ? Math.max(add, 0) : add - whole.length;
  if (trim === '0' && frac === 0) {
    s += '0';
    frac = 1;
  } else if (trim === 'k' && want > frac) {
    s += '0'.repeat(want - frac);
    frac = want;
  }
  if (trim !== 'k' && frac > 0) {
    [s, frac] = trimZeros(s, frac);
    if (s.endsWith('.')) {
      if (trim === '0') {
        s += '0';
        frac = 1;
      } else if (trim === '-') s = s.slice(0, -1);
    }
  }
  if (padRight >= frac) s += (trim === '-' && frac === 0 ? ' ' : '') + ' '.repeat(padRight - frac);
  const left = whole.length + sgn.length;
  if (padLeft > left) s = ' '.repeat(padLeft - left) + s;
  return s;
}

/** NumPy's `format_float_scientific` for a float32 (`f32`) or float64 value. */
export function formatScientific(v: number, o: FloatFormatOptions = {}): string {
  const { f32 = false, precision = -1, unique = true, trim = 'k', sign = false } = o;
  const { padLeft = -1, expDigits = -1, minDigits = -1 } = o;
  const nf = nonFinite(v, sign);
  if (nf !== undefined) return nf;
  const sgn = signOf(v, sign);
  const cutMax = precision < 0 ? -1 : precision + 1;
  const cutMin = unique && minDigits >= 0 ? minDigits + 1 : -1;
  const { digits, exp } = dragon4(v, f32, unique, 'total', cutMax, cutMin);
  let s = sgn + digits[0];
  let frac = digits.length - 1;
  if (frac > 0) s += `.${digits.slice(1)}`;
  else if (trim !== '-') s += '.';

  const add = Math.max(unique ? minDigits : precision, 0);
  if (trim === '0' && frac === 0) {
    s += '0';
    frac = 1;
  } else if (trim === 'k' && add > frac) {
    s += '0'.repeat(add - frac);
    frac = add;
  }
  // NumPy keeps a bare trailing point here even in '-' mode (e.g. "1.e+00").
  if (trim !== 'k' && frac > 0) {
    [s, frac] = trimZeros(s, frac);
    if (trim === '0' && s.endsWith('.')) s += '0';
  }
  const e = Math.abs(exp);
  const width = Math.min(expDigits < 0 ? 2 : expDigits, 5);
  s += `e${exp >= 0 ? '+' : '-'}${String(e).padStart(width, '0')}`;
  const left = 1 + sgn.length;
  if (padLeft > left) s = ' '.repeat(padLeft - left) + s;
  return s;
}

/** Python's `'{:.Nf}'.format(v)` (correctly rounded, ties to even). */
export function pyFixed(v: number, digits: number): string {
  const nf = nonFinite(v, false);
  if (nf !== undefined) return nf;
  const s = formatPositional(v, { precision: digits, unique: false, trim: 'k' });
  return digits === 0 ? s.slice(0, -1) : s;
}

/** Python's `'{:.Ne}'.format(v)`. */
export function pyExp(v: number, digits: number): string {
  const nf = nonFinite(v, false);
  if (nf !== undefined) return nf;
  const s = formatScientific(v, { precision: digits, unique: false, trim: 'k' });
  return digits === 0 ? s.replace('.', '') : s;
}

/** The str() of a NumPy float scalar: shortest digits, positional within [1e-4, 1e16). */
export function numpyScalarStr(v: number, f32: boolean): string {
  const a = Math.abs(v);
  if (a === 0 || (a >= 1e-4 && a < 1e16)) return formatPositional(v, { f32, trim: '0', fractional: false });
  return formatScientific(v, { f32, trim: '-' });
}
