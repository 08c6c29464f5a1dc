// Vitest 5 uses Map.groupBy (Node 21+) when it reports failures; CI runs Node 20.
const M = Map as unknown as { groupBy?: unknown };
if (typeof M.groupBy !== 'function') {
  M.groupBy = <K, V>(items: Iterable<V>, key: (v: V, i: number) => K): Map<K, V[]> => {
    const out = new Map<K, V[]>();
    let i = 0;
    for (const v of items) {
      const k = key(v, i++);
      const list = out.get(k);
      if (list) list.push(v);
      else out.set(k, [v]);
    }
    return out;
  };
}
const O = Object as unknown as { groupBy?: unknown };
if (typeof O.groupBy !== 'function') {
  O.groupBy = <V>(items: Iterable<V>, key: (v: V, i: number) => PropertyKey) => {
    const out: Record<PropertyKey, V[]> = Object.create(null);
    let i = 0;
    for (const v of items) (out[key(v, i++)] ??= []).push(v);
    return out;
  };
}

export const testDefaults = { pool: 'forks' as const, include: ['src/**/*.test.ts', 'test/**/*.test.ts'] };
