/**
 * Creation ops: constant, convert_to_tensor, range, ones, zeros, fill, ones_like, zeros_like,
 * eye, linspace. JavaScript cannot tell `4` from `4.0`, so numeric literals are float32
 * (pass `{ dtype: tf.int32 }`); `tf.range` of integers is int32, as in TensorFlow.
 */
import * as core from '@polygrad/core';
import { shapeArg } from './args.js';
import { currentBackend } from './device.js';
import { type DTypeLike, toCoreDType } from './dtypes.js';
import { isTensorLike, type Tensor, type TensorLike, toCore, valueCore, wrap } from './tensor.js';

type Rest = unknown[];
const dt = (d: unknown, op: string) => toCoreDType(d as DTypeLike | undefined, op);

/** `tf.constant(value, dtype?, shape?)`: a new tensor (a tensor argument is returned as is, or cast). */
export function constant(value: TensorLike, ...rest: Rest): Tensor {
  const a = core.pyArgs('constant', [value, ...rest], ['value', 'dtype', 'shape', 'name', 'verifyShape']);
  const dtype = dt(a.dtype, 'constant');
  let t: core.Tensor;
  if (isTensorLike(a.value)) {
    const src = valueCore(a.value);
    t = core.cast(src, dtype ?? src.dtype);
  } else {
    t = core.tensor(a.value, { dtype, backend: currentBackend() });
  }
  if (a.shape !== undefined && a.shape !== null) {
    const shape = shapeArg(a.shape);
    const size = shape.reduce((p, d) => p * d, 1);
    if (t.size === 1 && size !== 1) t = core.contiguous(core.expand(core.reshape(t, []), shape));
    else if (t.size === size) t = core.reshape(t, shape);
    else {
      throw new core.ShapeError(
        `Eager execution of tf.constant with unsupported shape. Tensor of shape (${t.shape.join(', ')}) has ${t.size} elements, but got \`shape\` (${shape.join(', ')}) with ${size} elements.`,
      );
    }
  }
  return wrap(t);
}

/** `tf.convert_to_tensor(value, dtype?)`: tensors pass through (cast if a dtype is given). */
export function convertToTensor(value: TensorLike, ...rest: Rest): Tensor {
  const a = core.pyArgs('convert_to_tensor', [value, ...rest], ['value', 'dtype', 'dtypeHint', 'name']);
  return constant(a.value, { dtype: a.dtype ?? (isTensorLike(a.value) ? undefined : a.dtypeHint) });
}

/** `tf.range(limit)` / `tf.range(start, limit, delta)`: int32 for integers, float32 otherwise. */
export function range(start: number, ...rest: Rest): Tensor {
  const a = core.pyArgs('range', [start, ...rest], ['start', 'limit', 'delta', 'dtype', 'name'], {
    delta: 1,
  });
  let s = Number(a.start);
  let limit = a.limit === undefined || a.limit === null ? undefined : Number(a.limit);
  if (limit === undefined) [s, limit] = [0, s];
  const delta = Number(a.delta);
  const dtype = dt(a.dtype, 'range') ?? ([s, limit, delta].every(Number.isInteger) ? 'int32' : 'float32');
  return wrap(core.arange(s, limit, delta, { dtype, backend: currentBackend() }));
}

export function ones(shape: number | readonly number[], ...rest: Rest): Tensor {
  const a = core.pyArgs('ones', [shape, ...rest], ['shape', 'dtype', 'name']);
  return wrap(core.ones(shapeArg(a.shape), { dtype: dt(a.dtype, 'ones'), backend: currentBackend() }));
}

export function zeros(shape: number | readonly number[], ...rest: Rest): Tensor {
  const a = core.pyArgs('zeros', [shape, ...rest], ['shape', 'dtype', 'name']);
  return wrap(core.zeros(shapeArg(a.shape), { dtype: dt(a.dtype, 'zeros'), backend: currentBackend() }));
}

/** `tf.fill(dims, value)`: the dtype follows the value (float32 for numbers, bool for booleans). */
export function fill(dims: number | readonly number[], value: number | boolean, ...rest: Rest): Tensor {
  const a = core.pyArgs('fill', [dims, value, ...rest], ['dims', 'value', 'name']);
  const v = isTensorLike(a.value) ? (toCore(a.value).item() as number | boolean) : a.value;
  return wrap(core.full(shapeArg(a.dims), v, { backend: currentBackend() }));
}

export function onesLike(input: TensorLike, ...rest: Rest): Tensor {
  const a = core.pyArgs('ones_like', [input, ...rest], ['input', 'dtype', 'name']);
  return wrap(core.onesLike(toCore(a.input), { dtype: dt(a.dtype, 'ones_like') }));
}

export function zerosLike(input: TensorLike, ...rest: Rest): Tensor {
  const a = core.pyArgs('zeros_like', [input, ...rest], ['input', 'dtype', 'name']);
  return wrap(core.zerosLike(toCore(a.input), { dtype: dt(a.dtype, 'zeros_like') }));
}

/** `tf.eye(num_rows, num_columns?, batch_shape?, dtype?)`. */
export function eye(numRows: number, ...rest: Rest): Tensor {
  const a = core.pyArgs('eye', [numRows, ...rest], ['numRows', 'numColumns', 'batchShape', 'dtype', 'name']);
  const n = Number(a.numRows);
  const m = a.numColumns === undefined || a.numColumns === null ? n : Number(a.numColumns);
  let t = core.eye(n, m, { dtype: dt(a.dtype, 'eye') ?? 'float32', backend: currentBackend() });
  if (a.batchShape !== undefined && a.batchShape !== null) {
    const batch = shapeArg(a.batchShape);
    t = core.contiguous(core.expand(core.reshape(t, [...batch.map(() => 1), n, m]), [...batch, n, m]));
  }
  return wrap(t);
}

/** `tf.linspace(start, stop, num)`: `num` evenly spaced float32 values, both ends included. */
export function linspace(start: number, ...rest: Rest): Tensor {
  const a = core.pyArgs('linspace', [start, ...rest], ['start', 'stop', 'num', 'name', 'axis']);
  const num = (x: unknown) => (isTensorLike(x) ? Number(toCore(x).item()) : Number(x));
  return wrap(core.linspace(num(a.start), num(a.stop), num(a.num), { backend: currentBackend() }));
}
