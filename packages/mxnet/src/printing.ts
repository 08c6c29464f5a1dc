/**
 * How MXNet prints arrays: `nd` as `\n[0. 1.]\n<NDArray 2 @cpu(0)>`, `np` as NumPy does with
 * MXNet's edits (float32 is the default dtype, so its `dtype=` is hidden), plus Python's
 * print/str/repr and NumPy's print options (shared with core, so TF printing follows too).
 */
import * as core from '@polygrad/core';
import { type FormatInput, numpyRepr, numpyStr, pyPrint, pyRepr, pyStr } from '@polygrad/core';

/** NumPy's print options (`legacy: '1.13'` prints as NumPy 1.13 did, as MXNet 1.x's documentation shows). */
export type PrintOptions = Partial<core.NumpyPrintOptions>;

/**
 * `np.set_printoptions`: MXNet supports `precision` and `threshold`; polygrad also accepts
 * NumPy's other options (`linewidth`, `edgeitems`, `suppress`, `floatmode`, `sign`, `legacy`).
 */
export function setPrintoptions(...args: unknown[]): void {
  const a = core.pyArgs('set_printoptions', args, [
    'precision',
    'threshold',
    'edgeitems',
    'linewidth',
    'suppress',
    'nanstr',
    'infstr',
    'formatter',
    'sign',
    'floatmode',
    'legacy',
  ]);
  if (a.formatter !== undefined) throw new TypeError('set_printoptions: formatter is not supported');
  const { formatter: _f, ...rest } = a;
  core.setNumpyPrintOptions(rest);
}

/** `np.get_printoptions`. */
export function getPrintoptions(): PrintOptions {
  return core.getNumpyPrintOptions();
}

/** What the formatters read: a tensor's values, shape and dtype. */
export function formatInput(t: core.Tensor): FormatInput {
  return { data: t.dataSync(), shape: t.shape, dtype: t.dtype };
}

/** `str(a.asnumpy())`. */
export function arrayStr(t: core.Tensor): string {
  return numpyStr(formatInput(t));
}

/** `repr(a.asnumpy())`: NumPy's own repr (float64 and bool hide their dtype). */
export function arrayRepr(t: core.Tensor): string {
  return numpyRepr(formatInput(t));
}

/** NDArray.__repr__ (also its str): `\n[0. 1. 2.]\n<NDArray 3 @cpu(0)>`. */
export function ndRepr(t: core.Tensor, cls: string, ctx: string): string {
  return `\n${arrayStr(t)}\n<${cls} ${t.shape.join('x')} @${ctx}>`;
}

/** mxnet.numpy.ndarray.__repr__: NumPy's repr with float32 (the default dtype) unstated. */
export function npRepr(t: core.Tensor, ctx: string): string {
  let s = arrayRepr(t);
  if (s.includes('dtype=')) {
    if (t.dtype === 'float32') s = `${s.slice(0, s.lastIndexOf(','))})`;
  } else if (t.dtype !== 'float32' && t.dtype !== 'bool') {
    s = `${s.slice(0, -1)}, dtype=${t.dtype})`;
  }
  return ctx.startsWith('cpu') ? s : `${s.slice(0, -1)}, ctx=${ctx})`;
}

/** mxnet.numpy.ndarray.__str__: NumPy's str, with the context when it is not the CPU. */
export function npStr(t: core.Tensor, ctx: string): string {
  const s = arrayStr(t);
  return ctx.startsWith('cpu') || t.ndim === 0 ? s : `${s} @${ctx}`;
}

/** Python's `print`: str of each value joined by a space (None, True/False, tuples). */
export function print(...values: unknown[]): void {
  pyPrint(...values);
}

/** Python's `str(v)`. */
export function str(v: unknown): string {
  return pyStr(v);
}

/** Python's `repr(v)`. */
export function repr(v: unknown): string {
  return pyRepr(v);
}
