/**
 * `pnpm bench`: every (library, backend) × workload in its own child process, one after the
 * other (the machine has two cores; nothing runs beside a measurement). Progress goes to stderr;
 * the table and its notes go to stdout; raw numbers go to bench/results/<date>.jsonl.
 */
import { parseArgs, USAGE } from './cli.js';
import { type Cell, cellsFor } from './outcome.js';
import { appendResults, resultLine, runMeta } from './results-file.js';
import { runChild } from './spawn.js';
import { type Results, renderTable } from './table.js';
import { peerTargets, polygradTargets } from './targets.js';
import { WORKLOADS, workload } from './workloads/index.js';

const log = (s: string) => process.stderr.write(`${s}\n`);

async function main(): Promise<number> {
  const opts = parseArgs(process.argv.slice(2));
  if (opts.help) {
    console.log(USAGE);
    return 0;
  }
  const chosen = new Set((opts.only ?? []).map((id) => workload(id).id));
  const workloads = opts.only ? WORKLOADS.filter((w) => chosen.has(w.id)) : WORKLOADS;
  const { targets: mine, skipped } = polygradTargets(opts.backends);
  const targets = [
    ...mine,
    ...peerTargets(
      opts.peers,
      mine.map((t) => t.backend),
    ),
  ];
  const meta = runMeta(opts.quick);
  const timeoutMs = opts.quick ? 180_000 : 900_000;

  log(`polygrad bench${opts.quick ? ' --quick' : ''}: node ${meta.node}, ${meta.cpu}, ${meta.cores} cores`);
  for (const s of skipped) log(`  ${s.id}: skipped (${s.reason})`);

  const results: Results = new Map();
  const infos = new Map<string, string>();
  const notes: string[] = [];
  const lines: object[] = [];
  let polygradFailed = false;
  const t0 = performance.now();

  for (const t of targets) {
    const cells = new Map<string, Cell>();
    results.set(t.id, cells);
    let unavailable: string | null = null;
    for (const w of workloads) {
      let got: Map<string, Cell>;
      let info: string | undefined;
      if (unavailable) {
        got = new Map(
          w.rows(opts.quick).map((r) => [`${w.id} ${r.case}`, { status: 'unavailable' } as Cell]),
        );
      } else {
        const spec = { target: t, workload: w.id, quick: opts.quick, reps: opts.reps };
        const outcome = await runChild(spec, timeoutMs);
        ({ info, cells: got } = cellsFor(w, opts.quick, outcome));
        if (info) infos.set(t.id, info);
        const first = [...got.values()][0];
        log(`  ${t.id.padEnd(16)} ${w.id}  ${first?.status ?? '?'}  ${(outcome.ms / 1000).toFixed(1)} s`);
        if (first?.status === 'unavailable') {
          unavailable = first.note ?? 'could not be loaded';
          notes.push(`${t.id}: left out — ${unavailable}`);
        } else if (first && first.status !== 'ok' && first.status !== 'unsupported') {
          notes.push(`${t.id} ${w.id}: ${first.status.toUpperCase()} — ${first.note}`);
          if (t.polygrad) polygradFailed = true;
        }
      }
      for (const [key, c] of got) {
        cells.set(key, c);
        lines.push(resultLine(meta, t, info ?? infos.get(t.id), w.id, key, c));
      }
    }
  }

  console.log('');
  console.log(renderTable(workloads, targets, results, opts.quick));
  console.log('');
  console.log(
    'Medians of timed repetitions after warm-up, each (library, backend, workload) in its own process.',
  );
  console.log(
    "'first call' is the first run at that size (compile/trace/JIT included); '–' not applicable, 'n/a' library unavailable.",
  );
  for (const t of targets) if (infos.has(t.id)) console.log(`  ${t.id}: ${infos.get(t.id)}`);
  for (const s of skipped) console.log(`  ${s.id}: skipped — ${s.reason}`);
  for (const n of notes) console.log(`  ${n}`);
  if (opts.save) console.log(`Raw results appended to ${appendResults(meta, lines)}`);
  log(`done in ${((performance.now() - t0) / 1000).toFixed(0)} s`);
  return polygradFailed ? 1 : 0;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (e) => {
    process.stderr.write(`${e instanceof Error ? e.message : e}\n`);
    process.exitCode = 2;
  },
);
