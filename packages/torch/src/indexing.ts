/**
 * Python subscripts as a method: `x[0, 1:3, None, ..., idx]` is
 * `x.index(0, '1:3', null, '...', idx)`. Basic indices (numbers, slices, None, Ellipsis)
 * give views; an int index tensor or array selects along its dimension (a copy); a bool
 * mask of the tensor's shape selects elements (read synchronously, like PyTorch's x[mask]).
 */
import * as core from '@polygrad/core';
import * as compat from './compat.js';
import { isTensorLike, type Tensor, type TensorLike, toCoreTensor, wrap } from './tensor.js';

/** Python's slice(start, stop, step). */
export class Slice {
  constructor(
    readonly start: number | null = null,
    readonly stop: number | null = null,
    readonly step: number | null = null,
  ) {}
}

/** slice(stop) or slice(start, stop, step), as in Python. */
export function slice(start?: number | null, stop?: number | null, step?: number | null): Slice {
  return stop === undefined && step === undefined
    ? new Slice(null, start ?? null)
    : new Slice(start, stop, step);
}

export const Ellipsis = '...';
export type Index = number | null | string | Slice | TensorLike | readonly number[];

function parseSlice(s: string): Slice {
  const parts = s.split(':');
  if (parts.length > 3) throw new SyntaxError(`invalid slice '${s}'`);
  const num = (p: string | undefined) => {
    if (p === undefined || p.trim() === '') return null;
    const n = Number(p);
    if (!Number.isInteger(n)) throw new SyntaxError(`invalid slice '${s}'`);
    return n;
  };
  return new Slice(num(parts[0]), num(parts[1]), num(parts[2]));
}

/** How many dimensions of the input an index consumes. */
function consumes(i: Index): number {
  if (i === null || i === Ellipsis) return 0;
  if (isTensorLike(i)) {
    const t = toCoreTensor(i);
    return t.dtype === 'bool' ? Math.max(t.ndim, 1) : 1;
  }
  return 1;
}

export function index(input: TensorLike, ...indices: Index[]): Tensor {
  // Each step makes a handle (views, the negative-index fix-up, reshapes): only the result
  // may outlive the call; the graph keeps what backward needs.
  return wrap(core.tidy(() => indexCore(input, indices)));
}

function indexCore(input: TensorLike, indices: Index[]): core.Tensor {
  let t = toCoreTensor(input);
  const nd = t.ndim;
  if (indices.filter((i) => i === Ellipsis).length > 1) {
    throw new SyntaxError('an index can only have a single ellipsis (...)');
  }
  const advanced = indices.filter((i) => Array.isArray(i) || isTensorLike(i));
  if (advanced.length > 1) {
    throw new RangeError(
      'index(): one index array or tensor per call is supported (PyTorch would combine several elementwise)',
    );
  }
  const used = indices.reduce<number>((n, i) => n + consumes(i), 0);
  if (used > nd) throw new RangeError(`too many indices for tensor of dimension ${nd}`);
  let dim = 0;
  for (const i of indices) {
    if (i === null) {
      t = core.unsqueeze(t, dim++);
    } else if (i === Ellipsis) {
      dim += nd - used;
    } else if (typeof i === 'number') {
      t = compat.select(t, dim, i);
    } else if (typeof i === 'string') {
      if (/^-?\d+$/.test(i.trim())) t = compat.select(t, dim, Number(i));
      else t = sliceAlong(t, dim++, parseSlice(i));
    } else if (i instanceof Slice) {
      t = sliceAlong(t, dim++, i);
    } else {
      const idx = toCoreTensor(i as TensorLike, Array.isArray(i) ? 'int32' : undefined);
      if (idx.dtype === 'bool') {
        if (indices.length !== 1 || idx.shape.join() !== t.shape.join()) {
          throw new RangeError(
            'a boolean mask index must be the only index and have the shape of the tensor',
          );
        }
        return maskedSelect(t, idx);
      }
      if (idx.dtype !== 'int32') throw new TypeError('tensors used as indices must be int32 or bool tensors');
      if (idx.ndim === 0) {
        t = compat.select(t, dim, idx.item() as number);
        continue;
      }
      const n = t.shape[dim];
      // Negative indices count from the end, as in Python.
      const pos = core.where(core.lt(idx, 0), core.add(idx, n), idx);
      const picked = core.indexSelect(t, dim, core.reshape(pos, [pos.size]));
      t = core.reshape(picked, [...t.shape.slice(0, dim), ...idx.shape, ...t.shape.slice(dim + 1)]);
      dim += idx.ndim;
    }
  }
  return t;
}

function sliceAlong(t: core.Tensor, dim: number, s: Slice): core.Tensor {
  if (s.step !== null && s.step <= 0) throw new RangeError('step must be greater than zero');
  return core.slice(t, dim, s.start, s.stop, s.step ?? 1);
}

/** x[mask]: the elements where mask is true, as a 1-d tensor (the count is read back). */
function maskedSelect(t: core.Tensor, mask: core.Tensor): core.Tensor {
  const m = mask.dataSync();
  const picks: number[] = [];
  for (let k = 0; k < m.length; k++) if (m[k]) picks.push(k);
  const flat = core.reshape(t, [t.size]);
  return core.indexSelect(flat, 0, core.tensor(picks, { dtype: 'int32', backend: t.backend }));
}
