import { readFileSync } from 'node:fs';
import { vi } from 'vitest';
import type { Tensor } from '../src/index.js';

type Json = number | string | boolean;

export interface Fixture {
  torch: string;
  repr: Record<string, string>;
  grad_fn: Record<string, [string, (string | null)[]]>;
  values: Record<string, { values: any; grads?: (Json[] | null)[]; indices?: Json[] }>;
}

export const fixture: Fixture = JSON.parse(
  readFileSync(new URL('./fixtures/torch_facade.json', import.meta.url), 'utf8'),
);

export const decode = (v: Json): number =>
  typeof v === 'number'
    ? v
    : v === 'nan'
      ? Number.NaN
      : v === 'inf'
        ? Number.POSITIVE_INFINITY
        : v === '-inf'
          ? Number.NEGATIVE_INFINITY
          : Number(v);

/** What `fn` writes to stdout (torch.print writes there), as one string. */
export function capture(fn: () => void): string {
  const out: string[] = [];
  const spy = vi.spyOn(process.stdout, 'write').mockImplementation((s: string | Uint8Array) => {
    out.push(typeof s === 'string' ? s : Buffer.from(s).toString());
    return true;
  });
  try {
    fn();
  } finally {
    spy.mockRestore();
  }
  return out.join('');
}

/** Flat values of a tensor (numbers; booleans as true/false). */
export function flat(t: Tensor | null | undefined): (number | boolean)[] {
  if (!t) throw new Error('expected a tensor, got null');
  const out: (number | boolean)[] = [];
  const walk = (v: unknown): void => {
    if (Array.isArray(v)) for (const e of v) walk(e);
    else out.push(v as number | boolean);
  };
  walk(t.toArray());
  return out;
}

/** Elementwise |a - b| <= atol + rtol·|b| (NaN equals NaN). */
export function close(
  actual: readonly (number | boolean)[],
  expected: readonly Json[],
  rtol = 1e-5,
  atol = 1e-6,
): boolean {
  if (actual.length !== expected.length) return false;
  return actual.every((a, i) => {
    const e = decode(expected[i]);
    const x = Number(a);
    if (Number.isNaN(e)) return Number.isNaN(x);
    return Math.abs(x - e) <= atol + rtol * Math.abs(e);
  });
}
