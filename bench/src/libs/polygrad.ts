/**
 * polygrad through its engine API (@polygrad/core). The PyTorch-style facade will replace this
 * file one day; workloads only see the Engine interface.
 */
import { createRequire } from 'node:module';
import * as core from '@polygrad/core';
import type { Engine, F32, MlpSpec, Runner, ValueAndGrad } from '../engine.js';
import { locateBackend, POLYGRAD_BACKENDS } from '../polygrad-backends.js';

type T = core.Tensor;

function upload(values: F32 | Int32Array, shape: number[]): T {
  const flat = core.tensor(values);
  if (shape.length === 1) return flat;
  const t = core.reshape(flat, shape);
  flat.dispose();
  return t;
}

const read = (t: T) => t.dataSync() as F32;

/** Frees a leaf's gradient: the next backward writes a fresh one (PyTorch's zero_grad(set_to_none)). */
function takeGrad(p: T): F32 {
  const g = p.grad!;
  const out = read(g);
  g.dispose();
  p.grad = null;
  return out;
}

const leaf = (values: F32, shape: number[]) => core.setRequiresGrad(upload(values, shape));

function runner<R>(run: () => R, owned: T[]): Runner<R> {
  return {
    run: () => core.tidy(run),
    dispose: () => {
      for (const t of owned) t.dispose();
    },
  };
}

class PolygradEngine implements Engine {
  constructor(readonly info: string) {}

  matmul(a: F32, b: F32, n: number): Runner<F32> {
    const A = upload(a, [n, n]);
    const B = upload(b, [n, n]);
    return runner(() => read(core.matmul(A, B)), [A, B]);
  }

  matmulGrad(a: F32, b: F32, n: number): Runner<[F32, F32]> {
    const A = leaf(a, [n, n]);
    const B = leaf(b, [n, n]);
    return runner((): [F32, F32] => {
      core.backward(core.sum(core.matmul(A, B)));
      return [takeGrad(A), takeGrad(B)];
    }, [A, B]);
  }

  mlp(s: MlpSpec): Runner<number> {
    const x = upload(s.x, [s.batch, s.inputs]);
    const y = upload(s.labels, [s.batch]);
    const params = [
      leaf(s.w1, [s.hidden, s.inputs]),
      leaf(s.b1, [s.hidden]),
      leaf(s.w2, [s.classes, s.hidden]),
      leaf(s.b2, [s.classes]),
    ];
    const [w1, b1, w2, b2] = params;
    return runner(() => {
      const h = core.relu(core.linear(x, w1, b1));
      const loss = core.crossEntropy(core.linear(h, w2, b2), y);
      core.backward(loss);
      core.noGrad(() => {
        for (const p of params) {
          core.inplace(p, core.sub, core.mul(p.grad!, s.lr));
          p.grad!.dispose();
          p.grad = null;
        }
      });
      return loss.item() as number;
    }, [x, y, ...params]);
  }

  chain(x0: F32, steps: number): Runner<ValueAndGrad> {
    const x = leaf(x0, [x0.length]);
    return runner(() => {
      let v = x;
      for (let i = 0; i < steps; i++) v = core.add(core.mul(v, 1.0001), 0.0001);
      const y = core.sum(v);
      core.backward(y);
      return { value: y.item() as number, grad: takeGrad(x) };
    }, [x]);
  }

  expSum(x0: F32): Runner<ValueAndGrad> {
    const x = leaf(x0, [x0.length]);
    return runner(() => {
      const y = core.sum(core.add(core.mul(core.exp(x), x), core.mul(x, x)));
      core.backward(y);
      return { value: y.item() as number, grad: takeGrad(x) };
    }, [x]);
  }
}

export async function load(backend: string, _mode: string): Promise<PolygradEngine> {
  const b = POLYGRAD_BACKENDS.find((x) => x.name === backend);
  const url = b && locateBackend(b);
  if (!url) throw new Error(`@polygrad/backend-${backend} is not installed or not built`);
  await import(url);
  await core.setBackend(backend);
  const { version } = createRequire(import.meta.url)('@polygrad/core/package.json');
  return new PolygradEngine(`@polygrad/core ${version} (engine API), backend ${core.getBackend()}`);
}
