/** Creation: torch.tensor, arange, ones, zeros, full, *_like, rand, randn, eye, linspace, from. */
import * as core from '@polygrad/core';
import { backendFor, type DeviceLike } from './device.js';
import { type DTypeLike, toCoreDType } from './dtype.js';
import { type CoreCarrier, Tensor, type TensorLike, toCore, toCoreTensor, wrap } from './tensor.js';
import type { Kw, PyCall } from './types.js';

/** Values for torch.tensor: nested arrays may hold one-element tensors. */
export type Data = TensorLike | readonly (number | boolean | CoreCarrier | Data)[];
export type CreateOptions = Kw<{ dtype?: DTypeLike; device?: DeviceLike; requiresGrad?: boolean }>;
type SizeArgs =
  | [...size: number[]]
  | [...size: number[], opts: CreateOptions]
  | [size: readonly number[], opts?: CreateOptions];
const CREATE = ['dtype', 'device', 'requiresGrad'] as const;

interface Bound {
  dtype?: DTypeLike;
  device?: DeviceLike;
  requiresGrad?: boolean;
}

function engineOptions(fn: string, a: Bound): core.CreateOptions {
  return {
    dtype: toCoreDType(a.dtype, fn),
    backend: a.device === undefined ? undefined : backendFor(a.device),
  };
}

function finish(t: core.Tensor, a: Bound): Tensor {
  if (a.requiresGrad) core.setRequiresGrad(t, true);
  return wrap(t);
}

/** Reads `(2, 3)`, `([2, 3])` or `(torch.Size)`, each optionally followed by options. */
function sizeArgs(fn: string, args: readonly unknown[]): [number[], Bound] {
  let list = args;
  let kw: Record<string, unknown> = {};
  if (list.length && core.isOptions(list[list.length - 1])) {
    kw = list[list.length - 1] as Record<string, unknown>;
    list = list.slice(0, -1);
  }
  const a = core.pyArgs(fn, [kw], ['size', ...CREATE]);
  const shape = (list.length === 1 && Array.isArray(list[0]) ? [...list[0]] : [...list]) as number[];
  const size = a.size === undefined ? shape : [...(a.size as number[])];
  for (const d of size) {
    if (typeof d !== 'number' || !Number.isInteger(d) || d < 0) {
      throw new TypeError(
        `${fn}(): argument 'size' must be a sequence of non-negative integers, but got [${size.join(', ')}]`,
      );
    }
  }
  return [size, a];
}

/** Nested arrays may hold one-element tensors (torch.tensor([a.sum(), b.sum()])). */
function plain(v: unknown): unknown {
  if (Array.isArray(v)) return v.some((x) => x !== null && typeof x === 'object') ? v.map(plain) : v;
  const c = v !== null && typeof v === 'object' ? (v as Partial<CoreCarrier>)[core.CORE_TENSOR] : undefined;
  return c ? c.toArray() : v;
}

/** A new leaf tensor from data (a copy): nested arrays, numbers, booleans, typed arrays, tensors. */
export function tensor(data: Data, ...args: PyCall<[dtype?: DTypeLike], CreateOptions>): Tensor {
  const a = core.pyArgs('tensor', [data, ...args], ['data', ...CREATE]);
  const o = engineOptions('tensor', a);
  const src = toCore(plain(a.data) as TensorLike);
  let t = core.tensor(src, o);
  if (o.backend && t.backend !== o.backend) t = core.toBackend(t, o.backend);
  return finish(t, a);
}

/** Shares data when it already is a tensor of the requested dtype and device. */
export function asTensor(
  data: TensorLike,
  ...args: PyCall<[dtype?: DTypeLike, device?: DeviceLike], Kw<{ dtype?: DTypeLike; device?: DeviceLike }>>
): Tensor {
  const a = core.pyArgs('as_tensor', [data, ...args], ['data', 'dtype', 'device']);
  const c = core.isTensor(toCore(a.data)) ? (toCore(a.data) as core.Tensor) : null;
  if (!c) return tensor(a.data, { dtype: a.dtype, device: a.device });
  return wrap(c).to({ dtype: a.dtype, device: a.device });
}

/** Wraps a tensor of any facade (or a core tensor) without copying. */
export function from(t: TensorLike): Tensor {
  if (t instanceof Tensor) return t;
  const c = toCore(t);
  if (!core.isTensor(c))
    throw new TypeError('torch.from() wraps a tensor; use torch.tensor(data) for values');
  return wrap(c);
}

export function zeros(...args: SizeArgs): Tensor {
  const [size, a] = sizeArgs('zeros', args);
  return finish(core.zeros(size, engineOptions('zeros', a)), a);
}
export function ones(...args: SizeArgs): Tensor {
  const [size, a] = sizeArgs('ones', args);
  return finish(core.ones(size, engineOptions('ones', a)), a);
}
/** Polygrad has no uninitialised memory: `empty` gives zeros. */
export function empty(...args: SizeArgs): Tensor {
  const [size, a] = sizeArgs('empty', args);
  return finish(core.zeros(size, engineOptions('empty', a)), a);
}
export function full(
  ...args: PyCall<[size: readonly number[], fillValue: number | boolean], CreateOptions>
): Tensor {
  const a = core.pyArgs('full', args, ['size', 'fillValue', ...CREATE]);
  return finish(core.full(a.size, a.fillValue, engineOptions('full', a)), a);
}
export function rand(...args: SizeArgs): Tensor {
  const [size, a] = sizeArgs('rand', args);
  return finish(core.uniform(size, 0, 1, engineOptions('rand', a)), a);
}
export function randn(...args: SizeArgs): Tensor {
  const [size, a] = sizeArgs('randn', args);
  return finish(core.normal(size, 0, 1, engineOptions('randn', a)), a);
}
/** randint(high, size) or randint(low, high, size): uniform int32 in [low, high). */
export function randint(...args: (number | readonly number[] | CreateOptions)[]): Tensor {
  const pos = args.filter((x) => !core.isOptions(x));
  const kw = (args.find((x) => core.isOptions(x)) ?? {}) as Record<string, unknown>;
  const names = pos.length >= 3 ? ['low', 'high', 'size'] : ['high', 'size'];
  const a = core.pyArgs(
    'randint',
    [...pos, kw],
    [...names, 'low', ...CREATE].filter((n, i, l) => l.indexOf(n) === i),
  );
  const dtype = toCoreDType(a.dtype, 'randint') ?? 'int32';
  const r = core.randint(a.low ?? 0, a.high, a.size, { backend: engineOptions('randint', a).backend });
  return finish(dtype === 'int32' ? r : core.cast(r, dtype), a);
}

type LikeOptions = CreateOptions;
function like(fn: string, input: TensorLike, args: readonly unknown[], names: string[] = []) {
  const a = core.pyArgs(fn, [input, ...args], ['input', ...names, ...CREATE]);
  const t = toCoreTensor(a.input);
  const o = engineOptions(fn, a);
  return { a, t, o: { dtype: o.dtype ?? t.dtype, backend: o.backend ?? t.backend } };
}
export function zerosLike(input: TensorLike, ...args: PyCall<[], LikeOptions>): Tensor {
  const { a, t, o } = like('zeros_like', input, args);
  return finish(core.zeros(t.shape, o), a);
}
export function onesLike(input: TensorLike, ...args: PyCall<[], LikeOptions>): Tensor {
  const { a, t, o } = like('ones_like', input, args);
  return finish(core.ones(t.shape, o), a);
}
export function emptyLike(input: TensorLike, ...args: PyCall<[], LikeOptions>): Tensor {
  const { a, t, o } = like('empty_like', input, args);
  return finish(core.zeros(t.shape, o), a);
}
export function fullLike(
  input: TensorLike,
  ...args: PyCall<[fillValue: number | boolean], LikeOptions>
): Tensor {
  const { a, t, o } = like('full_like', input, args, ['fillValue']);
  return finish(core.full(t.shape, a.fillValue, o), a);
}
export function randLike(input: TensorLike, ...args: PyCall<[], LikeOptions>): Tensor {
  const { a, t, o } = like('rand_like', input, args);
  return finish(core.uniform(t.shape, 0, 1, o), a);
}
export function randnLike(input: TensorLike, ...args: PyCall<[], LikeOptions>): Tensor {
  const { a, t, o } = like('randn_like', input, args);
  return finish(core.normal(t.shape, 0, 1, o), a);
}

/** arange(end) or arange(start, end, step = 1); float32 unless a dtype is given. */
export function arange(
  ...args: PyCall<
    [start: number, end?: number, step?: number],
    CreateOptions & Kw<{ start?: number; end?: number; step?: number }>
  >
): Tensor {
  const a = core.pyArgs('arange', args, ['start', 'end', 'step', ...CREATE]);
  let { start, end } = a;
  if (end === undefined) [start, end] = [0, start];
  return finish(core.arange(start ?? 0, end, a.step ?? 1, engineOptions('arange', a)), a);
}

export function linspace(
  ...args: PyCall<
    [start: number, end: number, steps: number],
    CreateOptions & Kw<{ start?: number; end?: number; steps?: number }>
  >
): Tensor {
  const a = core.pyArgs('linspace', args, ['start', 'end', 'steps', ...CREATE]);
  if (a.steps === undefined) throw new TypeError("linspace() missing required argument 'steps'");
  return finish(core.linspace(a.start, a.end, a.steps, engineOptions('linspace', a)), a);
}

export function eye(
  ...args: PyCall<[n: number, m?: number], CreateOptions & Kw<{ n?: number; m?: number }>>
): Tensor {
  const a = core.pyArgs('eye', args, ['n', 'm', ...CREATE]);
  return finish(core.eye(a.n, a.m ?? a.n, engineOptions('eye', a)), a);
}

/** Makes later random draws (rand, randn, randint, dropout) repeatable. */
export function manualSeed(seed: number): void {
  core.seed(seed);
}
