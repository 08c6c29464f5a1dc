// One seeded generator for the split and the initial weights, so every style starts from the
// same numbers (the facades' own generators would each draw in their own order).

/** mulberry32: a tiny deterministic PRNG giving floats in [0, 1). */
export function rng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Fisher–Yates shuffle of a copy of `items`. */
export function shuffle(items, random) {
  const out = items.slice();
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

/**
 * Weights for x·W + b layers (W is [in, out]) drawn as PyTorch's nn.Linear draws them,
 * U(-1/√in, 1/√in), rounded to float32 so every framework stores exactly these values.
 */
export function initParams({ sizes = [4, 16, 3], seed = 0 } = {}) {
  const random = rng(seed);
  const draw = (bound) => Math.fround((2 * random() - 1) * bound);
  const layers = [];
  for (let l = 0; l + 1 < sizes.length; l++) {
    const [n, m] = [sizes[l], sizes[l + 1]];
    const bound = 1 / Math.sqrt(n);
    const w = Array.from({ length: n }, () => Array.from({ length: m }, () => draw(bound)));
    const b = Array.from({ length: m }, () => draw(bound));
    layers.push({ w, b });
  }
  return layers;
}
