/** Naive float64 JS versions of each workload: the ground truth for the correctness checks. */
import type { F32, MlpSpec } from './engine.js';

/** One entry of A·B (n×n, row-major), and the sum of |a·b| terms that bounds its rounding error. */
export function matmulEntry(
  a: F32,
  b: F32,
  n: number,
  i: number,
  j: number,
): { value: number; scale: number } {
  let value = 0;
  let scale = 0;
  for (let k = 0; k < n; k++) {
    const p = a[i * n + k] * b[k * n + j];
    value += p;
    scale += Math.abs(p);
  }
  return { value, scale };
}

export function matmul(a: F32, b: F32, n: number): Float64Array {
  const c = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let k = 0; k < n; k++) {
      const aik = a[i * n + k];
      for (let j = 0; j < n; j++) c[i * n + j] += aik * b[k * n + j];
    }
  }
  return c;
}

/** d sum(A·B)/dA = 1·Bᵀ (row sums of B, repeated) and d/dB = Aᵀ·1 (column sums of A, repeated). */
export function matmulGrad(a: F32, b: F32, n: number): [Float64Array, Float64Array] {
  const rowB = new Float64Array(n);
  const colA = new Float64Array(n);
  for (let r = 0; r < n; r++) {
    for (let c = 0; c < n; c++) {
      rowB[r] += b[r * n + c];
      colA[c] += a[r * n + c];
    }
  }
  const ga = new Float64Array(n * n);
  const gb = new Float64Array(n * n);
  for (let r = 0; r < n; r++) {
    for (let c = 0; c < n; c++) {
      ga[r * n + c] = rowB[c];
      gb[r * n + c] = colA[r];
    }
  }
  return [ga, gb];
}

/** The losses of `steps` SGD steps of W3's MLP (each loss taken before its update). */
export function mlpLosses(s: MlpSpec, steps: number): number[] {
  const { batch: B, inputs: I, hidden: H, classes: C, lr } = s;
  const w1 = Float64Array.from(s.w1);
  const b1 = Float64Array.from(s.b1);
  const w2 = Float64Array.from(s.w2);
  const b2 = Float64Array.from(s.b2);
  const losses: number[] = [];
  for (let step = 0; step < steps; step++) {
    const pre = new Float64Array(B * H);
    const h = new Float64Array(B * H);
    for (let b = 0; b < B; b++) {
      for (let j = 0; j < H; j++) {
        let v = b1[j];
        for (let i = 0; i < I; i++) v += s.x[b * I + i] * w1[j * I + i];
        pre[b * H + j] = v;
        h[b * H + j] = Math.max(v, 0);
      }
    }
    const dlogits = new Float64Array(B * C);
    let loss = 0;
    for (let b = 0; b < B; b++) {
      const z = new Float64Array(C);
      for (let c = 0; c < C; c++) {
        let v = b2[c];
        for (let j = 0; j < H; j++) v += h[b * H + j] * w2[c * H + j];
        z[c] = v;
      }
      const m = Math.max(...z);
      let se = 0;
      for (let c = 0; c < C; c++) se += Math.exp(z[c] - m);
      const lse = m + Math.log(se);
      loss -= z[s.labels[b]] - lse;
      for (let c = 0; c < C; c++) {
        dlogits[b * C + c] = (Math.exp(z[c] - lse) - (c === s.labels[b] ? 1 : 0)) / B;
      }
    }
    losses.push(loss / B);
    const dpre = new Float64Array(B * H);
    for (let b = 0; b < B; b++) {
      for (let j = 0; j < H; j++) {
        if (pre[b * H + j] <= 0) continue;
        let v = 0;
        for (let c = 0; c < C; c++) v += dlogits[b * C + c] * w2[c * H + j];
        dpre[b * H + j] = v;
      }
    }
    for (let c = 0; c < C; c++) {
      let gb = 0;
      for (let b = 0; b < B; b++) gb += dlogits[b * C + c];
      for (let j = 0; j < H; j++) {
        let g = 0;
        for (let b = 0; b < B; b++) g += dlogits[b * C + c] * h[b * H + j];
        w2[c * H + j] -= lr * g;
      }
      b2[c] -= lr * gb;
    }
    for (let j = 0; j < H; j++) {
      let gb = 0;
      for (let b = 0; b < B; b++) gb += dpre[b * H + j];
      for (let i = 0; i < I; i++) {
        let g = 0;
        for (let b = 0; b < B; b++) g += dpre[b * H + j] * s.x[b * I + i];
        w1[j * I + i] -= lr * g;
      }
      b1[j] -= lr * gb;
    }
  }
  return losses;
}

/** W4: y = sum of x after `steps` × (x·1.0001 + 0.0001); every element's gradient is 1.0001^steps. */
export function chain(x: F32, steps: number): { value: number; grad: Float64Array } {
  let value = 0;
  for (const x0 of x) {
    let v = x0;
    for (let s = 0; s < steps; s++) v = v * 1.0001 + 0.0001;
    value += v;
  }
  return { value, grad: new Float64Array(x.length).fill(1.0001 ** steps) };
}

/** W5: y = sum(exp(x)·x + x·x); dy/dx = exp(x)·(1 + x) + 2x. */
export function expSum(x: F32): { value: number; grad: Float64Array } {
  let value = 0;
  const grad = new Float64Array(x.length);
  for (let i = 0; i < x.length; i++) {
    const e = Math.exp(x[i]);
    value += e * x[i] + x[i] * x[i];
    grad[i] = e * (1 + x[i]) + 2 * x[i];
  }
  return { value, grad };
}
