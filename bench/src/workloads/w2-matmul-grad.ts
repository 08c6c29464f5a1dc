/** W2: loss = sum(A·B), gradients for A and B (the backward matmuls use transposed operands). */
import { expectClose } from '../compare.js';
import { uniform } from '../data.js';
import type { Engine, F32 } from '../engine.js';
import * as ref from '../reference.js';
import { call, timeRunner } from '../timing.js';
import type { Context, Row, Workload } from './workload.js';

const N = 512;

function verify(a: F32, b: F32, n: number, [ga, gb]: [F32, F32]): void {
  const [wa, wb] = ref.matmulGrad(a, b, n);
  expectClose(`W2 n=${n} dA`, ga, wa, 1e-4, 1e-3);
  expectClose(`W2 n=${n} dB`, gb, wb, 1e-4, 1e-3);
}

export const w2: Workload = {
  id: 'W2',
  title: 'sum(A·B), dA and dB',
  method: 'matmulGrad',
  rows: () => [{ case: `n=${N}`, unit: 'ms', higherIsBetter: false, timed: true }],
  async check(e) {
    const n = 37;
    const a = uniform(n * n, 303);
    const b = uniform(n * n, 404);
    const r = e.matmulGrad!(a, b, n);
    try {
      verify(a, b, n, await call(r));
    } finally {
      r.dispose();
    }
  },
  async run(e: Engine, ctx: Context): Promise<Row[]> {
    const a = uniform(N * N, 3000);
    const b = uniform(N * N, 4000);
    const r = e.matmulGrad!(a, b, N);
    try {
      const t = await timeRunner(r, (g) => verify(a, b, N, g), ctx.timing);
      return [{ ...w2.rows(ctx.quick)[0], ...t, value: t.medianMs }];
    } finally {
      r.dispose();
    }
  },
};
