import { getBackend } from './backend.js';
import type { Storage } from './storage.js';
import { statsFor } from './storage.js';

/** What tidy needs of a tensor, without importing the Tensor class (no cycle). */
interface Disposable {
  readonly disposed: boolean;
  dispose(): void;
  /** Arms the GC safety net; called when the handle leaves every tidy scope. */
  escape?(): void;
}

/** Objects that wrap a core tensor (the facades' tensors) expose it under this symbol. */
export const CORE_TENSOR = Symbol.for('polygrad.coreTensor');

const scopes: Set<Disposable>[] = [];
const kept = new WeakSet<Disposable>();

/**
 * Called by every new tensor handle: the innermost tidy scope owns it. Returns false
 * outside any scope, where the handle needs the GC safety net at once. (Inside a scope
 * the net is armed only if the handle escapes: registering every temporary is costly.)
 */
export function track(t: Disposable): boolean {
  if (!scopes.length) return false;
  scopes[scopes.length - 1].add(t);
  return true;
}

/** Safety net: a handle collected without dispose() gives its storage back. */
export const finalizer = new FinalizationRegistry<Storage>((storage) => {
  storage.stats.tensors--;
  storage.release();
});

/** Takes a handle out of every tidy scope without arming its GC net: the caller frees it. */
export function adopt<T extends Disposable>(t: T): T {
  for (const s of scopes) s.delete(t);
  return t;
}

/** Exempts a tensor from the enclosing tidy scopes. */
export function keep<T extends Disposable>(t: T): T {
  kept.add(t);
  let owned = false;
  for (const s of scopes) owned = s.delete(t) || owned;
  if (owned) t.escape?.();
  return t;
}

function collect(value: unknown, out: Set<unknown>, depth = 0): void {
  if (value === null || typeof value !== 'object' || depth > 8) return;
  const inner = (value as Record<symbol, unknown>)[CORE_TENSOR];
  if (inner) out.add(inner);
  if ('dispose' in value && 'shape' in value) out.add(value);
  if (Array.isArray(value)) for (const v of value) collect(v, out, depth + 1);
  else if (value instanceof Map) for (const v of value.values()) collect(v, out, depth + 1);
  else if (!inner && Object.getPrototypeOf(value) === Object.prototype)
    for (const v of Object.values(value)) collect(v, out, depth + 1);
}

function close(scope: Set<Disposable>, result: unknown): void {
  const i = scopes.lastIndexOf(scope);
  if (i >= 0) scopes.splice(i, 1);
  const keepSet = new Set<unknown>();
  collect(result, keepSet);
  const parent = scopes[scopes.length - 1];
  for (const t of scope) {
    if (keepSet.has(t)) {
      if (parent) parent.add(t);
      else t.escape?.();
    } else if (!t.disposed && !kept.has(t)) t.dispose();
  }
}

/**
 * Runs fn and disposes every tensor made inside it that it does not return (in an array,
 * object or Map) and that was not `keep()`-ed. Async functions keep their scope open until
 * the promise settles; tensors made by other code meanwhile belong to it too.
 */
export function tidy<T>(fn: () => T): T {
  const scope = new Set<Disposable>();
  scopes.push(scope);
  let result: T;
  try {
    result = fn();
  } catch (e) {
    close(scope, undefined);
    throw e;
  }
  if (result instanceof Promise) {
    return result.then(
      (v) => (close(scope, v), v),
      (e) => {
        close(scope, undefined);
        throw e;
      },
    ) as T;
  }
  close(scope, result);
  return result;
}

/** Live tensor handles and bytes on a backend (the current one by default). */
export function memory(backend: string = getBackend()): { tensors: number; bytes: number; backend: string } {
  const s = statsFor(backend);
  return { tensors: s.tensors, bytes: s.bytes, backend };
}
