// Higher-order derivatives in the TensorFlow style: nested GradientTapes for a Hessian-vector
// product and the Hessian, a Newton step, tape.jacobian, and tf.custom_gradient.
// Run: node src/main.js   (runs this next to the MXNet and PyTorch versions)
//
// Python lines are kept as comments where the JavaScript reads differently.
import { str, tf } from '@polygrad/tf';
import { A, B, solve, V, X0, XS, Z } from './problem.js';

/** Rosenbrock's function: sum(100 (x[1:] - x[:-1]²)² + (1 - x[:-1])²). */
export function rosenbrock(x) {
  const [head, tail] = [x.index(':-1'), x.index('1:')]; // x[:-1], x[1:]
  // tf.reduce_sum(100 * (x[1:] - x[:-1] ** 2) ** 2 + (1 - x[:-1]) ** 2)
  return tf.reduce_sum(tail.sub(head.pow(2)).pow(2).mul(100).add(tf.subtract(1, head).pow(2)));
}

/** ½ xᵀAx − bᵀx: 0.5 * tf.tensordot(x, tf.linalg.matvec(A, x), 1) - tf.tensordot(b, x, 1) */
function quadratic(x) {
  const xAx = tf.tensordot(x, tf.linalg.matvec(tf.constant(A), x), 1);
  return xAx.mul(0.5).sub(tf.tensordot(tf.constant(B), x, 1));
}

/**
 * The value, gradient and outer tape of f at the variable x: the gradient is computed while
 * the outer tape records, so the outer tape can differentiate it again.
 */
function gradientTapes(f, x) {
  // with tf.GradientTape(persistent=True) as t2:
  //     with tf.GradientTape() as t1:
  //         y = f(x)
  //     g = t1.gradient(y, x)
  const t2 = new tf.GradientTape({ persistent: true });
  const [y, g] = t2.record(() => {
    const t1 = new tf.GradientTape();
    const y = t1.record(() => f(x));
    return [y, t1.gradient(y, x)];
  });
  return { y, g, t2 };
}

/** One Newton step x − H⁻¹g from x0; returns the new point and f there. */
function newtonStep(f, x0) {
  const x = tf.Variable(x0);
  const { g, t2 } = gradientTapes(f, x);
  const H = t2.jacobian(g, x);
  // x_new = x - tf.linalg.solve(H, g[:, None])[:, 0]   (no tf.linalg.solve: see problem.js)
  const xNew = x.sub(tf.constant(solve(H.numpy(), g.numpy())));
  x.dispose(); // variables are not freed by tidy
  return { x: xNew, f: f(xNew) };
}

// @tf.custom_gradient
// def log1pexp(x):
//     def grad(upstream):
//         return upstream * tf.sigmoid(x)
//     return tf.maximum(x, 0.) + tf.math.log1p(tf.exp(-tf.abs(x))), grad
/** log(1 + eˣ) computed stably, with the gradient sigmoid(x) instead of eˣ / (1 + eˣ). */
const log1pexp = tf.custom_gradient((x) => {
  const grad = (upstream) => upstream.mul(tf.sigmoid(x)); // ordinary ops: differentiable again
  return [tf.maximum(x, 0).add(tf.math.log1p(tf.exp(tf.abs(x).neg()))), grad];
});

export function run({ log = console.log } = {}) {
  return tf.tidy(() => {
    // Gradient, Hessian-vector product (double backward) and Hessian from nested tapes.
    const x = tf.Variable(X0);
    const v = tf.constant(V);
    const { y, g, t2 } = gradientTapes(rosenbrock, x);
    const hvp = t2.gradient(g, x, { output_gradients: v }); // d(g·v)/dx = H·v
    const H = t2.jacobian(g, x);
    x.dispose();
    log(`f(x) = ${str(y)}`);
    log(`grad f(x) = ${str(g)}`);
    log(`H·v = ${str(hvp)}`);
    log(`H =\n${str(H)}`);

    const newton = newtonStep(rosenbrock, X0);
    const quad = newtonStep(quadratic, X0);
    log(`Newton step: x_new = ${str(newton.x)}, f(x_new) = ${str(newton.f)}`);
    log(`Newton step on the quadratic: x_new = ${str(quad.x)}`);

    // The jacobian of softmax, diag(s) - s sᵀ.
    // with tf.GradientTape() as t:
    //     t.watch(z)
    //     s = tf.nn.softmax(z)
    const z = tf.constant(Z);
    const t = new tf.GradientTape();
    const s = t.record(() => {
      t.watch(z);
      return tf.nn.softmax(z);
    });
    const J = t.jacobian(s, z);
    log(`jacobian of softmax =\n${str(J)}`);

    // The custom gradient, its derivative (a tape around the tape), and plain autograd.
    const xs = tf.constant(XS);
    const [outer, inner] = [new tf.GradientTape(), new tf.GradientTape({ persistent: true })];
    let l;
    let naiveL;
    const dl = outer.record(() => {
      outer.watch(xs);
      inner.record(() => {
        inner.watch(xs);
        l = log1pexp(xs);
        naiveL = tf.math.log(tf.exp(xs).add(1)); // tf.math.log(1 + tf.exp(x))
      });
      return inner.gradient(l, xs);
    });
    const d2l = outer.gradient(dl, xs);
    const naive = inner.gradient(naiveL, xs);
    log(`log1pexp(x) = ${str(l)}`);
    log(`its custom gradient = ${str(dl)}`);
    log(`its second derivative = ${str(d2l)}`);
    log(`autograd of log(1 + exp(x)) = ${str(naive)}`);

    return {
      f: y.numpy(),
      grad: g.numpy(),
      hvp: hvp.numpy(),
      hessian: H.numpy(),
      newton: { x: newton.x.numpy(), f: newton.f.numpy() },
      quadratic: { x: quad.x.numpy(), f: quad.f.numpy() },
      jacobian: J.numpy(),
      log1pexp: { value: l.numpy(), grad: dl.numpy(), grad2: d2l.numpy(), naiveGrad: naive.numpy() },
    };
  });
}
