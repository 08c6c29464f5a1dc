/**
 * polygrad through its PyTorch-style facade (@polygrad/torch), as BENCH.md asks: what a user
 * writes is what is timed. The engine underneath is selected with core.setBackend.
 */
import { createRequire } from 'node:module';
import * as core from '@polygrad/core';
import { type Tensor, torch } from '@polygrad/torch';
import type { Engine, F32, MlpSpec, Runner, ValueAndGrad } from '../engine.js';
import { locateBackend, POLYGRAD_BACKENDS } from '../polygrad-backends.js';

const F = torch.nn.functional;

type T = Tensor;

/** The engine tensor behind a facade tensor, for reading values back as a flat array. */
const read = (t: T) => (t as unknown as Record<symbol, core.Tensor>)[core.CORE_TENSOR].dataSync() as F32;

function upload(values: F32 | Int32Array, shape: number[]): T {
  return torch.from(core.reshape(core.tensor(values), shape));
}

const leaf = (values: F32, shape: number[]) => upload(values, shape).requiresGrad_();

/** Reads a leaf's gradient and zeroes it in place, as `optimizer.zero_grad()` would. */
function takeGrad(p: T): F32 {
  const out = read(p.grad!);
  p.grad!.zero_();
  return out;
}

function runner<R>(run: () => R, owned: T[]): Runner<R> {
  return {
    run: () => torch.tidy(run),
    dispose: () => {
      for (const t of owned) t.dispose();
    },
  };
}

/** The workloads written as a PyTorch user writes them, through @polygrad/torch. */
class PolygradEngine implements Engine {
  constructor(readonly info: string) {}

  matmul(a: F32, b: F32, n: number): Runner<F32> {
    const A = upload(a, [n, n]);
    const B = upload(b, [n, n]);
    return runner(() => read(torch.matmul(A, B)), [A, B]);
  }

  matmulGrad(a: F32, b: F32, n: number): Runner<[F32, F32]> {
    const A = leaf(a, [n, n]);
    const B = leaf(b, [n, n]);
    return runner((): [F32, F32] => {
      torch.matmul(A, B).sum().backward();
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
      const h = F.relu(F.linear(x, w1, b1));
      const loss = F.cross_entropy(F.linear(h, w2, b2), y);
      loss.backward();
      torch.noGrad(() => {
        for (const p of params) {
          p.sub_(p.grad!.mul(s.lr));
          p.grad!.zero_();
        }
      });
      return loss.item() as number;
    }, [x, y, ...params]);
  }

  chain(x0: F32, steps: number): Runner<ValueAndGrad> {
    const x = leaf(x0, [x0.length]);
    return runner(() => {
      let v = x;
      for (let i = 0; i < steps; i++) v = v.mul(1.0001).add(0.0001);
      const y = v.sum();
      y.backward();
      return { value: y.item() as number, grad: takeGrad(x) };
    }, [x]);
  }

  expSum(x0: F32): Runner<ValueAndGrad> {
    const x = leaf(x0, [x0.length]);
    return runner(() => {
      const y = x.exp().mul(x).add(x.mul(x)).sum();
      y.backward();
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
  return new PolygradEngine(`@polygrad/core ${version} via @polygrad/torch, backend ${core.getBackend()}`);
}
