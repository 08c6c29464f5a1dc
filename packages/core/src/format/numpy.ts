/**
 * NumPy 1.x array printing: `str(a)`, `repr(a)` and `np.array2string`, reproduced exactly.
 * Used by the MXNet and TensorFlow facades.
 */
import type { DType } from '../dtype.js';
import { numpyScalarStr } from './float-format.js';
import { type ElementFormatter, numpyFormatter } from './numpy-elements.js';
import { legacyArray2string, legacyRepr } from './numpy-legacy.js';
import { type NumpyPrintOptions, resolveNumpyOptions } from './numpy-options.js';
import { cornerValues, type FormatInput, pyTuple, sizeOf, stridesOf } from './types.js';

export {
  getNumpyPrintOptions,
  NUMPY_DEFAULTS,
  type NumpyPrintOptions,
  resetNumpyPrintOptions,
  setNumpyPrintOptions,
} from './numpy-options.js';

export interface Array2StringOptions extends Partial<NumpyPrintOptions> {
  /** Between elements of a row (default ' '; repr uses ', '). */
  separator?: string;
  /** Text that will precede the output; continuation lines are indented past it. */
  prefix?: string;
  /** Text that will follow the output; the last line leaves room for it. */
  suffix?: string;
}

export interface NumpyReprOptions extends Partial<NumpyPrintOptions> {
  /** Opening of the repr (default 'array('); continuation lines align under it. */
  prefix?: string;
  /** Dtypes whose `dtype=` suffix is omitted; default NumPy's: float64 and bool (int64 is absent). */
  hideDtype?: (d: DType) => boolean;
}

/** NumPy's default: a dtype is implied by the printed values for float64 and bool. */
export const numpyHidesDtype = (d: DType): boolean => d === 'float64' || d === 'bool';

/** np.array2string. */
export function numpyArray2string(x: FormatInput, opts: Array2StringOptions = {}): string {
  const { separator = ' ', prefix = '', suffix = '', ...rest } = opts;
  const o = resolveNumpyOptions(rest);
  if (o.legacy === '1.13') return legacyArray2string(x, o, separator, prefix);
  if (sizeOf(x.shape) === 0) return '[]';
  const summarise = sizeOf(x.shape) > o.threshold;
  const fmt = numpyFormatter(cornerValues(x, o.edgeitems, summarise), x.dtype, x.shape.length === 0, o);
  const width = o.linewidth - suffix.length;
  return formatArray(x, fmt, width, ' '.repeat(prefix.length + 1), separator, o.edgeitems, summarise);
}

/** Python `str(a)` of a NumPy array. */
export function numpyStr(x: FormatInput, opts?: Partial<NumpyPrintOptions>): string {
  const o = resolveNumpyOptions(opts);
  if (o.legacy === '1.13') return legacyArray2string(x, o);
  if (x.shape.length === 0) {
    // A 0-d array prints as its scalar: full shortest digits, no precision cut.
    const v = x.data[0]!;
    if (x.dtype === 'bool') return v ? 'True' : 'False';
    if (x.dtype === 'int32') return String(v);
    if (Number.isNaN(v)) return 'nan';
    if (!Number.isFinite(v)) return v > 0 ? 'inf' : '-inf';
    return numpyScalarStr(v, x.dtype === 'float32');
  }
  return numpyArray2string(x, { ...opts, separator: ' ', prefix: '' });
}

/** Python `repr(a)` of a NumPy array, e.g. `array([0., 1.], dtype=float32)`. */
export function numpyRepr(x: FormatInput, opts: NumpyReprOptions = {}): string {
  const { prefix = 'array(', hideDtype, ...rest } = opts;
  const o = resolveNumpyOptions(rest);
  // NumPy 1.13 stated dtype=bool; only float64 was implied.
  if (o.legacy === '1.13') return legacyRepr(x, o, prefix, hideDtype ?? ((d) => d === 'float64'));
  const hides = hideDtype ?? numpyHidesDtype;
  const size = sizeOf(x.shape);
  const skipDtype = hides(x.dtype) && size > 0;
  const suffix = skipDtype ? ')' : ',';
  const body =
    size > 0 || (x.shape.length === 1 && x.shape[0] === 0)
      ? numpyArray2string(x, { ...o, separator: ', ', prefix, suffix })
      : `[], shape=${pyTuple(x.shape)}`;
  const out = prefix + body + suffix;
  if (skipDtype) return out;
  const dtypeStr = `dtype=${x.dtype})`;
  // The dtype goes on its own line when it would overflow the last one.
  const lastLine = out.length - (out.lastIndexOf('\n') + 1);
  const spacer = lastLine + dtypeStr.length + 1 > o.linewidth ? `\n${' '.repeat(prefix.length)}` : ' ';
  return out + spacer + dtypeStr;
}

/** Append `word` to `line`, first flushing the line into `s` when the word would overflow it. */
function extendLine(
  s: string,
  line: string,
  word: string,
  width: number,
  nextPrefix: string,
): [string, string] {
  // Wrapping a line that holds only the indent would not help.
  if (line.length + word.length > width && line.length > nextPrefix.length) {
    s += `${line.trimEnd()}\n`;
    line = nextPrefix;
  }
  return [s, line + word];
}

function formatArray(
  x: FormatInput,
  fmt: ElementFormatter,
  lineWidth: number,
  nextLinePrefix: string,
  separator: string,
  edge: number,
  summarise: boolean,
): string {
  const { data, shape } = x;
  const strides = stridesOf(shape);
  const sepTrim = separator.trimEnd();

  const recurse = (axis: number, offset: number, hanging: string, width: number): string => {
    if (axis === shape.length) return fmt(data[offset]!);
    const len = shape[axis]!;
    const stride = strides[axis]!;
    const child = (i: number) => recurse(axis + 1, offset + i * stride, `${hanging} `, width - 1);
    const showSummary = summarise && 2 * edge < len;
    const leading = showSummary ? edge : 0;
    const trailing = showSummary ? edge : len;
    let s = '';
    if (axis === shape.length - 1) {
      // Innermost axis: pack elements into lines, wrapping before the bracket would overflow.
      const elemWidth = width - Math.max(sepTrim.length, 1);
      let line = hanging;
      const add = (word: string, sep: string) => {
        [s, line] = extendLine(s, line, word, elemWidth, hanging);
        line += sep;
      };
      for (let i = 0; i < leading; i++) add(child(i), separator);
      if (showSummary) add('...', separator);
      for (let i = trailing; i > 1; i--) add(child(len - i), separator);
      add(child(len - 1), '');
      s += line;
    } else {
      // Outer axes: one sub-array per line, blank lines between higher-dimensional blocks.
      const lineSep = sepTrim + '\n'.repeat(shape.length - axis - 1);
      for (let i = 0; i < leading; i++) s += hanging + child(i) + lineSep;
      if (showSummary) s += `${hanging}...${lineSep}`;
      for (let i = trailing; i > 1; i--) s += hanging + child(len - i) + lineSep;
      s += hanging + child(len - 1);
    }
    return `[${s.slice(hanging.length)}]`;
  };
  return recurse(0, 0, nextLinePrefix, lineWidth);
}
