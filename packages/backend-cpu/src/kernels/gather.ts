import { shapeStr, type View } from '@polygrad/core';
import { type Arr, bufferOf, collapse, eachRow, innerLen, innerStride, sizeOfShape } from '../strided.js';

/** Throws on the first index outside [0, size) (PyTorch rejects negative indices here too). */
function checkIndices(op: string, index: View, axis: number, size: number, shape: readonly number[]): void {
  const ib = bufferOf(index);
  const p = collapse(index.shape, [index.strides]);
  const n = innerLen(p);
  const is = innerStride(p, 0);
  eachRow(p, [index.offset], (o) => {
    for (let i = 0, io = o[0]; i < n; i++, io += is) {
      const j = ib[io];
      if (!(j >= 0 && j < size)) {
        throw new RangeError(
          `${op}: index ${j} is out of bounds for dimension ${axis} with size ${size} (shape ${shapeStr(shape)})`,
        );
      }
    }
  });
}

/**
 * Walks `shape` with three operands: the dense side (d), the index, and the indexed side
 * (x), whose stride along `axis` is replaced by 0 so the index supplies that coordinate.
 * `row` gets each inner row's start offsets.
 */
function walk(
  shape: readonly number[],
  d: View,
  index: View,
  x: View,
  axis: number,
  row: (n: number, dOff: number, ds: number, iOff: number, is: number, xOff: number, xs: number) => void,
): void {
  const xStrides = x.strides.slice();
  xStrides[axis] = 0;
  const p = collapse(shape, [d.strides, index.strides, xStrides]);
  const n = innerLen(p);
  const [ds, is, xs] = [0, 1, 2].map((k) => innerStride(p, k));
  eachRow(p, [d.offset, index.offset, x.offset], (o) => row(n, o[0], ds, o[1], is, o[2], xs));
}

/** out[..i, j, k..] = x[..i, index[..i, j, k..], k..]; indices must lie in [0, x.shape[axis]). */
export function gather(x: View, index: View, axis: number, out: View): void {
  if (sizeOfShape(out.shape) === 0) return;
  const xb = bufferOf(x);
  const ib = bufferOf(index);
  const ob = bufferOf(out);
  const size = x.shape[axis];
  const step = x.strides[axis];
  const toBool = out.dtype === 'bool' && x.dtype !== 'bool';
  checkIndices('gather', index, axis, size, x.shape);
  walk(out.shape, out, index, x, axis, (n, oo, os, io, is, xo, xs) => {
    if (toBool) {
      for (let i = 0; i < n; i++, oo += os, io += is, xo += xs) ob[oo] = xb[xo + ib[io] * step] !== 0 ? 1 : 0;
    } else {
      for (let i = 0; i < n; i++, oo += os, io += is, xo += xs) ob[oo] = xb[xo + ib[io] * step];
    }
  });
}

function addRow(
  n: number,
  src: Arr,
  so: number,
  ss: number,
  ib: Arr,
  io: number,
  is: number,
  ob: Arr,
  oo: number,
  os: number,
  step: number,
): void {
  for (let i = 0; i < n; i++, so += ss, io += is, oo += os) ob[oo + ib[io] * step] += src[so];
}

/** Logical or: adding into a bool byte would wrap at 256. */
function orRow(
  n: number,
  src: Arr,
  so: number,
  ss: number,
  ib: Arr,
  io: number,
  is: number,
  ob: Arr,
  oo: number,
  os: number,
  step: number,
): void {
  for (let i = 0; i < n; i++, so += ss, io += is, oo += os) if (src[so] !== 0) ob[oo + ib[io] * step] = 1;
}

/**
 * In place: out[..i, index[..i, j, k..], k..] += src[..i, j, k..]. Repeated indices accumulate
 * in iteration order. Indices are validated first, so a bad one leaves out untouched.
 */
export function scatterAdd(out: View, index: View, axis: number, src: View): void {
  if (sizeOfShape(src.shape) === 0) return;
  const sb = bufferOf(src);
  const ib = bufferOf(index);
  const ob = bufferOf(out);
  const size = out.shape[axis];
  const step = out.strides[axis];
  checkIndices('scatterAdd', index, axis, size, out.shape);
  const row = out.dtype === 'bool' ? orRow : addRow;
  walk(src.shape, src, index, out, axis, (n, so, ss, io, is, oo, os) =>
    row(n, sb, so, ss, ib, io, is, ob, oo, os, step),
  );
}
