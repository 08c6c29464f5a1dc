/** PyTorch's autograd semantics through the facade; expected values are worked out by hand. */
import * as core from '@polygrad/core';
import { describe, expect, it } from 'vitest';
import { type FunctionCtx, type Tensor, torch } from '../src/index.js';
import { flat } from './util.js';

const leaf = (v: number[] | number, dtype: 'float32' | 'float64' = 'float32') =>
  torch.tensor(v, { dtype, requiresGrad: true });

const ERR = {
  noGradFn: 'element 0 of tensors does not require grad and does not have a grad_fn',
  implicit: 'grad can be implicitly created only for scalar outputs',
  second: 'Trying to backward through the graph a second time',
  version: 'one of the variables needed for gradient computation has been modified by an inplace operation',
  leaf: 'a leaf Variable that requires grad is being used in an in-place operation.',
  unused:
    'One of the differentiated Tensors appears to not have been used in the graph. Set allow_unused=True if this is the desired behavior.',
};

describe('the six PyTorch errors, by their text', () => {
  it('backward of a tensor with no history', () => {
    expect(() => torch.tensor([1, 2]).sum().backward()).toThrow(ERR.noGradFn);
    expect(() => torch.autograd.grad(torch.tensor(1), [leaf(1)])).toThrow(ERR.noGradFn);
  });
  it('backward of a non-scalar without a gradient', () => {
    expect(() => leaf([1, 2]).mul(2).backward()).toThrow(ERR.implicit);
  });
  it('a second backward through freed saved tensors', () => {
    const x = leaf([1, 2, 3]);
    const y = x.mul(x).sum();
    y.backward();
    expect(() => y.backward()).toThrow(ERR.second);
  });
  it('a saved tensor modified in place', () => {
    const x = leaf([0, 1]);
    const y = x.exp(); // ExpBackward0 saves its output
    const z = y.sum();
    y.add_(1);
    expect(() => z.backward()).toThrow(ERR.version);
    const u = x.mul(2); // a constant factor: nothing of u is saved
    u.add_(1);
    u.sum().backward();
    expect(flat(x.grad)).toEqual([2, 2]);
  });
  it('in place on a leaf that requires grad', () => {
    const x = leaf([1, 2]);
    expect(() => x.add_(1)).toThrow(ERR.leaf);
    expect(() => x.mul_(2)).toThrow(ERR.leaf);
    expect(() => x.zero_()).toThrow(ERR.leaf);
    expect(() => x.copy_([3, 4])).toThrow(ERR.leaf);
  });
  it('an input not used in the graph', () => {
    const x = leaf([1, 2]);
    const unused = leaf([3]);
    const y = x.mul(2).sum();
    expect(() => torch.autograd.grad(y, [x, unused])).toThrow(ERR.unused);
    const [gx, gu] = torch.autograd.grad(y, [x, unused], { allow_unused: true });
    expect(flat(gx)).toEqual([2, 2]);
    expect(gu).toBeNull();
  });
});

describe('gradients accumulate into leaves', () => {
  it('across backward calls, in the same .grad tensor, until zero_() or grad = null', () => {
    const x = leaf([1, 2]);
    x.mul(x).sum().backward(); // 2x
    const g = x.grad!;
    expect(x.grad).toBe(g);
    x.mul(3).sum().backward(); // + 3
    expect(x.grad).toBe(g);
    expect(flat(x.grad)).toEqual([5, 7]);
    x.grad!.zero_();
    x.sum().backward();
    expect(flat(x.grad)).toEqual([1, 1]);
    x.grad = null;
    expect(x.grad).toBeNull();
    x.sum().backward();
    expect(flat(x.grad)).toEqual([1, 1]);
  });
  it('retain_graph keeps the graph for another pass (positional or by name)', () => {
    const x = leaf([1, 2, 3]);
    const y = x.mul(x).sum();
    y.backward(null, true);
    y.backward({ retainGraph: true });
    y.backward(undefined, { retain_graph: false });
    expect(flat(x.grad)).toEqual([6, 12, 18]);
    expect(() => y.backward()).toThrow(ERR.second);
  });
  it('a non-scalar head takes an explicit gradient (tensor or nested array)', () => {
    const x = leaf([1, 2, 3]);
    x.mul(x).backward(torch.tensor([1, 0.5, 2]));
    expect(flat(x.grad)).toEqual([2, 2, 12]);
    x.grad = null;
    x.mul(2).backward([1, 1, 1]);
    expect(flat(x.grad)).toEqual([2, 2, 2]);
  });
  it('inputs restricts which leaves receive gradients', () => {
    const x = leaf([1, 2]);
    const w = leaf([3, 4]);
    x.mul(w)
      .sum()
      .backward({ inputs: [w] });
    expect(x.grad).toBeNull();
    expect(flat(w.grad)).toEqual([1, 2]);
    x.mul(w).sum().backward({ inputs: x });
    expect(flat(x.grad)).toEqual([3, 4]);
  });
  it('torch.autograd.backward with grad_tensors', () => {
    const x = leaf([1, 2]);
    const a = x.mul(2);
    const b = x.mul(x).sum();
    torch.autograd.backward([a, b], [torch.tensor([1, 10]), null]);
    expect(flat(x.grad)).toEqual([2 + 2, 20 + 4]);
  });
});

describe('autograd.grad', () => {
  it('returns gradients and leaves .grad alone', () => {
    const x = leaf([0, 1]);
    const [g] = torch.autograd.grad(x.exp().sum(), x);
    expect(x.grad).toBeNull();
    expect(flat(g)).toEqual([1, Math.fround(Math.E)]);
  });
  it('grad_outputs weight a non-scalar output', () => {
    const x = leaf([1, 2]);
    const [g] = torch.autograd.grad(x.mul(x), [x], { gradOutputs: [torch.tensor([3, 5])] });
    expect(flat(g)).toEqual([6, 20]);
    const [g2] = torch.autograd.grad(x.mul(x), x, [1, -1]);
    expect(flat(g2)).toEqual([2, -4]);
  });
  it('create_graph gives higher derivatives: x³ → 3x² → 6x → 6', () => {
    const x = leaf([2], 'float64');
    const y = x.pow(3).sum();
    const [g1] = torch.autograd.grad(y, x, { createGraph: true });
    expect(flat(g1)).toEqual([12]);
    expect(g1!.requiresGrad).toBe(true);
    const [g2] = torch.autograd.grad(g1!.sum(), x, { create_graph: true });
    expect(flat(g2)).toEqual([12]);
    const [g3] = torch.autograd.grad(g2!.sum(), x);
    expect(flat(g3)).toEqual([6]);
  });
  it('backward with create_graph makes .grad differentiable', () => {
    const x = leaf([3], 'float64');
    x.pow(4).sum().backward({ createGraph: true }); // 4x³ = 108
    expect(flat(x.grad)).toEqual([108]);
    expect(x.grad!.gradFn).not.toBeNull();
    const [h] = torch.autograd.grad(x.grad!.sum(), x); // 12x² = 108
    expect(flat(h)).toEqual([108]);
  });
});

describe('tensor autograd state', () => {
  it('requires_grad, is_leaf, grad_fn and next_functions', () => {
    const x = leaf([1, 2]);
    const w = leaf([3, 4]);
    const c = torch.tensor([1, 1]);
    expect([x.requiresGrad, x.isLeaf, x.gradFn]).toEqual([true, true, null]);
    expect([c.requiresGrad, c.isLeaf]).toEqual([false, true]);
    const y = x.mul(2).add(w);
    expect([y.requiresGrad, y.isLeaf, y.gradFn!.name()]).toEqual([true, false, 'AddBackward0']);
    const [[mul, i0], [acc, i1]] = y.grad_fn!.next_functions;
    expect([mul!.name(), i0, acc!.name(), i1]).toEqual([
      'MulBackward0',
      0,
      'torch::autograd::AccumulateGrad',
      0,
    ]);
    expect((acc as { variable: Tensor }).variable).toBe(w);
    expect(mul!.nextFunctions.map(([f]) => f && f.name())).toEqual(['torch::autograd::AccumulateGrad', null]);
    expect(y.gradFn).toBe(y.gradFn);
    expect(x.add(c).requiresGrad).toBe(true);
  });
  it('requires_grad rules: floats only, and only leaves can stop requiring grad', () => {
    expect(() => torch.tensor([1], { dtype: torch.int32 }).requires_grad_()).toThrow(
      'only Tensors of floating point dtype can require gradients',
    );
    const x = torch.tensor([1]);
    x.requiresGrad = true;
    expect(x.requires_grad).toBe(true);
    expect(() => {
      x.mul(2).requiresGrad = false;
    }).toThrow('you can only change requires_grad flags of leaf variables.');
    x.requires_grad_(false);
    expect(x.requiresGrad).toBe(false);
  });
  it('retain_grad keeps a non-leaf gradient', () => {
    const x = leaf([1, 2]);
    const h = x.mul(3);
    const k = x.mul(4);
    h.retainGrad();
    expect([h.retainsGrad, k.retainsGrad, x.retainsGrad]).toEqual([true, false, false]);
    h.mul(h).sum().add(k.sum()).backward();
    expect(flat(h.grad)).toEqual([6, 12]); // 2h
    expect(k.grad).toBeNull();
    expect(flat(x.grad)).toEqual([18 + 4, 36 + 4]); // 2h·3 + 4
    expect(() => torch.tensor([1]).retain_grad()).toThrow(
      "can't retain_grad on Tensor that has requires_grad=False",
    );
  });
  it('hooks see the gradient, may replace it, and can be removed', () => {
    const x = leaf([1, 2]);
    const h = x.mul(3);
    const seen: number[][] = [];
    const handle = h.registerHook((g) => {
      seen.push(flat(g) as number[]);
      return g.mul(2);
    });
    const leafSeen: number[][] = [];
    x.register_hook((g) => {
      leafSeen.push(flat(g) as number[]);
    });
    h.sum().backward();
    expect(seen).toEqual([[1, 1]]);
    expect(leafSeen).toEqual([[6, 6]]);
    expect(flat(x.grad)).toEqual([6, 6]);
    handle.remove();
    x.grad = null;
    x.mul(3).sum().backward();
    expect(flat(x.grad)).toEqual([3, 3]);
    expect(() => torch.tensor([1]).registerHook(() => {})).toThrow(
      "cannot register a hook on a tensor that doesn't require gradient",
    );
  });
  it('detach shares values (and in-place writes), detach_ cuts in place', () => {
    const x = leaf([1, 2]);
    const y = x.mul(2);
    const d = y.detach();
    expect([d.requiresGrad, d.gradFn]).toEqual([false, null]);
    d.add_(1);
    expect(flat(y)).toEqual([3, 5]);
    const z = x.mul(2);
    z.detach_();
    expect([z.requiresGrad, z.isLeaf, z.gradFn]).toEqual([false, true, null]);
  });
  it('in-place ops on non-leaves take over the history', () => {
    const x = leaf([1, 2]);
    const y = x.mul(2);
    y.mul_(3);
    expect(y.gradFn!.name()).toBe('MulBackward0');
    y.add_(x, { alpha: 2 }); // y = 6x + 2x
    y.sum().backward();
    expect(flat(x.grad)).toEqual([8, 8]);
    expect(flat(y)).toEqual([8, 16]);
  });
  it('clone stays in the graph; numpy refuses tensors that require grad', () => {
    const x = leaf([1, 2]);
    const c = x.clone();
    expect(c.gradFn!.name()).toBe('CloneBackward0');
    c.mul(c).sum().backward();
    expect(flat(x.grad)).toEqual([2, 4]);
    expect(() => x.numpy()).toThrow("Can't call numpy() on Tensor that requires grad.");
    expect(x.detach().numpy()).toEqual([1, 2]);
  });
});

describe('grad modes', () => {
  it('no_grad records nothing and returns the callback value', () => {
    const x = leaf([1]);
    const y = torch.noGrad(() => x.mul(2));
    expect([y.requiresGrad, y.gradFn]).toEqual([false, null]);
    expect(torch.no_grad(() => torch.is_grad_enabled())).toBe(false);
    expect(torch.isGradEnabled()).toBe(true);
  });
  it('parameter updates under no_grad (SGD step)', () => {
    const w = leaf([1, 2]);
    w.mul(w).sum().backward(); // 2w
    torch.noGrad(() => w.sub_(w.grad!.mul(0.5)));
    expect(flat(w)).toEqual([0, 0]);
    expect(w.isLeaf).toBe(true);
  });
  it('scope objects, enable_grad inside no_grad, set_grad_enabled', () => {
    const x = leaf([1]);
    const s = torch.noGrad();
    expect(torch.isGradEnabled()).toBe(false);
    expect(torch.enableGrad(() => x.mul(2)).requiresGrad).toBe(true);
    s.exit();
    expect(torch.isGradEnabled()).toBe(true);
    const t = torch.setGradEnabled(false);
    expect(x.mul(2).requiresGrad).toBe(false);
    t[Symbol.dispose]();
    expect(torch.set_grad_enabled(false, () => x.mul(2).requiresGrad)).toBe(false);
    expect(x.mul(2).requiresGrad).toBe(true);
  });
  it('async callbacks keep the mode until they settle', async () => {
    const p = torch.noGrad(async () => {
      await Promise.resolve();
      return torch.isGradEnabled();
    });
    expect(await p).toBe(false);
    expect(torch.isGradEnabled()).toBe(true);
  });
  it('inference_mode', () => {
    const x = leaf([1]);
    expect(torch.inferenceMode(() => [x.mul(2).requiresGrad, torch.isInferenceModeEnabled()])).toEqual([
      false,
      true,
    ]);
    expect(torch.inference_mode(false, () => x.mul(2).requiresGrad)).toBe(true);
    expect(torch.isInferenceModeEnabled()).toBe(false);
  });
});

describe('autograd.Function', () => {
  class MyExp extends torch.autograd.Function {
    static override forward(ctx: FunctionCtx, x: Tensor): Tensor {
      const r = x.exp();
      ctx.saveForBackward(r);
      return r;
    }
    static override backward(ctx: FunctionCtx, g: Tensor): Tensor {
      const [r] = ctx.savedTensors;
      return g.mul(r!);
    }
  }
  class Scale extends torch.autograd.Function {
    static flags: boolean[] = [];
    static override forward(ctx: FunctionCtx, x: Tensor, k: number): Tensor {
      ctx.k = k;
      Scale.flags = ctx.needs_input_grad;
      return x.mul(k);
    }
    static override backward(ctx: FunctionCtx, g: Tensor): (Tensor | null)[] {
      return [g.mul(ctx.k as number), null];
    }
  }
  class Broken extends torch.autograd.Function {
    static override forward(_ctx: FunctionCtx, a: Tensor, b: Tensor): Tensor {
      return a.mul(b);
    }
    static override backward(_ctx: FunctionCtx, g: Tensor): Tensor {
      return g;
    }
  }

  it('forward/backward with saved tensors; the node is named <Class>Backward', () => {
    const x = leaf([0, 1], 'float64');
    const y = MyExp.apply(x);
    expect(y.gradFn!.name()).toBe('MyExpBackward');
    expect(torch.repr(y)).toBe('tensor([1.0000, 2.7183], dtype=torch.float64, grad_fn=<MyExpBackward>)');
    y.sum().backward();
    expect(flat(x.grad)).toEqual([1, Math.E]);
  });
  it('non-tensor arguments, ctx attributes and needs_input_grad', () => {
    const x = leaf([1, 2]);
    const y = Scale.apply(x, 3);
    y.sum().backward();
    expect(flat(x.grad)).toEqual([3, 3]);
    expect(Scale.flags).toEqual([true, false]);
    expect(y.gradFn!.name()).toBe('ScaleBackward');
    Scale.apply(torch.tensor([1]), 2);
    expect(Scale.flags).toEqual([false, false]);
  });
  it('its backward is differentiable (create_graph through a custom node)', () => {
    const x = leaf([0.5], 'float64');
    const [g] = torch.autograd.grad(MyExp.apply(x).sum(), x, { createGraph: true });
    const [gg] = torch.autograd.grad(g!.sum(), x);
    expect(flat(gg)[0]).toBeCloseTo(Math.exp(0.5), 12);
  });
  it('a backward with the wrong number of gradients is an error', () => {
    const a = leaf([1]);
    expect(() => Broken.apply(a, a).sum().backward()).toThrow(
      'function BrokenBackward returned an incorrect number of gradients (expected 2, got 1)',
    );
  });
  it('gradcheck passes a correct Function and catches a wrong one', () => {
    class WrongSquare extends torch.autograd.Function {
      static override forward(_ctx: FunctionCtx, x: Tensor): Tensor {
        return x.mul(x);
      }
      static override backward(_ctx: FunctionCtx, g: Tensor): Tensor {
        return g.mul(3);
      }
    }
    const x = leaf([0.3, -0.7], 'float64');
    expect(torch.autograd.gradcheck((t) => MyExp.apply(t), [x])).toBe(true);
    expect(torch.autograd.gradcheck((t) => t.pow(3).sin(), x, { eps: 1e-6, atol: 1e-5 })).toBe(true);
    expect(torch.autograd.gradgradcheck((t) => t.pow(3).sin(), [x])).toBe(true);
    expect(torch.autograd.gradcheck((t) => WrongSquare.apply(t), [x], { raise_exception: false })).toBe(
      false,
    );
    expect(() => torch.autograd.gradcheck((t) => WrongSquare.apply(t), [x])).toThrow('Jacobian mismatch');
  });
});

describe('memory and facades', () => {
  it('tidy frees what the callback made and keeps what it returns', () => {
    const before = torch.memory().tensors;
    const kept = torch.tidy(() => {
      const a = torch.ones(100);
      const b = a.mul(2);
      return b.add(1);
    });
    expect(torch.memory().tensors - before).toBe(1);
    expect(flat(kept)[0]).toBe(3);
    kept.dispose();
    expect(kept.disposed).toBe(true);
  });
  it('torch.from wraps core tensors without copying, one wrapper per tensor', () => {
    const c = core.tensor([1, 2]);
    const t = torch.from(c);
    expect(torch.from(c)).toBe(t);
    expect(torch.from(t)).toBe(t);
    core.assign(c, [5, 6]);
    expect(flat(t)).toEqual([5, 6]);
    const other = { [core.CORE_TENSOR]: c }; // another facade's tensor
    expect(torch.from(other)).toBe(t);
  });
});
