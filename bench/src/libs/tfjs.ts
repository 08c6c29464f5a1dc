/**
 * TensorFlow.js 4.22: backends 'cpu' (plain JS), 'wasm' (XNNPACK) and 'webgpu' (in Node on
 * Dawn, opt-in like polygrad's webgpu). The umbrella package
 * '@tensorflow/tfjs' is imported because only it registers the gradient functions; its
 * tfjs-core is the same instance tfjs-backend-wasm registers itself with.
 */
import { createRequire } from 'node:module';
import path from 'node:path';
import * as tf from '@tensorflow/tfjs';
import type { Engine, F32, MlpSpec, Runner, ValueAndGrad } from '../engine.js';
import { transpose } from '../layout.js';

/** Values read back: synchronously on cpu/wasm, with `await data()` on webgpu (no sync readback). */
type Read<T> = T | Promise<T>;
let syncReads = true;

/** Runs fn in a tidy scope, reads its tensors back and frees them (tidy must not see typed arrays). */
function readAll(fn: () => tf.Tensor[]): Read<F32[]> {
  const ts = tf.tidy(fn);
  const free = <T>(v: T): T => {
    for (const t of ts) t.dispose();
    return v;
  };
  if (syncReads) return free(ts.map((t) => t.dataSync() as F32));
  return Promise.all(ts.map((t) => t.data() as Promise<F32>)).then(free);
}

function then<A, B>(r: Read<A>, f: (a: A) => B): Read<B> {
  return r instanceof Promise ? r.then(f) : f(r);
}

function valueAndGrad(f: (x: tf.Tensor) => tf.Scalar, x0: F32): Runner<ValueAndGrad> {
  const x = tf.tensor1d(x0);
  const vg = tf.valueAndGrad(f);
  return {
    run: () =>
      then(
        readAll(() => {
          const r = vg(x);
          return [r.value, r.grad];
        }),
        ([value, grad]) => ({ value: value[0], grad }),
      ),
    dispose: () => x.dispose(),
  };
}

class TfjsEngine implements Engine {
  constructor(readonly info: string) {}

  matmul(a: F32, b: F32, n: number): Runner<F32> {
    const A = tf.tensor2d(a, [n, n]);
    const B = tf.tensor2d(b, [n, n]);
    return {
      run: () =>
        then(
          readAll(() => [tf.matMul(A, B)]),
          (r) => r[0],
        ),
      dispose: () => tf.dispose([A, B]),
    };
  }

  matmulGrad(a: F32, b: F32, n: number): Runner<[F32, F32]> {
    const A = tf.tensor2d(a, [n, n]);
    const B = tf.tensor2d(b, [n, n]);
    const g = tf.grads((x: tf.Tensor, y: tf.Tensor) => tf.sum(tf.matMul(x, y)));
    return {
      run: () => readAll(() => g([A, B])) as Read<[F32, F32]>,
      dispose: () => tf.dispose([A, B]),
    };
  }

  mlp(s: MlpSpec): Runner<number> {
    const x = tf.tensor2d(s.x, [s.batch, s.inputs]);
    const labels = tf.tidy(() => tf.oneHot(tf.tensor1d(s.labels, 'int32'), s.classes).toFloat());
    // Dense layers keep their kernels as [in, out].
    const w1 = tf.variable(tf.tensor2d(transpose(s.w1, s.hidden, s.inputs), [s.inputs, s.hidden]));
    const b1 = tf.variable(tf.tensor1d(s.b1));
    const w2 = tf.variable(tf.tensor2d(transpose(s.w2, s.classes, s.hidden), [s.hidden, s.classes]));
    const b2 = tf.variable(tf.tensor1d(s.b2));
    const opt = tf.train.sgd(s.lr);
    const loss = () => {
      const h = tf.relu(tf.add(tf.matMul(x, w1), b1));
      return tf.losses.softmaxCrossEntropy(labels, tf.add(tf.matMul(h, w2), b2)) as tf.Scalar;
    };
    return {
      run: () =>
        then(
          readAll(() => [opt.minimize(loss, true)!]),
          (r) => r[0][0],
        ),
      dispose: () => {
        tf.dispose([x, labels, w1, b1, w2, b2]);
        opt.dispose();
      },
    };
  }

  chain(x: F32, steps: number): Runner<ValueAndGrad> {
    return valueAndGrad((v) => {
      for (let i = 0; i < steps; i++) v = tf.add(tf.mul(v, 1.0001), 0.0001);
      return tf.sum(v);
    }, x);
  }

  expSum(x: F32): Runner<ValueAndGrad> {
    return valueAndGrad((v) => tf.sum(tf.add(tf.mul(tf.exp(v), v), tf.mul(v, v))), x);
  }
}

export async function load(backend: string, _mode: string): Promise<Engine> {
  let detail = '';
  if (backend === 'wasm') {
    const wasm = await import('@tensorflow/tfjs-backend-wasm');
    // In Node the .wasm files are read from the package's dist directory.
    const require = createRequire(import.meta.url);
    wasm.setWasmPaths(`${path.dirname(require.resolve('@tensorflow/tfjs-backend-wasm'))}${path.sep}`);
    if (!(await tf.setBackend('wasm'))) throw new Error('tf.setBackend("wasm") failed');
    await tf.ready();
    const simd = await tf.env().getAsync('WASM_HAS_SIMD_SUPPORT');
    detail = `, SIMD ${simd ? 'on' : 'off'}, ${wasm.getThreadsCount()} thread(s)`;
  } else if (backend === 'webgpu') {
    // In Node, WebGPU is Dawn (the webgpu package) installed as navigator.gpu; the GPU object
    // stays referenced from there (Dawn crashes if it is collected while work is in flight).
    const { create, globals } = await import('webgpu');
    Object.assign(globalThis, globals);
    Object.defineProperty(globalThis, 'navigator', { value: { gpu: create([]) }, configurable: true });
    await import('@tensorflow/tfjs-backend-webgpu');
    if (!(await tf.setBackend('webgpu'))) throw new Error('tf.setBackend("webgpu") failed (no adapter?)');
    await tf.ready();
    syncReads = false;
  } else {
    if (!(await tf.setBackend(backend))) throw new Error(`tf.setBackend("${backend}") failed`);
    await tf.ready();
  }
  return new TfjsEngine(`tfjs ${tf.version_core}, backend ${tf.getBackend()}${detail}`);
}
