/** GradientTape semantics; every expected value is worked out by hand in the comments. */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { type Tensor, tf } from '../src/index.js';

const USED = 'A non-persistent GradientTape can only be used to compute one set of gradients (or jacobians)';
const REENTER = 'Tape is still recording, This can happen if you try to re-enter an already-active tape.';

const vals = (t: Tensor | null | undefined) => {
  expect(t).toBeTruthy();
  return t!.numpy();
};

afterEach(() => vi.restoreAllMocks());

describe('persistence and re-entry', () => {
  it('a non-persistent tape gives one set of gradients, then raises', () => {
    const x = tf.Variable([1, 2]);
    const t = new tf.GradientTape();
    const y = t.record(() => tf.reduce_sum(x.mul(x)));
    expect(vals(t.gradient(y, x))).toEqual([2, 4]); // d/dx Σx² = 2x
    expect(() => t.gradient(y, x)).toThrow(USED);
    expect(() => t.jacobian(y, x)).toThrow(USED);
  });

  it('a persistent tape can be asked again, for gradients and jacobians', () => {
    const x = tf.Variable([1, 2]);
    const t = new tf.GradientTape({ persistent: true });
    const [y, z] = t.record(() => [x.mul(x), x.pow(3)]);
    expect(vals(t.gradient(y, x))).toEqual([2, 4]); // 2x
    expect(vals(t.gradient(z, x))).toEqual([3, 12]); // 3x²
    expect(vals(t.gradient(y, x))).toEqual([2, 4]);
    expect(vals(t.jacobian(y, x))).toEqual([
      [2, 0],
      [0, 4],
    ]);
  });

  it('re-entering an active tape raises TF’s error', () => {
    const t = new tf.GradientTape();
    t.enter();
    expect(() => t.enter()).toThrow(REENTER);
    expect(() => t.record(() => 1)).toThrow(REENTER);
    t.exit();
    // Exited, it can be entered again.
    expect(t.record(() => 7)).toBe(7);
  });

  it('enter/exit and `using` record like record(fn)', () => {
    const x = tf.Variable(3);
    const t = new tf.GradientTape({ persistent: true });
    t.enter();
    const y = x.mul(x);
    t.exit();
    expect(vals(t.gradient(y, x))).toBe(6); // 2x
    let z: Tensor;
    {
      using _s = t.enter();
      z = x.pow(3);
    }
    const after = x.mul(5); // not recorded: the tape was exited by `using`
    expect(vals(t.gradient(z, x))).toBe(27); // 3x²
    expect(t.gradient(after, x)).toBeNull();
  });

  it('record() without a callback returns a scope (`using rec = t.record()`)', () => {
    const x = tf.Variable(4);
    const t = new tf.GradientTape();
    let y: Tensor;
    {
      using _rec = t.record();
      y = x.mul(x);
    }
    expect(vals(t.gradient(y, x))).toBe(8); // 2x
    expect(t.record(() => 1)).toBe(1); // the scope exited the tape
  });

  it('async callbacks keep the tape recording until they settle', async () => {
    const x = tf.Variable(2);
    const t = new tf.GradientTape();
    const y = await t.record(async () => {
      await Promise.resolve();
      return x.pow(2);
    });
    expect(vals(t.gradient(y, x))).toBe(4); // 2x
  });
});

describe('what a tape watches', () => {
  it('trainable variables read while recording are watched; constants only after watch()', () => {
    const v = tf.Variable([1, 2]);
    const c = tf.constant([3, 4]);
    const t = new tf.GradientTape({ persistent: true });
    const y = t.record(() => tf.reduce_sum(v.mul(c)));
    expect(vals(t.gradient(y, v))).toEqual([3, 4]); // d/dv Σ v·c = c
    expect(t.gradient(y, c)).toBeNull(); // never watched
    const t2 = new tf.GradientTape();
    const y2 = t2.record(() => {
      t2.watch(c);
      return tf.reduce_sum(v.mul(c));
    });
    expect(t2.gradient(y2, [v, c]).map(vals)).toEqual([
      [3, 4],
      [1, 2],
    ]);
  });

  it('watchedVariables() lists the variables read while recording, not constants', () => {
    const a = tf.Variable(1, { name: 'a' });
    const b = tf.Variable(2, { name: 'b' });
    const c = tf.constant(3);
    const t = new tf.GradientTape();
    t.record(() => {
      t.watch(c);
      return b.mul(a).add(c);
    });
    const names = t.watchedVariables().map((v) => v.name);
    expect(names.sort()).toEqual(['a:0', 'b:0']);
    expect(t.watched_variables()[0]).toBeInstanceOf(tf.Variable);
  });

  it('watchAccessedVariables = false: only what is watched explicitly', () => {
    const a = tf.Variable(2);
    const b = tf.Variable(5);
    const t = new tf.GradientTape({ persistent: true, watchAccessedVariables: false });
    const y = t.record(() => {
      t.watch(a);
      return a.mul(b);
    });
    expect(vals(t.gradient(y, a))).toBe(5); // d(ab)/da = b
    expect(t.gradient(y, b)).toBeNull();
    expect(t.watchedVariables()).toEqual([a]);
  });

  it('non-trainable variables are not watched automatically', () => {
    const v = tf.Variable(3, { trainable: false });
    const t = new tf.GradientTape();
    const y = t.record(() => v.mul(v));
    expect(v.trainable).toBe(false);
    expect(t.gradient(y, v)).toBeNull();
  });

  it('variables read before the tape, or while it is paused, are not watched', () => {
    const v = tf.Variable(3);
    const before = v.mul(2);
    const t = new tf.GradientTape({ persistent: true });
    const y = t.record(() => {
      const p = t.stopRecording(() => v.mul(v));
      return [before.mul(1), p];
    });
    expect(t.gradient(y[0], v)).toBeNull();
    expect(t.gradient(y[1], v)).toBeNull();
    expect(t.watchedVariables()).toEqual([]);
  });

  it('watching an integer tensor is skipped with TF’s warning', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const i = tf.constant([1, 2], { dtype: tf.int32 });
    const t = new tf.GradientTape();
    t.record(() => t.watch(i));
    expect(warn).toHaveBeenCalledWith(
      'The dtype of the watched tensor must be floating (e.g. tf.float32), got tf.int32',
    );
  });
});

describe('gradient() arguments and results', () => {
  it('unconnected sources give null, or zeros with unconnectedGradients: zero', () => {
    const x = tf.Variable([1, 2]);
    const z = tf.Variable([5, 6, 7]);
    const t = new tf.GradientTape({ persistent: true });
    const y = t.record(() => {
      z.numpy(); // reading a value is not an op: z stays unwatched
      return x.mul(2);
    });
    expect(t.gradient(y, z)).toBeNull();
    expect(vals(t.gradient(y, z, { unconnectedGradients: 'zero' }))).toEqual([0, 0, 0]);
    expect(vals(t.gradient(y, z, { unconnected_gradients: tf.UnconnectedGradients.ZERO }))).toEqual([
      0, 0, 0,
    ]);
    expect(t.gradient(y, z, undefined, tf.UnconnectedGradients.NONE)).toBeNull();
    expect(() => t.gradient(y, z, { unconnectedGradients: 'sometimes' })).toThrow(
      "Unknown value for unconnected_gradients: 'sometimes'",
    );
  });

  it('integer sources give null with TF’s warning', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const i = tf.constant([1, 2], { dtype: tf.int32 });
    const x = tf.Variable([1, 2]);
    const t = new tf.GradientTape();
    const y = t.record(() => tf.reduce_sum(x.mul(tf.cast(i, tf.float32))));
    const [gx, gi] = t.gradient(y, [x, i]) as (Tensor | null)[];
    expect(vals(gx)).toEqual([1, 2]); // d/dx Σ x·i = i
    expect(gi).toBeNull();
    expect(warn).toHaveBeenCalledWith(expect.stringContaining('must be floating (e.g. tf.float32)'));
  });

  it('sources as an array, an object, or nested: the result has the same structure', () => {
    const a = tf.Variable([1, 2]);
    const b = tf.Variable([3, 4]);
    const c = tf.Variable(10);
    const t = new tf.GradientTape({ persistent: true });
    // y = Σ a·b + 2c: dy/da = b, dy/db = a, dy/dc = 2
    const y = t.record(() => tf.add(tf.reduce_sum(a.mul(b)), c.mul(2)));
    const arr = t.gradient(y, [a, b]) as Tensor[];
    expect(arr.map((g) => g.numpy())).toEqual([
      [3, 4],
      [1, 2],
    ]);
    const obj = t.gradient(y, { a, b }) as Record<string, Tensor>;
    expect(Object.keys(obj)).toEqual(['a', 'b']);
    expect(obj.a.numpy()).toEqual([3, 4]);
    expect(obj.b.numpy()).toEqual([1, 2]);
    const nested = t.gradient(y, { w: [a, { bias: c }] }) as any;
    expect(nested.w[0].numpy()).toEqual([3, 4]);
    expect(nested.w[1].bias.numpy()).toBe(2);
    const withOpts = t.gradient(y, { a, b }, { unconnectedGradients: 'zero' }) as Record<string, Tensor>;
    expect(withOpts.b.numpy()).toEqual([1, 2]);
  });

  it('several targets are summed; outputGradients weight the target', () => {
    const x = tf.Variable([1, 2, 3]);
    const t = new tf.GradientTape({ persistent: true });
    const [y1, y2] = t.record(() => [x.mul(x), x.mul(3)]);
    expect(vals(t.gradient([y1, y2], x))).toEqual([5, 7, 9]); // 2x + 3
    // Σ og·x² → 2x·og with og = [1, 0, 2]
    expect(vals(t.gradient(y1, x, { outputGradients: tf.constant([1, 0, 2]) }))).toEqual([2, 0, 12]);
    expect(vals(t.gradient(y1, x, tf.constant([1, 0, 2])))).toEqual([2, 0, 12]);
  });

  it('a gradient with respect to a tensor computed on the tape', () => {
    const x = tf.Variable(3);
    const t = new tf.GradientTape({ persistent: true });
    let u!: Tensor;
    const y = t.record(() => {
      u = x.mul(x); // u = 9
      return u.mul(u).mul(2); // y = 2u²
    });
    expect(vals(t.gradient(y, u))).toBe(36); // 4u
    expect(vals(t.gradient(y, x))).toBe(216); // y = 2x⁴ → 8x³
  });
});

describe('higher order, stopRecording, reset', () => {
  it('nested tapes: second derivative (TF docs: x = 5, y = x·x)', () => {
    const x = tf.constant(5);
    const g = new tf.GradientTape();
    const gg = new tf.GradientTape();
    const dydx = g.record(() => {
      g.watch(x);
      const y = gg.record(() => {
        gg.watch(x);
        return x.mul(x);
      });
      return gg.gradient(y, x) as Tensor; // 2x = 10
    });
    expect(vals(dydx)).toBe(10);
    expect(vals(g.gradient(dydx, x))).toBe(2);
  });

  it('three nested tapes: d/dx, d²/dx², d³/dx³ of x³ at x = 3 are 27, 18, 6', () => {
    const x = tf.Variable(3);
    const t1 = new tf.GradientTape();
    const t2 = new tf.GradientTape();
    const t3 = new tf.GradientTape();
    let d1!: Tensor;
    let d2!: Tensor;
    const d3 = t3.record(() => {
      d2 = t2.record(() => {
        d1 = t1.record(() => t1.gradient(x.pow(3), x) as Tensor); // 3x²
        return t2.gradient(d1, x) as Tensor; // 6x
      });
      return t3.gradient(d2, x) as Tensor; // 6
    });
    expect(vals(d1)).toBe(27);
    expect(vals(d2)).toBe(18);
    expect(vals(d3)).toBe(6);
  });

  it('higher order through exp and a persistent outer tape (d²/dx² e^(2x) = 4e^(2x))', () => {
    const x = tf.Variable(0.5);
    const outer = new tf.GradientTape({ persistent: true });
    const inner = new tf.GradientTape();
    const d1 = outer.record(() => {
      const y = inner.record(() => tf.exp(x.mul(2)));
      return inner.gradient(y, x) as Tensor; // 2e^(2x) = 2e
    });
    expect(vals(d1) as number).toBeCloseTo(2 * Math.E, 5);
    expect(vals(outer.gradient(d1, x)) as number).toBeCloseTo(4 * Math.E, 5);
  });

  it('stopRecording pauses the tape and resumes it', () => {
    const x = tf.Variable(2);
    const t = new tf.GradientTape({ persistent: true });
    const [paused, resumed] = t.record(() => {
      const p = t.stopRecording(() => x.mul(x));
      return [p, x.mul(x)];
    });
    expect(t.gradient(paused, x)).toBeNull();
    expect(vals(t.gradient(resumed, x))).toBe(4); // 2x
    const scoped = t.record(() => {
      const s = t.stop_recording();
      const p = x.mul(3);
      s.exit();
      return [p, x.mul(3)];
    });
    expect(t.gradient(scoped[0], x)).toBeNull();
    expect(vals(t.gradient(scoped[1], x))).toBe(3);
    expect(() => t.stopRecording(() => 1)).toThrow('Trying to stop recording a tape which is not recording.');
  });

  it('reset forgets what was recorded and watched (TF docs: only the second loss counts)', () => {
    const x = tf.Variable(2);
    const t = new tf.GradientTape();
    const loss = t.record(() => {
      const first = x.mul(x); // forgotten: d/dx would be 2x = 4
      t.reset();
      expect(t.watchedVariables()).toEqual([]);
      return first.add(x.mul(3)); // only this part: d/dx = 3
    });
    expect(vals(t.gradient(loss, x))).toBe(3);
  });

  it('reset makes a used non-persistent tape usable again', () => {
    const x = tf.Variable(2);
    const t = new tf.GradientTape();
    const y = t.record(() => x.mul(x));
    t.gradient(y, x);
    t.reset();
    const z = t.record(() => x.mul(4));
    expect(vals(t.gradient(z, x))).toBe(4);
  });
});

describe('jacobian and batchJacobian', () => {
  it('jacobian of an elementwise square is diagonal', () => {
    const x = tf.Variable([1, 2, 3]);
    const t = new tf.GradientTape();
    const y = t.record(() => x.mul(x));
    // ∂(x_i²)/∂x_j = 2x_i δ_ij
    expect(vals(t.jacobian(y, x))).toEqual([
      [2, 0, 0],
      [0, 4, 0],
      [0, 0, 6],
    ]);
  });

  it('jacobian of a non-elementwise map', () => {
    const x = tf.Variable([2, 3]);
    const t = new tf.GradientTape();
    // y = [x0·x1, x0 + x1] → J = [[x1, x0], [1, 1]] = [[3, 2], [1, 1]]
    const y = t.record(() => {
      const [a, b] = [tf.gather(x, 0), tf.gather(x, 1)];
      return tf.stack([a.mul(b), a.add(b)]);
    });
    expect(vals(t.jacobian(y, x))).toEqual([
      [3, 2],
      [1, 1],
    ]);
  });

  it('jacobian with several sources, in their structure; unconnected ones null or zeros', () => {
    const a = tf.Variable([1, 2]);
    const b = tf.Variable(3);
    const c = tf.Variable([9, 9, 9]);
    const t = new tf.GradientTape();
    // y = a·b → ∂y/∂a = b·I, ∂y/∂b = a (shape [2])
    const y = t.record(() => a.mul(b));
    const j = t.jacobian(y, { a, b, c }) as Record<string, Tensor | null>;
    expect(j.a!.numpy()).toEqual([
      [3, 0],
      [0, 3],
    ]);
    expect(j.b!.numpy()).toEqual([1, 2]);
    expect(j.c).toBeNull();
    expect(() => t.jacobian(y, [a])).toThrow(USED);
    const p = new tf.GradientTape({ persistent: true });
    const y2 = p.record(() => a.mul(b));
    const [, , jc] = p.jacobian(y2, [a, b, c], { unconnectedGradients: 'zero' }) as Tensor[];
    expect(jc.shape).toEqual([2, 3]);
    expect(jc.numpy()).toEqual([
      [0, 0, 0],
      [0, 0, 0],
    ]);
  });

  it('batchJacobian: per-example jacobians of x³ and of x @ W', () => {
    const x = tf.Variable([
      [1, 2],
      [3, 4],
    ]);
    const W = tf.constant([
      [1, 2],
      [3, 4],
    ]);
    const t = new tf.GradientTape({ persistent: true });
    const [cube, lin] = t.record(() => [x.pow(3), tf.matmul(x, W)]);
    // ∂(x_bi³)/∂x_bj = 3x_bi² δ_ij
    expect(vals(t.batchJacobian(cube, x))).toEqual([
      [
        [3, 0],
        [0, 12],
      ],
      [
        [27, 0],
        [0, 48],
      ],
    ]);
    // y_b = x_b W → ∂y_bi/∂x_bj = W_ji, i.e. Wᵀ for every example
    const wt = [
      [1, 3],
      [2, 4],
    ];
    expect(vals(t.batch_jacobian(lin, x))).toEqual([wt, wt]);
  });

  it('batchJacobian of an unconnected source: null, or zeros', () => {
    const x = tf.Variable([[1], [2]]);
    const z = tf.Variable([
      [5, 6],
      [7, 8],
    ]);
    const t = new tf.GradientTape({ persistent: true });
    const y = t.record(() => x.mul(2));
    expect(t.batchJacobian(y, z)).toBeNull();
    const j = t.batchJacobian(y, z, { unconnectedGradients: 'zero' })!;
    expect(j.shape).toEqual([2, 1, 2]);
  });
});

describe('customGradient and stopGradient', () => {
  it('the TF docs log1pexp: a custom gradient that stays finite at x = 100', () => {
    const log1pexp = tf.customGradient((x: Tensor) => {
      const e = tf.exp(x);
      const grad = (upstream: Tensor) => upstream.mul(tf.subtract(1, tf.divide(1, tf.add(1, e))));
      return [tf.math.log(tf.add(1, e)), grad] as const;
    });
    const x = tf.constant(100);
    const t = new tf.GradientTape();
    const y = t.record(() => {
      t.watch(x);
      return log1pexp(x);
    });
    expect(vals(y)).toBe(Number.POSITIVE_INFINITY); // float32 e^100 overflows
    expect(vals(t.gradient(y, x))).toBe(1); // 1 - 1/(1 + inf)
  });

  it('the gradient is the one given, for several inputs', () => {
    const f = tf.custom_gradient((a: Tensor, b: Tensor) => {
      const grad = (dy: Tensor) => [dy.mul(10), dy.mul(a)];
      return [a.mul(b), grad] as const;
    });
    const a = tf.Variable(2);
    const b = tf.Variable(3);
    const t = new tf.GradientTape();
    const y = t.record(() => f(a, b));
    expect(vals(y)).toBe(6);
    expect((t.gradient(y, [a, b]) as Tensor[]).map((g) => g.numpy())).toEqual([10, 2]);
  });

  it('gradFn runs with ordinary ops: nested tapes differentiate it again', () => {
    const cube = tf.customGradient(
      (x: Tensor) => [x.pow(3), (dy: Tensor) => dy.mul(x.pow(2)).mul(3)] as const,
    );
    const x = tf.Variable(2);
    const outer = new tf.GradientTape();
    const inner = new tf.GradientTape();
    const d1 = outer.record(() => {
      const y = inner.record(() => cube(x));
      return inner.gradient(y, x) as Tensor; // 3x² = 12
    });
    expect(vals(d1)).toBe(12);
    expect(vals(outer.gradient(d1, x))).toBe(12); // 6x
  });

  it('stop_gradient blocks the path through it only', () => {
    const x = tf.Variable([1, 2, 3]);
    const t = new tf.GradientTape();
    // z = stop(x²)·x → dz/dx = x²
    const z = t.record(() => tf.stop_gradient(x.mul(x)).mul(x));
    expect(vals(t.gradient(z, x))).toEqual([1, 4, 9]);
  });
});

describe('variables under tapes', () => {
  it('assign is not recorded; later reads see the new value', () => {
    const v = tf.Variable([1, 2]);
    const t = new tf.GradientTape({ persistent: true });
    const y = t.record(() => {
      v.assign([3, 4]);
      v.assign_add([1, 1]); // [4, 5]
      v.assignSub([2, 2]); // [2, 3]
      return tf.reduce_sum(v.mul(v));
    });
    expect(vals(t.gradient(y, v))).toEqual([4, 6]); // 2v
    expect(v.numpy()).toEqual([2, 3]);
  });

  it('ops that could return views of a variable return snapshots, still differentiable', () => {
    const v = tf.Variable([1, 2]);
    const t = new tf.GradientTape({ persistent: true });
    const [s, r, c, k] = t.record(() => [
      tf.stop_gradient(v),
      tf.reshape(v, [2, 1]),
      tf.cast(v, tf.float32),
      tf.constant(v),
    ]);
    v.assign([5, 6]);
    expect([s, r, c, k].map((x) => x.numpy())).toEqual([
      [1, 2],
      [[1], [2]],
      [1, 2],
      [1, 2],
    ]);
    k.dispose();
    c.dispose();
    expect(v.numpy()).toEqual([5, 6]); // the variable's own value is untouched
    expect(t.gradient(s, v)).toBeNull();
    expect(vals(t.gradient(r, v))).toEqual([1, 1]);
  });

  it('read_value is a snapshot that the tape differentiates back to the variable', () => {
    const v = tf.Variable(3);
    const t = new tf.GradientTape();
    const r = t.record(() => v.readValue().mul(2));
    v.assign(10);
    expect(vals(r)).toBe(6);
    expect(vals(t.gradient(r, v))).toBe(2);
  });
});
