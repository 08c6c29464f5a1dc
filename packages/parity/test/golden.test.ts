/**
 * 1. PyTorch's golden values (packages/core/fixtures/torch_*.json) replayed through each facade's
 * own spelling of every op it has, with gradients in that facade's style (replay/*.ts), at the
 * tolerances core's own replay uses. One test per facade and case (and per second-order case);
 * each runs every spelling the facade has for the op. Ops and cases a facade cannot spell are
 * listed in skips.ts, and a summary test fails when the list changes.
 */
import { describe, expect, it } from 'vitest';
import { loadFixtures } from './fixtures.js';
import { FACADES, planFor, runCase, variantOf } from './replay/harness.js';
import { KNOWN_DISAGREEMENTS, SKIPPED_CASES, SKIPPED_OPS } from './skips.js';

const files = loadFixtures();
const fixtureOps = [...new Set(files.flatMap((f) => f.cases.map((c) => c.op)))];
const plans = FACADES.map((f) => planFor(f, files));

function report(facade: string, id: string, problems: string[]): void {
  if (problems.length)
    throw new Error(`${facade} ${id} disagrees with PyTorch:\n  - ${problems.join('\n  - ')}`);
}

describe('the fixtures', () => {
  it('are found next to @polygrad/core', () => {
    expect(files.map((f) => f.name)).toEqual([
      'torch_movement.json',
      'torch_nn.json',
      'torch_ops.json',
      'torch_reduce.json',
    ]);
    expect(files.reduce((n, f) => n + f.cases.length, 0)).toBeGreaterThan(1000);
  });

  it('name only fixture ops in the replay tables', () => {
    for (const f of FACADES) expect(Object.keys(f.ops).filter((op) => !fixtureOps.includes(op))).toEqual([]);
  });
});

describe('skipped ops and cases', () => {
  it('are the committed lists (printed once)', () => {
    const lines: string[] = [];
    for (const p of plans) {
      const replayedOps = new Set(p.cases.map((x) => x.c.op));
      const caseSkips = Object.values(p.skippedCases).reduce((n, m) => n + Object.keys(m).length, 0);
      const allCasesSkipped = Object.keys(p.skippedCases).filter((op) => !replayedOps.has(op));
      lines.push(
        `${p.facade.name}: ${replayedOps.size} ops replayed (${p.cases.length} cases); ` +
          `${p.skippedOps.length} ops not spelled: ${p.skippedOps.join(', ') || '(none)'}; ` +
          `${caseSkips} case variants skipped (skips.ts)` +
          (allCasesSkipped.length ? ` (every case of: ${allCasesSkipped.join(', ')})` : ''),
      );
    }
    console.log(`golden fixtures through the facades\n  ${lines.join('\n  ')}`);
    for (const p of plans) {
      const name = p.facade.name;
      expect([...p.skippedOps].sort(), `${name}: skipped ops`).toEqual(Object.keys(SKIPPED_OPS[name]).sort());
      const cases = Object.assign({}, ...Object.values(p.skippedCases));
      expect(cases, `${name}: skipped cases`).toEqual(SKIPPED_CASES[name]);
    }
  });

  it('leave every fixture op replayed by at least one facade', () => {
    const replayed = new Set(plans.flatMap((p) => p.cases.map((x) => x.c.op)));
    expect(fixtureOps.filter((op) => !replayed.has(op))).toEqual([]);
  });
});

for (const plan of plans) {
  const f = plan.facade;
  const known = KNOWN_DISAGREEMENTS[f.name];
  describe(`golden values through ${f.name}`, () => {
    for (const file of files) {
      const cases = plan.cases.filter((x) => x.file === file.name);
      if (!cases.length) continue;
      describe(`${file.name} (torch ${file.torch})`, () => {
        for (const op of new Set(cases.map((x) => x.c.op))) {
          describe(op, () => {
            for (const { c, spellings } of cases.filter((x) => x.c.op === op)) {
              const orders: (1 | 2)[] = c.order2 ? [1, 2] : [1];
              for (const order of orders) {
                const id = order === 2 ? `${c.id} (2nd order)` : c.id;
                const test = known[id] ? it.fails : it;
                test(id, () => report(f.name, id, runCase(f, c, spellings, order)));
              }
            }
          });
        }
      });
    }
  });
}

it('known disagreements name replayed cases', () => {
  for (const p of plans) {
    const ids = new Set(p.cases.flatMap(({ c }) => [c.id, `${c.id} (2nd order)`]));
    expect(Object.keys(KNOWN_DISAGREEMENTS[p.facade.name]).filter((id) => !ids.has(id))).toEqual([]);
  }
  expect(variantOf('sum/3x4_ax0/float32')).toBe('sum/3x4_ax0');
});
