import { w1 } from './w1-matmul.js';
import { w2 } from './w2-matmul-grad.js';
import { w3 } from './w3-mlp.js';
import { w4 } from './w4-overhead.js';
import { w5 } from './w5-elementwise.js';
import type { Workload } from './workload.js';

export const WORKLOADS: readonly Workload[] = [w1, w2, w3, w4, w5];

export function workload(id: string): Workload {
  const w = WORKLOADS.find((x) => x.id === id);
  if (!w) throw new Error(`unknown workload ${id} (known: ${WORKLOADS.map((x) => x.id).join(', ')})`);
  return w;
}
