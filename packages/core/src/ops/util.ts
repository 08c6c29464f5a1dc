import { type Backend, backendInstance, getBackend, type View } from '../backend.js';
import { arrayFor, type DType, isDType, type TypedArray } from '../dtype.js';
import { keep } from '../memory.js';
import { broadcastStrides, ShapeError, shapeStr } from '../shape.js';
import { Storage } from '../storage.js';
import { Tensor } from '../tensor.js';

/** Anything an op accepts where a tensor goes: tensors, JS numbers/booleans, nested arrays, typed arrays. */
export type TensorLike = Tensor | number | boolean | TypedArray | NestedInput;
export type NestedInput = readonly (number | boolean | NestedInput)[];

export class DTypeError extends TypeError {
  override name = 'DTypeError';
}

export function checkDType(d: unknown, op: string): DType {
  if (!isDType(d))
    throw new DTypeError(
      `${op}: unknown dtype ${JSON.stringify(d)} (expected float32, float64, int32 or bool)`,
    );
  return d;
}

/** Infers the shape of nested arrays; ragged input is an error naming the offending position. */
export function inferShape(v: unknown): number[] {
  const shape: number[] = [];
  let cur = v;
  while (Array.isArray(cur) || ArrayBuffer.isView(cur)) {
    const a = cur as ArrayLike<unknown>;
    shape.push(a.length);
    if (a.length === 0) break;
    cur = a[0];
  }
  return shape;
}

export function flattenInto(v: unknown, shape: readonly number[], out: TypedArray): void {
  let k = 0;
  const bool = out instanceof Uint8Array;
  const rec = (x: unknown, d: number, path: string) => {
    if (d === shape.length) {
      if (typeof x !== 'number' && typeof x !== 'boolean') {
        throw new ShapeError(
          `expected a number at ${path || 'top level'} but got ${Array.isArray(x) ? 'a sequence' : typeof x}`,
        );
      }
      out[k++] = bool ? (x ? 1 : 0) : Number(x);
      return;
    }
    const a = x as ArrayLike<unknown>;
    if ((!Array.isArray(x) && !ArrayBuffer.isView(x)) || a.length !== shape[d]) {
      throw new ShapeError(
        `expected sequence of length ${shape[d]} at dim ${d} (got ${Array.isArray(x) || ArrayBuffer.isView(x) ? a.length : typeof x}${path ? ` at ${path}` : ''})`,
      );
    }
    for (let i = 0; i < shape[d]; i++) rec(a[i], d + 1, `${path}[${i}]`);
  };
  rec(v, 0, '');
}

function firstScalar(v: unknown): unknown {
  while (Array.isArray(v) && v.length) v = v[0];
  return v;
}

export function defaultDTypeOf(v: unknown): DType {
  if (v instanceof Float64Array) return 'float64';
  if (v instanceof Int32Array) return 'int32';
  if (v instanceof Uint8Array) return 'bool';
  return typeof firstScalar(v) === 'boolean' ? 'bool' : 'float32';
}

/** A new tensor from JS values (numbers default to float32, booleans to bool). */
export function fromValues(v: Exclude<TensorLike, Tensor>, dtype?: DType, backend?: string): Tensor {
  const d = dtype ?? defaultDTypeOf(v);
  const shape = inferShape(v);
  const t = Tensor.empty(d, shape, backend);
  const size = t.size;
  if (size) {
    const data = arrayFor(d, size);
    flattenInto(v, shape, data);
    t.storage.backend.write(t.storage.buffer, data);
  }
  return t;
}

/** Small cache of 0-d constants, so `x.mul(2)` does not allocate a buffer each time. */
const constants = new Map<string, Map<number | boolean, Tensor>>();
let constantCount = 0;
export function constant(value: number | boolean, dtype: DType, backend: string = getBackend()): Tensor {
  const k = backend + dtype;
  let byValue = constants.get(k);
  if (!byValue) constants.set(k, (byValue = new Map()));
  // -0 and 0 share a Map key; -0 is rare enough not to cache.
  const cacheable = !Object.is(value, -0);
  let t = cacheable ? byValue.get(value) : undefined;
  if (t && !t.disposed) return t;
  if (++constantCount > 512) {
    for (const m of constants.values()) for (const c of m.values()) c.dispose();
    for (const m of constants.values()) m.clear();
    constantCount = 0;
  }
  t = fromValues(typeof value === 'boolean' ? value : [value], dtype, backend);
  if (typeof value !== 'boolean') t = reshapeAlias(t, []);
  keep(t); // cached constants live as long as the cache
  if (cacheable) byValue.set(value, t);
  return t;
}

function reshapeAlias(t: Tensor, shape: number[]): Tensor {
  const a = t.alias(shape, []);
  t.dispose();
  return a;
}

export function isTensor(x: unknown): x is Tensor {
  return x instanceof Tensor;
}

/** Converts a TensorLike to a tensor; JS scalars become cached 0-d constants of `dtype`. */
export function asTensor(x: TensorLike, dtype?: DType, backend?: string): Tensor {
  if (x instanceof Tensor) return x;
  if (typeof x === 'number' || typeof x === 'boolean')
    return constant(x, dtype ?? (typeof x === 'boolean' ? 'bool' : 'float32'), backend);
  return fromValues(x, dtype, backend);
}

/** The backend shared by the inputs; mixing backends is an error. */
export function commonBackend(op: string, ...ts: Tensor[]): string {
  const b = ts[0].backend;
  for (let i = 1; i < ts.length; i++) {
    if (ts[i].backend !== b) {
      throw new Error(
        `${op}: expected all tensors to be on the same backend, but found '${b}' and '${ts[i].backend}'`,
      );
    }
  }
  return b;
}

export function backendOf(t: Tensor): Backend {
  return t.storage.backend;
}

export function empty(dtype: DType, shape: readonly number[], backend: string): Tensor {
  return new Tensor(
    new Storage(
      backendInstance(backend),
      backend,
      dtype,
      shape.reduce((a, b) => a * b, 1),
    ),
    shape,
  );
}

/** The kernel view of t read as if broadcast to `shape`. */
export function viewAs(t: Tensor, shape: readonly number[]): View {
  if (t.shape === shape) return t;
  // A 0-d operand (a JS scalar) reads one element everywhere: shared all-zero strides.
  if (t.ndim === 0) return reshaped(t, shape, zeroStrides(shape.length));
  if (t.shape.length === shape.length && t.shape.every((d, i) => d === shape[i])) return t;
  return reshaped(t, shape, broadcastStrides(t.shape, t.strides, shape));
}

const zeros: number[][] = [];
function zeroStrides(n: number): readonly number[] {
  return (zeros[n] ??= new Array(n).fill(0));
}

export function checkSameShape(op: string, a: readonly number[], b: readonly number[]): void {
  if (a.length !== b.length || a.some((d, i) => d !== b[i])) {
    throw new ShapeError(`${op}: shapes ${shapeStr(a)} and ${shapeStr(b)} do not match`);
  }
}

/** A plain View over v's buffer with another shape (and strides). */
export function reshaped(
  v: View,
  shape: readonly number[],
  strides: readonly number[] = v.strides,
  offset = v.offset,
): View {
  return { buffer: v.buffer, dtype: v.dtype, shape, strides, offset };
}
