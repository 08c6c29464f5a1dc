/**
 * jax-js 0.1.x on its 'wasm' device, eager or jit. jax-js arrays are reference-counted and
 * every call consumes its array arguments: `.ref` keeps one alive for another use.
 * In Node 20 there is no global `Worker`, so its wasm backend runs on one thread.
 */
import { readFileSync } from 'node:fs';
import { defaultDevice, grad, init, jit, nn, numpy as np, tree, valueAndGrad } from '@jax-js/jax';
import type { Engine, F32, MlpSpec, Runner, ValueAndGrad } from '../engine.js';
import { transpose } from '../layout.js';

type A = np.Array;
type Fn<F> = F & { dispose?: () => void };

const upload = (a: F32, shape: number[]): A => np.array(a).reshape(shape);

function fnRunner<R>(run: () => R, owned: A[], fns: Fn<unknown>[] = []): Runner<R> {
  return {
    run,
    dispose: () => {
      for (const a of owned) a.dispose();
      for (const f of fns) f.dispose?.();
    },
  };
}

type Params = { w1: A; b1: A; w2: A; b2: A };

function mlpLoss(p: Params, x: A, y: A): A {
  const h = nn.relu(np.matmul(x, p.w1).add(p.b1));
  const logits = np.matmul(h, p.w2).add(p.b2);
  return np.mean(np.sum(nn.logSoftmax(logits, -1).mul(y), -1)).mul(-1);
}

class JaxEngine implements Engine {
  constructor(
    readonly info: string,
    private readonly useJit: boolean,
  ) {}

  /** jit-compiles f in jit mode; eager mode calls it as is. */
  private maybeJit<F extends (...args: any[]) => any>(f: F): Fn<F> {
    return this.useJit ? (jit(f) as unknown as Fn<F>) : f;
  }

  matmul(a: F32, b: F32, n: number): Runner<F32> {
    const A = upload(a, [n, n]);
    const B = upload(b, [n, n]);
    return fnRunner(() => np.matmul(A.ref, B.ref).dataSync() as F32, [A, B]);
  }

  matmulGrad(a: F32, b: F32, n: number): Runner<[F32, F32]> {
    const A = upload(a, [n, n]);
    const B = upload(b, [n, n]);
    const g = this.maybeJit(grad((x: A, y: A) => np.matmul(x, y).sum(), { argnums: [0, 1] }));
    return fnRunner(
      (): [F32, F32] => {
        const [ga, gb] = g(A.ref, B.ref) as [A, A];
        return [ga.dataSync() as F32, gb.dataSync() as F32];
      },
      [A, B],
      [g],
    );
  }

  mlp(s: MlpSpec): Runner<number> {
    const x = upload(s.x, [s.batch, s.inputs]);
    const y = nn.oneHot(np.array(s.labels, { dtype: np.int32 }), s.classes);
    // JAX-style dense weights are [in, out].
    let p: Params = {
      w1: upload(transpose(s.w1, s.hidden, s.inputs), [s.inputs, s.hidden]),
      b1: upload(s.b1, [s.hidden]),
      w2: upload(transpose(s.w2, s.classes, s.hidden), [s.hidden, s.classes]),
      b2: upload(s.b2, [s.classes]),
    };
    const vg = valueAndGrad(mlpLoss);
    const step = this.maybeJit((q: Params, xb: A, yb: A): [Params, A] => {
      const [loss, g] = vg(tree.ref(q), xb, yb);
      return [tree.map((w: A, d: A) => w.sub(d.mul(s.lr)), q, g) as Params, loss];
    });
    return {
      run: () => {
        const [next, loss] = step(p, x.ref, y.ref);
        p = next;
        return loss.item();
      },
      dispose: () => {
        tree.dispose(p);
        x.dispose();
        y.dispose();
        step.dispose?.();
      },
    };
  }

  chain(x0: F32, steps: number): Runner<ValueAndGrad> {
    const x = upload(x0, [x0.length]);
    const f = valueAndGrad((v: A) => {
      for (let i = 0; i < steps; i++) v = v.mul(1.0001).add(0.0001);
      return v.sum();
    });
    return fnRunner(() => {
      const [value, g] = f(x.ref);
      return { value: value.item(), grad: g.dataSync() as F32 };
    }, [x]);
  }

  expSum(x0: F32): Runner<ValueAndGrad> {
    const x = upload(x0, [x0.length]);
    const f = this.maybeJit(valueAndGrad((v: A) => np.exp(v.ref).mul(v.ref).add(v.ref.mul(v)).sum()));
    return fnRunner(
      () => {
        const [value, g] = f(x.ref) as [A, A];
        return { value: value.item(), grad: g.dataSync() as F32 };
      },
      [x],
      [f],
    );
  }
}

function version(): string {
  const entry = new URL(import.meta.resolve('@jax-js/jax'));
  return JSON.parse(readFileSync(new URL('../package.json', entry), 'utf8')).version;
}

export async function load(backend: string, mode: string): Promise<Engine> {
  const devices = await init(backend as 'wasm');
  if (!devices.includes(backend as 'wasm')) {
    throw new Error(`jax-js device '${backend}' is not available here (found: ${devices.join(', ')})`);
  }
  defaultDevice(backend as 'wasm');
  // jax-js spreads wasm kernels over Web Workers only where a global Worker exists (not Node 20).
  const threads = typeof (globalThis as { Worker?: unknown }).Worker === 'undefined' ? '1 thread' : 'workers';
  const e = new JaxEngine(`jax-js ${version()}, device ${backend}, ${mode}, ${threads}`, mode === 'jit');
  if (mode !== 'jit') return e;
  // jit covers the workloads with a function worth compiling; W1 (one op) and W4 (the cost of
  // eager dispatch) are eager-only.
  return {
    info: e.info,
    matmulGrad: e.matmulGrad.bind(e),
    mlp: e.mlp.bind(e),
    expSum: e.expSum.bind(e),
  };
}
