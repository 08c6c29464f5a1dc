/**
 * Array ops: reshape, transpose, concat, stack, where, cast, identity, expand_dims, squeeze,
 * tile, gather, gather_nd, pad, broadcast_to, shape, size, rank, stop_gradient. Each is a core
 * op under TensorFlow's name and argument order.
 */
import * as core from '@polygrad/core';
import { axesArg, shapeArg } from './args.js';
import { currentBackend } from './device.js';
import { type DTypeLike, toCoreDType } from './dtypes.js';
import { InvalidArgumentError } from './errors.js';
import { operand, type Tensor, type TensorLike, toCore, valueCore, wrap } from './tensor.js';

type Rest = unknown[];

function required(op: string, a: Record<string, unknown>, name: string, py: string): void {
  if (a[name] === undefined) throw new TypeError(`${op}() missing 1 required positional argument: '${py}'`);
}

export function reshape(tensor: TensorLike, ...rest: Rest): Tensor {
  const a = core.pyArgs('reshape', [tensor, ...rest], ['tensor', 'shape', 'name']);
  required('reshape', a, 'shape', 'shape');
  return wrap(core.reshape(valueCore(a.tensor), shapeArg(a.shape)));
}

/** `tf.transpose(a, perm?)`: reverses the axes unless `perm` is given. */
export function transpose(x: TensorLike, ...rest: Rest): Tensor {
  const a = core.pyArgs('transpose', [x, ...rest], ['a', 'perm', 'conjugate', 'name']);
  const t = valueCore(a.a);
  const perm =
    a.perm === undefined || a.perm === null ? t.shape.map((_, i) => t.ndim - 1 - i) : shapeArg(a.perm);
  return wrap(core.permute(t, perm));
}

export function concat(values: readonly TensorLike[], ...rest: Rest): Tensor {
  const a = core.pyArgs('concat', [values, ...rest], ['values', 'axis', 'name']);
  required('concat', a, 'axis', 'axis');
  return wrap(
    core.concat(
      (a.values as TensorLike[]).map((v) => toCore(v)),
      Number(a.axis),
    ),
  );
}

export function stack(values: readonly TensorLike[], ...rest: Rest): Tensor {
  const a = core.pyArgs('stack', [values, ...rest], ['values', 'axis', 'name'], { axis: 0 });
  return wrap(
    core.stack(
      (a.values as TensorLike[]).map((v) => toCore(v)),
      Number(a.axis),
    ),
  );
}

/**
 * `tf.where(condition, x, y)`: elementwise choice with broadcasting. With the condition alone,
 * the coordinates of its true elements ([n, rank], int32).
 */
export function where(condition: TensorLike, ...rest: Rest): Tensor {
  const a = core.pyArgs('where', [condition, ...rest], ['condition', 'x', 'y', 'name']);
  const none = (v: unknown) => v === undefined || v === null;
  if (none(a.x) && none(a.y)) return wrap(core.argwhere(toCore(a.condition)));
  if (none(a.x) || none(a.y)) throw new Error('x and y must both be non-None or both be None.');
  return wrap(core.where(toCore(a.condition), operand(a.x), operand(a.y)));
}

export function cast(x: TensorLike, ...rest: Rest): Tensor {
  const a = core.pyArgs('cast', [x, ...rest], ['x', 'dtype', 'name']);
  required('cast', a, 'dtype', 'dtype');
  return wrap(core.cast(valueCore(a.x), toCoreDType(a.dtype as DTypeLike, 'cast')!));
}

/** A new tensor with the same value (a snapshot of a variable); gradients pass through. */
export function identity(input: TensorLike, ...rest: Rest): Tensor {
  const a = core.pyArgs('identity', [input, ...rest], ['input', 'name']);
  return wrap(core.clone(toCore(a.input)));
}

export function expandDims(input: TensorLike, ...rest: Rest): Tensor {
  const a = core.pyArgs('expand_dims', [input, ...rest], ['input', 'axis', 'name']);
  required('expand_dims', a, 'axis', 'axis');
  return wrap(core.unsqueeze(valueCore(a.input), Number(a.axis)));
}

/** Removes size-1 axes (all of them, or those listed). */
export function squeeze(input: TensorLike, ...rest: Rest): Tensor {
  const a = core.pyArgs('squeeze', [input, ...rest], ['input', 'axis', 'name']);
  const t = valueCore(a.input);
  const ax = axesArg(a.axis);
  if (ax !== null) {
    for (const d of typeof ax === 'number' ? [ax] : ax) {
      const i = core.normAxis(d, t.ndim, 'squeeze');
      if (t.shape[i] !== 1) {
        throw new core.ShapeError(
          `Can not squeeze dim[${i}], expected a dimension of 1, got ${t.shape[i]} for 'Squeeze' with input shapes: [${t.shape.join(',')}].`,
        );
      }
    }
  }
  return wrap(core.squeeze(t, ax));
}

export function tile(input: TensorLike, ...rest: Rest): Tensor {
  const a = core.pyArgs('tile', [input, ...rest], ['input', 'multiples', 'name']);
  return wrap(core.tile(toCore(a.input), shapeArg(a.multiples)));
}

/** `tf.gather(params, indices, axis = 0)`: indices of any shape replace the axis. */
export function gather(params: TensorLike, ...rest: Rest): Tensor {
  const a = core.pyArgs(
    'gather',
    [params, ...rest],
    ['params', 'indices', 'validateIndices', 'axis', 'batchDims', 'name'],
  );
  const p = toCore(a.params);
  const idx = toCore(a.indices, 'int32');
  const axis = core.normAxis(a.axis === undefined || a.axis === null ? 0 : Number(a.axis), p.ndim, 'gather');
  const picked = core.indexSelect(p, axis, core.reshape(core.cast(idx, 'int32'), [idx.size]));
  return wrap(core.reshape(picked, [...p.shape.slice(0, axis), ...idx.shape, ...p.shape.slice(axis + 1)]));
}

/**
 * `tf.gather_nd(params, indices, batch_dims = 0)`: each row of the last axis of `indices` (length
 * M) indexes the first M axes of params; the result is `indices.shape[:-1] + params.shape[M:]`.
 * Written as params[indices[..., 0], …, indices[..., M-1]] (index arrays). Indices outside
 * [0, n), negative ones included, are TensorFlow's InvalidArgumentError (checked on the host
 * where the backend reads synchronously).
 */
export function gatherNd(params: TensorLike, ...rest: Rest): Tensor {
  const a = core.pyArgs('gather_nd', [params, ...rest], ['params', 'indices', 'batchDims', 'name'], {
    batchDims: 0,
  });
  required('gather_nd', a, 'indices', 'indices');
  if (Number(a.batchDims) !== 0)
    throw new RangeError('gather_nd: batch_dims other than 0 is not supported by polygrad');
  const p = toCore(a.params);
  const idx = toCore(a.indices, 'int32');
  if (idx.dtype !== 'int32') {
    throw new TypeError(
      `Value for attr 'Tindices' of ${idx.dtype} is not in the list of allowed values: int32`,
    );
  }
  const m = idx.ndim === 0 ? 0 : idx.shape[idx.ndim - 1];
  if (idx.ndim === 0 || m > p.ndim) {
    throw new InvalidArgumentError(
      idx.ndim === 0
        ? `indices must be at least a vector; saw shape: []`
        : `index innermost dimension length must be <= params rank; saw: ${m} vs. ${p.ndim}`,
    );
  }
  const batch = idx.shape.slice(0, -1);
  if (m === 0)
    return wrap(core.expand(core.reshape(p, [...batch.map(() => 1), ...p.shape]), [...batch, ...p.shape]));
  if (idx.storage.backend.readSync) {
    const v = idx.dataSync();
    for (let r = 0; r < v.length / m; r++) {
      const row = Array.from(v.subarray(r * m, (r + 1) * m));
      if (row.some((i, k) => i < 0 || i >= p.shape[k])) {
        const at = batch.map(
          (_, d) => Math.floor(r / batch.slice(d + 1).reduce((x, y) => x * y, 1)) % batch[d],
        );
        throw new InvalidArgumentError(
          `indices[${at.join(',')}] = [${row.join(', ')}] does not index into param shape [${p.shape.join(',')}], node name: GatherNd`,
        );
      }
    }
  }
  return wrap(
    core.tidy(() =>
      core.pyIndex(
        p,
        Array.from({ length: m }, (_, k) => core.select(idx, idx.ndim - 1, k)),
      ),
    ),
  );
}

/**
 * `tf.pad(tensor, paddings, mode='CONSTANT', constant_values=0)`: paddings is an int32 [rank, 2]
 * matrix, [before, after] for each axis, read on the host (it decides the shape). The mode is
 * case-insensitive; only CONSTANT is here (REFLECT and SYMMETRIC throw).
 */
export function pad(tensor: TensorLike, ...rest: Rest): Tensor {
  const a = core.pyArgs('pad', [tensor, ...rest], ['tensor', 'paddings', 'mode', 'constantValues', 'name'], {
    mode: 'CONSTANT',
    constantValues: 0,
  });
  required('pad', a, 'paddings', 'paddings');
  const mode = String(a.mode).toUpperCase();
  if (mode !== 'CONSTANT' && mode !== 'REFLECT' && mode !== 'SYMMETRIC') {
    throw new RangeError(
      `Value of argument \`mode\` expected to be one of "CONSTANT", "REFLECT", or "SYMMETRIC". Received \`mode\` = ${String(a.mode)}`,
    );
  }
  if (mode !== 'CONSTANT')
    throw new RangeError(`pad: mode '${mode}' is not supported by polygrad (only 'CONSTANT')`);
  const t = valueCore(a.tensor);
  const p = toCore(a.paddings, 'int32');
  if (p.dtype !== 'int32') {
    throw new TypeError(
      `Value for attr 'Tpaddings' of ${p.dtype} is not in the list of allowed values: int32`,
    );
  }
  const dims = `[${p.shape.join(',')}]`;
  if (p.ndim !== 2 || p.shape[1] !== 2)
    throw new InvalidArgumentError(`paddings must be a matrix with 2 columns: ${dims}`);
  if (p.shape[0] !== t.ndim) {
    throw new InvalidArgumentError(
      `The first dimension of paddings must be the rank of inputs${dims} [${t.shape.join(',')}]`,
    );
  }
  const v = Array.from(p.dataSync());
  for (let i = 0; i < t.ndim; i++) {
    if (v[2 * i] < 0 || v[2 * i + 1] < 0)
      throw new InvalidArgumentError(`Paddings must be non-negative: ${v[2 * i]} ${v[2 * i + 1]}`);
  }
  const value = Number(
    typeof a.constantValues === 'number' ? a.constantValues : toCore(a.constantValues).toArray(),
  );
  // core's pad lists (before, after) from the last axis backwards.
  const pads = Array.from({ length: t.ndim }, (_, i) => [
    v[2 * (t.ndim - 1 - i)],
    v[2 * (t.ndim - 1 - i) + 1],
  ]);
  return wrap(core.pad(t, pads.flat(), value));
}

export function broadcastTo(input: TensorLike, ...rest: Rest): Tensor {
  const a = core.pyArgs('broadcast_to', [input, ...rest], ['input', 'shape', 'name']);
  return wrap(core.broadcastTo(valueCore(a.input), shapeArg(a.shape)));
}

/** `tf.shape(x)`: the shape as a 1-D int32 tensor. */
export function shape(input: TensorLike, ...rest: Rest): Tensor {
  const a = core.pyArgs('shape', [input, ...rest], ['input', 'outType', 'name']);
  const s = toCore(a.input).shape;
  return wrap(core.tensor(Int32Array.from(s), { dtype: 'int32', backend: currentBackend() }));
}

export function size(input: TensorLike, ...rest: Rest): Tensor {
  const a = core.pyArgs('size', [input, ...rest], ['input', 'name', 'outType']);
  return wrap(core.tensor(toCore(a.input).size, { dtype: 'int32', backend: currentBackend() }));
}

export function rank(input: TensorLike, ...rest: Rest): Tensor {
  const a = core.pyArgs('rank', [input, ...rest], ['input', 'name']);
  return wrap(core.tensor(toCore(a.input).ndim, { dtype: 'int32', backend: currentBackend() }));
}

/** `tf.stop_gradient(x)`: the same value, through which no tape sees a gradient. */
export function stopGradient(input: TensorLike, ...rest: Rest): Tensor {
  const a = core.pyArgs('stop_gradient', [input, ...rest], ['input', 'name']);
  return wrap(core.detach(valueCore(a.input)));
}
