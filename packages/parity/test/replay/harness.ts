/** Runs the facades' replays against the fixtures and plans which cases each facade can replay. */
import * as core from '@polygrad/core';
import { checkTensor, coreOf, type FixtureCase, type FixtureFile, toleranceFor } from '../fixtures.js';
import { mxnetFacade } from './mxnet.js';
import { tfFacade } from './tf.js';
import { torchFacade } from './torch.js';
import type { Facade, Spelling } from './types.js';

export const FACADES: readonly Facade[] = [torchFacade, mxnetFacade, tfFacade];

/** The case id without its dtype: "sum/3x4_ax0/float32" -> "sum/3x4_ax0". */
export const variantOf = (id: string): string => id.slice(0, id.lastIndexOf('/'));

export interface Plan {
  facade: Facade;
  /** Fixture ops the facade has no spelling for, in fixture order. */
  skippedOps: string[];
  /** Per op, the variants (case ids without dtype) none of the op's spellings can express, with why. */
  skippedCases: Record<string, Record<string, string>>;
  /** The cases to replay, with the spellings that apply to each. */
  cases: { file: string; c: FixtureCase; spellings: Spelling[] }[];
}

export function planFor(facade: Facade, files: readonly FixtureFile[]): Plan {
  const skippedOps: string[] = [];
  const skippedCases: Record<string, Record<string, string>> = {};
  const cases: Plan['cases'] = [];
  for (const file of files) {
    for (const c of file.cases) {
      const table = facade.ops[c.op];
      if (!table) {
        if (!skippedOps.includes(c.op)) skippedOps.push(c.op);
        continue;
      }
      const reasons: string[] = [];
      const spellings = table.filter((s) => {
        const why = s.skip?.(c) ?? null;
        if (why && !reasons.includes(why)) reasons.push(why);
        return !why;
      });
      if (spellings.length) cases.push({ file: file.name, c, spellings });
      else (skippedCases[c.op] ??= {})[variantOf(c.id)] = reasons.join('; ');
    }
  }
  return { facade, skippedOps, skippedCases, cases };
}

/** Replays one spelling of a case; returns its disagreements with the fixture (empty: agrees). */
export function runSpelling(facade: Facade, c: FixtureCase, s: Spelling, order: 1 | 2): string[] {
  const problems: string[] = [];
  const tol = (dtype: core.DType) => toleranceFor(c.op, dtype, order);
  try {
    core.tidy(() => {
      const { outputs, grads } = facade.replay(c, s, order);
      if (order === 1) {
        if (outputs.length !== c.outputs.length) {
          problems.push(`expected ${c.outputs.length} outputs, got ${outputs.length}`);
          return;
        }
        outputs.forEach((o, k) => {
          const e = c.outputs[k];
          checkTensor(`output[${k}]`, coreOf(o), e, e.values, tol(e.dtype), problems);
        });
      }
      const expected = order === 1 ? c.grads : (c.order2?.grads ?? []);
      for (const [i, g] of grads) {
        const ft = c.inputs[i];
        checkTensor(`grad${order === 2 ? '2' : ''}[${i}]`, g, ft, expected[i] ?? [], tol(ft.dtype), problems);
      }
    });
  } catch (e) {
    problems.push(`threw ${e instanceof Error ? `${e.name}: ${e.message.split('\n')[0]}` : String(e)}`);
  }
  return problems;
}

/** Every spelling of a case; the disagreements are prefixed with the spelling. */
export function runCase(
  facade: Facade,
  c: FixtureCase,
  spellings: readonly Spelling[],
  order: 1 | 2,
): string[] {
  return spellings.flatMap((s) => runSpelling(facade, c, s, order).map((p) => `${s.name}: ${p}`));
}
