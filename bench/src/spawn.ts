/** Runs one child process (src/child.ts) and collects what it reports. */
import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { ChildMessage, ChildSpec } from './child.js';

export interface ChildOutcome {
  messages: ChildMessage[];
  /** Set when the process died, timed out or exited without a verdict. */
  crash?: string;
  ms: number;
}

const CHILD = fileURLToPath(new URL('./child.js', import.meta.url));

export function runChild(spec: ChildSpec, timeoutMs: number): Promise<ChildOutcome> {
  const t0 = performance.now();
  const messages: ChildMessage[] = [];
  let tail = '';
  const keep = (chunk: Buffer) => {
    tail = (tail + chunk.toString()).slice(-2000);
  };
  const child = fork(CHILD, [JSON.stringify(spec)], {
    execArgv: ['--expose-gc'],
    env: { ...process.env, ...spec.target.env },
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
  });
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);
  child.on('message', (m) => messages.push(m as ChildMessage));
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    child.kill('SIGKILL');
  }, timeoutMs);
  return new Promise((resolve) => {
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      const ms = performance.now() - t0;
      const last = messages[messages.length - 1];
      const done = last && last.kind !== 'loaded';
      let crash: string | undefined;
      if (timedOut) crash = `timed out after ${Math.round(timeoutMs / 1000)} s`;
      else if (!done || code !== 0) {
        const why = signal ? `killed by ${signal}` : `exit code ${code}`;
        const out = tail.trim().split('\n').slice(-3).join(' | ');
        crash = `process ended (${why})${out ? `: ${out}` : ''}`;
      }
      resolve({ messages, crash, ms });
    });
  });
}
