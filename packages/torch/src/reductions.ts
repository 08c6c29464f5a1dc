/** Reductions and orderings: sum, mean, max (with indices), sort, topk, softmax, … */
import * as core from '@polygrad/core';
import { type DTypeLike, toCoreDType } from './dtype.js';
import { isTensorLike, type Tensor, type TensorLike, toCoreTensor, wrap } from './tensor.js';
import type { Kw, PyCall } from './types.js';

const ct = (x: TensorLike) => toCoreTensor(x);

export type Dim = number | readonly number[] | null;
type DimKw = Kw<{ dim?: Dim; keepdim?: boolean; dtype?: DTypeLike }>;
export type ReduceArgs = PyCall<[dim?: Dim, keepdim?: boolean], DimKw>;

/** A `torch.return_types` pair: `[values, indices]` that also has `.values` and `.indices`. */
export type ValuesIndices = [Tensor, Tensor] & { readonly values: Tensor; readonly indices: Tensor };

export function returnType(name: string, [v, i]: [core.Tensor, core.Tensor]): ValuesIndices {
  const values = wrap(v);
  const indices = wrap(i);
  const r = [values, indices] as unknown as ValuesIndices;
  const show = () =>
    `torch.return_types.${name}(\nvalues=${core.pyRepr(values)},\nindices=${core.pyRepr(indices)})`;
  Object.defineProperties(r, {
    values: { value: values },
    indices: { value: indices },
    [core.PY_REPR]: { value: show },
    [core.PY_STR]: { value: show },
    [core.INSPECT]: { value: show },
  });
  return r;
}

function reduceInput(fn: string, input: TensorLike, args: readonly unknown[]) {
  const a = core.pyArgs(fn, [input, ...args], ['input', 'dim', 'keepdim', 'dtype']);
  const d = toCoreDType(a.dtype, fn);
  const t = ct(a.input);
  return {
    t: d ? core.cast(t, d) : t,
    dim: a.dim as Dim | undefined,
    keepdim: (a.keepdim ?? false) as boolean,
  };
}

export function sum(input: TensorLike, ...args: ReduceArgs): Tensor {
  const { t, dim, keepdim } = reduceInput('sum', input, args);
  return wrap(core.sum(t, dim, keepdim));
}
export function mean(input: TensorLike, ...args: ReduceArgs): Tensor {
  const { t, dim, keepdim } = reduceInput('mean', input, args);
  return wrap(core.mean(t, dim, keepdim));
}
export function prod(
  input: TensorLike,
  ...args: PyCall<[dim?: number | null, keepdim?: boolean], DimKw>
): Tensor {
  const { t, dim, keepdim } = reduceInput('prod', input, args);
  return wrap(core.prod(t, dim, keepdim));
}
export function amax(input: TensorLike, ...args: ReduceArgs): Tensor {
  const { t, dim, keepdim } = reduceInput('amax', input, args);
  return wrap(core.max(t, Array.isArray(dim) && dim.length === 0 ? null : dim, keepdim));
}
export function amin(input: TensorLike, ...args: ReduceArgs): Tensor {
  const { t, dim, keepdim } = reduceInput('amin', input, args);
  return wrap(core.min(t, Array.isArray(dim) && dim.length === 0 ? null : dim, keepdim));
}

type ExtremeArgs =
  | []
  | [other: TensorLike]
  | PyCall<[dim: number, keepdim?: boolean], Kw<{ dim?: number; keepdim?: boolean }>>;

function extreme(op: 'max' | 'min', input: TensorLike, args: readonly unknown[]): Tensor | ValuesIndices {
  if (args.length === 1 && (isTensorLike(args[0]) || Array.isArray(args[0]))) {
    return wrap((op === 'max' ? core.maximum : core.minimum)(ct(input), ct(args[0] as TensorLike)));
  }
  const a = core.pyArgs(op, args, ['dim', 'keepdim']);
  if (a.dim == null) return wrap(op === 'max' ? core.max(ct(input)) : core.min(ct(input)));
  const withIndices = op === 'max' ? core.maxWithIndices : core.minWithIndices;
  return returnType(op, withIndices(ct(input), a.dim, a.keepdim ?? false));
}

/** max(x): the largest value; max(x, dim, keepdim?): [values, indices]; max(x, other): maximum. */
export function max(input: TensorLike): Tensor;
export function max(
  input: TensorLike,
  dim: number,
  keepdim?: boolean | Kw<{ keepdim?: boolean }>,
): ValuesIndices;
export function max(input: TensorLike, opts: Kw<{ dim: number; keepdim?: boolean }>): ValuesIndices;
export function max(input: TensorLike, other: TensorLike): Tensor;
export function max(input: TensorLike, ...args: ExtremeArgs): Tensor | ValuesIndices;
export function max(input: TensorLike, ...args: unknown[]): Tensor | ValuesIndices {
  return extreme('max', input, args);
}
export function min(input: TensorLike): Tensor;
export function min(
  input: TensorLike,
  dim: number,
  keepdim?: boolean | Kw<{ keepdim?: boolean }>,
): ValuesIndices;
export function min(input: TensorLike, opts: Kw<{ dim: number; keepdim?: boolean }>): ValuesIndices;
export function min(input: TensorLike, other: TensorLike): Tensor;
export function min(input: TensorLike, ...args: ExtremeArgs): Tensor | ValuesIndices;
export function min(input: TensorLike, ...args: unknown[]): Tensor | ValuesIndices {
  return extreme('min', input, args);
}

type ArgArgs = PyCall<
  [dim?: number | null, keepdim?: boolean],
  Kw<{ dim?: number | null; keepdim?: boolean }>
>;
export function argmax(input: TensorLike, ...args: ArgArgs): Tensor {
  const a = core.pyArgs('argmax', args, ['dim', 'keepdim']);
  return wrap(core.argmax(ct(input), a.dim, a.keepdim ?? false));
}
export function argmin(input: TensorLike, ...args: ArgArgs): Tensor {
  const a = core.pyArgs('argmin', args, ['dim', 'keepdim']);
  return wrap(core.argmin(ct(input), a.dim, a.keepdim ?? false));
}

type VarKw = Kw<{ dim?: Dim; unbiased?: boolean; keepdim?: boolean; correction?: number }>;
type VarArgs = PyCall<[dim?: Dim, unbiased?: boolean, keepdim?: boolean], VarKw>;
function varArgs(fn: string, args: readonly unknown[]) {
  const a = core.pyArgs(fn, args, ['dim', 'unbiased', 'keepdim', 'correction']);
  const correction = a.correction ?? (a.unbiased === false ? 0 : 1);
  return {
    dim: a.dim as Dim | undefined,
    correction: correction as number,
    keepdim: (a.keepdim ?? false) as boolean,
  };
}
/** Variance with Bessel's correction unless unbiased=false / correction=0. */
export function variance(input: TensorLike, ...args: VarArgs): Tensor {
  const { dim, correction, keepdim } = varArgs('var', args);
  return wrap(core.variance(ct(input), dim, correction, keepdim));
}
export function std(input: TensorLike, ...args: VarArgs): Tensor {
  const { dim, correction, keepdim } = varArgs('std', args);
  return wrap(core.std(ct(input), dim, correction, keepdim));
}

type NormP = number | 'fro' | null;
export function norm(
  input: TensorLike,
  ...args: PyCall<[p?: NormP, dim?: Dim, keepdim?: boolean], Kw<{ p?: NormP; dim?: Dim; keepdim?: boolean }>>
): Tensor {
  const a = core.pyArgs('norm', args, ['p', 'dim', 'keepdim']);
  const p = a.p == null || a.p === 'fro' ? 2 : (a.p as number);
  return wrap(core.norm(ct(input), p, a.dim, a.keepdim ?? false));
}
export function logsumexp(input: TensorLike, ...args: ReduceArgs): Tensor {
  const { t, dim, keepdim } = reduceInput('logsumexp', input, args);
  return wrap(core.logsumexp(t, dim, keepdim));
}

type AllArgs = PyCall<
  [dim?: number | null, keepdim?: boolean],
  Kw<{ dim?: number | null; keepdim?: boolean }>
>;
export function all(input: TensorLike, ...args: AllArgs): Tensor {
  const a = core.pyArgs('all', args, ['dim', 'keepdim']);
  return wrap(core.all(ct(input), a.dim, a.keepdim ?? false));
}
export function any(input: TensorLike, ...args: AllArgs): Tensor {
  const a = core.pyArgs('any', args, ['dim', 'keepdim']);
  return wrap(core.any(ct(input), a.dim, a.keepdim ?? false));
}
export function cumsum(
  input: TensorLike,
  ...args: PyCall<[dim: number], Kw<{ dim?: number; dtype?: DTypeLike }>>
): Tensor {
  const a = core.pyArgs('cumsum', args, ['dim', 'dtype']);
  if (a.dim === undefined) throw new TypeError("cumsum() missing required argument 'dim'");
  const d = toCoreDType(a.dtype, 'cumsum');
  const t = ct(input);
  return wrap(core.cumsum(d ? core.cast(t, d) : t, a.dim));
}

type SortKw = Kw<{ dim?: number; descending?: boolean; stable?: boolean }>;
/** [values, indices] sorted along dim (stable; NaN last, or first when descending). */
export function sort(
  input: TensorLike,
  ...args: PyCall<[dim?: number, descending?: boolean], SortKw>
): ValuesIndices {
  const a = core.pyArgs('sort', args, ['dim', 'descending', 'stable']);
  return returnType('sort', core.sort(ct(input), a.dim ?? -1, { descending: a.descending ?? false }));
}
export function argsort(
  input: TensorLike,
  ...args: PyCall<[dim?: number, descending?: boolean], SortKw>
): Tensor {
  const a = core.pyArgs('argsort', args, ['dim', 'descending', 'stable']);
  return wrap(core.argsort(ct(input), a.dim ?? -1, { descending: a.descending ?? false }));
}
type TopkKw = Kw<{ k?: number; dim?: number; largest?: boolean; sorted?: boolean }>;
/** [values, indices] of the k largest (or smallest) along dim, in sorted order. */
export function topk(
  input: TensorLike,
  ...args: PyCall<[k: number, dim?: number, largest?: boolean, sorted?: boolean], TopkKw>
): ValuesIndices {
  const a = core.pyArgs('topk', args, ['k', 'dim', 'largest', 'sorted']);
  if (a.k === undefined) throw new TypeError("topk() missing required argument 'k'");
  return returnType('topk', core.topk(ct(input), a.k, a.dim ?? -1, { largest: a.largest ?? true }));
}

/** PyTorch's implicit softmax dim (deprecated there): 0 for 0-, 1- and 3-d inputs, else 1. */
export function softmaxDim(ndim: number): number {
  return ndim === 0 || ndim === 1 || ndim === 3 ? 0 : 1;
}
type SoftmaxArgs = PyCall<
  [dim?: number | null, dtype?: DTypeLike],
  Kw<{ dim?: number | null; dtype?: DTypeLike }>
>;
function softmaxInput(fn: string, input: TensorLike, args: readonly unknown[]) {
  const a = core.pyArgs(fn, args, ['dim', 'dtype']);
  const d = toCoreDType(a.dtype, fn);
  let t = ct(input);
  if (d) t = core.cast(t, d);
  return { t, dim: (a.dim ?? softmaxDim(t.ndim)) as number };
}
export function softmax(input: TensorLike, ...args: SoftmaxArgs): Tensor {
  const { t, dim } = softmaxInput('softmax', input, args);
  return wrap(core.softmax(t, dim));
}
export function logSoftmax(input: TensorLike, ...args: SoftmaxArgs): Tensor {
  const { t, dim } = softmaxInput('log_softmax', input, args);
  return wrap(core.logSoftmax(t, dim));
}

type NormDim = number | number[] | null;

/** torch.linalg.vector_norm(x, ord=2, dim=None, keepdim=False). */
export function vectorNorm(
  input: TensorLike,
  ...args: PyCall<
    [ord?: number, dim?: NormDim, keepdim?: boolean],
    Kw<{ ord?: number; dim?: NormDim; keepdim?: boolean }>
  >
): Tensor {
  const a = core.pyArgs('vector_norm', args, ['ord', 'dim', 'keepdim'], { ord: 2, keepdim: false });
  return wrap(core.norm(ct(input), a.ord, a.dim ?? undefined, a.keepdim));
}

/** torch.linalg.matrix_norm(A, ord='fro', dim=(-2, -1), keepdim=False). */
export function matrixNorm(
  input: TensorLike,
  ...args: PyCall<
    [ord?: core.MatrixOrd, dim?: [number, number], keepdim?: boolean],
    Kw<{ ord?: core.MatrixOrd; dim?: [number, number]; keepdim?: boolean }>
  >
): Tensor {
  const a = core.pyArgs('matrix_norm', args, ['ord', 'dim', 'keepdim'], {
    ord: 'fro',
    dim: [-2, -1],
    keepdim: false,
  });
  return wrap(core.matrixNorm(ct(input), a.ord, a.dim, a.keepdim));
}
