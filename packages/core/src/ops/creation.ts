import { record } from '../autograd/record.js';
import { getBackend } from '../backend.js';
import { arrayFor, type DType, type TypedArray } from '../dtype.js';
import type { Tensor } from '../tensor.js';
import { asTensor, checkDType, empty, fromValues, type TensorLike } from './util.js';

export interface CreateOptions {
  dtype?: DType;
  backend?: string;
}

/** A new tensor from nested arrays, numbers, booleans or typed arrays (always a copy). */
export function tensor(values: TensorLike, opts: CreateOptions = {}): Tensor {
  if (opts.dtype !== undefined) checkDType(opts.dtype, 'tensor');
  if (typeof values === 'number' || typeof values === 'boolean') {
    const t = fromValues(
      [values] as number[],
      opts.dtype ?? (typeof values === 'boolean' ? 'bool' : 'float32'),
      opts.backend,
    );
    const s = t.alias([], []);
    t.dispose();
    return s;
  }
  if (typeof values === 'object' && 'storage' in values) {
    const t = values as Tensor;
    const c = t.contiguousCopy(opts.dtype ?? t.dtype);
    return c;
  }
  return fromValues(values, opts.dtype, opts.backend);
}

function checkShape(shape: readonly number[], op: string): void {
  for (const d of shape) {
    if (!Number.isInteger(d) || d < 0)
      throw new RangeError(`${op}(): negative or non-integer dimension ${d} in shape [${shape.join(', ')}]`);
  }
}

export function full(shape: readonly number[], value: number | boolean, opts: CreateOptions = {}): Tensor {
  checkShape(shape, 'full');
  const dtype = opts.dtype ? checkDType(opts.dtype, 'full') : typeof value === 'boolean' ? 'bool' : 'float32';
  const t = empty(dtype, shape, opts.backend ?? getBackend());
  if (t.size) t.storage.backend.fill(t.view, Number(value));
  return t;
}

export const zeros = (shape: readonly number[], opts: CreateOptions = {}) => full(shape, 0, opts);
export const ones = (shape: readonly number[], opts: CreateOptions = {}) => full(shape, 1, opts);

export function fullLike(x: TensorLike, value: number | boolean, opts: CreateOptions = {}): Tensor {
  const t = asTensor(x);
  return full(t.shape, value, { dtype: opts.dtype ?? t.dtype, backend: opts.backend ?? t.backend });
}
export const zerosLike = (x: TensorLike, opts: CreateOptions = {}) => fullLike(x, 0, opts);
export const onesLike = (x: TensorLike, opts: CreateOptions = {}) => fullLike(x, 1, opts);

function fromArray(values: number[], dtype: DType, backend?: string): Tensor {
  const data = arrayFor(dtype, values.length);
  data.set(values);
  const t = empty(dtype, [values.length], backend ?? getBackend());
  if (values.length) t.storage.backend.write(t.storage.buffer, data);
  return t;
}

/** [start, end) by step; float32 unless a dtype is given. */
export function arange(start: number, end?: number, step = 1, opts: CreateOptions = {}): Tensor {
  if (end === undefined) [start, end] = [0, start];
  if (step === 0) throw new RangeError('arange(): step must be nonzero');
  const n = Math.max(0, Math.ceil((end - start) / step));
  const vals = Array.from({ length: n }, (_, i) => start + i * step);
  return fromArray(vals, opts.dtype ?? 'float32', opts.backend);
}

/** `steps` evenly spaced values from start to end inclusive. */
export function linspace(start: number, end: number, steps: number, opts: CreateOptions = {}): Tensor {
  if (!Number.isInteger(steps) || steps < 0)
    throw new RangeError(`linspace(): number of steps must be non-negative (got ${steps})`);
  const step = steps > 1 ? (end - start) / (steps - 1) : 0;
  // Symmetric fill from both ends, as PyTorch does, so the last value is exactly `end`.
  const half = Math.floor(steps / 2);
  const vals = Array.from({ length: steps }, (_, i) =>
    i < half ? start + i * step : end - (steps - 1 - i) * step,
  );
  return fromArray(vals, opts.dtype ?? 'float32', opts.backend);
}

export interface EyeOptions extends CreateOptions {
  /** The diagonal: 0 the main one, k > 0 above it, k < 0 below (NumPy's k). */
  k?: number;
}

/** n×m with ones on the k-th diagonal. */
export function eye(n: number, m: number = n, opts: EyeOptions = {}): Tensor {
  checkShape([n, m], 'eye');
  const dtype = opts.dtype ?? 'float32';
  const k = opts.k ?? 0;
  if (!Number.isInteger(k)) throw new RangeError(`eye(): k must be an integer (got ${k})`);
  const data = arrayFor(dtype, n * m);
  for (let i = Math.max(0, -k); i < n && i + k < m; i++) data[i * m + i + k] = 1;
  const t = empty(dtype, [n, m], opts.backend ?? getBackend());
  if (data.length) t.storage.backend.write(t.storage.buffer, data);
  return t;
}

/**
 * A copy of x on another backend (a device move), differentiable: the gradient moves
 * back. Synchronous, so the source backend must read synchronously (CPU, WASM);
 * use `toBackendAsync` from an asynchronous one (WebGPU).
 */
export function toBackend(x: TensorLike, backend: string): Tensor {
  const t = asTensor(x);
  if (t.backend === backend) return t;
  const out = writeTo(t.dataSync(), t, backend);
  const from = t.backend;
  record('ToCopyBackward0', [t], out, ([g]) => [toBackend(g, from)]);
  return out;
}

export async function toBackendAsync(x: TensorLike, backend: string): Promise<Tensor> {
  const t = asTensor(x);
  if (t.backend === backend) return t;
  const out = writeTo(await t.data(), t, backend);
  const from = t.backend;
  record('ToCopyBackward0', [t], out, ([g]) => [toBackend(g, from)]);
  return out;
}

function writeTo(data: TypedArray, t: Tensor, backend: string): Tensor {
  const out = empty(t.dtype, t.shape, backend);
  if (t.size) out.storage.backend.write(out.storage.buffer, data);
  return out;
}
