/**
 * Each style's numbers against closed-form derivatives worked out by hand and evaluated here in
 * float64, independently of src/ (tolerance 1e-5 relative: the styles compute in float32); the
 * three styles against each other; and `src/main.js` as a program.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import * as mxnet from '../src/mxnet.js';
import * as tf from '../src/tf.js';
import * as torch from '../src/torch.js';

const X = [1.25, 1.5, 2];
const V = [1, -1, 0.5];
const Z = [0.5, -1, 2];
const XS = [-100, -1, 0, 1, 100];
const Q_MIN = [1, -2, 0.5];

// f(a, b, c) = 100 (b - a²)² + (1 - a)² + 100 (c - b²)² + (1 - b)²
const f = ([a, b, c]) => 100 * (b - a * a) ** 2 + (1 - a) ** 2 + 100 * (c - b * b) ** 2 + (1 - b) ** 2;
const grad = ([a, b, c]) => [
  -400 * a * (b - a * a) - 2 * (1 - a),
  200 * (b - a * a) - 400 * b * (c - b * b) - 2 * (1 - b),
  200 * (c - b * b),
];
const hessian = ([a, b, c]) => [
  [1200 * a * a - 400 * b + 2, -400 * a, 0],
  [-400 * a, 1200 * b * b - 400 * c + 202, -400 * b],
  [0, -400 * b, 200],
];
const matvec = (M, v) => M.map((row) => row.reduce((s, m, j) => s + m * v[j], 0));

/** H⁻¹g by Cramer's rule (a different method from src/problem.js's elimination). */
function cramer(H, g) {
  const det = (M) =>
    M[0][0] * (M[1][1] * M[2][2] - M[1][2] * M[2][1]) -
    M[0][1] * (M[1][0] * M[2][2] - M[1][2] * M[2][0]) +
    M[0][2] * (M[1][0] * M[2][1] - M[1][1] * M[2][0]);
  const d = det(H);
  return [0, 1, 2].map((k) => det(H.map((row, i) => row.map((h, j) => (j === k ? g[i] : h)))) / d);
}

const softmax = (z) => {
  const e = z.map(Math.exp);
  const s = e.reduce((p, q) => p + q);
  return e.map((x) => x / s);
};
const sigmoid = (x) => 1 / (1 + Math.exp(-x));

/** Elementwise |actual − expected| ≤ 1e-5·|expected| + 1e-7, through nested arrays. */
function expectClose(actual, expected) {
  if (Array.isArray(expected)) {
    expect(actual).toHaveLength(expected.length);
    expected.forEach((e, i) => expectClose(actual[i], e));
  } else {
    expect(Math.abs(actual - expected), `${actual} vs ${expected}`).toBeLessThanOrEqual(
      1e-5 * Math.abs(expected) + 1e-7,
    );
  }
}

const quiet = () => {};
const STYLES = { mxnet: mxnet.run, torch: torch.run, tf: tf.run };
const results = Object.fromEntries(Object.entries(STYLES).map(([name, run]) => [name, run({ log: quiet })]));

describe.each(Object.keys(STYLES))('%s', (name) => {
  const r = results[name];

  it('computes f, its gradient, H·v by double backward, and the Hessian', () => {
    expectClose(r.f, f(X));
    expectClose(r.grad, grad(X));
    expectClose(r.hvp, matvec(hessian(X), V));
    expectClose(r.hessian, hessian(X));
  });

  it('takes a Newton step that decreases Rosenbrock', () => {
    const step = cramer(hessian(X), grad(X));
    expectClose(
      r.newton.x,
      X.map((x, i) => x - step[i]),
    );
    expectClose(r.newton.f, f(r.newton.x));
    expect(r.newton.f).toBeLessThan(r.f);
  });

  it('lands exactly on the minimum of a quadratic in one Newton step', () => {
    expect(r.quadratic.x).toEqual(Q_MIN);
    expect(r.quadratic.f).toBe(-5.25); // ½ x*ᵀAx* − bᵀx* = −½ bᵀx*
  });

  it('computes the jacobian of softmax, diag(s) − s sᵀ', () => {
    const s = softmax(Z);
    expectClose(
      r.jacobian,
      s.map((si, i) => s.map((sj, j) => (i === j ? si : 0) - si * sj)),
    );
  });

  it('uses the custom gradient of log1pexp, and differentiates through it', () => {
    const { value, grad: g, grad2, naiveGrad } = r.log1pexp;
    expectClose(
      value,
      XS.map((x) => Math.max(x, 0) + Math.log1p(Math.exp(-Math.abs(x)))),
    );
    expectClose(g, XS.map(sigmoid));
    expectClose(
      grad2,
      XS.map((x) => sigmoid(x) * (1 - sigmoid(x))),
    );
    // Plain autograd of log(1 + exp(x)) is the same, except where exp overflows: inf / inf.
    expect(naiveGrad.at(-1)).toBeNaN();
    expectClose(naiveGrad.slice(0, -1), XS.slice(0, -1).map(sigmoid));
  });
});

describe('the three styles', () => {
  it('compute the same numbers, bitwise', () => {
    // toEqual treats NaN as equal to NaN and compares every other number exactly.
    expect(results.torch).toEqual(results.mxnet);
    expect(results.tf).toEqual(results.mxnet);
  });
});

describe('src/main.js', () => {
  const main = (args) =>
    promisify(execFile)(process.execPath, ['src/main.js', ...args], { cwd: new URL('../', import.meta.url) });

  it.each([[[]], [['--backend', 'wasm']]])('runs the three styles and exits 0 (args %j)', async (args) => {
    const { stdout } = await main(args);
    for (const style of ['MXNet', 'PyTorch', 'TensorFlow']) expect(stdout).toContain(`## ${style}`);
    expect(stdout.match(/^H·v = /gm)).toHaveLength(3);
    expect(stdout).toContain('The three styles agree');
  });
});
