import type { View } from '@polygrad/core';
import {
  type Arr,
  bufferOf,
  collapse,
  eachRow,
  innerLen,
  innerStride,
  preferLongRows,
  sizeOfShape,
} from '../strided.js';

/** Assignment converts to float32/int32 (ToInt32 truncates) but would wrap into a bool byte. */
function toBool(v: number): number {
  return v !== 0 ? 1 : 0; // NaN is truthy, as bool(nan) in PyTorch
}

function copyRow(n: number, x: Arr, xo: number, xs: number, o: Arr, oo: number, os: number): void {
  for (let i = 0; i < n; i++, xo += xs, oo += os) o[oo] = x[xo];
}

function copyRowBool(n: number, x: Arr, xo: number, xs: number, o: Arr, oo: number, os: number): void {
  for (let i = 0; i < n; i++, xo += xs, oo += os) o[oo] = x[xo] !== 0 ? 1 : 0;
}

/** Long dense rows go through TypedArray.set (a memcpy when the types match, a converting loop in C++ otherwise). */
const SET_MIN = 64;

/** out = x elementwise with dtype conversion; out may be a strided window of a larger buffer. */
export function copy(x: View, out: View): void {
  if (sizeOfShape(out.shape) === 0) return;
  const xb = bufferOf(x);
  const ob = bufferOf(out);
  const toBoolean = out.dtype === 'bool' && x.dtype !== 'bool';
  const p = preferLongRows(collapse(out.shape, [x.strides, out.strides]));
  const n = innerLen(p);
  const xs = innerStride(p, 0);
  const os = innerStride(p, 1);
  if (xs === 0 && os === 1 && p.shape.length === 1) {
    const v = xb[x.offset];
    ob.fill(toBoolean ? toBool(v) : v, out.offset, out.offset + n);
    return;
  }
  if (xs === 1 && os === 1 && n >= SET_MIN && !toBoolean) {
    eachRow(p, [x.offset, out.offset], (o) => ob.set(xb.subarray(o[0], o[0] + n), o[1]));
    return;
  }
  const row = toBoolean ? copyRowBool : copyRow;
  if (p.shape.length === 1) {
    row(n, xb, x.offset, xs, ob, out.offset, os);
    return;
  }
  eachRow(p, [x.offset, out.offset], (o) => row(n, xb, o[0], xs, ob, o[1], os));
}

function fillRow(n: number, v: number, o: Arr, oo: number, os: number): void {
  for (let i = 0; i < n; i++, oo += os) o[oo] = v;
}

/** Sets every element of out (contiguous per the Backend contract; strided windows work too). */
export function fill(out: View, value: number): void {
  if (sizeOfShape(out.shape) === 0) return;
  const ob = bufferOf(out);
  const v = out.dtype === 'bool' ? toBool(value) : value;
  const p = preferLongRows(collapse(out.shape, [out.strides]));
  const n = innerLen(p);
  const os = innerStride(p, 0);
  if (p.shape.length === 1 && os === 1) {
    ob.fill(v, out.offset, out.offset + n);
    return;
  }
  eachRow(p, [out.offset], (o) => fillRow(n, v, ob, o[0], os));
}
