/** What a workload is, and what it reports. */
import type { Engine } from '../engine.js';
import type { TimingSettings } from '../timing.js';

/** One row of the table, as measured in one process. */
export interface RowSpec {
  /** 'n=512', 'batch 64', 'peak RSS', … */
  case: string;
  unit: string;
  higherIsBetter: boolean;
  /** Whether a first-call time goes with it (not for memory rows). */
  timed: boolean;
}

export interface Row extends RowSpec {
  /** In `unit`, from the median repetition. */
  value: number;
  firstMs?: number;
  medianMs?: number;
  samples?: number[];
  inner?: number;
  extra?: Record<string, unknown>;
}

export interface Context {
  quick: boolean;
  timing: TimingSettings;
  /** --reps: an exact number of repetitions, or null for the workload's own choice. */
  reps: number | null;
}

export interface Workload {
  id: string;
  title: string;
  /** The Engine method it needs; an engine without it shows '–'. */
  method: keyof Engine;
  rows(quick: boolean): RowSpec[];
  /** A small case against plain JS; throws MismatchError. */
  check(e: Engine): Promise<void>;
  /** Times every row; verifies the first timed result too. */
  run(e: Engine, ctx: Context): Promise<Row[]>;
}
