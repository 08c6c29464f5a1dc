/**
 * One (library, backend, workload) in its own process: load the library, check a small case
 * against plain JS, then time. Reports to the parent over IPC; anything the libraries print on
 * stdout stays out of the table.
 */
import type { Engine, LibModule } from './engine.js';
import type { Target } from './targets.js';
import { FULL, QUICK } from './timing.js';
import { workload } from './workloads/index.js';
import type { Row } from './workloads/workload.js';

export interface ChildSpec {
  target: Target;
  workload: string;
  quick: boolean;
  reps: number | null;
}

export type ChildMessage =
  | { kind: 'loaded'; info: string }
  | { kind: 'unsupported' }
  | { kind: 'rows'; rows: Row[] }
  | { kind: 'failed'; phase: 'load' | 'check' | 'run'; message: string };

function send(m: ChildMessage): Promise<void> {
  return new Promise((resolve) => process.send!(m, () => resolve()));
}

const message = (e: unknown) =>
  e instanceof Error ? `${e.name}: ${e.message}`.replace(/^Error: /, '') : String(e);

async function main(): Promise<void> {
  const spec = JSON.parse(process.argv[2]) as ChildSpec;
  const w = workload(spec.workload);
  let engine: Engine;
  try {
    const lib = (await import(`./libs/${spec.target.lib}.js`)) as LibModule;
    engine = await lib.load(spec.target.backend, spec.target.mode);
  } catch (e) {
    return send({ kind: 'failed', phase: 'load', message: message(e) });
  }
  await send({ kind: 'loaded', info: engine.info });
  if (typeof engine[w.method] !== 'function') return send({ kind: 'unsupported' });
  try {
    await w.check(engine);
  } catch (e) {
    return send({ kind: 'failed', phase: 'check', message: message(e) });
  }
  const base = spec.quick ? QUICK : FULL;
  const timing = spec.reps ? { ...base, minReps: spec.reps, maxReps: spec.reps } : base;
  try {
    await send({ kind: 'rows', rows: await w.run(engine, { quick: spec.quick, timing, reps: spec.reps }) });
  } catch (e) {
    return send({ kind: 'failed', phase: 'run', message: message(e) });
  }
}

main().then(
  () => process.exit(0),
  (e) => {
    process.stderr.write(`${e instanceof Error ? e.stack : e}\n`);
    process.exit(1);
  },
);
