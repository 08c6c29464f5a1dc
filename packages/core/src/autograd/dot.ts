import type { Tensor } from '../tensor.js';
import type { Node } from './node.js';

const shapeLabel = (s: readonly number[]) => `(${s.join(', ')}${s.length === 1 ? ',' : ''})`;

/**
 * The recorded graph behind `t` as Graphviz DOT: one box per node (PyTorch's grad_fn name
 * and output shape), one ellipse per leaf (its shape, and "requires grad" / "attached"
 * when a recorder tracks it), edges from inputs to the ops that used them.
 */
export function toDot(t: Tensor, opts: { name?: string } = {}): string {
  const lines = [
    `digraph ${opts.name ?? 'autograd'} {`,
    '  rankdir=BT;',
    '  node [fontname="Helvetica", fontsize=10];',
  ];
  const ids = new Map<Node | Tensor, string>();
  const id = (k: Node | Tensor, make: () => string) => {
    let v = ids.get(k);
    if (!v) {
      v = `n${ids.size}`;
      ids.set(k, v);
      lines.push(`  ${v} ${make()};`);
    }
    return v;
  };
  const leafLabel = (x: Tensor) => {
    const tags = [x.requiresGradLeaf ? 'requires grad' : '', x.gradAttached ? 'grad attached' : ''].filter(
      Boolean,
    );
    return `[shape=ellipse, label="${x.name ? `${x.name} ` : ''}${shapeLabel(x.shape)} ${x.dtype}${tags.length ? `\\n${tags.join(', ')}` : ''}"]`;
  };
  const nodeLabel = (n: Node) =>
    `[shape=box, style=filled, fillcolor="#dde8f8", label="${n.name}\\n${n.outputs.map((o) => shapeLabel(o.shape)).join(' ')}"]`;
  const seen = new Set<Node>();
  const stack: Node[] = [];
  if (t.node) id(t.node, () => nodeLabel(t.node!));
  else id(t, () => leafLabel(t));
  if (t.node) stack.push(t.node);
  while (stack.length) {
    const n = stack.pop()!;
    if (seen.has(n)) continue;
    seen.add(n);
    const to = ids.get(n)!;
    n.inputs.forEach((x, i) => {
      const e = n.edges[i];
      const from = e ? id(e, () => nodeLabel(e)) : id(x, () => leafLabel(x));
      lines.push(`  ${from} -> ${to};`);
      if (e) stack.push(e);
    });
  }
  lines.push('}');
  return lines.join('\n');
}
