/**
 * Slicing and one-hot: `tf.slice`, `tf.strided_slice` (what `x[1:3]` runs in TensorFlow, here
 * also `x.index(...)`), `tf.one_hot`. The index arithmetic is core's (Python subscripts under
 * TensorFlow's rules); the results are views where core's are.
 */
import * as core from '@polygrad/core';
import { shapeArg } from './args.js';
import { type DTypeLike, toCoreDType } from './dtypes.js';
import { InvalidArgumentError } from './errors.js';
import { isTensorLike, type Tensor, type TensorLike, toCore, valueCore, wrap } from './tensor.js';

type Rest = unknown[];

/** `tf.slice(input_, begin, size)`: size[i] = -1 takes everything from begin[i] on. */
export function slice(input: TensorLike, ...rest: Rest): Tensor {
  const a = core.pyArgs('slice', [input, ...rest], ['input_', 'begin', 'size', 'name']);
  let t = valueCore(a.input_);
  const begin = shapeArg(a.begin);
  const size = shapeArg(a.size);
  if (begin.length !== t.ndim || size.length !== t.ndim) {
    throw new InvalidArgumentError(
      `Expected begin and size arguments to be 1-D tensors of size ${t.ndim}, but got shapes [${begin.length}] and [${size.length}] instead.`,
    );
  }
  const shape = t.shape;
  for (let i = 0; i < shape.length; i++) {
    const b = begin[i];
    const s = size[i] === -1 ? shape[i] - b : size[i];
    if (!(b >= 0 && b <= shape[i])) {
      throw new InvalidArgumentError(`Expected begin[${i}] in [0, ${shape[i]}], but got ${b}`);
    }
    if (!(s >= 0 && b + s <= shape[i])) {
      throw new InvalidArgumentError(`Expected size[${i}] in [0, ${shape[i] - b}], but got ${s}`);
    }
    if (b !== 0 || s !== shape[i]) t = core.narrow(t, i, b, s);
  }
  return wrap(t);
}

const bit = (mask: unknown, i: number) => ((Number(mask ?? 0) >> i) & 1) === 1;

/**
 * `tf.strided_slice(input_, begin, end, strides, begin_mask, end_mask, ellipsis_mask,
 * new_axis_mask, shrink_axis_mask)`: Python's `x[b0:e0:s0, ...]` spelled as lists and bit masks.
 */
export function stridedSlice(input: TensorLike, ...rest: Rest): Tensor {
  const a = core.pyArgs(
    'strided_slice',
    [input, ...rest],
    [
      'input_',
      'begin',
      'end',
      'strides',
      'beginMask',
      'endMask',
      'ellipsisMask',
      'newAxisMask',
      'shrinkAxisMask',
      'var',
      'name',
    ],
  );
  const begin = shapeArg(a.begin);
  const end = shapeArg(a.end);
  const strides = a.strides == null ? begin.map(() => 1) : shapeArg(a.strides);
  if (end.length !== begin.length || strides.length !== begin.length) {
    throw new InvalidArgumentError(
      `Expected begin, end, and strides to be 1D equal size tensors, but got shapes [${begin.length}], [${end.length}], and [${strides.length}] instead.`,
    );
  }
  const items: core.PyIndexItem[] = begin.map((b, i) => {
    if (bit(a.ellipsisMask, i)) return core.ELLIPSIS;
    if (bit(a.newAxisMask, i)) return null;
    if (bit(a.shrinkAxisMask, i)) return b;
    return new core.Slice(bit(a.beginMask, i) ? null : b, bit(a.endMask, i) ? null : end[i], strides[i]);
  });
  return wrap(core.pyIndex(valueCore(a.input_), items, { dialect: 'tf' }));
}

/** A scalar argument that may be a 0-d tensor: its value and, for a tensor, its dtype. */
function scalarArg(v: unknown): { value: number; dtype?: core.DType } | undefined {
  if (v === undefined || v === null) return undefined;
  if (isTensorLike(v)) {
    const t = toCore(v as TensorLike);
    return { value: Number(t.item()), dtype: t.dtype };
  }
  return { value: Number(v) };
}

/**
 * `tf.one_hot(indices, depth, on_value=1, off_value=0, axis=-1, dtype=float32)`: indices out
 * of [0, depth) give a row of off_value. The dtype is on_value's (or off_value's) when those are
 * tensors and no dtype is given.
 */
export function oneHot(indices: TensorLike, ...rest: Rest): Tensor {
  const a = core.pyArgs(
    'one_hot',
    [indices, ...rest],
    ['indices', 'depth', 'onValue', 'offValue', 'axis', 'dtype', 'name'],
  );
  const idx = toCore(a.indices, 'int32');
  if (idx.dtype !== 'int32') {
    throw new TypeError(
      `Value for attr 'TI' of ${idx.dtype} is not in the list of allowed values: uint8, int8, int32, int64`,
    );
  }
  const depth = scalarArg(a.depth);
  if (depth === undefined) throw new TypeError("one_hot() missing 1 required positional argument: 'depth'");
  if (depth.value < 0) throw new InvalidArgumentError(`depth must be non-negative, got: ${depth.value}`);
  const on = scalarArg(a.onValue);
  const off = scalarArg(a.offValue);
  const given = toCoreDType(a.dtype as DTypeLike | undefined, 'one_hot');
  for (const [name, v] of [
    ['on_value', on],
    ['off_value', off],
  ] as const) {
    if (given && v?.dtype && v.dtype !== given) {
      throw new TypeError(`dtype ${v.dtype} of ${name} does not match dtype parameter ${given}`);
    }
  }
  if (on?.dtype && off?.dtype && on.dtype !== off.dtype) {
    throw new TypeError(`dtype ${on.dtype} of on_value does not match dtype ${off.dtype} of off_value`);
  }
  const dtype = given ?? on?.dtype ?? off?.dtype ?? 'float32';
  const axis = a.axis == null ? -1 : Number(a.axis);
  if (axis < -1 || axis > idx.ndim) {
    throw new InvalidArgumentError(
      `Expected axis to be -1 or between [0, ${idx.ndim + 1}).  But received: ${axis}`,
    );
  }
  return wrap(core.oneHot(idx, depth.value, { onValue: on?.value, offValue: off?.value, axis, dtype }));
}
