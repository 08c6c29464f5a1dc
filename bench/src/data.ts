/**
 * Seeded inputs, so every library (each in its own process) sees the same numbers.
 * mulberry32: small, fast, and good enough for benchmark data.
 */
export function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** n float32 values uniform in [low, high). */
export function uniform(n: number, seed: number, low = -1, high = 1): Float32Array {
  const r = rng(seed);
  const out = new Float32Array(n);
  for (let i = 0; i < n; i++) out[i] = low + (high - low) * r();
  return out;
}

/** n int32 values uniform in [0, high). */
export function ints(n: number, seed: number, high: number): Int32Array {
  const r = rng(seed);
  const out = new Int32Array(n);
  for (let i = 0; i < n; i++) out[i] = Math.floor(r() * high);
  return out;
}
