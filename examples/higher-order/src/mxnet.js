// Higher-order derivatives in the MXNet style (`np` / `npx`): autograd.grad with
// create_graph=True inside autograd.record, then backward with head gradients for a
// Hessian-vector product, the Hessian and a jacobian row by row; a Newton step; and a custom
// gradient (autograd.Function).
// Run: node src/main.js   (runs this next to the PyTorch and TensorFlow versions)
//
// Python lines are kept as comments where the JavaScript reads differently.
// from mxnet import autograd, np, npx
import { autograd, np, npx, str, tidy } from '@polygrad/mxnet';
import { A, B, solve, V, X0, XS, Z } from './problem.js';

npx.set_np();

/** Rosenbrock's function: sum(100 (x[1:] - x[:-1]²)² + (1 - x[:-1])²). */
export function rosenbrock(x) {
  const [head, tail] = [x.index(':-1'), x.index('1:')]; // x[:-1], x[1:]
  // np.sum(100 * (x[1:] - x[:-1] ** 2) ** 2 + (1 - x[:-1]) ** 2)
  return np.sum(tail.sub(head.pow(2)).pow(2).mul(100).add(head.rsub(1).pow(2)));
}

/** ½ xᵀAx − bᵀx: 0.5 * np.dot(x, np.dot(A, x)) - np.dot(b, x) */
function quadratic(x) {
  const xAx = np.dot(x, np.dot(np.array(A), x));
  return xAx.mul(0.5).sub(np.dot(np.array(B), x));
}

/** f(x) and its gradient, recorded so that the gradient can be differentiated again. */
function valueAndGrad(f, x) {
  // x.attach_grad()
  // with autograd.record():
  //     y = f(x)
  //     g = autograd.grad(y, [x], create_graph=True)[0]
  x.attach_grad();
  return autograd.record(() => {
    const y = f(x);
    return [y, autograd.grad(y, [x], { create_graph: true })[0]];
  });
}

/**
 * The jacobian of the recorded `y` with respect to `x`, row by row: `y.backward(e_i)` writes
 * e_iᵀJ into x.grad. The graph is kept for the next row, and freed by the last.
 */
function jacobianRows(y, x) {
  const rows = [];
  for (let i = 0; i < y.shape[0]; i++) {
    y.backward(np.eye(y.shape[0]).index(i), { retain_graph: i < y.shape[0] - 1 }); // head gradient np.eye(n)[i]
    rows.push(x.grad.copy());
  }
  return np.stack(rows);
}

/** One Newton step x − H⁻¹g from x0; returns the new point and f there. */
function newtonStep(f, x0) {
  const x = np.array(x0);
  const [, g] = valueAndGrad(f, x);
  const H = jacobianRows(g, x); // the Hessian is the jacobian of the gradient
  // x_new = x - np.linalg.solve(H, g)   (no np.linalg.solve: see problem.js)
  const xNew = x.sub(np.array(solve(H.asnumpy(), g.asnumpy())));
  return { x: xNew, f: f(xNew) };
}

/** log(1 + eˣ) computed stably, with the gradient sigmoid(x) instead of eˣ / (1 + eˣ). */
class Log1pExp extends autograd.Function {
  forward(x) {
    this.save_for_backward(x);
    return np.maximum(x, 0).add(np.log1p(np.exp(np.abs(x).neg()))); // np.maximum(x, 0) + np.log1p(np.exp(-np.abs(x)))
  }

  backward(dy) {
    const [x] = this.saved_tensors;
    return dy.mul(npx.sigmoid(x)); // ordinary ops: differentiable again
  }
}

export function run({ log = console.log } = {}) {
  return tidy(() => {
    // Gradient, then H·v by a backward through the gradient with head gradient v.
    const x = np.array(X0);
    const [y, g] = valueAndGrad(rosenbrock, x);
    g.backward(np.array(V), { retain_graph: true }); // d(g·v)/dx = H·v
    const hvp = x.grad.copy();
    const H = jacobianRows(g, x);
    log(`f(x) = ${str(y)}`);
    log(`grad f(x) = ${str(g)}`);
    log(`H·v = ${str(hvp)}`);
    log(`H =\n${str(H)}`);

    const newton = newtonStep(rosenbrock, X0);
    const quad = newtonStep(quadratic, X0);
    log(`Newton step: x_new = ${str(newton.x)}, f(x_new) = ${str(newton.f)}`);
    log(`Newton step on the quadratic: x_new = ${str(quad.x)}`);

    // The jacobian of softmax, diag(s) - s sᵀ, row by row.
    const z = np.array(Z);
    z.attach_grad();
    const J = jacobianRows(
      autograd.record(() => npx.softmax(z)),
      z,
    );
    log(`jacobian of softmax =\n${str(J)}`);

    // The custom gradient, its derivative, and plain autograd.
    const xs = np.array(XS);
    const [l, dl] = valueAndGrad((t) => new Log1pExp().apply(t), xs); // one instance per call, as in MXNet
    dl.backward();
    const d2l = xs.grad.copy();
    // with autograd.record():
    //     naive = np.log(1 + np.exp(x))
    autograd.record(() => np.log(np.exp(xs).add(1))).backward();
    const naive = xs.grad;
    log(`log1pexp(x) = ${str(l)}`);
    log(`its custom gradient = ${str(dl)}`);
    log(`its second derivative = ${str(d2l)}`);
    log(`autograd of log(1 + exp(x)) = ${str(naive)}`);

    return {
      f: y.item(),
      grad: g.asnumpy(),
      hvp: hvp.asnumpy(),
      hessian: H.asnumpy(),
      newton: { x: newton.x.asnumpy(), f: newton.f.item() },
      quadratic: { x: quad.x.asnumpy(), f: quad.f.item() },
      jacobian: J.asnumpy(),
      log1pexp: { value: l.asnumpy(), grad: dl.asnumpy(), grad2: d2l.asnumpy(), naiveGrad: naive.asnumpy() },
    };
  });
}
