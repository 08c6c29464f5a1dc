/**
 * `tf.customGradient(f)`: f takes tensors and returns `[value, gradFn]`; the result is a
 * function computing value whose gradient, on any tape, is `gradFn(upstream)`. As in
 * TensorFlow, f's own ops are not recorded (only the custom node is), and gradFn runs with
 * ordinary ops, so nested tapes can differentiate it again.
 */
import * as core from '@polygrad/core';
import { Tensor, type TensorLike, toCore, wrap } from './tensor.js';

export type GradFn = (...upstream: Tensor[]) => TensorLike | null | readonly (TensorLike | null)[];
export type CustomGradientBody = (...inputs: Tensor[]) => readonly [Tensor | readonly Tensor[], GradFn];

export function customGradient<F extends CustomGradientBody>(
  f: F,
): (...inputs: TensorLike[]) => ReturnType<F>[0] extends readonly Tensor[] ? Tensor[] : Tensor {
  const decorated = (...args: TensorLike[]) => {
    // Variables are passed to f as themselves; anything else becomes a tensor.
    const inputs = args.map((x) => (x instanceof Tensor ? x : wrap(toCore(x))));
    let gradFn: GradFn | null = null;
    const out = core.applyCustom(
      'CustomGradient',
      () => {
        const [value, g] = f(...inputs);
        gradFn = g;
        const values = Array.isArray(value) ? (value as Tensor[]) : [value as Tensor];
        // Fresh handles: the custom node must not take over a tensor f returned as is.
        const outs = values.map((v) => toCore(v).alias());
        return Array.isArray(value) ? outs : outs[0];
      },
      (_ctx, ...upstream) => {
        const r = gradFn!(...upstream.map(wrap));
        const list = Array.isArray(r) ? r : [r];
        return list.map((g) => (g === null || g === undefined ? null : toCore(g as TensorLike)));
      },
      inputs.map((t) => t._read()),
    );
    return Array.isArray(out) ? out.map(wrap) : wrap(out);
  };
  return decorated as (
    ...inputs: TensorLike[]
  ) => ReturnType<F>[0] extends readonly Tensor[] ? Tensor[] : Tensor;
}
