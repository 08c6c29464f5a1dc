/** One table cell: what one process said about one row. */
import type { ChildOutcome } from './spawn.js';
import type { Row, RowSpec, Workload } from './workloads/workload.js';

export type Status = 'ok' | 'fail' | 'error' | 'unsupported' | 'unavailable';

export interface Cell {
  status: Status;
  row?: Row;
  /** Why it is not 'ok'. */
  note?: string;
}

export const rowKey = (workloadId: string, r: RowSpec) => `${workloadId} ${r.case}`;

/** Turns a child's messages into one cell per row of the workload. */
export function cellsFor(
  w: Workload,
  quick: boolean,
  o: ChildOutcome,
): { info?: string; cells: Map<string, Cell> } {
  const specs = w.rows(quick);
  const cells = new Map<string, Cell>();
  const all = (c: Cell) => {
    for (const r of specs) cells.set(rowKey(w.id, r), c);
  };
  const loaded = o.messages.find((m) => m.kind === 'loaded');
  const info = loaded?.kind === 'loaded' ? loaded.info : undefined;
  const last = o.messages[o.messages.length - 1];
  if (o.crash) all({ status: 'error', note: o.crash });
  else if (last.kind === 'unsupported') all({ status: 'unsupported' });
  else if (last.kind === 'failed') {
    if (last.phase === 'load') all({ status: 'unavailable', note: last.message });
    else if (last.phase === 'check') all({ status: 'fail', note: `check failed: ${last.message}` });
    else if (last.message.includes('Mismatch')) all({ status: 'fail', note: last.message });
    else all({ status: 'error', note: last.message });
  } else if (last.kind === 'rows') {
    for (const r of last.rows) cells.set(rowKey(w.id, r), { status: 'ok', row: r });
  }
  return { info, cells };
}
