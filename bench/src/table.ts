/** The printed summary: rows = workload cases, columns = targets, plus polygrad's ratio to the best peer. */
import { fmt, markdownTable, ratioText } from './format.js';
import { type Cell, rowKey } from './outcome.js';
import type { Target } from './targets.js';
import type { RowSpec, Workload } from './workloads/workload.js';

export type Results = Map<string, Map<string, Cell>>;

const MARK: Record<Cell['status'], string> = {
  ok: '',
  fail: 'FAIL',
  error: 'ERR',
  unsupported: '–',
  unavailable: 'n/a',
};

function cellText(c: Cell | undefined, pick: (c: Cell) => number | undefined): string {
  if (!c) return '–';
  if (c.status !== 'ok') return MARK[c.status];
  const v = pick(c);
  return v === undefined ? '–' : fmt(v);
}

function best(
  spec: RowSpec,
  key: string,
  peers: Target[],
  results: Results,
): { id: string; value: number } | null {
  let out: { id: string; value: number } | null = null;
  for (const p of peers) {
    const c = results.get(p.id)?.get(key);
    if (c?.status !== 'ok' || !c.row) continue;
    const v = c.row.value;
    if (!out || (spec.higherIsBetter ? v > out.value : v < out.value)) out = { id: p.id, value: v };
  }
  return out;
}

export function renderTable(
  workloads: readonly Workload[],
  targets: Target[],
  results: Results,
  quick: boolean,
) {
  const mine = targets.filter((t) => t.polygrad);
  const peers = targets.filter((t) => !t.polygrad);
  const header = [
    'workload',
    'unit',
    ...targets.map((t) => t.id),
    ...mine.map((t) => `${t.id} vs best peer`),
  ];
  const rows: string[][] = [];
  for (const w of workloads) {
    for (const spec of w.rows(quick)) {
      const key = rowKey(w.id, spec);
      const values = targets.map((t) => cellText(results.get(t.id)?.get(key), (c) => c.row?.value));
      const b = best(spec, key, peers, results);
      const ratios = mine.map((t) => {
        const c = results.get(t.id)?.get(key);
        if (!b || c?.status !== 'ok' || !c.row) return '';
        const r = spec.higherIsBetter ? c.row.value / b.value : b.value / c.row.value;
        return ratioText(r, b.id, spec.unit === 'MB');
      });
      rows.push([`${w.id} ${spec.case}`, spec.unit, ...values, ...ratios]);
      if (spec.timed) {
        const firsts = targets.map((t) => {
          const c = results.get(t.id)?.get(key);
          return c && c.status !== 'ok' ? '' : cellText(c, (x) => x.row?.firstMs);
        });
        rows.push(['  first call', 'ms', ...firsts, ...mine.map(() => '')]);
      }
    }
  }
  return markdownTable(header, rows);
}
