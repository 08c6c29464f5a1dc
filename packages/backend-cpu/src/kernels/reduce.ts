import { type ReduceOp, shapeStr, type View } from '@polygrad/core';
import {
  type Arr,
  bufferOf,
  collapse,
  denseStrides,
  denseView,
  eachRow,
  innerLen,
  innerStride,
  preferLongRows,
  sizeOfShape,
} from '../strided.js';
import { copy, fill } from './copy.js';

/*
 * A reduction walks x in its own memory order and folds each element into an accumulator
 * laid out like out, which x's walk sees with stride 0 along the reduced axes. So reducing a
 * contiguous inner axis is a scalar loop and reducing an outer axis is a vector loop over
 * rows of the accumulator: both stream through x once. Because every output's elements are
 * visited in increasing index order, sums are exactly the sequential sum and arg* find the
 * first occurrence.
 *
 * A row: elements x[xo + i·xs] for i < n fold into acc[ao + i·as]; arg* also track the
 * reduced index r (stride rs) into idx.
 */
type Row = (
  n: number,
  x: Arr,
  xo: number,
  xs: number,
  acc: Arr,
  ao: number,
  as: number,
  idx: Int32Array,
  r: number,
  rs: number,
) => void;

/** [row whose accumulator stride is 0 (keeps the running value in a local), general row]. */
type RowPair = readonly [Row, Row];

const SUM: RowPair = [
  (n, x, xo, xs, acc, ao) => {
    let s = acc[ao];
    for (let i = 0; i < n; i++, xo += xs) s += x[xo];
    acc[ao] = s;
  },
  (n, x, xo, xs, acc, ao, as) => {
    for (let i = 0; i < n; i++, xo += xs, ao += as) acc[ao] += x[xo];
  },
];

const PROD: RowPair = [
  (n, x, xo, xs, acc, ao) => {
    let s = acc[ao];
    for (let i = 0; i < n; i++, xo += xs) s *= x[xo];
    acc[ao] = s;
  },
  (n, x, xo, xs, acc, ao, as) => {
    for (let i = 0; i < n; i++, xo += xs, ao += as) acc[ao] *= x[xo];
  },
];

/** int32 products wrap exactly with Math.imul; doubles would lose the low bits past 2^53. */
const PROD_INT: RowPair = [
  (n, x, xo, xs, acc, ao) => {
    let s = acc[ao];
    for (let i = 0; i < n; i++, xo += xs) s = Math.imul(s, x[xo]);
    acc[ao] = s;
  },
  (n, x, xo, xs, acc, ao, as) => {
    for (let i = 0; i < n; i++, xo += xs, ao += as) acc[ao] = Math.imul(acc[ao], x[xo]);
  },
];

// max/min: once the running value is NaN nothing replaces it (NaN propagates, as in torch)
const MAX: RowPair = [
  (n, x, xo, xs, acc, ao) => {
    let m = acc[ao];
    for (let i = 0; i < n; i++, xo += xs) {
      const v = x[xo];
      if (v > m || Number.isNaN(v)) m = v;
    }
    acc[ao] = m;
  },
  (n, x, xo, xs, acc, ao, as) => {
    for (let i = 0; i < n; i++, xo += xs, ao += as) {
      const v = x[xo];
      if (v > acc[ao] || Number.isNaN(v)) acc[ao] = v;
    }
  },
];

const MIN: RowPair = [
  (n, x, xo, xs, acc, ao) => {
    let m = acc[ao];
    for (let i = 0; i < n; i++, xo += xs) {
      const v = x[xo];
      if (v < m || Number.isNaN(v)) m = v;
    }
    acc[ao] = m;
  },
  (n, x, xo, xs, acc, ao, as) => {
    for (let i = 0; i < n; i++, xo += xs, ao += as) {
      const v = x[xo];
      if (v < acc[ao] || Number.isNaN(v)) acc[ao] = v;
    }
  },
];

// arg*: replace when strictly better or the first NaN; a NaN best is never replaced.
// The best starts at ∓Infinity with index 0, so an all-(∓Infinity) slice answers 0.
const ARGMAX: RowPair = [
  (n, x, xo, xs, acc, ao, _as, idx, r, rs) => {
    let b = acc[ao];
    let k = idx[ao];
    for (let i = 0; i < n; i++, xo += xs, r += rs) {
      const v = x[xo];
      if (!(v <= b) && !Number.isNaN(b)) {
        b = v;
        k = r;
      }
    }
    acc[ao] = b;
    idx[ao] = k;
  },
  (n, x, xo, xs, acc, ao, as, idx, r, rs) => {
    for (let i = 0; i < n; i++, xo += xs, ao += as, r += rs) {
      const v = x[xo];
      const b = acc[ao];
      if (!(v <= b) && !Number.isNaN(b)) {
        acc[ao] = v;
        idx[ao] = r;
      }
    }
  },
];

const ARGMIN: RowPair = [
  (n, x, xo, xs, acc, ao, _as, idx, r, rs) => {
    let b = acc[ao];
    let k = idx[ao];
    for (let i = 0; i < n; i++, xo += xs, r += rs) {
      const v = x[xo];
      if (!(v >= b) && !Number.isNaN(b)) {
        b = v;
        k = r;
      }
    }
    acc[ao] = b;
    idx[ao] = k;
  },
  (n, x, xo, xs, acc, ao, as, idx, r, rs) => {
    for (let i = 0; i < n; i++, xo += xs, ao += as, r += rs) {
      const v = x[xo];
      const b = acc[ao];
      if (!(v >= b) && !Number.isNaN(b)) {
        acc[ao] = v;
        idx[ao] = r;
      }
    }
  },
];

const ROWS: Record<ReduceOp, RowPair> = {
  sum: SUM,
  prod: PROD,
  max: MAX,
  min: MIN,
  argmax: ARGMAX,
  argmin: ARGMIN,
};

const INIT: Record<ReduceOp, number> = {
  sum: 0,
  prod: 1,
  max: -Infinity,
  min: Infinity,
  argmax: -Infinity,
  argmin: Infinity,
};

export function reduce(op: ReduceOp, x: View, axes: readonly number[], out: View): void {
  const shape = x.shape;
  const isArg = op === 'argmax' || op === 'argmin';
  const reduced = new Array<boolean>(shape.length).fill(false);
  for (const a of axes) reduced[a] = true;
  const rshape = shape.filter((_, d) => reduced[d]);
  const rsize = sizeOfShape(rshape);
  if (rsize === 0 && op !== 'sum' && op !== 'prod') {
    throw new Error(
      `${op}: the reduction of an empty tensor has no identity (input shape ${shapeStr(shape)}, reduced dims ${shapeStr(axes)} have size 0)`,
    );
  }
  const outSize = sizeOfShape(out.shape);
  if (outSize === 0) return;
  if (axes.length === 0) {
    // every element is its own one-element reduction
    if (isArg) fill(out, 0);
    else copy(x, out);
    return;
  }
  if (rsize === 0) {
    fill(out, INIT[op]);
    return;
  }

  const intProd = op === 'prod' && out.dtype === 'int32';
  const acc: Arr = intProd ? new Int32Array(outSize) : new Float64Array(outSize);
  if (INIT[op] !== 0) acc.fill(INIT[op]);
  const idx = new Int32Array(isArg ? outSize : 0);

  // accumulator and reduced-index strides, expressed along x's dimensions
  const keptStrides = denseStrides(shape.filter((_, d) => !reduced[d]));
  const redStrides = denseStrides(rshape);
  const accStrides: number[] = [];
  const rStrides: number[] = [];
  for (let d = 0, kd = 0, rd = 0; d < shape.length; d++) {
    accStrides.push(reduced[d] ? 0 : keptStrides[kd++]);
    rStrides.push(reduced[d] ? redStrides[rd++] : 0);
  }

  const pair = intProd ? PROD_INT : ROWS[op];
  const xb = bufferOf(x);
  const full = collapse(shape, isArg ? [x.strides, accStrides, rStrides] : [x.strides, accStrides]);
  // reordering two reduced dims would change each output's visiting order; otherwise it is free
  const acs = full.strides[1];
  const p =
    acs.length >= 2 && (acs[acs.length - 1] !== 0 || acs[acs.length - 2] !== 0) ? preferLongRows(full) : full;
  const n = innerLen(p);
  const xs = innerStride(p, 0);
  const as = innerStride(p, 1);
  const rs = isArg ? innerStride(p, 2) : 0;
  const row = as === 0 ? pair[0] : pair[1];
  eachRow(p, isArg ? [x.offset, 0, 0] : [x.offset, 0], (o) =>
    row(n, xb, o[0], xs, acc, o[1], as, idx, isArg ? o[2] : 0, rs),
  );

  const result = isArg
    ? denseView('int32', idx, out.shape)
    : denseView(intProd ? 'int32' : 'float64', acc, out.shape);
  copy(result, out);
}
