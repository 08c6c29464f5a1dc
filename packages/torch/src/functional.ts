/** torch.autograd.functional: jacobian, hessian, vjp, jvp (single input → single result, as PyTorch). */
import * as core from '@polygrad/core';
import { listOf, type Tensor, type TensorLike, toCoreTensor, wrap } from './tensor.js';
import type { Kw, PyCall } from './types.js';

const ct = (x: TensorLike) => toCoreTensor(x);

export type Func = (...xs: Tensor[]) => TensorLike | TensorLike[];
type Inputs = TensorLike | TensorLike[];
/** A Tensor for a single input, an array (tuple) for several. */
export type PerInput = Tensor | Tensor[];

const pack = (single: boolean, ts: core.Tensor[]): PerInput => (single ? wrap(ts[0]) : ts.map(wrap));

/** f as the engine sees it, reading output k of a function that may return a tuple. */
function outputOf(func: Func, k: number, seen: { count: number | null }) {
  return (...xs: core.Tensor[]): core.Tensor => {
    const out = func(...xs.map(wrap));
    if (Array.isArray(out)) {
      seen.count = out.length;
      return ct(out[k]);
    }
    return ct(out);
  };
}

type JacKw = Kw<{ createGraph?: boolean; strict?: boolean; vectorize?: boolean; strategy?: string }>;

/**
 * d func / d inputs, shaped [...output.shape, ...input.shape]. One input and one output give
 * a Tensor; several inputs a tuple per output; several outputs a tuple of those.
 */
export function jacobian(
  func: Func,
  inputs: Inputs,
  ...args: PyCall<[createGraph?: boolean, strict?: boolean, vectorize?: boolean], JacKw>
): PerInput | PerInput[] {
  const a = core.pyArgs('jacobian', args, ['createGraph', 'strict', 'vectorize', 'strategy']);
  const single = !Array.isArray(inputs);
  const ins = listOf(inputs).map(ct);
  const seen = { count: null as number | null };
  const first = core.jacobian(outputOf(func, 0, seen), ins, { createGraph: a.createGraph });
  if (seen.count === null) return pack(single, first);
  const all = [first];
  for (let k = 1; k < seen.count; k++) {
    all.push(core.jacobian(outputOf(func, k, seen), ins, { createGraph: a.createGraph }));
  }
  return all.map((j) => pack(single, j));
}

/** Second derivatives of a scalar func: a Tensor for one input, else a tuple of tuples. */
export function hessian(
  func: Func,
  inputs: Inputs,
  ...args: PyCall<[createGraph?: boolean, strict?: boolean], JacKw>
): Tensor | Tensor[][] {
  core.pyArgs('hessian', args, ['createGraph', 'strict', 'vectorize', 'outerJacobianStrategy']);
  const single = !Array.isArray(inputs);
  const h = core.hessian(outputOf(func, 0, { count: null }), listOf(inputs).map(ct));
  return single ? wrap(h[0][0]) : h.map((row) => row.map(wrap));
}

type VKw = Kw<{ v?: Inputs | null; createGraph?: boolean; strict?: boolean }>;

/** [func(inputs), vᵀ·J]; v may be omitted when func returns a single element. */
export function vjp(
  func: Func,
  inputs: Inputs,
  ...args: PyCall<[v?: TensorLike | null, createGraph?: boolean, strict?: boolean], VKw>
): [Tensor, PerInput] {
  const a = core.pyArgs('vjp', args, ['v', 'createGraph', 'strict']);
  const single = !Array.isArray(inputs);
  const f = outputOf(func, 0, { count: null });
  const ins = listOf(inputs).map(ct);
  let v: core.Tensor | undefined;
  if (a.v == null) {
    const size = core.noGrad(() => f(...ins)).size;
    if (size !== 1) {
      throw new core.AutogradError(
        'The vector v can only be None if the user-provided function returns a single Tensor with a single element.',
      );
    }
  } else v = ct(a.v);
  const [y, gs] = core.vjp(f, ins, v);
  return [wrap(core.detach(y)), pack(single, gs)];
}

/** [func(inputs), J·v]; v may be omitted when the input is a single one-element tensor. */
export function jvp(
  func: Func,
  inputs: Inputs,
  ...args: PyCall<[v?: Inputs | null, createGraph?: boolean, strict?: boolean], VKw>
): [Tensor, Tensor] {
  const a = core.pyArgs('jvp', args, ['v', 'createGraph', 'strict']);
  const ins = listOf(inputs).map(ct);
  let vs: core.Tensor[];
  if (a.v == null) {
    if (ins.length !== 1 || ins[0].size !== 1) {
      throw new core.AutogradError(
        'The vector v can only be None if the input to the user-provided function is a single Tensor with a single element.',
      );
    }
    vs = [core.onesLike(ins[0])];
  } else if (!Array.isArray(inputs)) vs = [toCoreTensor(a.v as TensorLike, ins[0].dtype)];
  else vs = listOf(a.v as TensorLike).map((x, i) => toCoreTensor(x, ins[i]?.dtype));
  const [y, jv] = core.jvp(outputOf(func, 0, { count: null }), ins, vs);
  return [wrap(core.detach(y)), wrap(jv)];
}
