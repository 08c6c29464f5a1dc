/**
 * The command line the Node examples share: `--name value` / `--name=value` flags (node:util's
 * parseArgs; the bare `--` that `pnpm start -- …` passes through is dropped), `--help`, exit
 * status 2 with the usage line for a bad flag, and `--backend` making a polygrad backend current
 * (exit status 1, with the reason, when it cannot run here).
 */
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import * as core from '@polygrad/core';

export const BACKENDS = ['cpu', 'wasm', 'webgpu'];

/**
 * A flag: `{ choices: [...] }` (a string from the list), `{ integer: min }` (an integer ≥ min),
 * and its `default`.
 * @typedef {{ choices?: string[], integer?: number, default?: string | number }} Flag
 */

/** The usage line for `script` and its flags. */
export function usage(script, flags) {
  const parts = Object.entries(flags).map(
    ([name, f]) => `[--${name} ${f.choices ? f.choices.join('|') : 'N'}]`,
  );
  return `usage: node ${script} ${parts.join(' ')}`.trimEnd();
}

/**
 * Parses `argv` against `flags`; throws an Error whose message says what is wrong. Returns the
 * values (defaults filled in), or `{ help: true }`.
 */
export function parseFlags(argv, flags) {
  const { values } = parseArgs({
    args: argv.filter((a) => a !== '--'),
    options: {
      help: { type: 'boolean', short: 'h' },
      ...Object.fromEntries(Object.keys(flags).map((name) => [name, { type: 'string' }])),
    },
    strict: true,
    allowPositionals: false,
  });
  if (values.help) return { help: true };
  const out = {};
  for (const [name, f] of Object.entries(flags)) {
    const v = values[name];
    if (v === undefined) out[name] = f.default ?? null;
    else if (f.choices) {
      if (!f.choices.includes(v))
        throw new Error(`--${name} must be one of ${f.choices.join(', ')} (got '${v}')`);
      out[name] = v;
    } else {
      const n = Number(v);
      const min = f.integer ?? 0;
      if (!/^-?\d+$/.test(v) || n < min)
        throw new Error(`--${name} must be an integer ≥ ${min} (got '${v}')`);
      out[name] = n;
    }
  }
  return out;
}

/**
 * The whole command line of an example: parses `process.argv` (or exits: 0 after `--help`, 2
 * after a bad flag), then makes `--backend` current if the flags have one and it was given.
 * `from` is the example's `import.meta.url`: backend packages are looked up from there, since
 * they are the example's dependencies.
 */
export async function cli(script, flags, from) {
  const line = usage(script, flags);
  let args;
  try {
    args = parseFlags(process.argv.slice(2), flags);
  } catch (e) {
    console.error(`error: ${e.message}\n${line}`);
    process.exit(2);
  }
  if (args.help) {
    console.log(line);
    process.exit(0);
  }
  if (args.backend) {
    try {
      await useBackend(args.backend, from);
    } catch (e) {
      console.error(`error: cannot use the '${args.backend}' backend: ${e.message}`);
      process.exit(1);
    }
  }
  return args;
}

/**
 * Makes `name` the current backend, importing its package as seen from `from` first; a package
 * that is not installed is left to core.setBackend, whose error names it.
 */
export async function useBackend(name, from) {
  const pkg = `@polygrad/backend-${name}`;
  let path = null;
  try {
    path = createRequire(from).resolve(pkg);
  } catch {
    // not installed where the example is: core.setBackend explains
  }
  if (path) await import(pathToFileURL(path).href);
  await core.setBackend(name);
}
