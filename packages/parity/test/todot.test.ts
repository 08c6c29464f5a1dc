import { autograd, nd } from '@polygrad/mxnet';
import { tf } from '@polygrad/tf';
import { torch } from '@polygrad/torch';
import { describe, expect, it } from 'vitest';

// Seed 000 §4.3.1: y = 2·xᵀx, recorded in each style, drawn by each facade's toDot.
describe('toDot draws the recorded graph in every style', () => {
  const check = (dot: string, edges: number) => {
    expect(dot.startsWith('digraph autograd {')).toBe(true);
    expect(dot).toContain('MulBackward0');
    expect(dot).toContain('DotBackward0');
    expect(dot).toContain('(4,) float32');
    expect(dot.match(/->/g)?.length).toBe(edges);
  };

  it('MXNet: autograd.to_dot', () => {
    const x = nd.arange(4);
    x.attach_grad();
    const y = autograd.record(() => nd.dot(x, x).mul(2));
    // nd's dot of vectors has shape (1,): one reshape more than PyTorch's graph.
    check(autograd.to_dot(y), 5);
    expect(autograd.to_dot(y)).toContain('grad attached');
  });

  it('PyTorch: torch.autograd.to_dot', () => {
    const x = torch.arange(4.0, { requires_grad: true });
    const y = torch.dot(x, x).mul(2);
    check(torch.autograd.to_dot(y), 4); // x → dot (twice), dot → mul, 2 → mul
    expect(torch.autograd.toDot(y)).toContain('requires grad');
  });

  it('TensorFlow: tf.to_dot on what a tape recorded', () => {
    const x = tf.Variable(tf.range(4, { dtype: tf.float32 }));
    const tape = new tf.GradientTape();
    const y = tape.record(() => tf.tensordot(x, x, 1).mul(2));
    const dot = tf.to_dot(y);
    expect(dot).toContain('MulBackward0');
    expect(dot).toContain('(4,) float32');
  });
});
