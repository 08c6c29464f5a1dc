import * as core from '@polygrad/core';
import { describe, expect, it } from 'vitest';
import * as pkg from '../src/index.js';
import { tf } from '../src/index.js';

const has = (obj: unknown, name: string) => {
  const v = (obj as Record<string, unknown>)[name];
  return v !== undefined && v !== null;
};

describe('the names API.md lists for TensorFlow exist, with their Python spellings', () => {
  it('package exports', () => {
    for (const n of ['tf', 'print', 'str', 'repr', 'tidy', 'keep', 'memory'])
      expect(has(pkg, n), n).toBe(true);
    expect(tf.print).toBe(pkg.print);
  });

  it('creation, dtypes and random', () => {
    const names = [
      'constant',
      'Variable',
      'range',
      'ones',
      'zeros',
      'fill',
      'onesLike',
      'ones_like',
      'zerosLike',
      'zeros_like',
      'eye',
      'linspace',
      'from',
      'float32',
      'int32',
      'bool',
      'float64',
    ];
    for (const n of names) expect(has(tf, n), n).toBe(true);
    for (const n of ['normal', 'uniform', 'setSeed', 'set_seed']) expect(has(tf.random, n), n).toBe(true);
    expect(tf.ones_like).toBe(tf.onesLike);
    expect(tf.random.set_seed).toBe(tf.random.setSeed);
  });

  it('ops at the root, in tf.math and in tf.nn', () => {
    const root = [
      'add',
      'subtract',
      'multiply',
      'divide',
      'pow',
      'square',
      'sqrt',
      'exp',
      'log',
      'abs',
      'negative',
      'maximum',
      'minimum',
      'tensordot',
      'matmul',
      'reduceSum',
      'reduce_sum',
      'reduceMean',
      'reduce_mean',
      'reduceMax',
      'reduce_max',
      'reshape',
      'transpose',
      'concat',
      'stack',
      'where',
      'norm',
      'cast',
      'tanh',
      'sigmoid',
    ];
    for (const n of root) expect(typeof (tf as any)[n], n).toBe('function');
    const mathNames = [
      'add',
      'subtract',
      'multiply',
      'divide',
      'pow',
      'square',
      'sqrt',
      'exp',
      'log',
      'abs',
      'negative',
      'maximum',
      'minimum',
      'tanh',
      'sigmoid',
      'reduce_sum',
      'reduce_mean',
      'reduce_max',
    ];
    for (const n of mathNames) expect(typeof (tf.math as any)[n], `math.${n}`).toBe('function');
    // The root names are the tf.math functions themselves.
    expect(tf.exp).toBe(tf.math.exp);
    expect(tf.add).toBe(tf.math.add);
    expect(tf.log).toBe(tf.math.log);
    expect(tf.reduce_sum).toBe(tf.math.reduceSum);
    for (const n of ['relu', 'sigmoid', 'softmax'])
      expect(typeof (tf.nn as any)[n], `nn.${n}`).toBe('function');
    for (const n of ['matmul', 'matvec', 'tensordot', 'norm'])
      expect(typeof (tf.linalg as any)[n], `linalg.${n}`).toBe('function');
    for (const n of ['slice', 'strided_slice', 'stridedSlice', 'one_hot', 'oneHot'])
      expect(typeof (tf as any)[n], n).toBe('function');
    for (const n of [
      'sparse_softmax_cross_entropy_with_logits',
      'sparseSoftmaxCrossEntropyWithLogits',
      'softmax_cross_entropy_with_logits',
      'softmaxCrossEntropyWithLogits',
    ])
      expect(typeof (tf.nn as any)[n], `nn.${n}`).toBe('function');
  });

  it('autograd: tapes, stop_gradient, custom_gradient, unconnected gradients', () => {
    for (const n of ['GradientTape', 'stopGradient', 'stop_gradient', 'customGradient', 'custom_gradient']) {
      expect(has(tf, n), n).toBe(true);
    }
    expect(tf.stop_gradient).toBe(tf.stopGradient);
    expect(tf.UnconnectedGradients.ZERO).toBe('zero');
    expect(tf.UnconnectedGradients.NONE).toBe('none');
    const t = new tf.GradientTape() as any;
    const methods = [
      'record',
      'enter',
      'exit',
      'watch',
      'stopRecording',
      'stop_recording',
      'reset',
      'watchedVariables',
      'watched_variables',
      'gradient',
      'jacobian',
      'batchJacobian',
      'batch_jacobian',
    ];
    for (const m of methods) expect(typeof t[m], m).toBe('function');
    expect(typeof t[Symbol.dispose]).toBe('function');
  });

  it('tensor and variable members', () => {
    const x = tf.constant([1, 2]) as any;
    for (const m of [
      'add',
      'sub',
      'mul',
      'div',
      'pow',
      'neg',
      'matmul',
      'eq',
      'ne',
      'lt',
      'le',
      'gt',
      'ge',
    ]) {
      expect(typeof x[m], m).toBe('function');
    }
    for (const m of ['numpy', 'toArray', 'dataSync', 'data', 'dispose'])
      expect(typeof x[m], m).toBe('function');
    const v = tf.Variable([1, 2]) as any;
    for (const m of [
      'assign',
      'assignAdd',
      'assign_add',
      'assignSub',
      'assign_sub',
      'numpy',
      'readValue',
      'read_value',
    ]) {
      expect(typeof v[m], m).toBe('function');
    }
    expect(v.trainable).toBe(true);
    expect(v.name).toBe('Variable:0');
    expect(typeof v.mul).toBe('function');
  });

  it('Variable and GradientTape work with and without new', () => {
    const a = tf.Variable(1);
    const b = new tf.Variable(1);
    expect(a).toBeInstanceOf(tf.Variable);
    expect(b).toBeInstanceOf(tf.Variable);
    expect(a).toBeInstanceOf(tf.Tensor);
    expect((tf.GradientTape as any)()).toBeInstanceOf(tf.GradientTape);
  });

  it('options objects accept both spellings', () => {
    const x = tf.constant([
      [1, 2],
      [3, 4],
    ]);
    expect(tf.reduce_sum(x, { axis: 1, keepdims: true }).shape).toEqual([2, 1]);
    expect(tf.matmul(x, x, { transpose_a: true }).numpy()).toEqual(
      tf.matmul(x, x, { transposeA: true }).numpy(),
    );
    const t = new tf.GradientTape({ watch_accessed_variables: false });
    expect(t.watchAccessedVariables).toBe(false);
    expect(tf.transpose(x, [1, 0]).numpy()).toEqual(tf.transpose(x, { perm: [1, 0] }).numpy());
  });

  it('tf tensors expose their core tensor, and tf.from shares storage', () => {
    const c = core.tensor([1, 2, 3]);
    const t = tf.from(c);
    expect(t[core.CORE_TENSOR]).toBe(c);
    expect(tf.from(t)[core.CORE_TENSOR]).toBe(c);
    expect(t.numpy()).toEqual([1, 2, 3]);
  });

  it('errors keep their TensorFlow texts', () => {
    expect(core.TAPE_USED).toBe(
      'A non-persistent GradientTape can only be used to compute one set of gradients (or jacobians)',
    );
    expect(core.TAPE_REENTER).toBe(
      'Tape is still recording, This can happen if you try to re-enter an already-active tape.',
    );
  });
});
