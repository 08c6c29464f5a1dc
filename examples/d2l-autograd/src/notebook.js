/**
 * What seed 003's three ports share so that side-by-side.js can interleave them: each port
 * exports its sections as functions, calls `cell(n)` where the notebook's cell n begins, and runs
 * its sections itself when started directly (`isMain`).
 *
 * `cell(n)` prints nothing unless side-by-side.js called `showCells`: then it prints the cell's
 * Python source, read from the notebook's transcript, above the output the port prints.
 */
import { readFileSync, realpathSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** The committed copy of seed 003's transcript. */
export const SEED003 = new URL('../seeds/003_a0dc9724c7454215.txt', import.meta.url);

let sources = null;
let started = false;
let blankBeforeOutput = false;

/** Marks where the notebook's cell `In [n]:` begins. */
export function cell(n) {
  if (!sources) return;
  const source = sources.get(n);
  if (source === undefined) throw new Error(`the transcript has no cell In [${n}]`);
  blankBeforeOutput = false;
  process.stdout.write(`${started ? '\n' : ''}In [${n}]:\n${source}\n`);
  started = true;
  blankBeforeOutput = true;
}

/**
 * Makes `cell(n)` print each cell's source, taken from `transcript` (default: seed 003), with a
 * blank line between the source and the output when the cell prints something.
 */
export function showCells(transcript = readFileSync(SEED003, 'utf8')) {
  sources = cellSources(transcript);
  started = false;
  const write = process.stdout.write.bind(process.stdout);
  process.stdout.write = (chunk, ...rest) => {
    if (blankBeforeOutput) {
      blankBeforeOutput = false;
      write('\n');
    }
    return write(chunk, ...rest);
  };
}

/** Starts a new run of cells: the next `cell` prints no blank line before its `In [n]:`. */
export function restartCells() {
  started = false;
  blankBeforeOutput = false;
}

/** Cell number → source: the lines after `In [n]:` up to the first blank line. */
export function cellSources(transcript) {
  const lines = transcript.split('\n');
  const out = new Map();
  lines.forEach((line, i) => {
    const m = /^In \[(\d+)\]:$/.exec(line);
    if (!m) return;
    let end = i + 1;
    while (end < lines.length && lines[end].trim() !== '') end++;
    out.set(Number(m[1]), lines.slice(i + 1, end).join('\n'));
  });
  return out;
}

/** True when the module at `url` is the script node was started with. */
export function isMain(url) {
  const script = process.argv[1];
  if (!script) return false;
  try {
    return realpathSync(script) === realpathSync(fileURLToPath(url));
  } catch {
    return false;
  }
}
