/** W1: n×n by n×n matmul forward, result read back; GFLOP/s = 2n³/t. */
import { expectClose, MismatchError } from '../compare.js';
import { rng, uniform } from '../data.js';
import type { Engine, F32 } from '../engine.js';
import * as ref from '../reference.js';
import { call, timeRunner } from '../timing.js';
import type { Context, Row, RowSpec, Workload } from './workload.js';

const sizes = (quick: boolean) => (quick ? [128, 512] : [128, 512, 1024]);

async function checkSize(e: Engine, n: number): Promise<void> {
  const a = uniform(n * n, 101 + n);
  const b = uniform(n * n, 202 + n);
  const r = e.matmul!(a, b, n);
  try {
    expectClose(`W1 check n=${n}`, await call(r), ref.matmul(a, b, n), 1e-4, 1e-4);
  } finally {
    r.dispose();
  }
}

/** Corners plus 60 seeded entries of the timed product against plain JS dot products. */
function spotCheck(a: F32, b: F32, n: number, c: F32): void {
  if (c.length !== n * n) throw new MismatchError(`W1 n=${n}: expected ${n * n} values, got ${c.length}`);
  const r = rng(n);
  const picks: [number, number][] = [
    [0, 0],
    [0, n - 1],
    [n - 1, 0],
    [n - 1, n - 1],
  ];
  for (let k = 0; k < 60; k++) picks.push([Math.floor(r() * n), Math.floor(r() * n)]);
  for (const [i, j] of picks) {
    const { value, scale } = ref.matmulEntry(a, b, n, i, j);
    const got = c[i * n + j];
    if (!(Math.abs(got - value) <= 2e-4 * scale + 1e-6)) {
      throw new MismatchError(`W1 n=${n}: C[${i},${j}] is ${got}, expected ${value}`);
    }
  }
}

export const w1: Workload = {
  id: 'W1',
  title: 'matmul forward',
  method: 'matmul',
  rows: (quick) =>
    sizes(quick).map(
      (n): RowSpec => ({ case: `n=${n}`, unit: 'GFLOP/s', higherIsBetter: true, timed: true }),
    ),
  async check(e) {
    await checkSize(e, 33);
    await checkSize(e, 65);
  },
  async run(e: Engine, ctx: Context): Promise<Row[]> {
    const rows: Row[] = [];
    for (const spec of w1.rows(ctx.quick)) {
      const n = Number(spec.case.slice(2));
      const a = uniform(n * n, 1000 + n);
      const b = uniform(n * n, 2000 + n);
      const r = e.matmul!(a, b, n);
      try {
        const t = await timeRunner(r, (c) => spotCheck(a, b, n, c), ctx.timing);
        rows.push({ ...spec, ...t, value: (2 * n ** 3) / (t.medianMs * 1e6) });
      } finally {
        r.dispose();
      }
    }
    return rows;
  },
};
