/**
 * `tf.random`: normal, uniform and set_seed on core's one generator (xoshiro128**), so one
 * seed gives the same draws on every backend. The op-level `seed` argument is accepted and
 * ignored: `tf.random.set_seed(n)` is what makes draws repeatable.
 */
import * as core from '@polygrad/core';
import { shapeArg } from './args.js';
import { currentBackend } from './device.js';
import { type DTypeLike, toCoreDType } from './dtypes.js';
import { type Tensor, wrap } from './tensor.js';

type Rest = unknown[];

/** `tf.random.normal(shape, mean = 0, stddev = 1, dtype = tf.float32)`. */
export function normal(shape: number | readonly number[], ...rest: Rest): Tensor {
  const a = core.pyArgs('normal', [shape, ...rest], ['shape', 'mean', 'stddev', 'dtype', 'seed', 'name'], {
    mean: 0,
    stddev: 1,
  });
  const dtype = toCoreDType(a.dtype as DTypeLike | undefined, 'random.normal') ?? 'float32';
  return wrap(
    core.normal(shapeArg(a.shape), Number(a.mean), Number(a.stddev), { dtype, backend: currentBackend() }),
  );
}

/** `tf.random.uniform(shape, minval = 0, maxval = 1, dtype = tf.float32)`; int32 needs maxval. */
export function uniform(shape: number | readonly number[], ...rest: Rest): Tensor {
  const a = core.pyArgs('uniform', [shape, ...rest], ['shape', 'minval', 'maxval', 'dtype', 'seed', 'name'], {
    minval: 0,
  });
  const dtype = toCoreDType(a.dtype as DTypeLike | undefined, 'random.uniform') ?? 'float32';
  const s = shapeArg(a.shape);
  if (dtype === 'int32') {
    if (a.maxval === undefined || a.maxval === null) {
      throw new core.DTypeError("Must specify maxval for integer dtype <dtype: 'int32'>");
    }
    return wrap(core.randint(Number(a.minval), Number(a.maxval), s, { backend: currentBackend() }));
  }
  if (!core.isFloat(dtype))
    throw new core.DTypeError(`Invalid dtype <dtype: '${dtype}'> for tf.random.uniform`);
  const high = a.maxval === undefined || a.maxval === null ? 1 : Number(a.maxval);
  return wrap(core.uniform(s, Number(a.minval), high, { dtype, backend: currentBackend() }));
}

/** `tf.random.set_seed(n)`: later draws are repeatable. */
export function setSeed(seed: number): void {
  core.seed(seed);
}

export const random = { normal, uniform, setSeed };
core.addPythonAliases(random);
