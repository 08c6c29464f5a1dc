/**
 * PyTorch tensor printing (`repr(t)` as in torch/_tensor_str.py), reproduced exactly.
 * Used by the torch facade.
 */
import type { DType } from '../dtype.js';
import { pyExp, pyFixed } from './float-format.js';
import { cornerValues, type FormatInput, keptIndices, pyTuple, sizeOf, stridesOf } from './types.js';

/** torch.set_printoptions. `sciMode: null` lets the formatter decide. */
export interface TorchPrintOptions {
  precision: number;
  threshold: number;
  edgeitems: number;
  linewidth: number;
  sciMode: boolean | null;
}

export type TorchProfile = 'default' | 'short' | 'full';

const PROFILES: Record<TorchProfile, Omit<TorchPrintOptions, 'sciMode'>> = {
  default: { precision: 4, threshold: 1000, edgeitems: 3, linewidth: 80 },
  short: { precision: 2, threshold: 1000, edgeitems: 2, linewidth: 80 },
  full: { precision: 4, threshold: Infinity, edgeitems: 3, linewidth: 80 },
};

let current: TorchPrintOptions = { ...PROFILES.default, sciMode: null };

/**
 * torch.set_printoptions: a profile first, then any given option. Like PyTorch, every call
 * also sets `sciMode` (back to `null` when not given).
 */
export function setTorchPrintOptions(
  opts: Partial<Omit<TorchPrintOptions, 'sciMode'>> & {
    profile?: TorchProfile;
    sciMode?: boolean | null;
  } = {},
): void {
  const next = { ...current };
  if (opts.profile !== undefined) Object.assign(next, PROFILES[opts.profile]);
  for (const k of ['precision', 'threshold', 'edgeitems', 'linewidth'] as const) {
    if (opts[k] !== undefined) next[k] = opts[k];
  }
  next.sciMode = opts.sciMode ?? null;
  current = next;
}

export function getTorchPrintOptions(): TorchPrintOptions {
  return { ...current };
}

export interface TorchReprOptions extends Partial<TorchPrintOptions> {
  /** Appended after the dtype, e.g. `requires_grad=True`, `grad_fn=<MulBackward0>`. */
  suffixes?: readonly string[];
}

const TORCH_DTYPE: Record<DType, string> = {
  float32: 'torch.float32',
  float64: 'torch.float64',
  int32: 'torch.int32',
  bool: 'torch.bool',
};

/** torch's _Formatter: one width, and the int / fixed / scientific choice, for all elements. */
class Formatter {
  private intMode = true;
  private sciMode = false;
  private maxWidth = 1;
  private readonly floating: boolean;

  constructor(
    values: readonly number[],
    dtype: DType,
    private readonly o: TorchPrintOptions,
  ) {
    this.floating = dtype === 'float32' || dtype === 'float64';
    if (!this.floating) {
      for (const v of values) this.maxWidth = Math.max(this.maxWidth, this.plain(v, dtype).length);
      return;
    }
    const nz = values.filter((v) => Number.isFinite(v) && v !== 0);
    // No finite non-zero value: keep the defaults (PyTorch returns before applying sci_mode).
    if (nz.length === 0) return;
    let max = 0;
    let min = Infinity;
    for (const v of nz) {
      max = Math.max(max, Math.abs(v));
      min = Math.min(min, Math.abs(v));
    }
    this.intMode = nz.every((v) => v === Math.ceil(v));
    const p = o.precision;
    const width = (f: (v: number) => string, extra: number) => {
      for (const v of nz) this.maxWidth = Math.max(this.maxWidth, f(v).length + extra);
    };
    const spread = max / min > 1000 || max > 1e8;
    if (this.intMode) {
      this.sciMode = spread;
      if (spread) width((v) => pyExp(v, p), 0);
      else width((v) => pyFixed(v, 0), 1);
    } else {
      this.sciMode = spread || min < 1e-4;
      if (this.sciMode) width((v) => pyExp(v, p), 0);
      else width((v) => pyFixed(v, p), 0);
    }
    if (o.sciMode !== null) this.sciMode = o.sciMode;
  }

  private plain(v: number, dtype: DType): string {
    return dtype === 'bool' ? (v ? 'True' : 'False') : String(v);
  }

  width(): number {
    return this.maxWidth;
  }

  format(v: number, dtype: DType): string {
    let s: string;
    if (!this.floating) s = this.plain(v, dtype);
    else if (this.sciMode) s = pyExp(v, this.o.precision).padStart(this.maxWidth);
    else if (this.intMode) s = pyFixed(v, 0) + (Number.isFinite(v) ? '.' : '');
    else s = pyFixed(v, this.o.precision);
    return s.padStart(this.maxWidth);
  }
}

function tensorStr(x: FormatInput, indent: number, o: TorchPrintOptions): string {
  const { data, shape, dtype } = x;
  const summarise = sizeOf(shape) > o.threshold;
  const fmt = new Formatter(cornerValues(x, o.edgeitems, summarise), dtype, o);
  const strides = stridesOf(shape);
  const edge = o.edgeitems;

  const recurse = (axis: number, offset: number, ind: number): string => {
    const dims = shape.length - axis;
    if (dims === 0) return fmt.format(data[offset]!, dtype);
    const len = shape[axis]!;
    const stride = strides[axis]!;
    const cut = summarise && len > 2 * edge;
    if (dims === 1) {
      const perLine = Math.max(1, Math.floor((o.linewidth - ind) / (fmt.width() + 2)));
      const words: string[] = [];
      if (cut) {
        // `self[-edge:]` keeps the whole row when edge is 0, as in Python.
        const tail = edge > 0 ? len - edge : 0;
        for (let i = 0; i < edge; i++) words.push(fmt.format(data[offset + i * stride]!, dtype));
        words.push(' ...');
        for (let i = tail; i < len; i++) words.push(fmt.format(data[offset + i * stride]!, dtype));
      } else {
        for (let i = 0; i < len; i++) words.push(fmt.format(data[offset + i * stride]!, dtype));
      }
      const lines: string[] = [];
      for (let i = 0; i < words.length; i += perLine) lines.push(words.slice(i, i + perLine).join(', '));
      return `[${lines.join(`,\n${' '.repeat(ind + 1)}`)}]`;
    }
    const slices: string[] = [];
    const kept = keptIndices(len, edge, cut);
    for (const [n, i] of kept.entries()) {
      if (cut && n === edge) slices.push('...');
      slices.push(recurse(axis + 1, offset + i * stride, ind + 1));
    }
    return `[${slices.join(`,${'\n'.repeat(dims - 1)}${' '.repeat(ind + 1)}`)}]`;
  };
  return recurse(0, 0, indent);
}

/** Append suffixes, moving one to its own line when it would pass the line width. */
function addSuffixes(str: string, suffixes: readonly string[], indent: number, linewidth: number): string {
  // PyTorch measures the last line as len - rfind('\n') + 1 (two more than its length).
  let lastLine = str.length - str.lastIndexOf('\n') + 1;
  let out = str;
  for (const suffix of suffixes) {
    if (lastLine + suffix.length + 2 > linewidth) {
      out += `,\n${' '.repeat(indent)}${suffix}`;
      lastLine = indent + suffix.length;
    } else {
      out += `, ${suffix}`;
      lastLine += suffix.length + 2;
    }
  }
  return `${out})`;
}

/** Python `repr(t)` of a strided CPU tensor, e.g. `tensor([0., 1.], requires_grad=True)`. */
export function torchRepr(x: FormatInput, opts: TorchReprOptions = {}): string {
  const { suffixes: extra = [], ...overrides } = opts;
  const o: TorchPrintOptions = { ...current };
  for (const [k, v] of Object.entries(overrides)) if (v !== undefined) (o as any)[k] = v;
  const prefix = 'tensor(';
  const indent = prefix.length;
  const suffixes: string[] = [];
  let body: string;
  if (sizeOf(x.shape) === 0) {
    // Like NumPy, the shape is shown unless it is (0,); the dtype unless it is the default.
    if (x.shape.length !== 1) suffixes.push(`size=${pyTuple(x.shape)}`);
    if (x.dtype !== 'float32') suffixes.push(`dtype=${TORCH_DTYPE[x.dtype]}`);
    body = '[]';
  } else {
    // float32 and bool are implied (as int64 would be; polygrad has no int64).
    if (x.dtype !== 'float32' && x.dtype !== 'bool') suffixes.push(`dtype=${TORCH_DTYPE[x.dtype]}`);
    body = tensorStr(x, indent, o);
  }
  suffixes.push(...extra);
  return addSuffixes(prefix + body, suffixes, indent, o.linewidth);
}
