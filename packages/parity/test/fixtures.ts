/**
 * The PyTorch golden fixtures of @polygrad/core (packages/core/fixtures/torch_*.json, written by
 * make_torch_fixtures.py, which documents the format), read from the installed core package, and
 * the comparison rules of core's replay (src/testing/golden.ts): same number decoding, same
 * tolerances, same "a gradient PyTorch reports as None is zeros" convention.
 */
import * as core from '@polygrad/core';

import {
  compareValues,
  type FixtureNumber,
  type FixtureTensor,
  num,
  type Tolerance,
} from '@polygrad/core/testing';

export {
  type Args,
  compareValues,
  type FixtureCase,
  type FixtureFile,
  type FixtureNumber,
  type FixtureTensor,
  loadFixtures,
  num,
  type Tolerance,
  toleranceFor,
} from '@polygrad/core/testing';

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
