/**
 * Python's print/str/repr for JavaScript values, shared by the facades: null is None,
 * booleans are True/False, arrays are tuples, and objects that know their Python
 * representation provide it through PY_STR / PY_REPR.
 */

export const PY_STR = Symbol.for('polygrad.pyStr');
export const PY_REPR = Symbol.for('polygrad.pyRepr');

interface PyPrintable {
  [PY_STR]?(): string;
  [PY_REPR]?(): string;
}

function pyFloat(n: number): string {
  if (Number.isNaN(n)) return 'nan';
  if (!Number.isFinite(n)) return n > 0 ? 'inf' : '-inf';
  return String(n);
}

export function pyRepr(v: unknown): string {
  if (v === null || v === undefined) return 'None';
  if (typeof v === 'boolean') return v ? 'True' : 'False';
  if (typeof v === 'number') return pyFloat(v);
  if (typeof v === 'string') return `'${v.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
  const p = v as PyPrintable;
  if (typeof p[PY_REPR] === 'function') return p[PY_REPR]!();
  if (Array.isArray(v)) return v.length === 1 ? `(${pyRepr(v[0])},)` : `(${v.map(pyRepr).join(', ')})`;
  if (v instanceof Map) return `{${[...v].map(([k, x]) => `${pyRepr(k)}: ${pyRepr(x)}`).join(', ')}}`;
  if (typeof v === 'object') {
    return `{${Object.entries(v as object)
      .map(([k, x]) => `${pyRepr(k)}: ${pyRepr(x)}`)
      .join(', ')}}`;
  }
  return String(v);
}

export function pyStr(v: unknown): string {
  if (typeof v === 'string') return v;
  const p = v as PyPrintable | null;
  if (p && typeof p === 'object' && typeof p[PY_STR] === 'function') return p[PY_STR]!();
  return pyRepr(v);
}

/** Python's print(): str of each value joined by a space, written to stdout (or console.log). */
export function pyPrint(...values: unknown[]): void {
  const line = values.map(pyStr).join(' ');
  const proc = (globalThis as { process?: { stdout?: { write(s: string): void } } }).process;
  if (proc?.stdout) proc.stdout.write(`${line}\n`);
  else console.log(line);
}

/** Node's util.inspect hook: console.log(t) shows Python's repr. */
export const INSPECT = Symbol.for('nodejs.util.inspect.custom');
