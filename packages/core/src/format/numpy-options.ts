/** NumPy 1.x print options (np.set_printoptions), minus `formatter`. */
export interface NumpyPrintOptions {
  /** Digits after the point (default 8). */
  precision: number;
  /** Total elements above which the array is summarised with `...` (default 1000). */
  threshold: number;
  /** Items kept at each end of a summarised axis (default 3). */
  edgeitems: number;
  /** Characters per line before wrapping (default 75). */
  linewidth: number;
  /** Never switch to scientific notation for small values (default false). */
  suppress: boolean;
  floatmode: 'fixed' | 'unique' | 'maxprec' | 'maxprec_equal';
  /** '-' sign only for negatives, '+' always, ' ' a space in place of '+'. */
  sign: '-' | '+' | ' ';
  nanstr: string;
  infstr: string;
  /** '1.13' prints as NumPy 1.13 did (what MXNet 1.x's documentation shows); false (default) does not. */
  legacy: false | '1.13';
}

export const NUMPY_DEFAULTS: Readonly<NumpyPrintOptions> = Object.freeze({
  precision: 8,
  threshold: 1000,
  edgeitems: 3,
  linewidth: 75,
  suppress: false,
  floatmode: 'maxprec',
  sign: '-',
  nanstr: 'nan',
  infstr: 'inf',
  legacy: false,
});

let current: NumpyPrintOptions = { ...NUMPY_DEFAULTS };

/** np.set_printoptions: only the given keys change (`undefined` values are ignored). */
export function setNumpyPrintOptions(opts: Partial<NumpyPrintOptions>): void {
  const next = { ...current };
  for (const [k, v] of Object.entries(opts)) if (v !== undefined) (next as any)[k] = v;
  validate(next);
  current = next;
}

/** np.get_printoptions (a copy). */
export function getNumpyPrintOptions(): NumpyPrintOptions {
  return { ...current };
}

/** Restore NumPy's defaults. */
export function resetNumpyPrintOptions(): void {
  current = { ...NUMPY_DEFAULTS };
}

/** The current options with per-call overrides applied. */
export function resolveNumpyOptions(overrides?: Partial<NumpyPrintOptions>): NumpyPrintOptions {
  if (!overrides) return current;
  const out = { ...current };
  for (const [k, v] of Object.entries(overrides)) if (v !== undefined && k in out) (out as any)[k] = v;
  validate(out);
  return out;
}

function validate(o: NumpyPrintOptions): void {
  if (!['fixed', 'unique', 'maxprec', 'maxprec_equal'].includes(o.floatmode)) {
    throw new Error(`floatmode option must be one of "fixed", "unique", "maxprec", "maxprec_equal"`);
  }
  if (!['-', '+', ' '].includes(o.sign)) throw new Error(`sign option must be one of ' ', '+', or '-'`);
  if (!Number.isInteger(o.precision) || o.precision < 0) throw new Error('precision must be an integer >= 0');
  if (Number.isNaN(o.threshold)) throw new Error('threshold must be non-NAN');
  if (o.legacy !== false && o.legacy !== '1.13')
    throw new RangeError("legacy printing option can currently only be '1.13' or `False`");
}
