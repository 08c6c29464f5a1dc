/** Correctness checks: a mismatch throws, so the harness never times a broken kernel. */
export class MismatchError extends Error {
  override name = 'MismatchError';
}

/** |got − want| ≤ atol + rtol·|want| elementwise; `want` is computed in float64 by plain JS. */
export function expectClose(
  what: string,
  got: ArrayLike<number>,
  want: ArrayLike<number>,
  rtol = 1e-4,
  atol = 1e-5,
): void {
  if (got.length !== want.length) {
    throw new MismatchError(`${what}: expected ${want.length} values, got ${got.length}`);
  }
  let worst = -1;
  let worstExcess = 0;
  for (let i = 0; i < want.length; i++) {
    const err = Math.abs(got[i] - want[i]);
    const excess = err - (atol + rtol * Math.abs(want[i]));
    // NaN fails too: NaN > 0 is false, so test the negation.
    if (!(excess <= 0) && (worst < 0 || !(excess <= worstExcess))) {
      worst = i;
      worstExcess = excess;
    }
  }
  if (worst >= 0) {
    throw new MismatchError(
      `${what}: value ${worst} is ${got[worst]}, expected ${want[worst]} (rtol ${rtol}, atol ${atol})`,
    );
  }
}

export function expectScalar(what: string, got: number, want: number, rtol = 1e-4, atol = 1e-5): void {
  expectClose(what, [got], [want], rtol, atol);
}
