/** Number and ratio formatting for the table. */
export function fmt(v: number): string {
  if (!Number.isFinite(v)) return String(v);
  const a = Math.abs(v);
  if (a >= 100) return v.toFixed(0);
  if (a >= 10) return v.toFixed(1);
  if (a >= 1) return v.toFixed(2);
  return v.toPrecision(2);
}

/**
 * polygrad against the best peer, as a speed (or memory) factor: above 1 polygrad is ahead.
 * `speed` rows say faster/slower, memory rows less/more.
 */
export function ratioText(ratio: number, peer: string, memory: boolean): string {
  const r = ratio >= 10 ? ratio.toFixed(0) : ratio >= 1 ? ratio.toFixed(1) : ratio.toFixed(2);
  if (ratio >= 1) return `${r}× ${memory ? 'less' : 'faster'} (${peer})`;
  return `${r}× (${memory ? 'more' : 'slower'}; ${peer})`;
}

/** A Markdown table with right-aligned value columns (readable as plain text too). */
export function markdownTable(header: string[], rows: string[][], leftCols = 2): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]) =>
    `| ${cells.map((c, i) => (i < leftCols ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join(' | ')} |`;
  const rule = `|${widths.map((w, i) => (i < leftCols ? `:${'-'.repeat(w + 1)}` : `${'-'.repeat(w + 1)}:`)).join('|')}|`;
  return [line(header), rule, ...rows.map(line)].join('\n');
}
