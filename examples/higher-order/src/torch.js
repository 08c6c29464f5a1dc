// Higher-order derivatives in the PyTorch style: a Hessian-vector product by double backward,
// the Hessian, a Newton step, a jacobian, and a custom gradient (torch.autograd.Function).
// Run: node src/main.js   (runs this next to the MXNet and TensorFlow versions)
//
// Python lines are kept as comments where the JavaScript reads differently.
import { str, torch } from '@polygrad/torch';
import { A, B, solve, V, X0, XS, Z } from './problem.js';

/** Rosenbrock's function: sum(100 (x[1:] - x[:-1]²)² + (1 - x[:-1])²). */
export function rosenbrock(x) {
  const [head, tail] = [x.index(':-1'), x.index('1:')]; // x[:-1], x[1:]
  // torch.sum(100 * (x[1:] - x[:-1] ** 2) ** 2 + (1 - x[:-1]) ** 2)
  return torch.sum(tail.sub(head.pow(2)).pow(2).mul(100).add(torch.sub(1, head).pow(2)));
}

/** ½ xᵀAx − bᵀx: 0.5 * x @ (A @ x) - b @ x */
function quadratic(x) {
  const xAx = x.matmul(torch.tensor(A).matmul(x));
  return xAx.mul(0.5).sub(torch.tensor(B).matmul(x));
}

/** One Newton step x − H⁻¹g from x0; returns the new point and f there. */
function newtonStep(f, x0) {
  const x = torch.tensor(x0, { requiresGrad: true });
  const [g] = torch.autograd.grad(f(x), x);
  const H = torch.autograd.functional.hessian(f, x);
  // x_new = x - torch.linalg.solve(H, g)   (no torch.linalg.solve: see problem.js)
  const xNew = torch.noGrad(() => x.sub(torch.tensor(solve(H.tolist(), g.tolist()))));
  return { x: xNew, f: f(xNew) };
}

/** log(1 + eˣ) computed stably, with the gradient sigmoid(x) instead of eˣ / (1 + eˣ). */
class Log1pExp extends torch.autograd.Function {
  static forward(ctx, x) {
    ctx.save_for_backward(x);
    // torch.clamp(x, min=0) + torch.log1p(torch.exp(-torch.abs(x)))
    return torch.clamp(x, { min: 0 }).add(torch.log1p(torch.exp(torch.abs(x).neg())));
  }

  static backward(ctx, gradOutput) {
    const [x] = ctx.saved_tensors;
    return gradOutput.mul(torch.sigmoid(x)); // ordinary ops: differentiable again
  }
}

export function run({ log = console.log } = {}) {
  return torch.tidy(() => {
    // Gradient and Hessian-vector product by double backward.
    const x = torch.tensor(X0, { requiresGrad: true });
    const v = torch.tensor(V);
    const y = rosenbrock(x);
    const [g] = torch.autograd.grad(y, x, { create_graph: true }); // a graph we can differentiate again
    const [hvp] = torch.autograd.grad(g, x, { grad_outputs: v }); // d(g·v)/dx = H·v
    const H = torch.autograd.functional.hessian(rosenbrock, x);
    log(`f(x) = ${str(y)}`);
    log(`grad f(x) = ${str(g)}`);
    log(`H·v = ${str(hvp)}`);
    log(`H =\n${str(H)}`);

    const newton = newtonStep(rosenbrock, X0);
    const quad = newtonStep(quadratic, X0);
    log(`Newton step: x_new = ${str(newton.x)}, f(x_new) = ${str(newton.f)}`);
    log(`Newton step on the quadratic: x_new = ${str(quad.x)}`);

    // The jacobian of softmax, diag(s) - s sᵀ.
    const J = torch.autograd.functional.jacobian((z) => torch.softmax(z, 0), torch.tensor(Z));
    log(`jacobian of softmax =\n${str(J)}`);

    // The custom gradient, its derivative, and what plain autograd gives.
    const xs = torch.tensor(XS, { requires_grad: true });
    const l = Log1pExp.apply(xs);
    const [dl] = torch.autograd.grad(l.sum(), xs, { create_graph: true });
    const [d2l] = torch.autograd.grad(dl.sum(), xs);
    const [naive] = torch.autograd.grad(torch.log(torch.exp(xs).add(1)).sum(), xs); // log(1 + exp(x))
    log(`log1pexp(x) = ${str(l)}`);
    log(`its custom gradient = ${str(dl)}`);
    log(`its second derivative = ${str(d2l)}`);
    log(`autograd of log(1 + exp(x)) = ${str(naive)}`);

    return {
      f: y.item(),
      grad: g.tolist(),
      hvp: hvp.tolist(),
      hessian: H.tolist(),
      newton: { x: newton.x.tolist(), f: newton.f.item() },
      quadratic: { x: quad.x.tolist(), f: quad.f.item() },
      jacobian: J.tolist(),
      log1pexp: { value: l.tolist(), grad: dl.tolist(), grad2: d2l.tolist(), naiveGrad: naive.tolist() },
    };
  });
}
