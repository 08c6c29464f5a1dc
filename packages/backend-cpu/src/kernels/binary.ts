import type { BinaryOp, View } from '@polygrad/core';
import {
  type Arr,
  bufferOf,
  collapse,
  denseView,
  eachRow,
  innerLen,
  innerStride,
  preferLongRows,
  sizeOfShape,
} from '../strided.js';
import { copy } from './copy.js';

/** One strided row: o[oo + i·os] = f(a[ao + i·as], b[bo + i·bs]) for i < n. */
export type BinaryRow = (
  n: number,
  a: Arr,
  ao: number,
  as: number,
  b: Arr,
  bo: number,
  bs: number,
  o: Arr,
  oo: number,
  os: number,
) => void;

const ROWS: Record<BinaryOp, BinaryRow> = {
  add: (n, a, ao, as, b, bo, bs, o, oo, os) => {
    for (let i = 0; i < n; i++, ao += as, bo += bs, oo += os) o[oo] = a[ao] + b[bo];
  },
  sub: (n, a, ao, as, b, bo, bs, o, oo, os) => {
    for (let i = 0; i < n; i++, ao += as, bo += bs, oo += os) o[oo] = a[ao] - b[bo];
  },
  mul: (n, a, ao, as, b, bo, bs, o, oo, os) => {
    for (let i = 0; i < n; i++, ao += as, bo += bs, oo += os) o[oo] = a[ao] * b[bo];
  },
  // an int32 out truncates toward zero on store (ToInt32), like C integer division
  div: (n, a, ao, as, b, bo, bs, o, oo, os) => {
    for (let i = 0; i < n; i++, ao += as, bo += bs, oo += os) o[oo] = a[ao] / b[bo];
  },
  pow: (n, a, ao, as, b, bo, bs, o, oo, os) => {
    for (let i = 0; i < n; i++, ao += as, bo += bs, oo += os) o[oo] = a[ao] ** b[bo];
  },
  // NaN in either operand wins, as torch.maximum (Math.max would too, but is slower)
  maximum: (n, a, ao, as, b, bo, bs, o, oo, os) => {
    for (let i = 0; i < n; i++, ao += as, bo += bs, oo += os) {
      const x = a[ao];
      const y = b[bo];
      o[oo] = x > y || Number.isNaN(x) ? x : y;
    }
  },
  minimum: (n, a, ao, as, b, bo, bs, o, oo, os) => {
    for (let i = 0; i < n; i++, ao += as, bo += bs, oo += os) {
      const x = a[ao];
      const y = b[bo];
      o[oo] = x < y || Number.isNaN(x) ? x : y;
    }
  },
  atan2: (n, a, ao, as, b, bo, bs, o, oo, os) => {
    for (let i = 0; i < n; i++, ao += as, bo += bs, oo += os) o[oo] = Math.atan2(a[ao], b[bo]);
  },
  eq: (n, a, ao, as, b, bo, bs, o, oo, os) => {
    for (let i = 0; i < n; i++, ao += as, bo += bs, oo += os) o[oo] = a[ao] === b[bo] ? 1 : 0;
  },
  ne: (n, a, ao, as, b, bo, bs, o, oo, os) => {
    for (let i = 0; i < n; i++, ao += as, bo += bs, oo += os) o[oo] = a[ao] !== b[bo] ? 1 : 0;
  },
  lt: (n, a, ao, as, b, bo, bs, o, oo, os) => {
    for (let i = 0; i < n; i++, ao += as, bo += bs, oo += os) o[oo] = a[ao] < b[bo] ? 1 : 0;
  },
  le: (n, a, ao, as, b, bo, bs, o, oo, os) => {
    for (let i = 0; i < n; i++, ao += as, bo += bs, oo += os) o[oo] = a[ao] <= b[bo] ? 1 : 0;
  },
  gt: (n, a, ao, as, b, bo, bs, o, oo, os) => {
    for (let i = 0; i < n; i++, ao += as, bo += bs, oo += os) o[oo] = a[ao] > b[bo] ? 1 : 0;
  },
  ge: (n, a, ao, as, b, bo, bs, o, oo, os) => {
    for (let i = 0; i < n; i++, ao += as, bo += bs, oo += os) o[oo] = a[ao] >= b[bo] ? 1 : 0;
  },
  and: (n, a, ao, as, b, bo, bs, o, oo, os) => {
    for (let i = 0; i < n; i++, ao += as, bo += bs, oo += os) o[oo] = a[ao] !== 0 && b[bo] !== 0 ? 1 : 0;
  },
  or: (n, a, ao, as, b, bo, bs, o, oo, os) => {
    for (let i = 0; i < n; i++, ao += as, bo += bs, oo += os) o[oo] = a[ao] !== 0 || b[bo] !== 0 ? 1 : 0;
  },
};

/** int32 products can exceed 2^53 in doubles and lose the low bits; Math.imul wraps exactly. */
const mulInt: BinaryRow = (n, a, ao, as, b, bo, bs, o, oo, os) => {
  for (let i = 0; i < n; i++, ao += as, bo += bs, oo += os) o[oo] = Math.imul(a[ao], b[bo]);
};

const BOOL_RESULT = new Set<BinaryOp>(['eq', 'ne', 'lt', 'le', 'gt', 'ge', 'and', 'or']);

export function binary(op: BinaryOp, a: View, b: View, out: View): void {
  const size = sizeOfShape(out.shape);
  if (size === 0) return;
  if (out.dtype === 'bool' && !BOOL_RESULT.has(op)) {
    // arithmetic into bool (e.g. add of bools = logical or): compute in doubles, then cast
    const tmp = denseView('float64', new Float64Array(size), out.shape);
    binary(op, a, b, tmp);
    copy(tmp, out);
    return;
  }
  const row = op === 'mul' && out.dtype === 'int32' ? mulInt : ROWS[op];
  const ab = bufferOf(a);
  const bb = bufferOf(b);
  const ob = bufferOf(out);
  const p = preferLongRows(collapse(out.shape, [a.strides, b.strides, out.strides]));
  const n = innerLen(p);
  const as = innerStride(p, 0);
  const bs = innerStride(p, 1);
  const os = innerStride(p, 2);
  if (p.shape.length === 1) {
    row(n, ab, a.offset, as, bb, b.offset, bs, ob, out.offset, os);
    return;
  }
  eachRow(p, [a.offset, b.offset, out.offset], (o) => row(n, ab, o[0], as, bb, o[1], bs, ob, o[2], os));
}

function whereRow(
  n: number,
  c: Arr,
  co: number,
  cs: number,
  a: Arr,
  ao: number,
  as: number,
  b: Arr,
  bo: number,
  bs: number,
  o: Arr,
  oo: number,
  os: number,
): void {
  for (let i = 0; i < n; i++, co += cs, ao += as, bo += bs, oo += os) o[oo] = c[co] !== 0 ? a[ao] : b[bo];
}

/** out = cond ? a : b; cond is read as a number (nonzero is true). */
export function where(cond: View, a: View, b: View, out: View): void {
  const size = sizeOfShape(out.shape);
  if (size === 0) return;
  if (out.dtype === 'bool' && (a.dtype !== 'bool' || b.dtype !== 'bool')) {
    const tmp = denseView('float64', new Float64Array(size), out.shape);
    where(cond, a, b, tmp);
    copy(tmp, out);
    return;
  }
  const cb = bufferOf(cond);
  const ab = bufferOf(a);
  const bb = bufferOf(b);
  const ob = bufferOf(out);
  const p = preferLongRows(collapse(out.shape, [cond.strides, a.strides, b.strides, out.strides]));
  const n = innerLen(p);
  const [cs, as, bs, os] = [0, 1, 2, 3].map((k) => innerStride(p, k));
  eachRow(p, [cond.offset, a.offset, b.offset, out.offset], (o) =>
    whereRow(n, cb, o[0], cs, ab, o[1], as, bb, o[2], bs, ob, o[3], os),
  );
}
