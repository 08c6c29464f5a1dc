/** Type helpers for Python calling conventions: positional prefixes and snake_case keys. */

/** `retainGraph` → `retain_graph`, at the type level. */
export type SnakeKey<S extends string> = S extends `${infer H}${infer T}`
  ? `${H extends Lowercase<H> ? H : `_${Lowercase<H>}`}${SnakeKey<T>}`
  : S;

/** An options object that accepts both spellings of its keys. */
export type Kw<T> = T & { [K in keyof T as K extends string ? SnakeKey<K> : never]?: T[K] };

type Init<T extends unknown[]> = T extends [...infer H, unknown] ? H : [];
type Prefixes<T extends unknown[]> = T extends [] ? [] : T | Prefixes<Init<T>>;
/** Every positional may be passed (as undefined, to skip it). */
type AddUndefined<T extends unknown[]> = { [K in keyof T]: T[K] | undefined };
type Loose<T extends unknown[]> = AddUndefined<Required<T>>;

/**
 * The argument lists a Python signature accepts: any prefix of the positional parameters,
 * optionally followed by a keyword-options object.
 */
export type PyCall<P extends unknown[], K> =
  Prefixes<Loose<P>> extends infer U ? (U extends unknown[] ? U | [...U, K] : never) : never;

/** The snake_case aliases of an object's camelCase members. */
export type SnakeAliases<T> = {
  [K in keyof T as K extends string ? (SnakeKey<K> extends K ? never : SnakeKey<K>) : never]: T[K];
};

/** A function's parameters after the first. */
export type Rest<F> = F extends (first: any, ...rest: infer R) => any ? R : never;
