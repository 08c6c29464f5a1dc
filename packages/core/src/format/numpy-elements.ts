import type { DType } from '../dtype.js';
import { formatPositional, formatScientific, type Trim } from './float-format.js';
import type { NumpyPrintOptions } from './numpy-options.js';

/** Formats one element; built once per array from the values that will be shown. */
export type ElementFormatter = (v: number) => string;

const isNeg = (v: number): boolean => v < 0 || Object.is(v, -0);

function splitAt(s: string, sep: string): [string, string] {
  const i = s.indexOf(sep);
  return i < 0 ? [s, ''] : [s.slice(0, i), s.slice(i + 1)];
}

const maxLen = (xs: string[]): number => xs.reduce((m, s) => Math.max(m, s.length), 0);

/**
 * NumPy's FloatingFormat: one pass over the finite values decides scientific vs positional and
 * the padding that aligns every element on the decimal point.
 */
export function floatFormatter(
  values: readonly number[],
  f32: boolean,
  o: NumpyPrintOptions,
): ElementFormatter {
  const finite = values.filter(Number.isFinite);
  const sign = o.sign === '+';
  let precision = o.floatmode === 'unique' ? -1 : o.precision;
  const fixed = o.floatmode === 'fixed';

  let expFormat = false;
  let max = -Infinity;
  let min = Infinity;
  for (const v of finite) {
    if (v === 0) continue;
    max = Math.max(max, Math.abs(v));
    min = Math.min(min, Math.abs(v));
  }
  if (max > 0) {
    // NumPy divides in the array's own precision (float32 division can round to exactly 1000).
    const ratio = f32 ? Math.fround(max / min) : max / min;
    expFormat = max >= 1e8 || (!o.suppress && (min < 1e-4 || ratio > 1000));
  }

  let padLeft = 0;
  let padRight = 0;
  let trim: Trim = '.';
  let expSize = -1;
  let unique = true;
  let minDigits = -1;
  if (finite.length > 0 && expFormat) {
    unique = !fixed;
    const strs = finite.map((v) =>
      formatScientific(v, { f32, precision, unique, trim: fixed ? 'k' : '.', sign }),
    );
    const mants = strs.map((s) => splitAt(s, 'e'));
    const parts = mants.map(([m]) => splitAt(m, '.'));
    expSize = maxLen(mants.map(([, e]) => e)) - 1;
    trim = 'k';
    precision = maxLen(parts.map(([, f]) => f));
    minDigits = precision;
    padLeft = maxLen(parts.map(([i]) => i));
    padRight = expSize + 2 + precision;
  } else if (finite.length > 0) {
    unique = !fixed;
    const strs = finite.map((v) =>
      formatPositional(v, { f32, precision, unique, fractional: true, trim: fixed ? 'k' : '.', sign }),
    );
    const parts = strs.map((s) => splitAt(s, '.'));
    padLeft = maxLen(parts.map(([i]) => i));
    padRight = maxLen(parts.map(([, f]) => f));
    if (fixed || o.floatmode === 'maxprec_equal') {
      precision = minDigits = padRight;
      trim = 'k';
    } else {
      trim = '.';
      minDigits = 0;
    }
  }
  if (o.sign === ' ' && !finite.some(isNeg)) padLeft += 1;
  if (finite.length !== values.length) {
    // Room for nan/inf, right-aligned with the finite values.
    const negInf = o.sign !== '-' || values.some((v) => v === -Infinity);
    const offset = padRight + 1;
    padLeft = Math.max(padLeft, o.nanstr.length - offset, o.infstr.length + (negInf ? 1 : 0) - offset);
  }

  return (v) => {
    if (!Number.isFinite(v)) {
      const s = Number.isNaN(v) ? (sign ? '+' : '') + o.nanstr : (v < 0 ? '-' : sign ? '+' : '') + o.infstr;
      return ' '.repeat(Math.max(0, padLeft + padRight + 1 - s.length)) + s;
    }
    if (expFormat) {
      return formatScientific(v, {
        f32,
        precision,
        minDigits,
        unique,
        trim,
        sign,
        padLeft,
        expDigits: expSize,
      });
    }
    return formatPositional(v, {
      f32,
      precision,
      minDigits,
      unique,
      fractional: true,
      trim,
      sign,
      padLeft,
      padRight,
    });
  };
}

/** The element formatter NumPy picks for `dtype`, measured over `values`. */
export function numpyFormatter(
  values: readonly number[],
  dtype: DType,
  zeroDim: boolean,
  o: NumpyPrintOptions,
): ElementFormatter {
  switch (dtype) {
    case 'bool': {
      // " True" lines up with "False", except in 0-d arrays.
      const t = zeroDim ? 'True' : ' True';
      return (v) => (v ? t : 'False');
    }
    case 'int32': {
      let width = 0;
      for (const v of values) width = Math.max(width, String(v).length);
      return (v) => String(v).padStart(width);
    }
    default:
      return floatFormatter(values, dtype === 'float32', o);
  }
}
