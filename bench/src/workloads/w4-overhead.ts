/** W4: autograd overhead. 500 × (x·1.0001 + 0.0001) on a length-4 vector, sum, backward; µs per op. */
import { expectClose, expectScalar } from '../compare.js';
import { uniform } from '../data.js';
import type { Engine, F32, ValueAndGrad } from '../engine.js';
import * as ref from '../reference.js';
import { call, timeRunner } from '../timing.js';
import type { Context, Row, Workload } from './workload.js';

const STEPS = 500;
/** Each step is two ops (mul, add); the final sum is not counted. */
const OPS = 2 * STEPS;

function verify(x: F32, steps: number, out: ValueAndGrad): void {
  const want = ref.chain(x, steps);
  expectScalar(`W4 steps=${steps} value`, out.value, want.value, 1e-4, 1e-4);
  expectClose(`W4 steps=${steps} grad`, out.grad, want.grad, 1e-4, 1e-5);
}

export const w4: Workload = {
  id: 'W4',
  title: 'autograd overhead, forward + backward',
  method: 'chain',
  rows: () => [{ case: `${STEPS}×2 ops`, unit: 'µs/op', higherIsBetter: false, timed: true }],
  async check(e) {
    const x = uniform(4, 505);
    const r = e.chain!(x, 7);
    try {
      verify(x, 7, await call(r));
    } finally {
      r.dispose();
    }
  },
  async run(e: Engine, ctx: Context): Promise<Row[]> {
    const x = uniform(4, 5000);
    const r = e.chain!(x, STEPS);
    try {
      const t = await timeRunner(r, (out) => verify(x, STEPS, out), ctx.timing);
      return [{ ...w4.rows(ctx.quick)[0], ...t, value: (t.medianMs * 1000) / OPS }];
    } finally {
      r.dispose();
    }
  },
};
