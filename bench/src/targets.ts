/** What gets benchmarked: polygrad's backends (when importable) and the peers, as data. */
import { locateBackend, POLYGRAD_BACKENDS } from './polygrad-backends.js';

export interface Target {
  /** Column label. */
  id: string;
  /** Module in src/libs/ that implements the Engine interface. */
  lib: 'polygrad' | 'tfjs' | 'jax';
  backend: string;
  mode: 'eager' | 'jit';
  polygrad: boolean;
  env?: Record<string, string>;
  /** Runs only when named (or, for a WebGPU peer, when polygrad's webgpu runs). */
  optIn?: boolean;
}

export const PEERS: readonly Target[] = [
  { id: 'tfjs-cpu', lib: 'tfjs', backend: 'cpu', mode: 'eager', polygrad: false },
  { id: 'tfjs-wasm', lib: 'tfjs', backend: 'wasm', mode: 'eager', polygrad: false },
  { id: 'jax-wasm', lib: 'jax', backend: 'wasm', mode: 'eager', polygrad: false },
  { id: 'jax-wasm-jit', lib: 'jax', backend: 'wasm', mode: 'jit', polygrad: false },
  { id: 'tfjs-webgpu', lib: 'tfjs', backend: 'webgpu', mode: 'eager', polygrad: false, optIn: true },
];

export interface Skipped {
  id: string;
  reason: string;
}

/**
 * polygrad targets: every backend in POLYGRAD_BACKENDS whose package can be imported, or only
 * those named by --backend. Opt-in backends (webgpu) run only when named.
 */
export function polygradTargets(only: string[] | null): { targets: Target[]; skipped: Skipped[] } {
  const targets: Target[] = [];
  const skipped: Skipped[] = [];
  for (const b of POLYGRAD_BACKENDS) {
    const id = `polygrad-${b.name}`;
    if (only ? !only.includes(b.name) : b.optIn) continue;
    if (!locateBackend(b)) {
      skipped.push({ id, reason: `${b.pkg} is not installed or not built` });
      continue;
    }
    targets.push({ id, lib: 'polygrad', backend: b.name, mode: 'eager', polygrad: true, env: b.env });
  }
  for (const name of only ?? []) {
    if (!POLYGRAD_BACKENDS.some((b) => b.name === name)) {
      skipped.push({ id: `polygrad-${name}`, reason: `no polygrad backend is called '${name}'` });
    }
  }
  return { targets, skipped };
}

/** Peers named by --peers (all by default; 'none' for none). */
export function peerTargets(only: string[] | null, backends: readonly string[] = []): Target[] {
  if (!only) return PEERS.filter((p) => !p.optIn || backends.includes(p.backend));
  return PEERS.filter(
    (p) => only.includes(p.id) || (only.includes(p.lib) && (!p.optIn || backends.includes(p.backend))),
  );
}
