/**
 * @polygrad/tf: TensorFlow 2 style on the polygrad engine.
 *
 *   import { tf, print } from '@polygrad/tf';
 *   const x = tf.Variable(tf.range(4, { dtype: tf.float32 }));
 *   const t = new tf.GradientTape();
 *   const y = t.record(() => tf.multiply(2, tf.tensordot(x, x, { axes: 1 })));
 *   print(t.gradient(y, x)); // tf.Tensor([ 0.  4.  8. 12.], shape=(4,), dtype=float32)
 *
 * Importing this package registers the CPU backend.
 */
import '@polygrad/backend-cpu';
import * as core from '@polygrad/core';
import * as creation from './creation.js';
import { customGradient } from './custom.js';
import { device } from './device.js';
import { DType, dtypeNamespace } from './dtypes.js';
import { InvalidArgumentError } from './errors.js';
import * as indexing from './indexing.js';
import { linalg, matmul, norm, tensordot } from './linalg.js';
import { math, ROOT_MATH } from './math.js';
import { nn } from './nn.js';
import * as ops from './ops.js';
import { random } from './random.js';
import { GradientTape, UnconnectedGradients } from './tape.js';
import { from, Tensor } from './tensor.js';
import { Variable } from './variable.js';

/** Python's print(): str of each value joined by a space (`tf.print` is this too). */
export const print = core.pyPrint;
/** Python's str(v). */
export const str = core.pyStr;
/** Python's repr(v). */
export const repr = core.pyRepr;
/** Frees every tensor made in fn that fn does not return (variables are kept). */
export const tidy = core.tidy;
export const memory = core.memory;

/** Exempts a tensor (of any facade, or a core tensor) from the enclosing tidy scopes. */
export function keep<T extends object>(t: T): T {
  const inner = (t as { [core.CORE_TENSOR]?: core.Tensor })[core.CORE_TENSOR];
  core.keep((inner ?? t) as core.Tensor);
  return t;
}

/** Disposes a tensor, or every tensor in an array or object. */
export function dispose(x: unknown): void {
  if (x instanceof Tensor || x instanceof core.Tensor) x.dispose();
  else if (Array.isArray(x)) x.forEach(dispose);
  else if (core.isOptions(x)) Object.values(x).forEach(dispose);
}

const root = {
  // creation
  ...creation,
  from,
  Variable,
  Tensor,
  DType,
  random,
  // dtypes
  dtypes: dtypeNamespace(),
  // array ops
  ...ops,
  ...indexing,
  matmul,
  tensordot,
  norm,
  // namespaces
  math,
  nn,
  linalg,
  // autograd
  GradientTape,
  UnconnectedGradients,
  customGradient,
  errors: { InvalidArgumentError },
  /** The graph a tape recorded behind a tensor, as Graphviz DOT (op names and shapes). */
  toDot: (t: object): string =>
    core.toDot(((t as Record<symbol, core.Tensor>)[core.CORE_TENSOR] ?? t) as core.Tensor),
  // devices and memory
  device,
  setBackend: core.setBackend,
  getBackend: core.getBackend,
  ready: core.ready,
  tidy,
  keep,
  dispose,
  memory,
  print,
};

for (const name of ROOT_MATH) (root as Record<string, unknown>)[name] = math[name];
Object.defineProperties(root, Object.getOwnPropertyDescriptors(dtypeNamespace()));
core.addPythonAliases(
  root,
  Object.keys(root).filter((k) => /^[a-z]/.test(k)),
);

type RootMath = { [K in (typeof ROOT_MATH)[number]]: (typeof math)[K] };
type Dtypes = {
  float32: DType;
  float64: DType;
  double: DType;
  int32: DType;
  bool: DType;
};
type Snake<S extends string> = S extends `${infer H}${infer T}`
  ? `${H extends Lowercase<H> ? H : `_${Lowercase<H>}`}${Snake<T>}`
  : S;
/** Each camelCase member also under its Python spelling (reduceSum → reduce_sum). */
export type WithPythonAliases<T> = T & {
  [K in keyof T as K extends string ? (K extends Uncapitalize<K> ? Snake<K> : never) : never]: T[K];
};

export type TF = WithPythonAliases<typeof root & RootMath> & {
  math: WithPythonAliases<typeof math>;
  nn: WithPythonAliases<typeof nn>;
  linalg: WithPythonAliases<typeof linalg>;
  random: WithPythonAliases<typeof random>;
  dtypes: Dtypes;
} & Dtypes;

/** The TensorFlow namespace: `tf.constant`, `tf.GradientTape`, `tf.math.exp`, `tf.nn.relu`, … */
export const tf = root as unknown as TF;

export { customGradient } from './custom.js';
export { device } from './device.js';
export { bool, DType, type DTypeLike, float32, float64, int32 } from './dtypes.js';
export { InvalidArgumentError } from './errors.js';
export { GradientTape, UnconnectedGradients } from './tape.js';
export { from, Tensor, type TensorLike } from './tensor.js';
export { Variable } from './variable.js';
