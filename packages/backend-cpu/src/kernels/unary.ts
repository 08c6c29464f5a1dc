import type { UnaryOp, View } from '@polygrad/core';
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
import { erf, roundHalfEven, sigmoid, sign } from './math.js';

/** One strided row: o[oo + i·os] = f(x[xo + i·xs]) for i < n. Each op has its own loop. */
export type UnaryRow = (n: number, x: Arr, xo: number, xs: number, o: Arr, oo: number, os: number) => void;

const ROWS: Record<UnaryOp, UnaryRow> = {
  neg: (n, x, xo, xs, o, oo, os) => {
    for (let i = 0; i < n; i++, xo += xs, oo += os) o[oo] = -x[xo];
  },
  abs: (n, x, xo, xs, o, oo, os) => {
    for (let i = 0; i < n; i++, xo += xs, oo += os) o[oo] = Math.abs(x[xo]);
  },
  sign: (n, x, xo, xs, o, oo, os) => {
    for (let i = 0; i < n; i++, xo += xs, oo += os) o[oo] = sign(x[xo]);
  },
  exp: (n, x, xo, xs, o, oo, os) => {
    for (let i = 0; i < n; i++, xo += xs, oo += os) o[oo] = Math.exp(x[xo]);
  },
  log: (n, x, xo, xs, o, oo, os) => {
    for (let i = 0; i < n; i++, xo += xs, oo += os) o[oo] = Math.log(x[xo]);
  },
  log1p: (n, x, xo, xs, o, oo, os) => {
    for (let i = 0; i < n; i++, xo += xs, oo += os) o[oo] = Math.log1p(x[xo]);
  },
  expm1: (n, x, xo, xs, o, oo, os) => {
    for (let i = 0; i < n; i++, xo += xs, oo += os) o[oo] = Math.expm1(x[xo]);
  },
  sqrt: (n, x, xo, xs, o, oo, os) => {
    for (let i = 0; i < n; i++, xo += xs, oo += os) o[oo] = Math.sqrt(x[xo]);
  },
  rsqrt: (n, x, xo, xs, o, oo, os) => {
    for (let i = 0; i < n; i++, xo += xs, oo += os) o[oo] = 1 / Math.sqrt(x[xo]);
  },
  square: (n, x, xo, xs, o, oo, os) => {
    for (let i = 0; i < n; i++, xo += xs, oo += os) {
      const v = x[xo];
      o[oo] = v * v;
    }
  },
  reciprocal: (n, x, xo, xs, o, oo, os) => {
    for (let i = 0; i < n; i++, xo += xs, oo += os) o[oo] = 1 / x[xo];
  },
  sin: (n, x, xo, xs, o, oo, os) => {
    for (let i = 0; i < n; i++, xo += xs, oo += os) o[oo] = Math.sin(x[xo]);
  },
  cos: (n, x, xo, xs, o, oo, os) => {
    for (let i = 0; i < n; i++, xo += xs, oo += os) o[oo] = Math.cos(x[xo]);
  },
  tan: (n, x, xo, xs, o, oo, os) => {
    for (let i = 0; i < n; i++, xo += xs, oo += os) o[oo] = Math.tan(x[xo]);
  },
  tanh: (n, x, xo, xs, o, oo, os) => {
    for (let i = 0; i < n; i++, xo += xs, oo += os) o[oo] = Math.tanh(x[xo]);
  },
  sigmoid: (n, x, xo, xs, o, oo, os) => {
    for (let i = 0; i < n; i++, xo += xs, oo += os) o[oo] = sigmoid(x[xo]);
  },
  relu: (n, x, xo, xs, o, oo, os) => {
    // Math.max passes NaN through, as PyTorch's relu does
    for (let i = 0; i < n; i++, xo += xs, oo += os) o[oo] = Math.max(x[xo], 0);
  },
  erf: (n, x, xo, xs, o, oo, os) => {
    for (let i = 0; i < n; i++, xo += xs, oo += os) o[oo] = erf(x[xo]);
  },
  floor: (n, x, xo, xs, o, oo, os) => {
    for (let i = 0; i < n; i++, xo += xs, oo += os) o[oo] = Math.floor(x[xo]);
  },
  ceil: (n, x, xo, xs, o, oo, os) => {
    for (let i = 0; i < n; i++, xo += xs, oo += os) o[oo] = Math.ceil(x[xo]);
  },
  round: (n, x, xo, xs, o, oo, os) => {
    for (let i = 0; i < n; i++, xo += xs, oo += os) o[oo] = roundHalfEven(x[xo]);
  },
  trunc: (n, x, xo, xs, o, oo, os) => {
    for (let i = 0; i < n; i++, xo += xs, oo += os) o[oo] = Math.trunc(x[xo]);
  },
  not: (n, x, xo, xs, o, oo, os) => {
    for (let i = 0; i < n; i++, xo += xs, oo += os) o[oo] = x[xo] === 0 ? 1 : 0;
  },
  isnan: (n, x, xo, xs, o, oo, os) => {
    for (let i = 0; i < n; i++, xo += xs, oo += os) {
      const v = x[xo];
      o[oo] = Number.isNaN(v) ? 1 : 0;
    }
  },
};

/** int32 squares overflow 2^53 in doubles; Math.imul wraps exactly like int32 arithmetic. */
const squareInt: UnaryRow = (n, x, xo, xs, o, oo, os) => {
  for (let i = 0; i < n; i++, xo += xs, oo += os) {
    const v = x[xo];
    o[oo] = Math.imul(v, v);
  }
};

/** Ops whose result is 0/1 already; any other op needs a cast before landing in a bool buffer. */
const BOOL_RESULT = new Set<UnaryOp>(['not', 'isnan']);

export function unary(op: UnaryOp, x: View, out: View): void {
  const size = sizeOfShape(out.shape);
  if (size === 0) return;
  if (out.dtype === 'bool' && !BOOL_RESULT.has(op)) {
    // e.g. relu of a bool: compute in doubles, then cast (nonzero → true)
    const tmp = denseView('float64', new Float64Array(size), out.shape);
    unary(op, x, tmp);
    copy(tmp, out);
    return;
  }
  const row = op === 'square' && out.dtype === 'int32' ? squareInt : ROWS[op];
  const xb = bufferOf(x);
  const ob = bufferOf(out);
  const p = preferLongRows(collapse(out.shape, [x.strides, out.strides]));
  const n = innerLen(p);
  const xs = innerStride(p, 0);
  const os = innerStride(p, 1);
  if (p.shape.length === 1) {
    row(n, xb, x.offset, xs, ob, out.offset, os);
    return;
  }
  eachRow(p, [x.offset, out.offset], (o) => row(n, xb, o[0], xs, ob, o[1], os));
}
