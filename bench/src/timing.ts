/** Warm-up, repetitions and the median: the one measuring loop every workload uses. */
import type { Runner } from './engine.js';

export interface TimingSettings {
  /** Runs after the first call before timing starts: at least this many, and at least warmupMs. */
  minWarmupRuns: number;
  warmupMs: number;
  /** A repetition loops the unit of work until it lasts this long, so fast cases beat timer noise. */
  minRepMs: number;
  /** Repetitions: as many as fit in budgetMs, clamped to [minReps, maxReps]. */
  budgetMs: number;
  minReps: number;
  maxReps: number;
}

export const FULL: TimingSettings = {
  minWarmupRuns: 2,
  warmupMs: 1000,
  minRepMs: 100,
  budgetMs: 12_000,
  minReps: 5,
  maxReps: 15,
};

export const QUICK: TimingSettings = {
  minWarmupRuns: 2,
  warmupMs: 600,
  minRepMs: 30,
  budgetMs: 2_000,
  minReps: 5,
  maxReps: 7,
};

export interface Timed {
  /** The first call on this shape: includes compilation, tracing or kernel selection. */
  firstMs: number;
  /** Milliseconds per unit of work, one per repetition. */
  samples: number[];
  medianMs: number;
  /** Units of work per repetition. */
  inner: number;
}

export const now = () => performance.now();

export function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

export async function call<T>(r: Runner<T>): Promise<T> {
  const out = r.run();
  return out instanceof Promise ? await out : out;
}

/** Lets V8 collect garbage before the timed part (the child runs with --expose-gc). */
export function collectGarbage(): void {
  (globalThis as { gc?: () => void }).gc?.();
}

export function repsFor(perRepMs: number, s: TimingSettings): number {
  const fit = Math.floor(s.budgetMs / Math.max(perRepMs, 1e-3));
  return Math.min(s.maxReps, Math.max(s.minReps, fit));
}

/**
 * Times `runner`: the first call (checked by `verify`, so a wrong result is never timed), then
 * warm-up, then repetitions. Throws whatever `verify` throws.
 */
export async function timeRunner<T>(
  runner: Runner<T>,
  verify: (out: T) => void,
  s: TimingSettings,
): Promise<Timed> {
  let t = now();
  verify(await call(runner));
  const firstMs = now() - t;

  const warm: number[] = [];
  const warmStart = now();
  while (warm.length < s.minWarmupRuns || now() - warmStart < s.warmupMs) {
    t = now();
    await call(runner);
    warm.push(now() - t);
    if (now() - warmStart > s.budgetMs / 2) break;
  }
  const est = median(warm);
  const inner = Math.max(1, Math.ceil(s.minRepMs / Math.max(est, 1e-3)));
  const reps = repsFor(est * inner, s);

  collectGarbage();
  const samples: number[] = [];
  for (let r = 0; r < reps; r++) {
    t = now();
    for (let i = 0; i < inner; i++) await call(runner);
    samples.push((now() - t) / inner);
  }
  return { firstMs, samples, medianMs: median(samples), inner };
}
