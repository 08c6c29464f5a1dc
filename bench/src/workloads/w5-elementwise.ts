/** W5: sum(exp(x)·x + x·x) over 2²⁰ elements, forward + backward; ms. */
import { expectClose, expectScalar } from '../compare.js';
import { uniform } from '../data.js';
import type { Engine, F32, ValueAndGrad } from '../engine.js';
import * as ref from '../reference.js';
import { call, timeRunner } from '../timing.js';
import type { Context, Row, Workload } from './workload.js';

const N = 2 ** 20;

function verify(x: F32, out: ValueAndGrad): void {
  const want = ref.expSum(x);
  // A float32 sum of 2²⁰ terms drifts; the per-element gradient must be tight.
  expectScalar(`W5 n=${x.length} value`, out.value, want.value, 2e-3, 1e-3);
  expectClose(`W5 n=${x.length} grad`, out.grad, want.grad, 1e-4, 1e-5);
}

export const w5: Workload = {
  id: 'W5',
  title: 'sum(exp(x)·x + x·x), forward + backward',
  method: 'expSum',
  rows: () => [{ case: 'n=2²⁰', unit: 'ms', higherIsBetter: false, timed: true }],
  async check(e) {
    const x = uniform(1000, 606);
    const r = e.expSum!(x);
    try {
      verify(x, await call(r));
    } finally {
      r.dispose();
    }
  },
  async run(e: Engine, ctx: Context): Promise<Row[]> {
    const x = uniform(N, 6000);
    const r = e.expSum!(x);
    try {
      const t = await timeRunner(r, (out) => verify(x, out), ctx.timing);
      return [{ ...w5.rows(ctx.quick)[0], ...t, value: t.medianMs }];
    } finally {
      r.dispose();
    }
  },
};
