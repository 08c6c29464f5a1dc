import { getBackend } from '../backend.js';
import { arrayFor, type DType, isFloat } from '../dtype.js';
import type { Tensor } from '../tensor.js';
import { DTypeError, empty } from './util.js';

/**
 * The one generator: xoshiro128** (32-bit state words, period 2^128 - 1) seeded through
 * splitmix32. Numbers are generated in JavaScript and uploaded, so one seed gives the same
 * values on every backend. Uniforms use 24 random bits (float32) or 53 bits (float64);
 * normals use the Box-Muller transform on pairs of uniforms.
 */
class Xoshiro128 {
  private s = new Uint32Array(4);
  constructor(seed: number) {
    this.seed(seed);
  }
  seed(seed: number): void {
    let x = seed >>> 0;
    for (let i = 0; i < 4; i++) {
      x = (x + 0x9e3779b9) >>> 0;
      let z = x;
      z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
      z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
      this.s[i] = (z ^ (z >>> 16)) >>> 0;
    }
    if (!(this.s[0] | this.s[1] | this.s[2] | this.s[3])) this.s[0] = 1;
  }
  nextU32(): number {
    const s = this.s;
    const r = Math.imul(rotl(Math.imul(s[1], 5), 7), 9) >>> 0;
    const t = s[1] << 9;
    s[2] ^= s[0];
    s[3] ^= s[1];
    s[1] ^= s[2];
    s[0] ^= s[3];
    s[2] ^= t;
    s[3] = rotl(s[3], 11);
    return r;
  }
  /** Uniform in [0, 1). */
  next(bits53: boolean): number {
    if (!bits53) return (this.nextU32() >>> 8) / 16777216;
    const hi = this.nextU32() >>> 5;
    const lo = this.nextU32() >>> 6;
    return (hi * 67108864 + lo) / 9007199254740992;
  }
}

function rotl(x: number, k: number): number {
  return ((x << k) | (x >>> (32 - k))) >>> 0;
}

const gen = new Xoshiro128((Date.now() ^ (Math.random() * 0x100000000)) >>> 0);

/** Makes later random draws repeatable (torch.manual_seed, mx.random.seed, tf.random.set_seed). */
export function seed(n: number): void {
  gen.seed(n);
}

export interface RandomOptions {
  dtype?: DType;
  backend?: string;
}

function floatDType(opts: RandomOptions, op: string): DType {
  const d = opts.dtype ?? 'float32';
  if (!isFloat(d)) throw new DTypeError(`${op}: expected a floating point dtype but got ${d}`);
  return d;
}

function upload(
  dtype: DType,
  shape: readonly number[],
  fillFn: (out: Float64Array) => void,
  backend?: string,
): Tensor {
  const t = empty(dtype, shape, backend ?? getBackend());
  const tmp = new Float64Array(t.size);
  fillFn(tmp);
  const data = arrayFor(dtype, t.size);
  data.set(tmp);
  if (t.size) t.storage.backend.write(t.storage.buffer, data);
  return t;
}

/** Uniform in [low, high). */
export function uniform(shape: readonly number[], low = 0, high = 1, opts: RandomOptions = {}): Tensor {
  const d = floatDType(opts, 'uniform');
  return upload(
    d,
    shape,
    (o) => {
      for (let i = 0; i < o.length; i++) o[i] = low + (high - low) * gen.next(d === 'float64');
    },
    opts.backend,
  );
}

/** Normal with the given mean and standard deviation. */
export function normal(shape: readonly number[], mean = 0, std = 1, opts: RandomOptions = {}): Tensor {
  const d = floatDType(opts, 'normal');
  return upload(
    d,
    shape,
    (o) => {
      for (let i = 0; i < o.length; i += 2) {
        const u1 = 1 - gen.next(d === 'float64'); // (0, 1]: log never sees 0
        const u2 = gen.next(d === 'float64');
        const r = Math.sqrt(-2 * Math.log(u1));
        o[i] = mean + std * r * Math.cos(2 * Math.PI * u2);
        if (i + 1 < o.length) o[i + 1] = mean + std * r * Math.sin(2 * Math.PI * u2);
      }
    },
    opts.backend,
  );
}

/** Uniform integers in [low, high), int32. */
export function randint(
  low: number,
  high: number,
  shape: readonly number[],
  opts: { backend?: string } = {},
): Tensor {
  return upload(
    'int32',
    shape,
    (o) => {
      for (let i = 0; i < o.length; i++) o[i] = low + Math.floor(gen.next(true) * (high - low));
    },
    opts.backend,
  );
}
