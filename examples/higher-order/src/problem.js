// What the three style files compute, in plain JavaScript: the points, and a linear solve.
//
// The points are dyadic (1.25, 1.5, …), so float32 holds them exactly and Rosenbrock's
// derivatives there are exact in float32 too: the styles can be checked against float64.

/** Rosenbrock's function of a 3-vector is evaluated, differentiated and Newton-stepped here. */
export const X0 = [1.25, 1.5, 2];
/** The vector of the Hessian-vector product H·v. */
export const V = [1, -1, 0.5];
/** A quadratic q(x) = ½ xᵀAx − bᵀx, with A symmetric positive definite; its minimum is A⁻¹b. */
export const A = [
  [4, 1, 0],
  [1, 3, 1],
  [0, 1, 2],
];
export const B = [2, -4.5, -1];
/** A⁻¹b, which one Newton step from any point must land on. */
export const Q_MIN = [1, -2, 0.5];
/** The point where the jacobian of softmax is taken. */
export const Z = [0.5, -1, 2];
/** Where log1pexp and its gradient are evaluated: the ends overflow exp in float32. */
export const XS = [-100, -1, 0, 1, 100];

/**
 * Solves H s = g by Gaussian elimination with partial pivoting, in float64. None of the three
 * facades has `linalg.solve` (torch.linalg.solve, tf.linalg.solve, np.linalg.solve), so the
 * Newton step reads the Hessian's values and solves here.
 */
export function solve(H, g) {
  const n = g.length;
  const M = H.map((row, i) => [...row, g[i]]);
  for (let k = 0; k < n; k++) {
    let p = k;
    for (let i = k + 1; i < n; i++) if (Math.abs(M[i][k]) > Math.abs(M[p][k])) p = i;
    [M[k], M[p]] = [M[p], M[k]];
    if (M[k][k] === 0) throw new Error('solve: the matrix is singular');
    for (let i = k + 1; i < n; i++) {
      const m = M[i][k] / M[k][k];
      for (let j = k; j <= n; j++) M[i][j] -= m * M[k][j];
    }
  }
  const s = new Array(n);
  for (let i = n - 1; i >= 0; i--) {
    let t = M[i][n];
    for (let j = i + 1; j < n; j++) t -= M[i][j] * s[j];
    s[i] = t / M[i][i];
  }
  return s;
}
