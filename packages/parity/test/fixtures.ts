/**
 * The PyTorch golden fixtures of @polygrad/core (packages/core/fixtures/torch_*.json, written by
 * make_torch_fixtures.py, which documents the format), read from the installed core package, and
 * the comparison rules of core's replay (src/testing/golden.ts): same number decoding, same
 * tolerances, same "a gradient PyTorch reports as None is zeros" convention.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import * as core from '@polygrad/core';

/** A fixture number: NaN and the infinities are spelled "nan", "inf", "-inf". */
export type FixtureNumber = number | string;

export interface FixtureTensor {
  shape: number[];
  dtype: core.DType;
  values: FixtureNumber[];
  requiresGrad?: boolean;
}

export type Args = Record<string, any>;

export interface FixtureCase {
  id: string;
  op: string;
  dtype: 'float32' | 'float64';
  inputs: FixtureTensor[];
  args: Args;
  outputs: FixtureTensor[];
  cotangents: (FixtureNumber[] | null)[];
  grads: (FixtureNumber[] | null)[];
  order2?: { cotangents: (FixtureNumber[] | null)[]; grads: (FixtureNumber[] | null)[] };
}

export interface FixtureFile {
  name: string;
  torch: string;
  cases: FixtureCase[];
}

/** packages/core, wherever the workspace (or node_modules) put it. */
export const CORE_DIR = dirname(createRequire(import.meta.url).resolve('@polygrad/core/package.json'));
export const FIXTURE_DIR = join(CORE_DIR, 'fixtures');

/** Every torch_*.json file of core's fixtures, in name order. */
export function loadFixtures(): FixtureFile[] {
  return readdirSync(FIXTURE_DIR)
    .filter((n) => /^torch_.*\.json$/.test(n))
    .sort()
    .map((name) => {
      const json = JSON.parse(readFileSync(join(FIXTURE_DIR, name), 'utf8')) as {
        torch: string;
        cases: FixtureCase[];
      };
      return { name, torch: json.torch, cases: json.cases };
    });
}

/** The source of core's replay, when the package ships it (in the workspace it does). */
export function coreGoldenSource(): string | null {
  const p = join(CORE_DIR, 'src', 'testing', 'golden.ts');
  return existsSync(p) ? readFileSync(p, 'utf8') : null;
}

export function num(v: FixtureNumber, dtype?: core.DType): number {
  // float32 values are stored in their shortest float32 form: rounding gives back the exact value.
  if (typeof v === 'number') return dtype === 'float32' ? Math.fround(v) : v;
  if (v === 'nan') return Number.NaN;
  if (v === 'inf') return Number.POSITIVE_INFINITY;
  if (v === '-inf') return Number.NEGATIVE_INFINITY;
  throw new TypeError(`bad fixture number ${JSON.stringify(v)}`);
}

/** A new contiguous core tensor holding exactly the fixture's values (no op, no history). */
export function makeCore(
  shape: readonly number[],
  dtype: core.DType,
  values: readonly FixtureNumber[],
): core.Tensor {
  const data = core.arrayFor(dtype, values.length);
  for (let i = 0; i < values.length; i++) data[i] = num(values[i]);
  const t = core.Tensor.empty(dtype, shape);
  if (t.size !== values.length)
    throw new Error(`fixture: ${values.length} values for shape [${shape.join(', ')}]`);
  if (data.length) t.storage.backend.write(t.storage.buffer, data);
  return t;
}

export const makeInput = (ft: FixtureTensor): core.Tensor => makeCore(ft.shape, ft.dtype, ft.values);

// ---- tolerances: a copy of core's toleranceFor (golden.test.ts checks that they agree) ----------

export interface Tolerance {
  rtol: number;
  atol: number;
}

/** Ops whose results are exact (copies, selections, sign flips, rounding): tight tolerances. */
export const EXACT_OPS: readonly string[] = (
  'neg abs sign relu leaky_relu floor ceil round trunc cast add sub mul maximum minimum eq ne lt ' +
  'le gt ge where max min argmax argmin reshape transpose permute expand slice narrow concat stack ' +
  'split chunk gather index_select take_along_dim scatter_add pad flip repeat tile ' +
  'repeat_interleave squeeze unsqueeze flatten select square clone logical_and logical_or ' +
  'logical_not isnan broadcast_to'
).split(' ');
const EXACT = new Set(EXACT_OPS);

/** The literal tolerances below, in source order (compared with core's in golden.test.ts). */
export const TOLERANCE_LITERALS = [
  { rtol: 0, atol: 0 },
  { rtol: 1e-12, atol: 1e-14 },
  { rtol: 1e-6, atol: 1e-7 },
  { rtol: 1e-10, atol: 1e-12 },
  { rtol: 1e-4, atol: 1e-5 },
];

/** |actual - expected| <= atol + rtol * |expected|; integer and bool values must match exactly. */
export function toleranceFor(op: string, dtype: core.DType, order: 1 | 2): Tolerance {
  if (dtype === 'int32' || dtype === 'bool') return { rtol: 0, atol: 0 };
  const f64 = dtype === 'float64';
  if (order === 1 && EXACT.has(op)) return f64 ? { rtol: 1e-12, atol: 1e-14 } : { rtol: 1e-6, atol: 1e-7 };
  if (f64) return { rtol: 1e-10, atol: 1e-12 };
  return { rtol: 1e-4, atol: 1e-5 };
}

const fmt = (v: number) => (Number.isNaN(v) ? 'nan' : String(v));

/** Compares flat values; returns a description of the differences, or null when they agree. */
export function compareValues(
  actual: ArrayLike<number>,
  expected: readonly FixtureNumber[],
  tol: Tolerance,
  dtype?: core.DType,
): string | null {
  if (actual.length !== expected.length) return `expected ${expected.length} values, got ${actual.length}`;
  let bad = 0;
  let worst = -1;
  let worstErr = -1;
  const first: string[] = [];
  for (let i = 0; i < actual.length; i++) {
    const a = Number(actual[i]);
    const e = num(expected[i], dtype);
    let ok: boolean;
    let err = 0;
    if (Number.isNaN(e) || Number.isNaN(a)) ok = Number.isNaN(e) && Number.isNaN(a);
    else if (!Number.isFinite(e) || !Number.isFinite(a)) ok = a === e;
    else {
      err = Math.abs(a - e);
      ok = err <= tol.atol + tol.rtol * Math.abs(e);
    }
    if (ok) continue;
    bad++;
    const rel =
      Number.isFinite(err) && err > 0 ? err / (tol.atol + tol.rtol * Math.abs(e)) : Number.POSITIVE_INFINITY;
    if (rel > worstErr) {
      worstErr = rel;
      worst = i;
    }
    if (first.length < 4) first.push(`[${i}] expected ${fmt(e)}, got ${fmt(a)}`);
  }
  if (!bad) return null;
  return (
    `${bad}/${actual.length} values differ (rtol ${tol.rtol}, atol ${tol.atol}); worst [${worst}] expected ` +
    `${fmt(num(expected[worst], dtype))}, got ${fmt(Number(actual[worst]))}; first: ${first.join('; ')}`
  );
}

const sameShape = (a: readonly number[], b: readonly number[]) =>
  a.length === b.length && a.every((d, i) => d === b[i]);

/**
 * Checks one result against the fixture, adding what differs to `problems`. `null` is a gradient
 * the facade reported as absent (None / null), which the fixtures record as zeros.
 */
export function checkTensor(
  what: string,
  t: core.Tensor | null,
  expected: FixtureTensor,
  values: readonly FixtureNumber[],
  tol: Tolerance,
  problems: string[],
): void {
  if (t === null) {
    const diff = compareValues(new Float64Array(values.length), values, tol, expected.dtype);
    if (diff) problems.push(`${what}: no gradient (zeros) but ${diff}`);
    return;
  }
  if (!sameShape(t.shape, expected.shape)) {
    problems.push(`${what}: expected shape [${expected.shape.join(', ')}], got [${t.shape.join(', ')}]`);
    return;
  }
  if (t.dtype !== expected.dtype) problems.push(`${what}: expected dtype ${expected.dtype}, got ${t.dtype}`);
  const diff = compareValues(t.dataSync(), values, tol, expected.dtype);
  if (diff) problems.push(`${what}: ${diff}`);
}

/** The core tensor inside any facade's tensor (or a core tensor itself). */
export function coreOf(x: unknown): core.Tensor {
  if (x instanceof core.Tensor) return x;
  const c = (x as { [core.CORE_TENSOR]?: core.Tensor } | null)?.[core.CORE_TENSOR];
  if (!c) throw new TypeError(`not a tensor: ${String(x)}`);
  return c;
}
