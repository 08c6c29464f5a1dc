/**
 * Sorting: argsort, sort and topk. The permutation is computed on the host where the backend
 * reads synchronously (CPU, WASM): a stable sort of each row, O(n log n). The Backend
 * interface has no sort kernel (it stays small); an asynchronous-only backend (WebGPU in a
 * browser) ranks by comparing every pair along the axis instead, with ops (O(n²) memory per row).
 * Both order NaN as the largest value (PyTorch) and keep equal values in their order (stable).
 */
import { withRecorders } from '../autograd/recorders.js';
import { arrayFor } from '../dtype.js';
import { tidy } from '../memory.js';
import { normAxis } from '../shape.js';
import type { Tensor } from '../tensor.js';
import { arange, zeros } from './creation.js';
import { cast, eq, gt, isnan, logicalAnd, logicalNot, logicalOr, lt } from './elementwise.js';
import { scatterAdd } from './indexing.js';
import { contiguous, expand, narrow, reshape, transpose, unsqueeze } from './movement.js';
import { sum } from './reduce.js';
import { takeAlong } from './take-along.js';
import { asTensor, empty, type TensorLike } from './util.js';

export interface SortOptions {
  /** Largest first (NaN first too). */
  descending?: boolean;
}

/** The int32 permutation that sorts x along axis (stable; NaN last, or first when descending). */
export function argsort(x: TensorLike, axis = -1, opts: SortOptions = {}): Tensor {
  const t = asTensor(x);
  const a = normAxis(axis, t.ndim, 'sort');
  if (t.ndim === 0) return zeros([], { dtype: 'int32', backend: t.backend });
  const descending = opts.descending ?? false;
  return t.storage.backend.readSync ? hostPermutation(t, a, descending) : rankPermutation(t, a, descending);
}

/**
 * argsort by ranking with ops (O(n²) memory per row): what `argsort` does on a backend that
 * cannot read synchronously; exported so the suites can check it against the host sort.
 */
export function argsortByComparison(x: TensorLike, axis = -1, opts: SortOptions = {}): Tensor {
  const t = asTensor(x);
  const a = normAxis(axis, t.ndim, 'sort');
  if (t.ndim === 0) return zeros([], { dtype: 'int32', backend: t.backend });
  return rankPermutation(t, a, opts.descending ?? false);
}

/** [values, indices] sorted along axis; the values are one SortBackward0 node. */
export function sort(x: TensorLike, axis = -1, opts: SortOptions = {}): [Tensor, Tensor] {
  const t = asTensor(x);
  const a = normAxis(axis, t.ndim, 'sort');
  const idx = argsort(t, a, opts);
  return [takeAlong(t, a, idx, { name: 'SortBackward0' }), idx];
}

export interface TopkOptions {
  /** The k largest (default) or the k smallest. */
  largest?: boolean;
}

/** [values, indices] of the k largest (or smallest) along axis, in sorted order (TopkBackward0). */
export function topk(x: TensorLike, k: number, axis = -1, opts: TopkOptions = {}): [Tensor, Tensor] {
  const t = asTensor(x);
  const a = normAxis(axis, t.ndim, 'topk');
  const n = t.ndim === 0 ? 1 : t.shape[a];
  if (!Number.isInteger(k) || k < 0 || k > n) throw new RangeError('selected index k out of range');
  if (t.ndim === 0) {
    const idx = zeros([], { dtype: 'int32', backend: t.backend });
    return [takeAlong(t, 0, idx, { name: 'TopkBackward0' }), idx];
  }
  const idx = tidy(() => contiguous(narrow(argsort(t, a, { descending: opts.largest ?? true }), a, 0, k)));
  return [takeAlong(t, a, idx, { name: 'TopkBackward0' }), idx];
}

/** Ascending with NaN last; descending with NaN first; equal values keep their order. */
function compare(descending: boolean): (p: number, q: number) => number {
  const nanLast = (p: number, q: number) => {
    const np = Number.isNaN(p);
    const nq = Number.isNaN(q);
    if (np || nq) return np === nq ? 0 : np ? 1 : -1;
    return 0;
  };
  return descending
    ? (p, q) => nanLast(q, p) || (p > q ? -1 : p < q ? 1 : 0)
    : (p, q) => nanLast(p, q) || (p < q ? -1 : p > q ? 1 : 0);
}

/** The permutation sorted on the host, row by row (Array.prototype.sort is stable). */
function hostPermutation(t: Tensor, a: number, descending: boolean): Tensor {
  const data = t.dataSync();
  const n = t.shape[a];
  const inner = t.shape.slice(a + 1).reduce((p, d) => p * d, 1);
  const outer = n * inner === 0 ? 0 : data.length / (n * inner);
  const out = arrayFor('int32', data.length);
  const cmp = compare(descending);
  const order = Array.from({ length: n }, (_, j) => j);
  const row = new Float64Array(n);
  for (let o = 0; o < outer; o++) {
    for (let i = 0; i < inner; i++) {
      const base = o * n * inner + i;
      for (let j = 0; j < n; j++) {
        row[j] = data[base + j * inner];
        order[j] = j;
      }
      order.sort((p, q) => cmp(row[p], row[q]));
      for (let j = 0; j < n; j++) out[base + j * inner] = order[j];
    }
  }
  const perm = empty('int32', t.shape, t.backend);
  if (out.length) perm.storage.backend.write(perm.storage.buffer, out);
  return perm;
}

/**
 * The permutation by ranking with ops, for backends that cannot read synchronously: element
 * i's rank is the number of elements that sort before it, and it goes to that position.
 */
function rankPermutation(x: Tensor, a: number, descending: boolean): Tensor {
  return withRecorders([], () =>
    tidy(() => {
      const v = transpose(x, a, -1);
      const n = v.shape[v.ndim - 1];
      const xi = unsqueeze(v, -1); // [..., n, 1]: the element being ranked
      const xj = unsqueeze(v, -2); // [..., 1, n]: the elements it is compared with
      const nanI = isnan(xi);
      const nanJ = isnan(xj);
      const ar = arange(n, undefined, 1, { dtype: 'int32', backend: x.backend });
      const earlier = lt(reshape(ar, [1, n]), reshape(ar, [n, 1])); // j < i
      const strict = descending
        ? logicalOr(gt(xj, xi), logicalAnd(nanJ, logicalNot(nanI)))
        : logicalOr(lt(xj, xi), logicalAnd(nanI, logicalNot(nanJ)));
      const same = logicalOr(eq(xj, xi), logicalAnd(nanI, nanJ));
      const before = logicalOr(strict, logicalAnd(same, earlier));
      const rank = sum(cast(before, 'int32'), -1);
      const src = contiguous(expand(ar, rank.shape));
      const perm = scatterAdd(zeros(rank.shape, { dtype: 'int32', backend: x.backend }), -1, rank, src);
      return contiguous(transpose(perm, a, -1));
    }),
  );
}
