/**
 * Python calling conventions for the facades: a parameter may come positionally, in
 * Python's order, or by name in a trailing options object, in camelCase or snake_case;
 * the options object may also stand in for omitted optional positionals.
 */

export function snakeCase(name: string): string {
  return name.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
}

export function camelCase(name: string): string {
  return name.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase());
}

/** A plain options object (not a tensor, array, or anything with a prototype of its own). */
export function isOptions(x: unknown): x is Record<string, unknown> {
  return x !== null && typeof x === 'object' && Object.getPrototypeOf(x) === Object.prototype;
}

/** Reads key `name` (camelCase) from options written in either spelling. */
export function opt<T>(o: Record<string, unknown> | undefined, name: string, fallback?: T): T {
  if (!o) return fallback as T;
  if (o[name] !== undefined) return o[name] as T;
  const snake = snakeCase(name);
  if (o[snake] !== undefined) return o[snake] as T;
  return fallback as T;
}

/**
 * Binds `args` to parameter `names` (camelCase, in Python's order). A trailing plain
 * object is read as keyword arguments unless the parameter at its position is itself
 * declared to take an object (`objectParams`). Unknown keywords are an error, as in Python.
 */
export function pyArgs(
  fn: string,
  args: readonly unknown[],
  names: readonly string[],
  defaults: Record<string, unknown> = {},
  objectParams: readonly string[] = [],
): Record<string, any> {
  const out: Record<string, unknown> = { ...defaults };
  let positional = args;
  let kw: Record<string, unknown> | undefined;
  const last = args[args.length - 1];
  if (args.length && isOptions(last) && !objectParams.includes(names[args.length - 1])) {
    kw = last;
    positional = args.slice(0, -1);
  }
  if (positional.length > names.length) {
    throw new TypeError(
      `${fn}() takes ${names.length} positional arguments but ${positional.length} were given`,
    );
  }
  positional.forEach((v, i) => {
    if (v !== undefined) out[names[i]] = v;
  });
  if (kw) {
    for (const [k, v] of Object.entries(kw)) {
      const name = camelCase(k);
      if (!names.includes(name)) throw new TypeError(`${fn}() got an unexpected keyword argument '${k}'`);
      if (positional.length > names.indexOf(name) && positional[names.indexOf(name)] !== undefined) {
        throw new TypeError(`${fn}() got multiple values for argument '${k}'`);
      }
      if (v !== undefined) out[name] = v;
    }
  }
  return out;
}

/**
 * Adds the exact Python spelling of every camelCase member as an alias
 * (`attachGrad` → `attach_grad`), on an object or a class prototype.
 */
export function addPythonAliases(target: object, names?: readonly string[]): void {
  const keys = names ?? collectKeys(target);
  for (const k of keys) {
    const snake = snakeCase(k);
    if (snake === k || Object.hasOwn(target, snake)) continue;
    const desc = findDescriptor(target, k);
    if (!desc) continue;
    Object.defineProperty(target, snake, { ...desc, enumerable: false });
  }
}

function collectKeys(target: object): string[] {
  return Object.getOwnPropertyNames(target).filter((k) => k !== 'constructor' && /[a-z][A-Z]/.test(k));
}

function findDescriptor(target: object, key: string): PropertyDescriptor | undefined {
  for (let o: object | null = target; o; o = Object.getPrototypeOf(o)) {
    const d = Object.getOwnPropertyDescriptor(o, key);
    if (d) return d;
  }
  return undefined;
}
