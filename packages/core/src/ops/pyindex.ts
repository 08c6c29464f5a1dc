/**
 * Python subscripts for the facades, which spell `x[0, 1:3, None, ..., idx]` as a method call
 * with one argument per subscript item: `x.index(0, '1:3', null, '...', idx)`.
 *
 * NumPy's rules, with PyTorch's and TensorFlow's differences as a dialect:
 * - basic items (integers, slices, None, Ellipsis) give a view; a negative step (NumPy,
 *   TensorFlow) gives a copy, PyTorch refuses it;
 * - integer arrays and boolean masks (advanced items, not in TensorFlow) select a copy.
 *   Several broadcast together; the selected dimensions replace the advanced items when those
 *   are adjacent, else they go first. In NumPy an integer among arrays counts as a 0-d array
 *   (`x[0, :, [1, 2]]` has shape (2, 3)); PyTorch selects it first (shape (3, 2)).
 * - a boolean mask is read synchronously: its number of true values is the result's size.
 * Gradients flow through the views, slices and index selections.
 */
import { isFloat } from '../dtype.js';
import { CORE_TENSOR, tidy } from '../memory.js';
import { broadcastShapes, sizeOf } from '../shape.js';
import { Tensor } from '../tensor.js';
import { full } from './creation.js';
import { add, mul } from './elementwise.js';
import { indexSelect } from './indexing.js';
import { permute, reshape, select, slice, unsqueeze } from './movement.js';
import { asIndexDType, indicesInRange } from './take.js';
import { asTensor, type NestedInput } from './util.js';

/** Python's `slice(start, stop, step)`. */
export class Slice {
  constructor(
    readonly start: number | null = null,
    readonly stop: number | null = null,
    readonly step: number | null = null,
  ) {}
}

/** Python's `...` as a subscript item. */
export const ELLIPSIS = '...';

/** One subscript item: an integer, a slice ('1:3', '::-1' or a Slice), null (None), '...', or an index array. */
export type PyIndexItem =
  | number
  | string
  | null
  | Slice
  | Tensor
  | NestedInput
  | { readonly [CORE_TENSOR]: Tensor }
  | { readonly start: number | null; readonly stop: number | null; readonly step: number | null };

export type IndexDialect = 'numpy' | 'torch' | 'tf';

export interface PyIndexOptions {
  /** Whose rules and error texts (default 'numpy'); see the module comment. */
  dialect?: IndexDialect;
  /** Float index arrays are cast to int32, truncating (MXNet 1.x NDArray indices are floats), instead of refused. */
  castFloatIndices?: boolean;
}

/** Python's IndexError. */
export class IndexError extends RangeError {
  override name = 'IndexError';
}

/** 'start:stop:step' (any part may be empty) as a Slice; an integer string is not a slice. */
export function parseSlice(s: string): Slice {
  const parts = s.split(':');
  if (parts.length < 2 || parts.length > 3) throw new SyntaxError(`invalid slice '${s}'`);
  const num = (p: string | undefined) => {
    if (p === undefined || p.trim() === '') return null;
    const n = Number(p);
    if (!Number.isInteger(n)) throw new SyntaxError(`invalid slice '${s}'`);
    return n;
  };
  return new Slice(num(parts[0]), num(parts[1]), num(parts[2]));
}

// ---- error texts ------------------------------------------------------------------------------

const TEXT = {
  numpy: {
    tooMany: (nd: number, used: number) =>
      `too many indices for array: array is ${nd}-dimensional, but ${used} were indexed`,
    outOfRange: (i: number, axis: number, n: number) =>
      `index ${i} is out of bounds for axis ${axis} with size ${n}`,
    ellipsis: "an index can only have a single ellipsis ('...')",
    badItem: (_: string) =>
      'only integers, slices (`:`), ellipsis (`...`), numpy.newaxis (`None`) and integer or boolean arrays are valid indices',
    badArray: 'arrays used as indices must be of integer (or boolean) type',
    zeroStep: 'slice step cannot be zero',
    mask: (d: number, n: number, m: number, _k: number, _shape: readonly number[], _ms: readonly number[]) =>
      `boolean index did not match indexed array along dimension ${d}; dimension is ${n} but corresponding boolean dimension is ${m}`,
  },
  torch: {
    tooMany: (nd: number) => `too many indices for tensor of dimension ${nd}`,
    outOfRange: (i: number, axis: number, n: number) =>
      `index ${i} is out of bounds for dimension ${axis} with size ${n}`,
    ellipsis: 'an index can only have a single ellipsis (...)',
    badItem: (kind: string) =>
      `only integers, slices (\`:\`), ellipsis (\`...\`), None and long or byte Variables are valid indices (got ${kind})`,
    badArray: 'tensors used as indices must be long, byte or bool tensors',
    zeroStep: 'step must be greater than zero',
    mask: (d: number, _n: number, _m: number, k: number, shape: readonly number[], ms: readonly number[]) =>
      `The shape of the mask [${ms.join(', ')}] at index ${k} does not match the shape of the indexed tensor [${shape.join(', ')}] at index ${d}`,
  },
  tf: {
    tooMany: (nd: number) => `Index out of range using input dim ${nd}; input has only ${nd} dims`,
    outOfRange: (i: number, axis: number) => `slice index ${i} of dimension ${axis} out of bounds.`,
    ellipsis: 'Multiple ellipses in slice spec not allowed',
    badItem: (kind: string) =>
      `Only integers, slices (\`:\`), ellipsis (\`...\`), tf.newaxis (\`None\`) and scalar tf.int32/tf.int64 tensors are valid indices, got ${kind}`,
    badArray:
      'Only integers, slices (`:`), ellipsis (`...`), tf.newaxis (`None`) and scalar tf.int32/tf.int64 tensors are valid indices',
    zeroStep: 'strides must be non-zero',
    mask: () =>
      'Only integers, slices (`:`), ellipsis (`...`), tf.newaxis (`None`) and scalar tf.int32/tf.int64 tensors are valid indices',
  },
};

// ---- items ------------------------------------------------------------------------------------

type Item =
  | { kind: 'int'; value: number }
  | { kind: 'slice'; s: Slice }
  | { kind: 'none' }
  | { kind: 'ellipsis' }
  | { kind: 'array'; t: Tensor };

function isSliceLike(v: object): v is Slice {
  return v instanceof Slice || ('start' in v && 'stop' in v && 'step' in v && !(CORE_TENSOR in v));
}

function describe(v: unknown): string {
  if (typeof v === 'number') return Number.isInteger(v) ? 'int' : 'float';
  if (typeof v === 'boolean') return 'bool';
  if (typeof v === 'string') return 'str';
  if (Array.isArray(v)) return `[${v.join(', ')}]`;
  return typeof v;
}

function classify(v: PyIndexItem, backend: string, dialect: IndexDialect, castFloat: boolean): Item {
  const text = TEXT[dialect];
  if (v === null) return { kind: 'none' };
  if (typeof v === 'number') {
    if (!Number.isInteger(v)) throw new IndexError(text.badItem(describe(v)));
    return { kind: 'int', value: v };
  }
  if (typeof v === 'string') {
    const s = v.trim();
    if (s === ELLIPSIS) return { kind: 'ellipsis' };
    if (/^[-+]?\d+$/.test(s)) return { kind: 'int', value: Number(s) };
    if (s.includes(':')) return { kind: 'slice', s: parseSlice(s) };
    throw new IndexError(text.badItem(describe(v)));
  }
  if (typeof v === 'object' && !Array.isArray(v) && !ArrayBuffer.isView(v) && !(v instanceof Tensor)) {
    if (isSliceLike(v)) return { kind: 'slice', s: v };
    if (!(CORE_TENSOR in v)) throw new IndexError(text.badItem(describe(v)));
  }
  let t: Tensor;
  if (v instanceof Tensor) t = v;
  else if (typeof v === 'object' && CORE_TENSOR in (v as object))
    t = (v as { [CORE_TENSOR]: Tensor })[CORE_TENSOR];
  else if (Array.isArray(v) || ArrayBuffer.isView(v)) {
    const arr = v as NestedInput;
    const first = firstLeaf(arr);
    t = asTensor(arr, typeof first === 'boolean' ? 'bool' : 'int32', backend);
    if (typeof first === 'number' && flatNumbers(arr).some((n) => !Number.isInteger(n))) {
      if (!castFloat) throw new IndexError(text.badArray);
    }
  } else throw new IndexError(text.badItem(describe(v)));
  if (isFloat(t.dtype)) {
    if (!castFloat) throw new IndexError(text.badArray);
    t = asIndexDType(t);
  }
  // A 0-d integer tensor is an integer (read once).
  if (t.ndim === 0 && t.dtype === 'int32') return { kind: 'int', value: Number(t.item()) };
  if (t.ndim === 0) throw new IndexError(text.badItem('bool'));
  return { kind: 'array', t };
}

function firstLeaf(v: unknown): unknown {
  while ((Array.isArray(v) || ArrayBuffer.isView(v)) && (v as ArrayLike<unknown>).length)
    v = (v as ArrayLike<unknown>)[0];
  return v;
}

function flatNumbers(v: unknown): number[] {
  if (Array.isArray(v) || ArrayBuffer.isView(v))
    return Array.from(v as ArrayLike<unknown>).flatMap(flatNumbers);
  return typeof v === 'number' ? [v] : [];
}

/** How many dimensions of the input an item consumes. */
const consumes = (i: Item) =>
  i.kind === 'none' || i.kind === 'ellipsis' ? 0 : i.kind === 'array' && i.t.dtype === 'bool' ? i.t.ndim : 1;

/** Whether every item is basic (integers, slices, None, Ellipsis): the result is then a view, unless a step is negative. */
export function isBasicIndex(indices: readonly PyIndexItem[]): boolean {
  return indices.every(
    (v) =>
      v === null ||
      typeof v === 'number' ||
      typeof v === 'string' ||
      (typeof v === 'object' && !Array.isArray(v) && !ArrayBuffer.isView(v) && isSliceLike(v as object)),
  );
}

// ---- indexing ---------------------------------------------------------------------------------

/** Python's slice.indices(n) for a step < 0, as the list of positions it visits. */
function negativeStepPositions(s: Slice, n: number, step: number): number[] {
  const clamp = (v: number) => Math.min(Math.max(v < 0 ? v + n : v, -1), n - 1);
  const start = s.start === null ? n - 1 : clamp(s.start);
  const stop = s.stop === null ? -1 : clamp(s.stop);
  const out: number[] = [];
  for (let i = start; i > stop; i += step) out.push(i);
  return out;
}

function sliceAlong(t: Tensor, dim: number, s: Slice, dialect: IndexDialect): Tensor {
  const step = s.step ?? 1;
  const text = TEXT[dialect];
  if (!Number.isInteger(step))
    throw new TypeError(`slice indices must be integers or None (got step ${step})`);
  if (step === 0) throw new RangeError(text.zeroStep);
  if (step > 0) return slice(t, dim, s.start, s.stop, step);
  if (dialect === 'torch') throw new RangeError(text.zeroStep);
  const positions = negativeStepPositions(s, t.shape[dim], step);
  return indexSelect(t, dim, asTensor(Int32Array.from(positions), 'int32', t.backend));
}

/** An advanced item after the basic pass: int32 positions into `span` consecutive dims of t. */
interface Advanced {
  dim: number;
  span: number;
  /** Flat positions within the span (negative ones already counted from the end). */
  index: Tensor;
}

/** Checks int indices against size n and counts negatives from the end. */
function inRange(idx: Tensor, n: number, axis: number, dialect: IndexDialect): Tensor {
  return indicesInRange(idx, n, axis, 'index', {
    outOfRange: (i) => new IndexError(TEXT[dialect].outOfRange(i, axis, n)),
  });
}

/** The true positions of a bool mask, as flat int32 positions within its dims. */
function maskPositions(mask: Tensor): Tensor {
  const m = mask.dataSync();
  const picks: number[] = [];
  for (let k = 0; k < m.length; k++) if (m[k]) picks.push(k);
  return asTensor(Int32Array.from(picks), 'int32', mask.backend);
}

/**
 * `x[items...]` under Python's rules (see the module comment). Only the result outlives the
 * call: the steps' own handles are freed, the graph keeps what backward needs.
 */
export function pyIndex(x: Tensor, indices: readonly PyIndexItem[], opts: PyIndexOptions = {}): Tensor {
  return tidy(() => indexImpl(x, indices, opts));
}

function indexImpl(x: Tensor, indices: readonly PyIndexItem[], opts: PyIndexOptions): Tensor {
  const dialect = opts.dialect ?? 'numpy';
  const text = TEXT[dialect];
  const items = indices.map((v) => classify(v, x.backend, dialect, opts.castFloatIndices ?? false));
  if (items.filter((i) => i.kind === 'ellipsis').length > 1) throw new IndexError(text.ellipsis);
  const hasArray = items.some((i) => i.kind === 'array');
  if (hasArray && dialect === 'tf') {
    const k = items.findIndex((i) => i.kind === 'array');
    const v = indices[k];
    throw new TypeError(text.badItem(Array.isArray(v) ? describe(v) : 'a tensor of indices'));
  }
  const nd = x.ndim;
  const used = items.reduce((n, i) => n + consumes(i), 0);
  if (used > nd) throw new IndexError(text.tooMany(nd, used));
  // NumPy: among arrays, integers are 0-d arrays (advanced); alone (or in PyTorch) they select.
  const intsAdvanced = hasArray && dialect === 'numpy';

  // Basic pass: slices, None and selecting integers; advanced items keep their dims for now.
  let t = x;
  let dim = 0; // in t
  let axis = 0; // in x, for error texts
  const adv: Advanced[] = [];
  for (const it of items) {
    if (it.kind === 'none') t = unsqueeze(t, dim++);
    else if (it.kind === 'ellipsis') {
      dim += nd - used;
      axis += nd - used;
    } else if (it.kind === 'slice') {
      t = sliceAlong(t, dim++, it.s, dialect);
      axis++;
    } else if (it.kind === 'int') {
      const n = t.shape[dim];
      if (it.value < -n || it.value >= n) throw new IndexError(text.outOfRange(it.value, axis, n));
      axis++;
      if (intsAdvanced) {
        const i = it.value < 0 ? it.value + n : it.value;
        adv.push({ dim: dim++, span: 1, index: full([], i, { dtype: 'int32', backend: t.backend }) });
      } else t = select(t, dim, it.value);
    } else if (it.t.dtype === 'bool') {
      const ms = it.t.shape;
      for (let k = 0; k < ms.length; k++) {
        if (ms[k] !== t.shape[dim + k]) {
          throw new IndexError(text.mask(axis + k, t.shape[dim + k], ms[k], k, x.shape, ms));
        }
      }
      adv.push({ dim, span: ms.length, index: maskPositions(it.t) });
      dim += ms.length;
      axis += ms.length;
    } else {
      if (it.t.dtype !== 'int32') throw new IndexError(text.badArray);
      adv.push({ dim, span: 1, index: inRange(it.t, t.shape[dim], axis, dialect) });
      dim++;
      axis++;
    }
  }
  if (!adv.length) return t;
  return advancedIndex(t, adv);
}

/**
 * Gathers the advanced items: their dims are merged into one (moved to the front first when the
 * items are not adjacent), the broadcast positions combined into flat positions along it, and
 * one index selection picks them; the merged dim becomes the broadcast shape.
 */
function advancedIndex(t: Tensor, adv: Advanced[]): Tensor {
  const shapeB = adv.map((a) => a.index.shape).reduce((s, q) => broadcastShapes(s, q, 'index'));
  const advDims = adv.flatMap((a) => Array.from({ length: a.span }, (_, k) => a.dim + k));
  const adjacent = advDims.every((d, k) => k === 0 || d === advDims[k - 1] + 1);
  let src = t;
  let first = advDims[0];
  if (!adjacent) {
    const rest = t.shape.map((_, i) => i).filter((i) => !advDims.includes(i));
    src = permute(t, [...advDims, ...rest]);
    first = 0;
  }
  let at = first;
  const sizes = adv.map((a) => sizeOf(src.shape.slice(at, (at += a.span))));
  const merged = sizeOf(sizes);
  const pre = src.shape.slice(0, first);
  const post = src.shape.slice(first + advDims.length);
  // Flat position in the merged dim: Σ index_k · (product of the later items' sizes).
  let flat: Tensor | null = null;
  let stride = 1;
  for (let k = adv.length - 1; k >= 0; k--) {
    const term = stride === 1 ? adv[k].index : mul(adv[k].index, stride);
    flat = flat === null ? term : add(term, flat);
    stride *= sizes[k];
  }
  // The terms broadcast as they are added, so the positions have the broadcast shape.
  const positions = reshape(flat as Tensor, [-1]);
  const picked = indexSelect(reshape(src, [...pre, merged, ...post]), first, positions);
  return reshape(picked, [...pre, ...shapeB, ...post]);
}
