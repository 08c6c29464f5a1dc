/** Python-isms the tf namespace shares: classes callable without `new`, nested structures, axes. */
import * as core from '@polygrad/core';
import { isTensorLike, type TensorLike, toCore } from './tensor.js';

/** A class that can also be called without `new`, as Python classes are (`tf.Variable(x)`). */
export function callable<C extends new (...args: any[]) => any>(
  cls: C,
): C & ((...args: ConstructorParameters<C>) => InstanceType<C>) {
  return new Proxy(cls, {
    apply: (target, _self, args) => new target(...args),
  }) as C & ((...args: ConstructorParameters<C>) => InstanceType<C>);
}

/** A structure of tensors as TensorFlow's `tf.nest` sees it: a tensor, an array or an object of them. */
export type Nest<T> = T | readonly Nest<T>[] | { readonly [key: string]: Nest<T> };

/** The leaves of a structure, in order (arrays by index, objects by key). */
export function flatten<T>(s: Nest<T>, isLeaf: (x: unknown) => x is T): T[] {
  const out: T[] = [];
  const rec = (x: unknown) => {
    if (isLeaf(x)) out.push(x);
    else if (Array.isArray(x)) x.forEach(rec);
    else if (core.isOptions(x)) Object.values(x).forEach(rec);
    else throw new TypeError(`Expected a tensor, a list or a dict of tensors, got ${core.pyRepr(x)}`);
  };
  rec(s);
  return out;
}

/** Rebuilds the structure of `s` with `values` (in flatten's order) in place of its leaves. */
export function packSequenceAs<T, U>(
  s: Nest<T>,
  values: readonly U[],
  isLeaf: (x: unknown) => x is T,
): Nest<U> {
  let i = 0;
  const rec = (x: unknown): Nest<U> => {
    if (isLeaf(x)) return values[i++];
    if (Array.isArray(x)) return x.map(rec);
    const out: Record<string, Nest<U>> = {};
    for (const [k, v] of Object.entries(x as object)) out[k] = rec(v);
    return out;
  };
  return rec(s);
}

export const isTensorLeaf = isTensorLike;

/** An axis argument: a number, a list of numbers, a tensor of them, or null/undefined for all. */
export function axesArg(axis: unknown): number | number[] | null {
  if (axis === null || axis === undefined) return null;
  if (typeof axis === 'number') return axis;
  if (Array.isArray(axis)) return axis.map(Number);
  if (isTensorLike(axis)) {
    const v = toCore(axis as TensorLike).toArray();
    return typeof v === 'number' ? v : (v as number[]).map(Number);
  }
  throw new TypeError(`Expected an int, a list of ints or None for axis, got ${core.pyRepr(axis)}`);
}

/** A shape argument: a list of ints, a single int, or a 1-D int tensor. */
export function shapeArg(shape: unknown): number[] {
  if (typeof shape === 'number') return [shape];
  if (Array.isArray(shape)) return shape.map(Number);
  if (isTensorLike(shape)) {
    const v = toCore(shape as TensorLike).toArray();
    return typeof v === 'number' ? [v] : (v as number[]).map(Number);
  }
  throw new TypeError(`Expected a shape (a list of ints), got ${core.pyRepr(shape)}`);
}
