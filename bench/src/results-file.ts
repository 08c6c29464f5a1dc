/** Raw numbers as JSON lines in bench/results/<date>.jsonl (git-ignored), one line per cell. */
import { appendFileSync, mkdirSync } from 'node:fs';
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import type { Cell } from './outcome.js';
import type { Target } from './targets.js';

const DIR = fileURLToPath(new URL('../results/', import.meta.url));

export interface RunMeta {
  runId: string;
  date: string;
  quick: boolean;
  node: string;
  cpu: string;
  cores: number;
}

export function runMeta(quick: boolean): RunMeta {
  const date = new Date().toISOString();
  return {
    runId: date.replace(/[:.]/g, '-'),
    date,
    quick,
    node: process.version,
    cpu: os.cpus()[0]?.model ?? 'unknown',
    cores: os.availableParallelism(),
  };
}

export function resultLine(
  meta: RunMeta,
  t: Target,
  info: string | undefined,
  workload: string,
  key: string,
  c: Cell,
) {
  return {
    ...meta,
    target: t.id,
    lib: t.lib,
    backend: t.backend,
    mode: t.mode,
    info,
    workload,
    case: key.slice(workload.length + 1),
    status: c.status,
    note: c.note,
    ...(c.row ?? {}),
  };
}

/** Appends the lines; returns the file's path. */
export function appendResults(meta: RunMeta, lines: object[]): string {
  mkdirSync(DIR, { recursive: true });
  const file = `${DIR}${meta.date.slice(0, 10)}.jsonl`;
  appendFileSync(file, lines.map((l) => `${JSON.stringify(l)}\n`).join(''));
  return file;
}
