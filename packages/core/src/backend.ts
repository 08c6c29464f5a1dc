import type { DType, TypedArray } from './dtype.js';

/** A strided window onto a backend buffer. Shapes and strides count elements, not bytes. */
export interface View {
  readonly buffer: unknown;
  readonly dtype: DType;
  readonly shape: readonly number[];
  readonly strides: readonly number[];
  readonly offset: number;
}

/** Every kernel op of each family, once: the types come from these lists, and tests walk them. */
export const UNARY_OPS = [
  'neg',
  'abs',
  'sign',
  'exp',
  'log',
  'log1p',
  'expm1',
  'sqrt',
  'rsqrt',
  'square',
  'reciprocal',
  'sin',
  'cos',
  'tan',
  'tanh',
  'sigmoid',
  'relu',
  'erf',
  'floor',
  'ceil',
  'round',
  'trunc',
  'not',
  'isnan',
] as const;
export type UnaryOp = (typeof UNARY_OPS)[number];

export const BINARY_OPS = [
  'add',
  'sub',
  'mul',
  'div',
  'pow',
  'maximum',
  'minimum',
  'atan2',
  'eq',
  'ne',
  'lt',
  'le',
  'gt',
  'ge',
  'and',
  'or',
] as const;
export type BinaryOp = (typeof BINARY_OPS)[number];

export const REDUCE_OPS = ['sum', 'prod', 'max', 'min', 'argmax', 'argmin'] as const;
export type ReduceOp = (typeof REDUCE_OPS)[number];

/**
 * What a backend implements. Buffers are opaque to core. Every kernel writes a fresh,
 * contiguous `out` (offset 0) except `copy` and `scatterAdd`, which may write into a
 * strided window of an existing buffer (in-place ops). Inputs are arbitrary strided views;
 * broadcast inputs arrive with stride 0 along broadcast dimensions and the output's rank.
 * Elementwise kernels compute in the output dtype's precision; comparison and logical ops
 * write `bool` (0/1 bytes) and read their inputs as numbers.
 */
export interface Backend {
  readonly name: string;
  /** Finishes asynchronous setup (compiling modules, requesting a device). */
  ready?(): Promise<void>;
  alloc(dtype: DType, size: number): unknown;
  free(buffer: unknown): void;
  write(buffer: unknown, data: TypedArray): void;
  read(buffer: unknown, dtype: DType, size: number): Promise<TypedArray>;
  /** Synchronous readback, where the backend can do it. */
  readSync?(buffer: unknown, dtype: DType, size: number): TypedArray;

  /** out = op(x); x has out's shape. */
  unary(op: UnaryOp, x: View, out: View): void;
  /** out = op(a, b); a and b have out's shape (broadcast through zero strides). */
  binary(op: BinaryOp, a: View, b: View, out: View): void;
  /** out = cond ? a : b; all three have out's shape. */
  where(cond: View, a: View, b: View, out: View): void;
  /** Reduces x over `axes` (sorted, unique); out has x's shape without those axes. arg* write int32. */
  reduce(op: ReduceOp, x: View, axes: readonly number[], out: View): void;
  /**
   * out[..., m, n] = sum_k a[..., m, k] * b[..., k, n]. a, b and out have the same rank (>= 2);
   * batch dimensions are already broadcast (zero strides). A transposed operand is a view with
   * swapped strides, never a copy: backends pick their kernel from the strides.
   */
  matmul(a: View, b: View, out: View): void;
  /** out = x elementwise, converting x.dtype to out.dtype; out may be a strided window. */
  copy(x: View, out: View): void;
  /** Along `axis`: out[..i, j, k..] = x[..i, index[..i, j, k..], k..]; index is int32 with out's shape. */
  gather(x: View, index: View, axis: number, out: View): void;
  /** In place along `axis`: out[..i, index[..i, j, k..], k..] += src[..i, j, k..]; index has src's shape. */
  scatterAdd(out: View, index: View, axis: number, src: View): void;
  /** Sets every element of a contiguous out. */
  fill(out: View, value: number): void;
}

export type BackendFactory = () => Backend | Promise<Backend>;

const factories = new Map<string, BackendFactory>();
const instances = new Map<string, Backend>();
const pending = new Map<string, Promise<Backend>>();
let currentName: string | null = null;

export class BackendError extends Error {
  override name = 'BackendError';
}

/** Backends call this when their package is imported; the first one registered becomes current. */
export function registerBackend(name: string, factory: BackendFactory): void {
  factories.set(name, factory);
  if (currentName === null) currentName = name;
}

export function listBackends(): string[] {
  return [...factories.keys()];
}

function missing(name: string): BackendError {
  return new BackendError(
    `Backend '${name}' is not registered. Install and import '@polygrad/backend-${name}' (registered: ${listBackends().join(', ') || 'none'}).`,
  );
}

/**
 * Makes `name` current. If it is not registered, tries to load `@polygrad/backend-<name>`
 * (which registers itself on import); the returned promise settles when the backend is usable.
 */
export function setBackend(name: string): Promise<Backend> {
  const p = (async () => {
    if (!factories.has(name)) {
      if (!(await loadBackendPackage(`@polygrad/backend-${name}`))) throw missing(name);
      if (!factories.has(name)) throw missing(name);
    }
    const b = await initBackend(name);
    currentName = name;
    return b;
  })();
  p.catch(() => {});
  return p;
}

/**
 * Imports a backend package. From core's own location first; then, in Node, from the
 * application's (process.cwd()), because strict installs such as pnpm's do not let core
 * see packages it does not depend on.
 */
async function loadBackendPackage(pkg: string): Promise<boolean> {
  try {
    await import(/* @vite-ignore */ pkg);
    return true;
  } catch {
    // fall through to the application's resolution
  }
  const proc = (globalThis as { process?: { versions?: { node?: string }; cwd(): string } }).process;
  if (!proc?.versions?.node) return false;
  try {
    const { createRequire } = await import(/* @vite-ignore */ 'node:module');
    const { pathToFileURL } = await import(/* @vite-ignore */ 'node:url');
    const resolved = createRequire(`${proc.cwd()}/package.json`).resolve(pkg);
    await import(/* @vite-ignore */ pathToFileURL(resolved).href);
    return true;
  } catch {
    return false;
  }
}

async function initBackend(name: string): Promise<Backend> {
  const have = instances.get(name);
  if (have) return have;
  let p = pending.get(name);
  if (!p) {
    p = (async () => {
      const b = await factories.get(name)!();
      await b.ready?.();
      instances.set(name, b);
      return b;
    })();
    pending.set(name, p);
    p.catch(() => pending.delete(name));
  }
  return p;
}

/** The current backend's name. */
export function getBackend(): string {
  if (currentName === null) {
    throw new BackendError(
      "No backend is registered. Import '@polygrad/backend-cpu' (the facades do this for you).",
    );
  }
  return currentName;
}

/** Resolves when the current backend has finished its asynchronous setup. */
export async function ready(): Promise<void> {
  await initBackend(getBackend());
}

/** The backend instance by name (the current one by default); synchronous factories initialise on demand. */
export function backendInstance(name: string = getBackend()): Backend {
  const have = instances.get(name);
  if (have) return have;
  const f = factories.get(name);
  if (!f) throw missing(name);
  const made = f();
  if (made instanceof Promise) {
    initBackend(name).catch(() => {});
    throw new BackendError(`Backend '${name}' is still initialising: await core.ready() before using it.`);
  }
  if (made.ready) {
    if (!pending.has(name))
      pending.set(
        name,
        made.ready().then(() => (instances.set(name, made), made)),
      );
    throw new BackendError(`Backend '${name}' needs asynchronous setup: await core.ready() first.`);
  }
  instances.set(name, made);
  return made;
}

const holds = new Map<string, boolean>();

/**
 * Whether a backend can hold `dtype` (WebGPU has no float64). Probed once per backend and dtype
 * with a one-element buffer, so the Backend interface needs no capability list.
 */
export function backendSupports(name: string, dtype: DType): boolean {
  const key = `${name}:${dtype}`;
  let ok = holds.get(key);
  if (ok === undefined) {
    const b = backendInstance(name);
    try {
      b.free(b.alloc(dtype, 1));
      ok = true;
    } catch {
      ok = false;
    }
    holds.set(key, ok);
  }
  return ok;
}
