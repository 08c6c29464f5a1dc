/** Every name API.md lists for PyTorch style exists in both spellings, with Python's calling conventions. */
import * as core from '@polygrad/core';
import { describe, expect, it } from 'vitest';
import * as pkg from '../src/index.js';
import { Tensor, torch } from '../src/index.js';
import { flat } from './util.js';

const both = (names: string[]) => names.flatMap((n) => [n, core.snakeCase(n)]);

describe('names', () => {
  it('package exports', () => {
    for (const n of [
      'torch',
      'print',
      'str',
      'repr',
      'tidy',
      'keep',
      'memory',
      'Tensor',
      'Size',
      'default',
    ]) {
      expect(pkg, n).toHaveProperty(n);
    }
    expect(pkg.default).toBe(torch);
  });
  it('torch.*', () => {
    const names = both([
      ...[
        'tensor',
        'arange',
        'ones',
        'zeros',
        'full',
        'onesLike',
        'zerosLike',
        'rand',
        'randn',
        'eye',
        'linspace',
      ],
      ...['from', 'manualSeed', 'setPrintoptions', 'print', 'str', 'repr', 'tidy', 'keep', 'memory'],
      ...[
        'noGrad',
        'enableGrad',
        'setGradEnabled',
        'isGradEnabled',
        'inferenceMode',
        'isInferenceModeEnabled',
      ],
      ...[
        'max',
        'min',
        'sort',
        'topk',
        'sum',
        'mean',
        'dot',
        'matmul',
        'cat',
        'stack',
        'where',
        'logSoftmax',
      ],
      ...[
        'isTensor',
        'fullLike',
        'randint',
        'indexSelect',
        'scatterAdd',
        'repeatInterleave',
        'getDefaultDtype',
      ],
    ]);
    for (const n of names) expect(typeof (torch as any)[n], `torch.${n}`).toBe('function');
    for (const n of ['float32', 'float64', 'int32', 'bool', 'float', 'double', 'int']) {
      expect(String((torch as any)[n])).toMatch(/^torch\.(float32|float64|int32|bool)$/);
    }
    expect(torch.float).toBe(torch.float32);
    expect(torch.double).toBe(torch.float64);
    expect(torch.int).toBe(torch.int32);
    expect(torch.Tensor).toBe(Tensor);
  });
  it('torch.autograd and torch.nn.functional', () => {
    for (const n of both(['grad', 'backward', 'gradcheck', 'gradgradcheck']))
      expect(typeof (torch.autograd as any)[n]).toBe('function');
    expect(typeof torch.autograd.Function.apply).toBe('function');
    for (const n of ['jacobian', 'hessian', 'vjp', 'jvp'])
      expect(typeof (torch.autograd.functional as any)[n]).toBe('function');
    const fns = both([
      'relu',
      'sigmoid',
      'tanh',
      'softmax',
      'logSoftmax',
      'linear',
      'mseLoss',
      'crossEntropy',
      'nllLoss',
      'oneHot',
      'one_hot',
    ]);
    for (const n of fns) expect(typeof (torch.nn.functional as any)[n], n).toBe('function');
  });
  it('Tensor members', () => {
    const x = torch.ones(2, 3);
    const methods = both([
      ...['requiresGrad_', 'retainGrad', 'registerHook', 'backward', 'detach', 'detach_', 'clone', 'zero_'],
      ...['add_', 'mul_', 'sub_', 'div_', 'copy_', 'item', 'tolist', 'numpy', 'size', 'dim', 'to'],
      ...['view', 'reshape', 'transpose', 'permute', 'unsqueeze', 'squeeze', 'expand', 'flatten', 'index'],
      ...[
        'select',
        'narrow',
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
      ],
      ...['sum', 'mean', 'max', 'min', 'exp', 'log', 'sqrt', 'abs', 'relu', 'sigmoid', 'tanh', 'softmax'],
      ...[
        'logSoftmax',
        'dispose',
        'toArray',
        'dataSync',
        'data',
        'isFloatingPoint',
        'maskedFill',
        'expandAs',
      ],
    ]);
    for (const n of methods) expect(typeof (x as any)[n], `x.${n}`).toBe('function');
    for (const n of [
      ...both(['requiresGrad', 'grad', 'gradFn', 'isLeaf', 'retainsGrad', 'shape', 'dtype', 'device']),
      'T',
    ])
      expect(n in x, `x.${n}`).toBe(true);
  });
});

describe('creation', () => {
  it('options in both spellings; unknown ones are an error', () => {
    const a = torch.tensor([1, 2], { dtype: torch.float64, requires_grad: true });
    expect([a.dtype, a.requiresGrad, a.device.type]).toEqual([torch.float64, true, 'cpu']);
    const b = torch.zeros(2, { dtype: 'int32', device: 'cpu' });
    expect(b.dtype).toBe(torch.int32);
    expect(() => torch.ones(2, { dtpye: 'int32' } as any)).toThrow(
      "got an unexpected keyword argument 'dtpye'",
    );
  });
  it('sizes as varargs, arrays or torch.Size', () => {
    const x = torch.ones(2, 3);
    expect(torch.zeros([2, 3]).shape).toEqual([2, 3]);
    expect(torch.rand(x.shape).shape).toEqual([2, 3]);
    expect(torch.randn(4).shape).toEqual([4]);
    expect(torch.full([2], 7).toArray()).toEqual([7, 7]);
    expect(torch.full([2], true).dtype).toBe(torch.bool);
    expect(torch.ones_like(x, { dtype: 'int32' }).dtype).toBe(torch.int32);
    expect(flat(torch.zerosLike(x))).toEqual([0, 0, 0, 0, 0, 0]);
  });
  it('arange, linspace, eye', () => {
    expect(flat(torch.arange(4))).toEqual([0, 1, 2, 3]);
    expect(flat(torch.arange(1, 4))).toEqual([1, 2, 3]);
    expect(flat(torch.arange(0, 1, 0.25))).toEqual([0, 0.25, 0.5, 0.75]);
    expect(flat(torch.arange({ start: 2, end: 4 }))).toEqual([2, 3]);
    expect(torch.arange(3, { dtype: torch.int32 }).dtype).toBe(torch.int32);
    expect(flat(torch.linspace(0, 1, 5))).toEqual([0, 0.25, 0.5, 0.75, 1]);
    expect(torch.eye(2, 3).toArray()).toEqual([
      [1, 0, 0],
      [0, 1, 0],
    ]);
  });
  it('manual_seed makes draws repeatable; rand is in [0, 1)', () => {
    torch.manual_seed(3);
    const a = flat(torch.rand(50)) as number[];
    torch.manualSeed(3);
    expect(flat(torch.rand(50))).toEqual(a);
    expect(a.every((v) => v >= 0 && v < 1)).toBe(true);
    const r = flat(torch.randint(2, 5, [100])) as number[];
    expect(r.every((v) => v >= 2 && v < 5 && Number.isInteger(v))).toBe(true);
  });
  it('tensor() copies; from() shares', () => {
    const x = torch.tensor([1, 2]);
    const c = torch.tensor(x);
    const f = torch.from(x);
    x.add_(1);
    expect([flat(c), flat(f)]).toEqual([
      [1, 2],
      [2, 3],
    ]);
    expect(flat(torch.tensor([x.sum(), 5]))).toEqual([5, 5]);
  });
  it('dtypes: constants or strings; there is no int64', () => {
    expect(torch.tensor([1], { dtype: 'float64' }).dtype).toBe(torch.float64);
    expect(() => (torch as any).long).toThrow('polygrad has no int64');
    expect(() => torch.tensor([1], { dtype: 'int64' as any })).toThrow('polygrad has no int64');
    expect(() => torch.ones(1).long()).toThrow('polygrad has no int64');
    expect(torch.ones(1).int().dtype).toBe(torch.int32);
    expect(torch.getDefaultDtype()).toBe(torch.float32);
  });
});

describe('tensors', () => {
  const m = () =>
    torch.tensor([
      [1, 2, 3],
      [4, 5, 6],
    ]);
  it('shape, size, dim, numel, item, tolist', () => {
    const x = m();
    expect(x.shape).toBeInstanceOf(torch.Size);
    expect([...x.shape]).toEqual([2, 3]);
    expect([x.size(1), x.size(-1), x.size({ dim: 0 })]).toEqual([3, 3, 2]);
    expect([x.dim(), x.ndim, x.numel()]).toEqual([2, 2, 6]);
    expect(x.sum().item()).toBe(21);
    expect(x.tolist()).toEqual([
      [1, 2, 3],
      [4, 5, 6],
    ]);
    expect(() => x.item()).toThrow('a Tensor with 6 elements cannot be converted to Scalar');
  });
  it('devices: cpu stays, the GPU names need @polygrad/backend-webgpu', () => {
    const x = m();
    expect(x.to('cpu')).toBe(x);
    expect(x.cpu()).toBe(x);
    expect(String(torch.device('cuda'))).toBe('webgpu');
    for (const d of ['webgpu', 'gpu', 'cuda', 'cuda:0']) {
      expect(() => x.to(d)).toThrow('@polygrad/backend-webgpu');
      expect(() => torch.ones(1, { device: d })).toThrow('@polygrad/backend-webgpu');
    }
    expect(() => torch.device('tpu')).toThrow('Expected one of cpu, webgpu, gpu, cuda device type');
  });
  it('to(dtype) casts (and stays differentiable)', () => {
    const x = torch.tensor([1.5, 2], { requiresGrad: true });
    const d = x.to(torch.float64);
    expect([d.dtype, d.gradFn!.name()]).toEqual([torch.float64, 'ToCopyBackward0']);
    expect(x.to({ dtype: 'int32' }).toArray()).toEqual([1, 2]);
    expect(x.to('cpu', torch.float64).dtype).toBe(torch.float64);
    expect(m().to(d).dtype).toBe(torch.float64);
    expect(x.to(torch.float32)).toBe(x);
  });
  it('views share storage', () => {
    const x = m();
    x.view(6).index(0).fill_(9);
    x.T.index(2, 1).copy_(torch.tensor(0));
    x.index(':', '0:1').mul_(2);
    expect(x.toArray()).toEqual([
      [18, 2, 3],
      [8, 5, 0],
    ]);
    expect(() => x.T.view(6)).toThrow("view size is not compatible with input tensor's size and stride");
    expect(x.T.reshape(6).toArray()).toEqual([18, 8, 2, 5, 3, 0]);
  });
  it('variadic and array forms of *args', () => {
    const x = m();
    expect(x.permute(1, 0).shape).toEqual([3, 2]);
    expect(x.permute([1, 0]).shape).toEqual([3, 2]);
    expect(x.reshape(3, 2).shape).toEqual([3, 2]);
    expect(x.reshape([-1]).shape).toEqual([6]);
    expect(torch.ones(3, 1).expand(3, 4).shape).toEqual([3, 4]);
    expect(torch.ones(3, 1).expand([-1, 4]).shape).toEqual([3, 4]);
    expect(x.unsqueeze(0).squeeze().shape).toEqual([2, 3]);
    expect(x.flatten().shape).toEqual([6]);
    expect(x.transpose(0, 1).shape).toEqual([3, 2]);
    expect(x.narrow(1, 1, 2).toArray()).toEqual([
      [2, 3],
      [5, 6],
    ]);
    expect(x.select(1, -1).toArray()).toEqual([3, 6]);
    expect(x.repeat(2, 1).shape).toEqual([4, 3]);
  });
  it('index: numbers, slices, None, Ellipsis, index arrays and masks', () => {
    const x = m();
    expect(x.index(1).toArray()).toEqual([4, 5, 6]);
    expect(x.index(-1, -1).item()).toBe(6);
    expect(x.index(':', '1:').toArray()).toEqual([
      [2, 3],
      [5, 6],
    ]);
    expect(x.index('...', '::2').toArray()).toEqual([
      [1, 3],
      [4, 6],
    ]);
    expect(x.index(torch.slice(1, null), torch.Ellipsis).toArray()).toEqual([[4, 5, 6]]);
    expect(x.index(null).shape).toEqual([1, 2, 3]);
    expect(x.index(':', null, 0).shape).toEqual([2, 1]);
    expect(x.index(':', [2, 0, -1]).toArray()).toEqual([
      [3, 1, 3],
      [6, 4, 6],
    ]);
    expect(x.index(torch.tensor([1], { dtype: 'int32' })).toArray()).toEqual([[4, 5, 6]]);
    expect(x.index(x.gt(3)).toArray()).toEqual([4, 5, 6]);
    expect(() => x.index(0, 0, 0)).toThrow('too many indices for tensor of dimension 2');
    expect(() => x.index('::-1')).toThrow('step must be greater than zero');
    // Several index arrays broadcast together and pick elementwise, as in PyTorch.
    expect(x.index([0, 1], [1, 2]).toArray()).toEqual([2, 6]);
    expect(x.index([[0], [1]], [0, 2]).toArray()).toEqual([
      [1, 3],
      [4, 6],
    ]);
    expect(() => x.index(5)).toThrow('index 5 is out of bounds for dimension 0 with size 2');
  });
  it('Python argument binding: positional, by name, or both', () => {
    const x = m();
    const a = torch.sum(x, 1, { keepdim: true });
    const b = torch.sum(x, { dim: 1, keepdim: true });
    const c = x.sum({ dim: 1, keepdim: true });
    expect([a.toArray(), b.toArray(), c.toArray()]).toEqual(new Array(3).fill([[6], [15]]));
    expect(x.mean([0, 1]).item()).toBe(3.5);
    expect(torch.mean(x, { dim: 0 }).toArray()).toEqual([2.5, 3.5, 4.5]);
    expect(() => torch.sum(x, 1, { dim: 1 })).toThrow("sum() got multiple values for argument 'dim'");
  });
  it('operators are methods that take scalars and nested arrays', () => {
    const x = torch.tensor([1, 2, 3]);
    expect(flat(x.mul(2))).toEqual([2, 4, 6]);
    expect(flat(x.pow(2))).toEqual([1, 4, 9]);
    expect(flat(x.neg())).toEqual([-1, -2, -3]);
    expect(flat(x.add([10, 20, 30], { alpha: 2 }))).toEqual([21, 42, 63]);
    expect(flat(x.sub(1))).toEqual([0, 1, 2]);
    expect(flat(x.div(2))).toEqual([0.5, 1, 1.5]);
    expect(flat(torch.tensor([-7, 7]).div(2, { rounding_mode: 'floor' }))).toEqual([-4, 3]);
    expect(flat(torch.tensor([-7, 7]).div(2, { roundingMode: 'trunc' }))).toEqual([-3, 3]);
    expect(flat(x.eq([1, 0, 3]))).toEqual([true, false, true]);
    expect(flat(x.ne(2))).toEqual([true, false, true]);
    expect([flat(x.lt(2)), flat(x.le(2)), flat(x.gt(2)), flat(x.ge(2))]).toEqual([
      [true, false, false],
      [true, true, false],
      [false, false, true],
      [false, true, true],
    ]);
    expect(x.matmul([1, 1, 1]).item()).toBe(6);
  });
  it('max/min: all values, along a dim ([values, indices]), or elementwise', () => {
    const x = m();
    expect(x.max().item()).toBe(6);
    const r = torch.max(x, 1);
    const [v, i] = r;
    expect([flat(v), flat(i)]).toEqual([
      [3, 6],
      [2, 2],
    ]);
    expect(r.values).toBe(v);
    expect(r.indices).toBe(i);
    expect(i.dtype).toBe(torch.int32);
    expect(flat(x.min({ dim: 0 }).values)).toEqual([1, 2, 3]);
    expect(flat(torch.max(x, torch.full([3], 4)))).toEqual([4, 4, 4, 4, 5, 6]);
    expect(flat(x.argmax(1))).toEqual([2, 2]);
  });
  it('sort/topk along any dim, NaN last', () => {
    const [v, i] = torch.sort(torch.tensor([3, Number.NaN, -1, 2]));
    expect(flat(v).map(String)).toEqual(['-1', '2', '3', 'NaN']);
    expect(flat(i)).toEqual([2, 3, 0, 1]);
    expect(flat(torch.argsort(torch.tensor([3, 1, 2]), { descending: true }))).toEqual([0, 2, 1]);
    const t = torch.topk(m(), 1, 0);
    expect([flat(t.values), flat(t.indices)]).toEqual([
      [4, 5, 6],
      [1, 1, 1],
    ]);
  });
  it('more math methods', () => {
    const x = torch.tensor([1, 4, 9]);
    expect(flat(x.sqrt())).toEqual([1, 2, 3]);
    expect(flat(x.clamp({ max: 5 }))).toEqual([1, 4, 5]);
    expect(flat(x.maskedFill(x.gt(3), 0))).toEqual([1, 0, 0]);
    expect(x.std().item()).toBeCloseTo(4.041451884327381, 5);
    expect(x.var({ unbiased: false }).item()).toBeCloseTo(98 / 9, 5);
    expect(x.norm().item()).toBeCloseTo(Math.sqrt(98), 5);
    expect(x.all().item()).toBe(true);
    expect(torch.tensor([0, 1]).any().item()).toBe(true);
    expect(torch.equal(x, [1, 4, 9])).toBe(true);
    expect(torch.allclose(x, x.add(1e-7))).toBe(true);
    expect(flat(torch.outer([1, 2], [1, 10]))).toEqual([1, 10, 2, 20]);
  });
});

describe('tensordot, argwhere, nonzero and torch.linalg', () => {
  it('spell core ops the PyTorch way', () => {
    const a = torch.arange(6.0).reshape(2, 3);
    const b = torch.arange(12.0).reshape(3, 4);
    expect(torch.tensordot(a, b, 1).tolist()).toEqual(torch.matmul(a, b).tolist());
    expect(torch.tensordot(a, b, { dims: [[1], [0]] }).tolist()).toEqual(torch.matmul(a, b).tolist());
    const m = torch.tensor([
      [0, 2],
      [3, 0],
    ]);
    expect(torch.argwhere(m).tolist()).toEqual([
      [0, 1],
      [1, 0],
    ]);
    const [rows, cols] = torch.nonzero(m, { as_tuple: true }) as ReturnType<typeof torch.tensor>[];
    expect([rows.tolist(), cols.tolist()]).toEqual([
      [0, 1],
      [1, 0],
    ]);
    expect(torch.linalg.vector_norm(torch.tensor([3, 4])).item()).toBe(5);
    expect(torch.linalg.matrix_norm(m).item()).toBeCloseTo(Math.sqrt(13), 6);
  });
});
