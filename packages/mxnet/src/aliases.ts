/** Python spellings of camelCase names, at run time (core's addPythonAliases) and in the types. */
import { addPythonAliases } from '@polygrad/core';

type SnakeChars<S extends string> = S extends `${infer C}${infer R}`
  ? `${C extends Lowercase<C> ? C : `_${Lowercase<C>}`}${SnakeChars<R>}`
  : '';
/** `attachGrad` → `attach_grad`; names starting with a capital (classes) have no alias. */
export type Snake<K> = K extends `${infer F}${string}`
  ? F extends Lowercase<F>
    ? SnakeChars<K>
    : never
  : never;

/** T plus the snake_case alias of every camelCase key. */
export type Aliased<T> = T & {
  readonly [K in keyof T as K extends string ? Exclude<Snake<K>, K> : never]: T[K];
};

/** Adds the Python spelling of every camelCase key of a namespace object (not of classes in it). */
export function withAliases<T extends object>(o: T): Aliased<T> {
  addPythonAliases(
    o,
    Object.keys(o).filter((k) => /^[a-z]/.test(k) && /[a-z][A-Z]/.test(k)),
  );
  return o as Aliased<T>;
}
