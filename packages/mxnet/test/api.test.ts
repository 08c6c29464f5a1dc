/** Every name API.md lists for the MXNet facade exists, with its Python spelling. */
import * as core from '@polygrad/core';
import { describe, expect, it } from 'vitest';
import * as pkg from '../src/index.js';
import { autograd, mx, nd, np, npx } from '../src/index.js';

const has = (o: object, names: string[]) =>
  names.filter((n) => (o as Record<string, unknown>)[n] === undefined);

describe('exports', () => {
  it('mx, nd, np, npx, autograd, print, str, repr, tidy, keep, memory', () => {
    expect(
      has(pkg, ['mx', 'nd', 'np', 'npx', 'autograd', 'print', 'str', 'repr', 'tidy', 'keep', 'memory']),
    ).toEqual([]);
    expect(pkg.tidy).toBe(core.tidy);
    expect(
      has(mx, ['print', 'nd', 'np', 'npx', 'autograd', 'cpu', 'gpu', 'Context', 'current_context']),
    ).toEqual([]);
    expect(typeof mx.random.seed).toBe('function');
  });

  it('autograd: every function, camelCase and Python spelling', () => {
    const names = [
      'record',
      'pause',
      'trainMode',
      'train_mode',
      'predictMode',
      'predict_mode',
      'isRecording',
      'is_recording',
      'isTraining',
      'is_training',
      'setRecording',
      'set_recording',
      'setTraining',
      'set_training',
      'markVariables',
      'mark_variables',
      'backward',
      'grad',
      'Function',
    ];
    expect(has(autograd, names)).toEqual([]);
    expect(autograd.mark_variables).toBe(autograd.markVariables);
  });

  it('nd: the listed functions and their aliases', () => {
    const names = [
      'array',
      'arange',
      'ones',
      'zeros',
      'ones_like',
      'onesLike',
      'zeros_like',
      'zerosLike',
      'full',
      'dot',
      'sum',
      'mean',
      'norm',
      'exp',
      'log',
      'sqrt',
      'square',
      'abs',
      'relu',
      'sigmoid',
      'tanh',
      'softmax',
      'log_softmax',
      'logSoftmax',
      'maximum',
      'minimum',
      'where',
      'concat',
      'stack',
      'reshape',
      'transpose',
      'broadcast_to',
      'broadcastTo',
      'random_normal',
      'randomNormal',
      'random_uniform',
      'randomUniform',
      'NDArray',
      'from',
      'take',
      'pick',
      'one_hot',
      'oneHot',
      'eye',
    ];
    expect(has(nd, names)).toEqual([]);
    expect(has(nd.random, ['normal', 'uniform'])).toEqual([]);
  });

  it('np: the NumPy names, np.linalg.norm, np.random; npx.set_np', () => {
    const names = [
      'array',
      'arange',
      'ones',
      'zeros',
      'ones_like',
      'zeros_like',
      'full',
      'dot',
      'matmul',
      'sum',
      'mean',
      'exp',
      'log',
      'sqrt',
      'square',
      'abs',
      'tanh',
      'maximum',
      'minimum',
      'where',
      'concatenate',
      'stack',
      'reshape',
      'transpose',
      'broadcast_to',
      'ndarray',
      'float32',
      'set_printoptions',
      'take',
      'eye',
    ];
    expect(has(np, names)).toEqual([]);
    expect(has(np.linalg, ['norm'])).toEqual([]);
    expect(has(np.random, ['normal', 'uniform', 'seed'])).toEqual([]);
    expect(
      has(npx, ['setNp', 'set_np', 'relu', 'sigmoid', 'softmax', 'log_softmax', 'one_hot', 'oneHot', 'pick']),
    ).toEqual([]);
    expect(npx.set_np()).toBeUndefined();
  });

  it('arrays: the listed methods and properties, with aliases', () => {
    for (const x of [nd.array([1, 2]), np.array([1, 2])]) {
      const names = [
        'attachGrad',
        'attach_grad',
        'grad',
        'backward',
        'detach',
        'copy',
        'asnumpy',
        'asscalar',
        'shape',
        'dtype',
        'context',
        'ctx',
        'size',
        'ndim',
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
        'norm',
        'sum',
        'mean',
        'reshape',
        'T',
        'transpose',
        'asInContext',
        'as_in_context',
        'copyto',
        'dispose',
        'log_softmax',
        'broadcast_to',
        'index',
        'setitem',
        'take',
        'pick',
        'one_hot',
      ];
      expect(names.filter((n) => !(n in x))).toEqual([]);
    }
  });
});
