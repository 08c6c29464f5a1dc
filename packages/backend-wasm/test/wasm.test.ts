import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import * as core from '@polygrad/core';
import { rand } from '@polygrad/core/testing';
import { beforeAll, describe, expect, it } from 'vitest';
import { classBytes, classOf, relaxedSimdSupported, WasmBackend } from '../src/index.js';

describe('allocator', () => {
  it('size classes cover each request with at most 25 % waste above 64 bytes', () => {
    let last = -1;
    for (let b = 0; b < 1 << 20; b += b < 4096 ? 1 : 97) {
      const c = classOf(b);
      expect(c).toBeGreaterThanOrEqual(last);
      last = c;
      const cap = classBytes(c);
      expect(cap).toBeGreaterThanOrEqual(b);
      expect(cap % 16).toBe(0);
      if (b > 64) expect(cap).toBeLessThanOrEqual(1.25 * b);
    }
    expect(classBytes(classOf(2 ** 31))).toBe(2 ** 31);
  });

  it('reuses a freed block of the same class and rejects a double free', async () => {
    const be = new WasmBackend();
    await be.ready();
    const a = be.alloc('float32', 250);
    be.free(a);
    const b = be.alloc('float32', 256); // 1000 and 1024 bytes share a class
    expect(b).toBe(a);
    const c = be.alloc('float64', 1000);
    expect(c).not.toBe(a);
    be.free(b);
    expect(() => be.free(b)).toThrow('not a live buffer');
    be.free(c);
  });

  it('grows the memory and keeps existing contents readable', async () => {
    const be = new WasmBackend({ initialPages: 40 });
    await be.ready();
    const small = be.alloc('float64', 3);
    be.write(small, new Float64Array([1.5, -2, 3]));
    const before = be.memory.buffer.byteLength;
    const big = be.alloc('float32', 4 << 20); // 16 MiB: more than the initial memory
    expect(be.memory.buffer.byteLength).toBeGreaterThan(before);
    expect(Array.from(be.readSync(small, 'float64', 3))).toEqual([1.5, -2, 3]);
    be.fill({ buffer: big, dtype: 'float32', shape: [4 << 20], strides: [1], offset: 0 }, 2);
    const tail = be.readSync(big, 'float32', 4 << 20);
    expect(tail[(4 << 20) - 1]).toBe(2);
    be.free(big);
    be.free(small);
  });

  it('writes convert to the buffer dtype, bool takes truthiness', async () => {
    const be = new WasmBackend();
    await be.ready();
    const i = be.alloc('int32', 3);
    be.write(i, new Float64Array([2.7, -1.5, 2 ** 32 + 5]));
    expect(Array.from(be.readSync(i, 'int32', 3))).toEqual([2, -1, 5]);
    const b = be.alloc('bool', 3);
    be.write(b, new Int32Array([0, 256, -1]));
    expect(Array.from(be.readSync(b, 'bool', 3))).toEqual([0, 1, 1]);
  });
});

describe('memory over a training loop', () => {
  beforeAll(async () => {
    await core.setBackend('wasm');
  });

  it('tensors, live bytes and the WebAssembly.Memory size stay flat after warm-up', () => {
    const be = core.backendInstance('wasm') as WasmBackend;
    const params = [
      rand([64, 32], 1, { dtype: 'float32' }),
      rand([64], 2, { dtype: 'float32' }),
      rand([10, 64], 3, { dtype: 'float32' }),
      rand([10], 4, { dtype: 'float32' }),
    ].map((p) => core.keep(core.setRequiresGrad(p)));
    const x = core.keep(rand([128, 32], 5, { dtype: 'float32' }));
    const y = core.keep(
      core.tensor(
        Array.from({ length: 128 }, (_, i) => i % 10),
        { dtype: 'int32' },
      ),
    );
    const step = () =>
      core.tidy(() => {
        const [w1, b1, w2, b2] = params;
        const loss = core.crossEntropy(core.linear(core.relu(core.linear(x, w1, b1)), w2, b2), y);
        core.backward(loss);
        core.noGrad(() => {
          for (const p of params) {
            core.inplace(p, core.sub, core.mul(p.grad!, 0.05));
            core.assign(p.grad!, 0);
          }
        });
        return loss.item() as number;
      });
    const first = step();
    for (let i = 0; i < 20; i++) step();
    const tensors = core.memory('wasm');
    const stats = be.stats();
    let last = first;
    for (let i = 0; i < 300; i++) last = step();
    expect(core.memory('wasm')).toEqual(tensors);
    expect(be.stats()).toEqual(stats);
    expect(be.memory.buffer.byteLength).toBe(stats.memoryBytes);
    expect(last).toBeLessThan(first);
  });
});

describe('threads', () => {
  const one = new WasmBackend({ threads: 1 });
  const two = new WasmBackend({ threads: 2 });
  beforeAll(async () => {
    await Promise.all([one.ready(), two.ready()]);
  });

  /** The same data in both backends; a view maker for each. */
  function both(n: number, seed: number) {
    const data = Float32Array.from({ length: n }, (_, i) => Math.sin(i * 0.37 + seed) * 3);
    const p1 = one.alloc('float32', n);
    const p2 = two.alloc('float32', n);
    one.write(p1, data);
    two.write(p2, data);
    return (be: WasmBackend, shape: number[], strides: number[], offset = 0) => ({
      buffer: be === one ? p1 : p2,
      dtype: 'float32' as const,
      shape,
      strides,
      offset,
    });
  }

  function same(n: number, out: (be: WasmBackend) => { buffer: unknown }) {
    const a = one.readSync(out(one).buffer, 'float32', n);
    const b = two.readSync(out(two).buffer, 'float32', n);
    for (let i = 0; i < n; i++) {
      if (!Object.is(a[i], b[i])) expect.fail(`element ${i}: one thread ${a[i]}, two threads ${b[i]}`);
    }
  }

  it('starts a worker when asked for two threads', () => {
    expect(one.threads).toBe(1);
    expect(two.threads).toBe(2);
  });

  it('split matmuls equal single-threaded ones in every layout, batched', () => {
    const [m, k, n] = [300, 257, 262]; // M·N·K above the threshold for splitting
    const A = both(2 * m * k, 1);
    const B = both(2 * k * n, 2);
    const C = both(2 * m * n, 3);
    for (const [ta, tb] of [
      [false, false],
      [true, false],
      [false, true],
      [true, true],
    ]) {
      for (const batch of [[], [2]]) {
        const run = (be: WasmBackend) => {
          const b0 = batch.length ? [m * k] : [];
          const a = A(be, [...batch, m, k], [...b0, ...(ta ? [1, m] : [k, 1])]);
          const b = B(be, [...batch, k, n], [...(batch.length ? [0] : []), ...(tb ? [1, k] : [n, 1])]);
          const c = C(be, [...batch, m, n], [...(batch.length ? [m * n] : []), n, 1]);
          be.matmul(a, b, c);
          return c;
        };
        run(one);
        run(two);
        same(2 * m * n, (be) => C(be, [], []));
      }
    }
  });

  it('split elementwise calls equal single-threaded ones', () => {
    const n = 300001; // above the threshold, not a multiple of 16
    const X = both(n + 5, 4);
    const Y = both(n, 5);
    const O = both(n, 6);
    const M = both(n, 7);
    for (const be of [one, two]) {
      const o = O(be, [n], [1]);
      be.unary('exp', X(be, [n], [1], 5), o);
    }
    same(n, (be) => O(be, [], []));
    for (const op of ['add', 'mul', 'maximum', 'lt'] as const) {
      for (const be of [one, two]) {
        const out = op === 'lt' ? { ...O(be, [n], [1]), dtype: 'bool' as const } : O(be, [n], [1]);
        be.binary(op, X(be, [n], [1], 3), Y(be, [n], [0], 7), out);
      }
      same(n, (be) => O(be, [], []));
    }
    for (const be of [one, two]) {
      const cond = { ...M(be, [n], [1]), dtype: 'bool' as const };
      be.binary('gt', X(be, [n], [1]), Y(be, [n], [1]), cond);
      be.where(cond, X(be, [n], [1], 1), Y(be, [n], [0]), O(be, [n], [1]));
    }
    same(n, (be) => O(be, [], []));
    for (const be of [one, two]) be.copy(X(be, [n], [1], 2), O(be, [n], [1]));
    same(n, (be) => O(be, [], []));
  });
});

describe('builds', () => {
  it('loads the plain SIMD build explicitly', async () => {
    const be = new WasmBackend({ flavor: 'simd' });
    await be.ready();
    expect(be.flavor).toBe('simd');
  });

  it('the relaxed-SIMD build (FMA) computes the same products where the engine enables it', () => {
    // Node 20 runs relaxed SIMD only behind a flag: check the probe and the build in a child process
    expect(typeof relaxedSimdSupported()).toBe('boolean');
    const script = `
      const { WasmBackend } = await import('@polygrad/backend-wasm');
      const out = {};
      for (const flavor of ['simd', 'relaxed-simd']) {
        const be = new WasmBackend({ flavor });
        await be.ready();
        const n = 67, k = 300;
        const a = be.alloc('float32', n * k), c = be.alloc('float32', n * n);
        be.write(a, Float32Array.from({ length: n * k }, (_, i) => Math.sin(i)));
        be.matmul({ buffer: a, dtype: 'float32', shape: [n, k], strides: [k, 1], offset: 0 },
          { buffer: a, dtype: 'float32', shape: [k, n], strides: [1, k], offset: 0 },
          { buffer: c, dtype: 'float32', shape: [n, n], strides: [n, 1], offset: 0 });
        out[flavor] = Array.from(be.readSync(c, 'float32', n * n));
      }
      const { relaxedSimdSupported } = await import('@polygrad/backend-wasm');
      console.log(JSON.stringify({ supported: relaxedSimdSupported(), ...out }));
    `;
    const cwd = fileURLToPath(new URL('..', import.meta.url));
    const res = JSON.parse(
      execFileSync(
        process.execPath,
        ['--experimental-wasm-relaxed-simd', '--input-type=module', '-e', script],
        {
          cwd,
          encoding: 'utf8',
        },
      ),
    );
    expect(res.supported).toBe(true);
    const s: number[] = res.simd;
    const r: number[] = res['relaxed-simd'];
    for (let i = 0; i < s.length; i++)
      expect(Math.abs(s[i] - r[i])).toBeLessThanOrEqual(1e-4 * (1 + Math.abs(s[i])));
  });
});
